import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { terminalIo } from '../../../src/cli/io';
import { runApplyCommand, runPlanCommand } from '../../../src/cli/plan-apply';
import { SALES_INTERNS_GROUP_ID } from '../../../src/emulator';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { capturedIo } from '../fixtures/captured-io';

/** Moves up two lines and erases one, then prints a harmless-looking total; hides; makes a link. */
const ERASE = 'Interns\u001b[2A\u001b[2K\rContoso: 0 users, nothing to change.';
const HIDE = '\u001b[8m';
const LINK = '\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI: tenant text on the terminal is shown, never obeyed', () => {
  let t: TestTenant;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'licenses-terminal-'));
    env = { LICENSES_GRAPH_URL: t.emulator.baseUrl, LICENSES_ACCESS_TOKEN: t.emulator.token };
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the y/N confirmation and every line of plan show a group name escape sequences as text', async () => {
    t.emulator.tenant.findGroup(SALES_INTERNS_GROUP_ID)!.displayName = `${ERASE}${HIDE}${LINK}\u202e`;
    const licenses = join(dir, 'g.licenses');
    writeFileSync(licenses, `assign MCOEV\ngroup ${SALES_INTERNS_GROUP_ID}\n`);
    const questions: string[] = [];
    const captured = capturedIo();
    const io = terminalIo({ ...captured, prompt: async (q: string) => (questions.push(q), 'n') });
    const code = await runApplyCommand([licenses, '--journal', join(dir, 'j.jsonl')], io, { env });
    assert.equal(code, 0, [...captured.out, ...captured.err].join('\n'));
    assert.equal(questions.length, 1, captured.err.join('\n'));
    assert.ok(!RAW.test(questions[0]!), JSON.stringify(questions[0]));
    assert.ok(questions[0]!.includes('Interns\\x1b[2A\\x1b[2K\\x0dContoso'), questions[0]);
    assert.ok(questions[0]!.includes('\\x1b]8;;https://evil.example\\x07'));
    assert.equal(t.emulator.stats.writes, 0);

    const plan = capturedIo();
    await runPlanCommand([licenses], terminalIo(plan), { env });
    const all = [...plan.out, ...plan.err].join('\n');
    assert.ok(all.includes('Interns\\x1b[2A'), all);
    assert.ok(!RAW.test(all), JSON.stringify(all));
  });

  it('main applies the rule to whatever io it is given', async () => {
    const io = capturedIo();
    assert.equal(await main(['\u001b[2Kcheck\u202e'], io), 2);
    assert.ok(io.err[0]!.includes('\\x1b[2Kcheck\\u202e'), io.err[0]);
    assert.ok(!RAW.test(io.err.join('\n')));
  });
});
