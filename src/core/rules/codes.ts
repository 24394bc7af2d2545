/** Every diagnostic the validator can raise: one place for code, severity and what it means (docs/rules.md is checked against it). */
export type Severity = 'error' | 'warning' | 'information';

export const RULES = {
  'invalid-user': { severity: 'error', summary: 'A line that is neither a directive nor a UPN / object id.' },
  'duplicate-user': { severity: 'warning', summary: 'The same user twice in one block (case-insensitive).' },
  'unknown-directive': {
    severity: 'error',
    summary: 'A word in directive position that is no keyword (the closest keyword is suggested).',
  },
  'malformed-directive': {
    severity: 'error',
    summary: 'A directive missing its arguments, e.g. `usage-location` without a code or `disable` without a colon.',
  },
  'unknown-sku': {
    severity: 'error',
    summary: 'A SKU that is not in the catalog (fixes: closest part numbers, also by product name: "E3").',
  },
  'ambiguous-sku': {
    severity: 'information',
    summary: "A part number that names two SKUs in Microsoft's table (MCOPSTN5); the tenant's own SKU is used.",
  },
  'legacy-sku-prefix': {
    severity: 'warning',
    summary: 'The retired MSOnline form `tenant:SKU` (AccountSkuId); fix: the plain part number.',
  },
  'assign-and-remove': { severity: 'error', summary: 'One SKU both assigned and removed for the same user.' },
  'unknown-plan': { severity: 'error', summary: '`disable` names a service plan that the SKU does not contain.' },
  'disable-without-assign': {
    severity: 'warning',
    summary: '`disable` for a SKU the block does not assign (it then changes nothing).',
  },
  'invalid-usage-location': { severity: 'error', summary: 'Not an ISO 3166-1 alpha-2 country code.' },
  'calling-plan-needs-phone-system': {
    severity: 'warning',
    summary: 'A Calling Plan assigned in a block that assigns no SKU containing Phone System (MCOEV).',
  },
  'plan-needs-plan': {
    severity: 'warning',
    summary:
      'A service plan that stays on while the block turns off the plan it needs (`disable ENTERPRISEPACK: SHAREPOINTENTERPRISE` leaves Office for the web on), or a group given an add-on without its prerequisite.',
  },
  'add-on-needs-prerequisite': {
    severity: 'information',
    summary:
      'An add-on whose prerequisite no SKU of the block gives (Audio Conferencing needs Skype for Business Online): users who hold none from another license are refused.',
  },
  'calling-plan-with-onprem-pstn': {
    severity: 'error',
    summary: 'A Calling Plan in a `pstn on-premises` block (Direct Routing users need Phone System only).',
  },
  'calling-plans-exclusive': {
    severity: 'error',
    summary: 'Two SKUs whose Calling Plan service plans cannot be held together (MCOPSTN1, MCOPSTN2, MCOPSTN5).',
  },
  'plans-exclusive': {
    severity: 'error',
    summary:
      'Two SKUs with other service plans Microsoft lists as mutually exclusive (e.g. MCOSTANDARD and MCOIMP: E3 with F1).',
  },
  'redundant-sku': {
    severity: 'information',
    summary: 'A SKU whose service plans another assigned SKU already contains (MCOEV next to E5).',
  },
  'empty-block': { severity: 'warning', summary: 'Directives that no user follows.' },
  'sku-not-in-tenant': { severity: 'error', summary: 'Signed in: a SKU the tenant has no subscription for.' },
  'not-enough-seats': {
    severity: 'warning',
    summary:
      'Signed in: more users are assigned a SKU in this file than the tenant has seats left ("needs 40, 12 left").',
  },
  'remove-beside-exact': {
    severity: 'warning',
    summary:
      'A `remove` line in an `exact` block: `exact` already removes every direct license the block does not assign.',
  },
  'exact-without-assign': {
    severity: 'warning',
    summary: '`exact` for users no block assigns a SKU: every license assigned to them directly is removed.',
  },
  'users-without-directives': {
    severity: 'warning',
    summary: 'Users before the first directive of a file that has directives: nothing applies to them.',
  },
  'invalid-group': {
    severity: 'error',
    summary: 'A `group` line without a display name or object id, or with a quote never closed.',
  },
  'duplicate-group': { severity: 'warning', summary: 'The same group twice in one block (case-insensitive).' },
  'usage-location-for-groups': {
    severity: 'warning',
    summary:
      "`usage-location` in a block that holds only groups: it applies to users, and group licensing gives members without one the tenant's country.",
  },
  'group-not-found': {
    severity: 'error',
    summary: 'Signed in: no group of the tenant has this display name or object id.',
  },
  'group-ambiguous': {
    severity: 'error',
    summary: 'Signed in: several groups have this display name (write the object id of the one you mean).',
  },
  'group-not-security': {
    severity: 'error',
    summary:
      'Signed in: a group that is not security-enabled (a Microsoft 365 group without security, a distribution list) cannot be licensed.',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleCode = keyof typeof RULES;
