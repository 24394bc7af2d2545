import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../../../src/core/rules/codes';
import { tenantRules } from '../../../src/core/rules/tenant-rules';
import type { TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { tenantOf as tenantWith } from '../fixtures/tenants';
import { parseLicensesFile } from '../../../src/core/format';
import { validate, type Finding } from '../../../src/core/rules';
import { catalog } from '../helpers';
import { groupTenantRules } from '../../../src/core/rules/group-tenant-rules';
import { groupsOf } from '../fixtures/groups';
import { numberTenantRules } from '../../../src/core/rules/number-rules';
import { numbersOf } from '../fixtures/numbers';
import { tenantReachFinding } from '../../../src/core/rules/tenant-line-rules';
import type { ParsedFile } from '../../../src/core/format/types';
import { english, type Translate } from '../../../src/core/text/translate';

/**
 * A `# unreachable: <why>` line: the session cannot reach the file's tenant, for that reason; `# reach: needs-sign-in`:
 * reaching it needs a sign-in that opening the file does not ask for.
 */
function unreachableOf(parsed: ParsedFile, text: string, t: Translate = english) {
  const why = /^# unreachable: (.+)$/m.exec(text)?.[1];
  const needsSignIn = /^# reach: needs-sign-in$/m.test(text);
  const f = why
    ? tenantReachFinding(parsed, { kind: 'refused', why }, t)
    : needsSignIn
      ? tenantReachFinding(parsed, { kind: 'needs-sign-in' }, t)
      : undefined;
  return f ? [f] : [];
}

/**
 * One fixture per diagnostic code, test/fixtures/rules/<code>.licenses. A line ending in
 * `# expect: <code>` must carry that code, and no other line may carry any: a new code in RULES
 * without a fixture fails here, as does a rule that stops firing or starts firing elsewhere.
 * Codes that need the signed-in tenant read it from a `# tenant: <PART_NUMBER> <seats left>` line,
 * or `# tenant: <PART_NUMBER> <seats left> of <seats>` for a subscription partly assigned; the number
 * checks read the tenant's numbers and users from `# number:` and `# user:` lines (test/unit/fixtures/numbers.ts).
 */
const DIR = resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'rules');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.licenses'))
  .map((f) => f.slice(0, -'.licenses'.length));

function expectedMarks(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    const m = /#\s*expect:\s*([a-z-]+)\s*$/.exec(line);
    return m ? [`${m[1]} @ line ${i + 1}`] : [];
  });
}

function tenantOf(text: string): TenantSkus | undefined {
  const m = /^# tenant: (\S+) (\d+)(?: of (\d+))?\s*$/m.exec(text);
  if (!m) return undefined;
  assert.ok(catalog.skusByPartNumber(m[1])[0], `# tenant: ${m[1]} is not in the catalog`);
  const total = Number(m[3] ?? m[2]);
  return tenantWith({ [m[1]]: { total, used: total - Number(m[2]) } });
}

function findingsOf(text: string): Finding[] {
  const parsed = parseLicensesFile(text);
  const tenant = tenantOf(text);
  const groups = groupsOf(text);
  const numbers = numbersOf(text);
  return [
    ...validate(parsed, catalog),
    ...(tenant ? tenantRules(parsed, catalog, tenant) : []),
    ...(groups ? groupTenantRules(parsed, groups) : []),
    ...(numbers ? numberTenantRules(parsed, catalog, numbers) : []),
    ...unreachableOf(parsed, text),
  ];
}

describe('every diagnostic code has a fixture that raises it', () => {
  it('each code in RULES has test/fixtures/rules/<code>.licenses, and each fixture names a code', () => {
    const codes = Object.keys(RULES);
    assert.deepEqual(
      codes.filter((c) => !fixtures.includes(c)),
      [],
      'codes without a fixture',
    );
    assert.deepEqual(
      fixtures.filter((f) => !codes.includes(f)),
      [],
      'fixtures of codes the validator does not have',
    );
  });

  for (const code of fixtures) {
    it(`${code}.licenses raises ${code} on its marked lines and nothing else`, () => {
      const text = readFileSync(join(DIR, `${code}.licenses`), 'utf8');
      const expected = expectedMarks(text);
      assert.ok(
        expected.some((e) => e.startsWith(`${code} @`)),
        `${code}.licenses marks no line with # expect: ${code}`,
      );
      const raised = [...new Set(findingsOf(text).map((f) => `${f.code} @ line ${f.range.start.line + 1}`))];
      assert.deepEqual(raised.sort(), expected.sort());
    });
  }
});
