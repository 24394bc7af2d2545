import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { runCheckCommand } from '../../../src/cli/check';
import { tempFolder } from '../fixtures/temp-folder';

describe('m365-licenses check on a file past the per-code cap', () => {
  it('prints 1,000 findings of the kind and one that counts the rest, and the totals count them all', async () => {
    const file = join(tempFolder('licenses-cap-'), 'many.licenses');
    writeFileSync(
      file,
      `assign ${Array.from({ length: 1200 }, (_, i) => `NOSUCH${i}`).join(' ')}\nalice@contoso.com\n`,
    );
    const out: string[] = [];
    const code = await runCheckCommand([file], { stdout: (l) => out.push(l), stderr: () => undefined });
    assert.equal(code, 1);
    assert.equal(out.filter((l) => l.includes(' error unknown-sku: Unknown SKU')).length, 1000);
    assert.ok(
      out.some((l) =>
        /many\.licenses:1:\d+: error unknown-sku: \.\.\. and 200 more unknown-sku findings from here on, not listed: a file lists at most 1,000 of one kind\./.test(
          l,
        ),
      ),
      out.slice(-3).join('\n'),
    );
    assert.equal(out[out.length - 1], '1 file checked: 1,200 errors, 0 warnings, 0 notes.');
  });
});
