// "Apply License File" against the embedded demo tenant, through the command API:
//   await vscode.commands.executeCommand('licenses.useDemoTenant')
//   await vscode.commands.executeCommand('licenses.apply', uri, { skipConfirmation: true })
//     -> { results: [{ user, outcome: 'changed'|'unchanged'|'failed'|'skipped', added, removed, error?: {code, message}
// }], summary }
// Kept apart from the other suites: these expectations depend on the demo tenant's seed data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateByOpening, fixtureUri, revertAndCloseAll } from './helpers';

type Outcome = 'changed' | 'unchanged' | 'failed' | 'skipped';
interface UserResult {
  user: string;
  outcome: Outcome;
  added: string[];
  removed: string[];
  error?: { code: string; message: string };
}
interface ApplyResult {
  results: UserResult[];
  summary: Record<string, unknown>;
}

const FILE = 'phone-system.licenses';
const USERS = ['alice@contoso.com', 'bob@contoso.com', 'unknown.user@contoso.com'];

async function applyFixture(): Promise<ApplyResult> {
  const result = await vscode.commands.executeCommand<ApplyResult>('licenses.apply', fixtureUri(FILE), {
    skipConfirmation: true,
  });
  assert.ok(
    result && Array.isArray(result.results),
    `licenses.apply returned ${JSON.stringify(result)}, expected { results: [...], summary }`,
  );
  assert.ok(result.summary && typeof result.summary === 'object', 'licenses.apply returned no summary');
  return result;
}

function resultFor(r: ApplyResult, user: string): UserResult {
  const found = r.results.filter((x) => x.user.toLowerCase() === user.toLowerCase());
  assert.equal(found.length, 1, `${user}: expected exactly one result, got ${JSON.stringify(found)}`);
  return found[0];
}

describe(`apply ${FILE} to the demo tenant`, function () {
  this.timeout(60_000);
  let first: ApplyResult;

  before(async function () {
    await activateByOpening(FILE);
    await vscode.commands.executeCommand('licenses.useDemoTenant');
    first = await applyFixture();
  });
  after(revertAndCloseAll);

  it('returns exactly one result per user of the file', () => {
    assert.deepEqual(first.results.map((r) => r.user.toLowerCase()).sort(), [...USERS].sort());
  });

  for (const user of ['alice@contoso.com', 'bob@contoso.com']) {
    it(`${user}: changed, MCOEV and MCOPSTN1 added`, () => {
      const r = resultFor(first, user);
      assert.equal(r.outcome, 'changed', JSON.stringify(r));
      for (const sku of ['MCOEV', 'MCOPSTN1'])
        assert.ok(r.added.includes(sku), `${sku} not in added: ${JSON.stringify(r.added)}`);
      assert.deepEqual(r.removed, []);
      assert.equal(r.error, undefined);
    });
  }

  it('unknown.user@contoso.com: failed with Request_ResourceNotFound', () => {
    const r = resultFor(first, 'unknown.user@contoso.com');
    assert.equal(r.outcome, 'failed', JSON.stringify(r));
    assert.equal(r.error?.code, 'Request_ResourceNotFound');
    assert.ok(r.error?.message, 'error message is empty');
    assert.deepEqual(r.added, []);
  });

  it('applying the same file again changes nothing (alice and bob unchanged)', async () => {
    const again = await applyFixture();
    for (const user of ['alice@contoso.com', 'bob@contoso.com']) {
      const r = resultFor(again, user);
      assert.equal(r.outcome, 'unchanged', JSON.stringify(r));
      assert.deepEqual(r.added, []);
    }
  });
});
