import { defineRules } from '../rule';

/** Service-plan dependencies, the rows of catalog/licensing-rules.ts (dependency-rules.ts). */
export const DEPENDENCY_RULES = defineRules({
  'calling-plan-needs-phone-system': {
    severity: 'information',
    summary: 'A Calling Plan assigned in a block that assigns no SKU containing Phone System (MCOEV).',
    messages: {
      default:
        '{0} is a Calling Plan, and nothing in this block gives Phone System (MCOEV): Graph refuses it with a dependency error unless the users already hold Phone System (E5 includes it).',
    },
    fixes: ['add-to-assign'],
  },
  'plan-needs-plan': {
    severity: 'warning',
    summary:
      'A service plan that stays on while the block turns off the plan it needs (`disable ENTERPRISEPACK: SHAREPOINTENTERPRISE` leaves Office for the web on), or a group given an add-on without its prerequisite.',
    messages: {
      turnedOff:
        '{0} is turned off, but {1} in {2} stays on and needs it: Graph refuses the change ("... depends on the service plan(s) ..."). Turn {1} off too, or keep {0} on.',
      groupWithout:
        '{0} brings {1}, which needs {2}, and nothing in this block gives it: a group must hold the prerequisite itself, so Graph refuses the assignment to the group. Assign a SKU with it in the same block.',
    },
    fixes: ['remove-from-list'],
  },
  'add-on-needs-prerequisite': {
    severity: 'information',
    summary:
      'An add-on whose prerequisite no SKU of the block gives (Audio Conferencing needs Skype for Business Online): users who hold none from another license are refused.',
    messages: {
      default:
        '{0} brings {1}, which needs {2} from another license: Graph refuses it for users who hold none (the preview checks each user).',
    },
    fixes: [],
  },
});
