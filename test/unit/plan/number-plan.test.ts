import * as assert from 'node:assert/strict';
import french from '../../../l10n/bundle.l10n.fr.json';
import { planLicenses } from '../../../src/core/run/read-and-plan';
import { planAsRead, planAllRead } from '../../../src/core/run/plan-as-read';
import type { RunPlan } from '../../../src/core/plan/whole-plan';
import { planClassOf } from '../../../src/core/plan/plan-class';
import { planTotals, formatPlanTotals } from '../../../src/core/plan/totals';
import { formatPlanLine, planJson } from '../../../src/core/report/format-results';
import { changeSummary, planHeadlines, renderPreview } from '../../../src/core/report/preview';
import { previewView } from '../../../src/core/report/preview-view';
import { usersOf } from '../../../src/core/report/report-view';
import { confirmationLines } from '../../../src/core/report/confirmation';
import { everyChangeRefused } from '../../../src/core/run/run-licenses';
import { bundleTranslator } from '../../../src/core/text/translate';
import { wants } from '../fixtures/test-tenant';
import { startNumbersTenant, type NumbersTenant } from '../numbers/helpers';
import { withNumber } from '../numbers/number-fixtures';
import type { DesiredUser } from '../../../src/core/desired/desired';

const fr = bundleTranslator(french as Record<string, string>, 'fr');
const INVENTORY = /\/numberAssignments\?/;

async function plan(tenant: NumbersTenant, desired: DesiredUser[], t = tenant.connection.t): Promise<RunPlan> {
  const outcome = await planLicenses(tenant.connection, desired, undefined, undefined, [], t);
  assert.equal(outcome.kind, 'planned', JSON.stringify(outcome));
  assert.ok(outcome.kind === 'planned');
  return outcome.plan;
}

const userOf = (p: RunPlan, name: string) => p.users.find((u) => u.user.startsWith(`${name}@`))!;

