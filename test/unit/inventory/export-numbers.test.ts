import * as assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../../src/core/format';
import type { GraphConnection } from '../../../src/core/graph/connection';
import { exportTenant } from '../../../src/core/inventory/export-tenant';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import { validate } from '../../../src/core/rules';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { startTenant, type TestTenant } from '../fixtures/test-tenant';
import { startNumbersTenant, type NumbersTenant } from '../numbers/helpers';

const catalog = Catalog.builtIn();

async function exported(connection: GraphConnection) {
  const outcome = await exportTenant(connection, { kind: 'licensed' }, { tenantLabel: 'test tenant' });
  assert.ok(outcome.kind === 'exported', JSON.stringify(outcome));
  return outcome;
}

describe("export: each user's Teams number on their line, round trip", () => {
  let t: TestTenant | undefined;
  let n: NumbersTenant | undefined;
  afterEach(async () => {
    await t?.close();
    await n?.close();
    t = undefined;
    n = undefined;
  });

  it('the demo tenant: the holders of numbers carry them, and planning the file back changes no number', async () => {
    t = await startTenant();
    const { file, numbersAbsent } = await exported(t.connection);
    assert.equal(numbersAbsent, undefined);
    for (const line of [
      'erin@contoso.com   +14255550100',
      'adele.vance@contoso.com   +14255550101',
      'megan.bowen@contoso.com   +442079460100',
      'lynne.robbins@contoso.com   +33170000001',
    ])
      assert.match(file.text, new RegExp(`^${line.replace(/[.+]/g, '\\$&')}($|  #)`, 'm'), file.text);
    const parsed = parseLicensesFile(file.text);
    const problems = validate(parsed, catalog).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(problems, [], file.text);
    const planned = await planLicenses(t.connection, desiredUsers(parsed, catalog));
    assert.ok(planned.kind === 'planned');
    const numbered = planned.plan.users.filter((u) => u.number);
    assert.equal(numbered.length, 4, 'the four holders plan a number');
    assert.deepEqual(
      numbered.filter((u) => u.kind !== 'unchanged' || u.number?.kind !== 'unchanged').map((u) => u.user),
      [],
    );
  });

  it('without the permission to read numbers: the licenses as today, and why numbers are absent, said once', async () => {
    n = await startNumbersTenant({
      tokenFor: (emu) => emu.mintToken({ roles: ['User.ReadWrite.All', 'Organization.Read.All'] }),
    });
    const { file, numbersAbsent } = await exported(n.connection);
    assert.match(numbersAbsent ?? '', /TeamsTelephoneNumber\.Read\.All/);
    assert.match(file.text, /^erin@contoso\.com$/m);
    assert.doesNotMatch(file.text, /\+1425/);
  });
});
