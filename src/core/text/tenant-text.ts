/**
 * Tenant text (display names, group names, Graph messages) is written by anyone allowed to name a
 * group or a user: hostile. These are the product's three rules for writing it, one per medium, so
 * every place that writes it applies the same one.
 */

/** Line breaks of every kind: CR, LF, NEL, the Unicode line and paragraph separators, VT, FF. */
const LINE_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g;
/** C0 and C1 control characters and DEL (the line breaks are handled before). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): they reorder what is shown, so a
 * line reads otherwise than it is (the "Trojan Source" characters).
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * For files the product generates (`.licenses` files, comments, reports): one line, no control or
 * bidirectional character. A line break becomes a space, so a name cannot start a directive on a
 * line of its own; other controls are removed.
 */
export function fileLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/**
 * A value in double quotes, where the format quotes (`group "Sales #2"`, a comment naming a group):
 * one line, and a double quote inside cannot close the quotes early (it becomes `'`).
 */
export function fileQuoted(text: string): string {
  return `"${fileLine(text).replace(/"/g, "'")}"`;
}

/** `\x1b`, `\u202e`: how an invisible character is shown. */
const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Every control except LF and TAB, which the product's own output uses. */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * For a terminal: control and bidirectional characters are made visible (`ESC` is written `\x1b`),
 * so no escape sequence from tenant text moves the cursor, erases a line, hides text or makes a
 * link, and no override reorders a line. LF and TAB stay: the product's own lines use them. Applied
 * where the CLI writes, to every line, the confirmation question included.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, visible).replace(BIDI, visible);
}

/**
 * A tenant value inside a line the product composes (a group name in the y/N confirmation, a
 * display name in a result line, Graph's message in a recap), on a terminal, in the output channel
 * or in a dialog: one line. Every control and bidirectional character is made visible as the
 * terminal rule shows it, line breaks of every kind included (LF is written `\x0a`, CR `\x0d`, NEL
 * `\x85`, the Unicode separators `\u2028` and `\u2029`), so a name holding a line break cannot
 * start a line of its own (a fake totals line under the real one). TAB stays: it moves no line.
 * The product's own lines are joined with LF after this, which `terminalText` then keeps.
 */
export function oneLineText(text: string): string {
  return terminalText(text.replace(/\n/g, visible));
}

/** Characters Markdown (CommonMark, as VS Code renders hovers) gives a meaning to. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'$:]/g;

/**
 * For Markdown (hovers, completion documentation): one line, every character Markdown reads as
 * syntax escaped with a backslash, so tenant text never becomes a link, an image, a heading, HTML
 * or emphasis. `<` and `&` become `\<` and `\&`, which CommonMark shows as themselves.
 */
export function markdownText(text: string): string {
  return fileLine(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/**
 * How a user is written on a user line of a generated file: the UPN when it reads back as one user
 * (name@domain, no blank, no `#` that would start a comment, no control or bidirectional
 * character), else the object id, which always does.
 */
export function userLineWord(userPrincipalName: string | undefined, id: string): string {
  const upn = userPrincipalName ?? '';
  const readsBack = /^[^\s#@][^\s@]*@[^\s@]+$/.test(upn) && fileLine(upn) === upn;
  return readsBack ? upn : fileLine(id).replace(/[\s#]/g, '');
}

/** A code span (`` `id` ``) in Markdown: one line, and a backtick inside cannot end it early. */
export function markdownCode(text: string): string {
  return `\`${fileLine(text).replace(/`/g, "'")}\``;
}
