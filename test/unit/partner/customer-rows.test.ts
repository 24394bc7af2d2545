import { strict as assert } from 'node:assert';
import {
  customerRow,
  customersRow,
  customersToAskRow,
  showCustomersRow,
} from '../../../src/core/partner/customer-rows';
import { LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR } from '../../../src/core/partner/gdap-roles';
import { customerTenants } from '../../../src/core/partner/relationship-health';
import type { Relationship } from '../../../src/core/partner/relationships';
import { bundleTranslator } from '../../../src/core/text/translate';
import frenchBundle from '../../../l10n/bundle.l10n.fr.json';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const french = bundleTranslator(frenchBundle as Record<string, string>, 'fr');

const rel = (tenantId: string, displayName: string, over: Partial<Relationship> = {}): Relationship => ({
  id: tenantId,
  displayName: 'MSP',
  customer: { tenantId, displayName },
  roleDefinitionIds: [LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR],
  status: 'active',
  endDateTime: new Date(NOW + 100 * DAY_MS).toISOString(),
  autoExtendDuration: 'P180D',
  duration: 'P730D',
  ...over,
});

describe('partner: the Licenses view rows of customer tenants', () => {
  it('a ready tenant shows its roles; its tooltip says its id, roles, end and auto-extend', () => {
    const [c] = customerTenants([rel('t1', 'Fabrikam')], NOW);
    const row = customerRow(c, NOW);
    assert.equal(row.label, 'Fabrikam');
    assert.equal(row.description, 'License Administrator, User Administrator');
    assert.deepEqual(row.tooltip, [
      'Fabrikam',
      't1',
      'roles: License Administrator, User Administrator',
      'ends 2026-06-09 (in 100 days), auto-extends by 180 days',
    ]);
    assert.equal(row.flagged, false);
  });

  it('a tenant to fix says what, and the heading counts them', () => {
    const tenants = customerTenants(
      [
        rel('t1', 'Fabrikam'),
        rel('t2', 'Northwind', {
          roleDefinitionIds: [LICENSE_ADMINISTRATOR],
          autoExtendDuration: 'PT0S',
          endDateTime: new Date(NOW + DAY_MS).toISOString(),
        }),
      ],
      NOW,
    );
    const row = customerRow(tenants[1], NOW);
    assert.equal(row.description, 'no User Administrator role; ends within 30 days without auto-extend');
    assert.match(row.tooltip[3], /^ends 2026-03-02 \(in 1 day\), no auto-extend$/);
    assert.deepEqual(customersRow(tenants), {
      label: 'Customer tenants',
      description: '2 tenants, 1 to fix',
      tooltip: [
        "Your customers' tenants from your GDAP relationships: the roles each grants, its end date and auto-extend",
      ],
      flagged: true,
    });
  });

  it('a hostile display name is one line without controls; an empty one shows the tenant id', () => {
    const tenants = customerTenants([rel('t1', 'Evil\r\n\u001b[31massign\u202e'), rel('t2', '')], NOW);
    const rows = tenants.map((c) => customerRow(c, NOW));
    assert.deepEqual(
      rows.map((r) => r.label),
      ['t2', 'Evil [31massign'],
    );
  });

  it('in French', () => {
    const tenants = customerTenants([rel('t1', 'Fabrikam', { status: 'expired' })], NOW);
    const row = customerRow(tenants[0], NOW, french);
    assert.equal(row.description, 'relation expirée');
    assert.equal(row.tooltip[2], 'rôles : aucun');
    assert.equal(customersRow(tenants, french).description, '1 locataire, 1 à corriger');
  });

  it('before the consent: the heading counts nothing, its one item names the permissions it asks, in French too', () => {
    const heading = customersToAskRow();
    assert.equal(heading.label, 'Customer tenants');
    assert.equal(heading.description, undefined);
    assert.match(heading.tooltip[1], /"Show customer tenants…"/);
    const item = showCustomersRow();
    assert.equal(item.label, 'Show customer tenants…');
    assert.match(item.tooltip[1], /DelegatedAdminRelationship\.Read\.All.*CrossTenantInformation\.ReadBasic\.All/);
    assert.equal(showCustomersRow(french).label, 'Afficher les locataires clients…');
    assert.match(customersToAskRow(french).tooltip[1], /consentement/);
  });
});
