export { parseLicensesFile, isUserReference } from './parse';
export type * from './types';
export { IncrementalParser } from './incremental';
