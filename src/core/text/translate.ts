/**
 * Puts an English message, with `{0}`-style placeholders, into the user's language. The same shape
 * as `vscode.l10n.t`, so the extension passes that and the CLI passes its own reader of the same
 * bundle: the core never imports `vscode`, and one French bundle serves both front ends.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills the placeholders and translates nothing: the default where no front end chose a language. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));
