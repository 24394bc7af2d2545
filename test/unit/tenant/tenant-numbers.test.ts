import * as assert from 'node:assert/strict';
import { parseLicensesFile } from '../../../src/core/format';
import { readNumberInventory } from '../../../src/core/numbers/teams-reads';
import { readUsers } from '../../../src/core/reads/tenant-reads';
import { numberTenantRules } from '../../../src/core/rules/number-rules';
import { TenantNumbersState } from '../../../src/core/tenant/tenant-numbers';
import { startNumbersTenant, type NumbersTenant } from '../numbers/helpers';
import { catalog } from '../helpers';

/** The editor's number state over the demo tenant on loopback, as the VS Code adapter wires it. */
function stateOver(tenant: NumbersTenant, session: { current?: string } = { current: 'admin' }) {
  const reads = { inventory: 0, users: [] as string[][] };
  const state = new TenantNumbersState<string>(
    () => session.current,
    async () => {
      reads.inventory++;
      return readNumberInventory(tenant.connection);
    },
    async (_s, references) => {
      reads.users.push([...references]);
      const read = await readUsers(tenant.connection, references);
      return [...read.values()].flatMap((r) => (r.kind === 'found' ? [r.user] : []));
    },
  );
  return { state, reads, session };
}

describe("the tenant's telephone numbers in the editor (demo tenant on loopback)", () => {
  let tenant: NumbersTenant | undefined;
  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });

  it('reads nothing until a file has numbers, then the inventory once, and each numbered user once', async () => {
    tenant = await startNumbersTenant();
    const { state, reads } = stateOver(tenant);
    await state.refresh();
    assert.equal(state.state.kind, 'unread');
    assert.equal(reads.inventory, 0, 'a plain list of UPNs costs no Teams read');
    await Promise.all([state.need(), state.need()]);
    assert.equal(state.state.kind, 'loaded');
    assert.equal(reads.inventory, 1);
    await state.needUsers(['Erin@contoso.com', 'adele.vance@contoso.com']);
    await state.needUsers(['erin@contoso.com']);
    assert.deepEqual(reads.users, [['erin@contoso.com', 'adele.vance@contoso.com']]);
    assert.equal(state.users.get('erin@contoso.com')?.id, tenant.userId('erin@contoso.com').toLowerCase());
  });

  it('judges a file against the real inventory: held by another, not for users, absent, and a free one', async () => {
    tenant = await startNumbersTenant();
    const { state } = stateOver(tenant);
    await state.need();
    const text = [
      'assign MCOEV MCOPSTN1',
      'usage-location US',
      'nestor.wilke@contoso.com  +1 425 555 0100',
      'alex.wilber@contoso.com   +1 425 555 0199',
      'diego.siciliani@contoso.com +1 425 555 0198',
      'isaiah.langer@contoso.com +1 425 555 0110',
    ].join('\n');
    await state.needUsers(['nestor.wilke@contoso.com', tenant.userId('erin@contoso.com')]);
    const found = numberTenantRules(parseLicensesFile(text), catalog, state).map((f) => [f.code, f.range.start.line]);
    assert.deepEqual(found, [
      ['number-assigned-elsewhere', 2],
      ['number-not-for-users', 3],
      ['number-not-in-tenant', 4],
    ]);
    const held = numberTenantRules(parseLicensesFile(text), catalog, state)[0];
    assert.match(held.message, /assigned to erin@contoso\.com/);
  });

  it('without TeamsTelephoneNumber.Read.All: one information finding names the permission, the checks stay silent', async () => {
    tenant = await startNumbersTenant({
      tokenFor: (emu) => emu.mintToken({ scopes: ['User.Read.All'], directoryRoles: ['License Administrator'] }),
    });
    const { state } = stateOver(tenant);
    await state.need();
    assert.equal(state.state.kind, 'unreadable');
    const findings = numberTenantRules(
      parseLicensesFile('assign MCOEV\na@contoso.com +14255550100\nb@contoso.com +14255550199'),
      catalog,
      state,
    );
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, f.range.start.line]),
      [['numbers-not-checked', 'information', 1]],
    );
    assert.match(findings[0].message, /TeamsTelephoneNumber\.Read\.All/);
  });

  it('drops an answer for a session since signed out', async () => {
    tenant = await startNumbersTenant();
    const { state, session } = stateOver(tenant);
    const first = state.need();
    session.current = undefined;
    await first;
    assert.notEqual(state.state.kind, 'loaded');
    await state.refresh();
    assert.equal(state.state.kind, 'unread');
  });
});
