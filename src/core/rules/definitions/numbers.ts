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
    fixes: ['replace'],
  },
  'number-on-two-users': {
    severity: 'error',
    summary: 'The same telephone number (however it is spaced) given to two users: a number has one holder.',
    fixes: [],
  },
  'number-conflict': {
    severity: 'warning',
    summary: 'A user given a number on one line and `no-number` (or another number) on another: the last line wins.',
    fixes: ['remove-from-list'],
  },
  'number-without-phone-system': {
    severity: 'information',
    summary: 'A number for a user whose blocks assign no Phone System (MCOEV): fine only if the user holds it already.',
    fixes: [],
  },
  'number-location-invalid': {
    severity: 'error',
    summary: '`number-location` with an id that is not a GUID (Teams gives emergency locations GUIDs).',
    fixes: [],
  },
  'number-location-unused': {
    severity: 'warning',
    summary: '`number-location` in a block where no user line gives a number.',
    fixes: ['delete-line'],
  },
  'number-not-in-tenant': {
    severity: 'error',
    summary:
      "Signed in: a number absent from the tenant's telephone numbers, outside a `pstn on-premises` block " +
      '(where it is a Direct Routing number).',
    fixes: [],
  },
  'number-assigned-elsewhere': {
    severity: 'error',
    summary: 'Signed in: a number another user, a voice application or a conference bridge holds.',
    fixes: [],
  },
  'number-not-for-users': {
    severity: 'error',
    summary: 'Signed in: a number without the `userAssignment` capability (a service or conference number).',
    fixes: [],
  },
  'number-license-mismatch': {
    severity: 'error',
    summary:
      "Signed in: the number's type needs a license the user will not hold: a Calling Plan number needs a " +
      'Calling Plan (and Phone System), Operator Connect and Direct Routing numbers need Phone System.',
    fixes: [],
  },
  'number-country-mismatch': {
    severity: 'error',
    summary: "Signed in: a Calling Plan number of another country than the user's usage location.",
    fixes: [],
  },
  'numbers-not-checked': {
    severity: 'information',
    summary:
      "Signed in: the tenant's telephone numbers could not be read (no `TeamsTelephoneNumber.Read.All`, offline): " +
      'the numbers are checked only offline.',
    fixes: [],
  },
});
