import { defineRules } from '../rule';

/**
 * Teams telephone numbers on user lines and `number-location` (number-rules.ts); signed in, against the
 * tenant's number inventory and the numbered users' licenses and usage location (docs/numbers.md).
 */
export const NUMBER_RULES = defineRules({
  'invalid-number': {
    severity: 'error',
    summary:
      'A telephone number after a user that is not E.164: no `+`, a letter, unbalanced parentheses, too few or ' +
      'too many digits, a malformed `;ext=`.',
    // Worded by the parser (src/core/format): a malformed number is a syntax problem.
    messages: {},
    fixes: ['replace'],
  },
  'number-on-two-users': {
    severity: 'error',
    summary: 'The same telephone number (however it is spaced) given to two users: a number has one holder.',
    messages: { default: '{0} is already given to {1} on line {2}: a telephone number has one holder.' },
    fixes: [],
  },
  'number-conflict': {
    severity: 'warning',
    summary: 'A user given a number on one line and `no-number` (or another number) on another: the last line wins.',
    messages: {
      noNumber: 'Line {0} says no-number for {1}: the last line wins, so this number is not assigned.',
      otherNumber: 'Line {0} gives {1} another number ({2}): the last line wins.',
    },
    fixes: ['remove-from-list'],
  },
  'number-without-phone-system': {
    severity: 'information',
    summary: 'A number for a user whose blocks assign no Phone System (MCOEV): fine only if the user holds it already.',
    messages: {
      default:
        'None of the blocks of {0} assigns Phone System (MCOEV), which every Teams telephone number needs: fine if the user holds it already (E5, a group); the preview checks.',
    },
    fixes: [],
  },
  'number-location-invalid': {
    severity: 'error',
    summary: '`number-location` with an id that is not a GUID (Teams gives emergency locations GUIDs).',
    messages: {
      default:
        '"{0}" is not an emergency location id: Teams gives each location a GUID (Get-CsOnlineLisLocation lists them).',
    },
    fixes: [],
  },
  'number-location-unused': {
    severity: 'warning',
    summary: '`number-location` in a block where no user line gives a number.',
    messages: {
      default: 'No user of this block is given a telephone number, so this emergency location applies to none.',
    },
    fixes: ['delete-line'],
  },
  'number-not-in-tenant': {
    severity: 'error',
    summary:
      "Signed in: a number absent from the tenant's telephone numbers, outside a `pstn on-premises` block " +
      '(where it is a Direct Routing number).',
    messages: {
      default:
        "{0} is not one of this tenant's telephone numbers. Get it first (Calling Plan, Operator Connect), or, for a Direct Routing number, list {1} in a pstn on-premises block.",
    },
    fixes: [],
  },
  'number-assigned-elsewhere': {
    severity: 'error',
    summary: 'Signed in: a number another user, a voice application or a conference bridge holds.',
    messages: {
      default: '{0} is assigned to {1}: unassign it there first; a file never takes a number from its holder.',
    },
    fixes: [],
  },
  'number-not-for-users': {
    severity: 'error',
    summary: 'Signed in: a number without the `userAssignment` capability (a service or conference number).',
    messages: {
      default: '{0} cannot be given to a user: Teams lets it serve only {1} (it lacks the userAssignment capability).',
    },
    fixes: [],
  },
  'number-license-mismatch': {
    severity: 'error',
    summary:
      "Signed in: the number's type needs a license the user will not hold: a Calling Plan number needs a " +
      'Calling Plan (and Phone System), Operator Connect and Direct Routing numbers need Phone System.',
    messages: {
      directRouting:
        '{0} is a Direct Routing number (not in the inventory, in a pstn on-premises block), which needs Phone System (MCOEV): {1} will hold none.',
      callingPlanOnPremises:
        '{0} is a Calling Plan number, but {1} is in a pstn on-premises block, which never gets a Calling Plan: use a Direct Routing or Operator Connect number.',
      missingLicense:
        '{0} is a {1} number, which needs {2}: {3} will not hold it. Teams refuses the number ("lacks appropriate licenses").',
    },
    fixes: [],
  },
  'number-country-mismatch': {
    severity: 'error',
    summary: "Signed in: a Calling Plan number of another country than the user's usage location.",
    messages: {
      default:
        '{0} is a Calling Plan number of {1}, but the usage location of {2} is {3}: Microsoft asks that the number and the usage location be of the same country.',
    },
    fixes: [],
  },
  'numbers-not-checked': {
    severity: 'information',
    summary:
      "Signed in: the tenant's telephone numbers could not be read (no `TeamsTelephoneNumber.Read.All`, offline): " +
      'the numbers are checked only offline.',
    messages: {
      forbidden:
        "The tenant's telephone numbers cannot be read with this sign-in: it needs the TeamsTelephoneNumber.Read.All permission (Set Up App Registration adds it), and an admin who signs in needs the Teams Communications Administrator role. Until then the numbers are checked only for their form; the preview checks them against the tenant.",
      failed:
        "The tenant's telephone numbers could not be read ({0}): the numbers are checked only for their form until they are read again (Refresh Tenant Licenses).",
    },
    fixes: [],
  },
});

/**
 * Words the number rules and hovers put inside their messages: the holders a number can have besides a user,
 * the number types Teams knows (numberAssignment.numberType), and the licenses a number type needs.
 */
export const NUMBER_WORDS = {
  messages: {
    conferenceBridge: 'a conference bridge',
    voiceApplication: 'a voice application (auto attendant or call queue)',
    callingPlan: 'Calling Plan',
    operatorConnect: 'Operator Connect',
    directRouting: 'Direct Routing',
    nothing: 'nothing',
    aCallingPlan: 'a Calling Plan',
  },
} as const;
