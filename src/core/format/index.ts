export { parseLicensesFile, isUserReference, DIRECTIVE_WORDS } from './parse';
export type * from './types';
export { IncrementalParser, type TextChange } from './incremental';
