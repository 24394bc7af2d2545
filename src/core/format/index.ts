export { parseLicensesFile, isUserReference, DIRECTIVE_WORDS } from './parse';
export { desiredUsers } from './desired-users';
export { validate, hasErrors } from '../rules/validate';
export type { Finding } from '../rules/finding';
export type * from './types';
export { IncrementalParser, type TextChange } from './incremental';