describe("numbers in the plan: each user's number beside the license change, in three classes", () => {
  let tenant: NumbersTenant;
  beforeEach(async () => (tenant = await startNumbersTenant()));
  afterEach(() => tenant.close());

  it('assigns a free Calling Plan number to a user the same run gives a Calling Plan, and counts it', async () => {
    const p = await plan(tenant, [withNumber(wants('alice', { assign: ['MCOEV', 'MCOPSTN1'] }), '+1 425 555 0110')]);
    const alice = userOf(p, 'alice');
    assert.equal(alice.kind, 'change');
    assert.equal(alice.number?.kind, 'change');
    assert.deepEqual(alice.number?.assign, { telephoneNumber: '+14255550110', numberType: 'callingPlan' });
    assert.deepEqual(alice.number?.unassign, []);
    assert.equal(planClassOf(alice.number!), 'would-change');
    const totals = planTotals(p);
    assert.deepEqual(totals.numbers, { change: 1, unchanged: 0, failing: 0, assign: 1, unassign: 0 });
    assert.match(formatPlanTotals(totals), /\+number ×1/);
    assert.match(formatPlanLine(alice), /^~ alice@contoso\.com \+MCOEV.* · ~ \+number \+14255550110 \(Calling Plan\)$/);
    assert.deepEqual((planJson(alice) as { number: unknown }).number, {
      outcome: 'would-change',
      assign: { telephoneNumber: '+14255550110', numberType: 'callingPlan' },
    });
    assert.ok(
      planHeadlines(p).includes(
        '1 user with a number line: 1 to change, 0 already as wanted, 0 that will not be written',
      ),
    );
    assert.ok(changeSummary(p).includes('+number: 1 user gets a number'));
    assert.ok(confirmationLines(p, { tenant: 'demo' }).includes('+number: 1 user gets a number'));
  });

  it('a user already holding the number is already as wanted; no-number takes back every number the user holds', async () => {
    const p = await plan(tenant, [
      withNumber(wants('erin'), '+14255550100'),
      withNumber(wants('adele.vance'), 'no-number'),
      withNumber(wants('alice'), 'no-number'),
    ]);
    assert.equal(userOf(p, 'erin').number?.kind, 'unchanged');
    const adele = userOf(p, 'adele.vance').number!;
    assert.equal(adele.kind, 'change');
    assert.deepEqual(
      adele.unassign.map((u) => u.telephoneNumber),
      ['+14255550101'],
    );
    assert.deepEqual(
      adele.before.map((u) => u.telephoneNumber),
      ['+14255550101'],
      'what she held is kept for undo',
    );
    assert.equal(userOf(p, 'alice').number?.kind, 'unchanged', 'holds none: nothing to take back');
    assert.deepEqual(planTotals(p).numbers, { change: 1, unchanged: 2, failing: 0, assign: 0, unassign: 1 });
    assert.match(
      formatPlanLine(userOf(p, 'adele.vance')),
      /= adele\.vance@contoso\.com unchanged · ~ -number \+14255550101$/,
    );
  });

  it('a new number in place of the one held takes the old one back first (one primary number per user)', async () => {
    const p = await plan(tenant, [withNumber(wants('erin'), '+14255550111')]);
    const erin = userOf(p, 'erin').number!;
    assert.equal(erin.kind, 'change');
    assert.equal(erin.assign?.telephoneNumber, '+14255550111');
    assert.deepEqual(
      erin.unassign.map((u) => u.telephoneNumber),
      ['+14255550100'],
    );
  });

  it('will not write a number held by someone else, one not for users, or one the inventory lacks; each with its fix', async () => {
    const voice = { assign: ['MCOEV', 'MCOPSTN1'], usageLocation: 'US' };
    const p = await plan(tenant, [
      withNumber(wants('alice', voice), '+14255550101'), // adele.vance's
      withNumber(wants('christie.cline', voice), '+14255550199'), // conference only
      withNumber(wants('debra.berger', voice), '+1 206 555 0000'), // not in the inventory
    ]);
    const json = (name: string) => (planJson(userOf(p, name)) as { number: Record<string, unknown> }).number;
    assert.equal(json('alice').reason, 'NumberAssignedToAnotherUser');
    assert.equal(json('alice').fix, 'choose-another-number');
    assert.equal(json('alice').outcome, 'will-not-be-written');
    assert.equal(json('christie.cline').reason, 'NumberNotForUsers');
    assert.equal(json('debra.berger').reason, 'NumberNotInInventory');
    // The licenses still go: the number is judged beside them, not instead.
    assert.equal(userOf(p, 'alice').kind, 'change');
    assert.deepEqual(planTotals(p).numbers, { change: 0, unchanged: 0, failing: 3, assign: 0, unassign: 0 });
    const view = previewView(p, { file: 'voice.licenses', tenant: 'demo', at: new Date(0) });
    const notWritten = view.sections.find((s) => s.id === 'numbers-not-written');
    assert.deepEqual(usersOf(notWritten!).sort(), [
      'alice@contoso.com',
      'christie.cline@contoso.com',
      'debra.berger@contoso.com',
    ]);
    assert.ok(changeSummary(p).some((l) => /✗ 1 number will not be written: \[NumberAssignedToAnotherUser\]/.test(l)));
    assert.match(renderPreview(p, { file: 'f', tenant: 'demo', at: new Date(0) }), /## Numbers \(3\)/);
  });

  it('a number the inventory lacks is a Direct Routing number in a pstn on-premises block', async () => {
    const p = await plan(tenant, [
      withNumber(wants('alice', { assign: ['MCOEV'], pstn: true }), '+33 1 70 00 09 99;ext=201', 'loc-1'),
    ]);
    assert.deepEqual(userOf(p, 'alice').number?.assign, {
      telephoneNumber: '+33170000999;ext=201',
      numberType: 'directRouting',
      locationId: 'loc-1',
    });
  });

  it("judges the number's type by the user's licenses once the license stage is done", async () => {
    const p = await plan(tenant, [
      withNumber(wants('bob'), '+14255550112'), // E3 only: no Calling Plan
      withNumber(wants('megan.bowen'), '+44 20 7946 0110'), // SPE_E5 includes Phone System: Operator Connect is fine
      withNumber(wants('alex.wilber'), '+33170000010'), // E3 only: Direct Routing needs Phone System
      withNumber(wants('erin', { remove: ['MCOPSTN1'] }), '+14255550100'), // holds it, but the file removes the plan
      withNumber(wants('johanna.lorenz', { assign: ['MCOEV'] }), '+33170000011'), // Phone System this run
    ]);
    const reason = (name: string) => userOf(p, name).number?.error?.code;
    assert.equal(reason('bob'), 'NumberNeedsLicense');
    assert.equal(userOf(p, 'megan.bowen').number?.assign?.numberType, 'operatorConnect');
    assert.equal(reason('alex.wilber'), 'NumberNeedsLicense');
    assert.equal(userOf(p, 'johanna.lorenz').number?.kind, 'change');
    assert.equal((planJson(userOf(p, 'bob')) as { number: { fix: string } }).number.fix, 'add-voice-license');
    assert.match(userOf(p, 'bob').number!.error!.message, /Calling Plan number: the user will hold no Calling Plan/);
    assert.equal(userOf(p, 'erin').number?.kind, 'unchanged', 'held already: nothing is sent for the number');
  });

  it('a user whose licenses will not be written gets no number either, with that reason', async () => {
    const p = await plan(tenant, [withNumber(wants('nobody', { assign: ['MCOEV'] }), '+14255550113')]);
    const nobody = userOf(p, 'nobody');
    assert.equal(nobody.kind, 'failed');
    assert.equal(nobody.number?.kind, 'failed');
    assert.equal(nobody.number?.error?.code, 'LicensesNotWritten');
    assert.ok(everyChangeRefused(planTotals(p)));
  });

  it('a file whose only change is a number is not refused: the number is a change of its own', async () => {
    const p = await plan(tenant, [withNumber(wants('megan.bowen'), '+442079460111')]);
    assert.equal(userOf(p, 'megan.bowen').kind, 'unchanged');
    assert.equal(everyChangeRefused(planTotals(p)), false);
    const view = previewView(p, { file: 'f', tenant: 'demo', at: new Date(0) });
    assert.equal(view.actions?.find((a) => a.id === 'apply')?.enabled, true);
  });

  it('reads the inventory only when the files give numbers, once, and plans as read the same way', async () => {
    await plan(tenant, [wants('alice', { assign: ['MCOEV'] })]);
    assert.equal(tenant.exchanges.filter((x) => INVENTORY.test(x.path)).length, 0);
    const first = await planAsRead(tenant.connection, [
      withNumber(wants('alice', { assign: ['MCOEV', 'MCOPSTN1'] }), '+14255550114'),
      withNumber(wants('erin'), '+14255550100'),
    ]);
    const settled = first.kind === 'planning' ? await planAllRead(first.planning) : first;
    assert.ok(settled.kind === 'planned');
    assert.equal(userOf(settled.plan, 'alice').number?.kind, 'change');
    assert.equal(userOf(settled.plan, 'erin').number?.kind, 'unchanged');
    assert.equal(tenant.exchanges.filter((x) => INVENTORY.test(x.path)).length, 1);
    assert.ok(!tenant.exchanges.some((x) => /userConfigurations/.test(x.path)), 'the plan needs no user configuration');
  });

  it('an inventory Teams refuses to read stops the numbers, not the licenses; the 403 names the permission and role', async () => {
    await tenant.close();
    tenant = await startNumbersTenant({
      tokenFor: (emu) => emu.mintToken({ roles: ['User.ReadWrite.All', 'Organization.Read.All'] }),
    });
    const p = await plan(tenant, [withNumber(wants('alice', { assign: ['MCOEV'] }), '+33170000012')]);
    const alice = userOf(p, 'alice');
    assert.equal(alice.kind, 'change');
    assert.equal(alice.number?.error?.code !== undefined, true);
    assert.match(
      alice.number!.error!.hint ?? '',
      /TeamsTelephoneNumber\.Read\.All.*Teams Communications Administrator/,
    );
  });

  it('speaks French: headlines, summary and reasons', async () => {
    const p = await plan(
      tenant,
      [withNumber(wants('bob'), '+14255550112'), withNumber(wants('erin'), 'no-number')],
      fr,
    );
    const words = { t: fr, locale: 'fr' };
    const lines = [...planHeadlines(p, words), ...changeSummary(p, words)];
    assert.ok(
      lines.some((l) => l.startsWith('2 utilisateurs avec une ligne de numéro')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /numéro repris/.test(l)),
      lines.join('\n'),
    );
    assert.match(userOf(p, 'bob').number!.error!.message, /numéro de forfait d'appels/);
  });
});
