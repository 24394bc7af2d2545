/**
 * The demo tenant's customers: Contoso is also a Microsoft partner (a managed-service provider) with three customer
 * tenants behind the same emulator, each with its own users and SKUs, and one GDAP relationship each, chosen so that
 * every case a partner meets shows once:
 * - Fabrikam: active, License Administrator + User Administrator, auto-extends (P180D), the app consented; five free
 *   Direct Routing numbers of Seattle, +1 206 555 0120…0124 (Phone System alone lets a user hold one).
 * - Northwind Traders: active but License Administrator only and ending in 20 days without auto-extend; consented.
 * - Tailspin Toys: its relationship expired 30 days ago, and the app was never consented there.
 * Relationship dates count from the start of the current UTC day, as the demo tenant's sign-in dates do.
 */
import { stableGuid } from '../directory/ids';
import { catalogSku } from '../licensing/catalog-skus';
import { type SkuFixture, type TenantFixture, type UserFixture } from '../directory/tenant';
import { type RelationshipFixture } from './gdap-fixture';
import { type TeamsFixture } from '../teams/teams-fixture';

const DAY_MS = 86_400_000;
const LICENSE_ADMINISTRATOR = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

export interface DemoCustomer {
  readonly tenantId: string;
  readonly displayName: string;
  /** The verified domain users and token requests name it by. */
  readonly domain: string;
}

const customer = (key: string, displayName: string, domain: string): DemoCustomer => ({
  tenantId: stableGuid('demo-customer', key, 'tenant'),
  displayName,
  domain,
});

export const DEMO_CUSTOMERS = {
  fabrikam: customer('fabrikam', 'Fabrikam, Inc.', 'fabrikam.onmicrosoft.com'),
  northwind: customer('northwind', 'Northwind Traders', 'northwindtraders.onmicrosoft.com'),
  tailspin: customer('tailspin', 'Tailspin Toys', 'tailspintoys.onmicrosoft.com'),
} as const;

const NAMES = [
  ['Ava', 'Martin'],
  ['Noah', 'Keller'],
  ['Mia', 'Laurent'],
  ['Liam', 'Novak'],
  ['Zoe', 'Andersen'],
  ['Omar', 'Haddad'],
  ['Lena', 'Fischer'],
  ['Ivan', 'Petrov'],
  ['Sara', 'Costa'],
  ['Yuki', 'Tanaka'],
  ['Emma', 'Dubois'],
  ['Hugo', 'Moreau'],
];

/**
 * `count` users of a customer, the first `licensed` holding `skus[0]`, every third without a usage location.
 */
function customerUsers(c: DemoCustomer, count: number, country: string, sku: SkuFixture, licensed: number) {
  const users: UserFixture[] = [];
  for (let n = 0; n < count; n++) {
    const [given, surname] = NAMES[n % NAMES.length];
    const upn = `${given.toLowerCase()}.${surname.toLowerCase()}@${c.domain}`;
    users.push({
      id: stableGuid('demo-customer', c.tenantId, 'user', upn),
      userPrincipalName: upn,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      usageLocation: n % 3 === 2 ? null : country,
      licenses: n < licensed ? [{ skuId: sku.skuId }] : [],
    });
  }
  return users;
}

function customerTenant(c: DemoCustomer, country: string, skus: SkuFixture[], users: number, licensed: number) {
  const main = skus[0];
  const fixture: TenantFixture = {
    tenantId: c.tenantId,
    accountName: c.displayName,
    domains: [c.domain],
    skus: skus.map((s, i) => ({
      ...s,
      subscriptionIds: [stableGuid('demo-customer', c.tenantId, 'subscription', s.skuPartNumber)],
      prepaidUnits: { ...s.prepaidUnits, enabled: s.prepaidUnits.enabled + (i === 0 ? licensed : 0) },
    })),
    users: customerUsers(c, users, country, main, licensed),
  };
  return fixture;
}

/** The three customer tenants (pass them as EmulatorOptions.tenants; the demo tenant gets them by default). */
export function demoCustomerTenants(appId = stableGuid('contoso', 'license-tool-app')): TenantFixture[] {
  const consented = [{ appId }];
  const seattle = { numberType: 'directRouting', isoCountryCode: 'US', city: 'Seattle' } as const;
  const fabrikamTeams: TeamsFixture = {
    numbers: [0, 1, 2, 3, 4].map((n) => ({ telephoneNumber: `+1206555012${n}`, ...seattle })),
  };
  return [
    {
      ...customerTenant(DEMO_CUSTOMERS.fabrikam, 'US', [catalogSku('SPE_E3', 4), catalogSku('MCOEV', 5)], 12, 6),
      consentedApps: consented,
      teams: fabrikamTeams,
    },
    {
      ...customerTenant(
        DEMO_CUSTOMERS.northwind,
        'GB',
        [catalogSku('O365_BUSINESS_PREMIUM', 2), catalogSku('EXCHANGESTANDARD', 3)],
        8,
        5,
      ),
      consentedApps: consented,
    },
    customerTenant(DEMO_CUSTOMERS.tailspin, 'FR', [catalogSku('ENTERPRISEPACK', 3)], 6, 2),
  ];
}

/** The partner's relationships with the three customers, dated from `todayMs` (start of a UTC day). */
export function demoRelationships(todayMs = Math.floor(Date.now() / DAY_MS) * DAY_MS): RelationshipFixture[] {
  const day = (d: number) => new Date(todayMs + d * DAY_MS).toISOString();
  const relationship = (
    c: DemoCustomer,
    roles: string[],
    activatedDaysAgo: number,
    durationDays: number,
    autoExtend: 'PT0S' | 'P180D',
    status: 'active' | 'expired',
  ): RelationshipFixture => ({
    id: `${stableGuid('demo-gdap', c.tenantId)}-${c.tenantId}`,
    displayName: `Contoso MSP - ${c.displayName}`.slice(0, 50),
    customer: { tenantId: c.tenantId, displayName: c.displayName },
    roleDefinitionIds: roles,
    status,
    duration: `P${durationDays}D`,
    autoExtendDuration: autoExtend,
    createdDateTime: day(-activatedDaysAgo - 1),
    activatedDateTime: day(-activatedDaysAgo),
    endDateTime: day(durationDays - activatedDaysAgo),
  });
  return [
    relationship(DEMO_CUSTOMERS.fabrikam, [LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR], 330, 730, 'P180D', 'active'),
    relationship(DEMO_CUSTOMERS.northwind, [LICENSE_ADMINISTRATOR], 710, 730, 'PT0S', 'active'),
    relationship(DEMO_CUSTOMERS.tailspin, [LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR], 395, 365, 'PT0S', 'expired'),
  ];
}
