import { defineRules } from '../rule';

/** Service-plan dependencies, the rows of catalog/licensing-rules.ts (dependency-rules.ts). */
export const DEPENDENCY_RULES = defineRules({
  'calling-plan-needs-phone-system': {
    severity: 'information',
    summary: 'A Calling Plan assigned in a block that assigns no SKU containing Phone System (MCOEV).',
    fixes: ['add-to-assign'],
  },
  'plan-needs-plan': {
    severity: 'warning',
    summary:
      'A service plan that stays on while the block turns off the plan it needs (`disable ENTERPRISEPACK: SHAREPOINTENTERPRISE` leaves Office for the web on), or a group given an add-on without its prerequisite.',
    fixes: ['remove-from-list'],
  },
  'add-on-needs-prerequisite': {
    severity: 'information',
    summary:
      'An add-on whose prerequisite no SKU of the block gives (Audio Conferencing needs Skype for Business Online): users who hold none from another license are refused.',
    fixes: [],
  },
});
