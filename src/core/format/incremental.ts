import type { Position } from './types';
import { splitLines } from './line-scanner';
import { assemble, type LineRecord } from './parse';
import type { ParsedFile } from './types';

export interface TextChange {
  readonly start: Position;
  readonly end: Position;
  readonly text: string;
}

/**
 * Keeps a document's lines and their scan results between edits, so typing in a 50,000-user file
 * re-reads only the lines that changed; the blocks are then re-assembled from cached records.
 * Gives the same ParsedFile as parseLicensesFile(whole text) (a unit test holds it to that).
 */
export class IncrementalParser {
  private lines: string[];
  private records: (LineRecord | undefined)[];
  private cached: ParsedFile | undefined;

  constructor(text: string) {
    this.lines = splitLines(text);
    this.records = new Array(this.lines.length);
  }

  /** Applies one change, positions as in the text before it (VS Code's contentChanges, in order). */
  apply(change: TextChange): void {
    const { start, end } = change;
    if (start.line >= this.lines.length || end.line >= this.lines.length || start.line > end.line) {
      throw new RangeError(
        `change ${start.line}:${start.character}-${end.line}:${end.character} is outside a ${this.lines.length}-line text`,
      );
    }
    const prefix = this.lines[start.line].slice(0, start.character);
    const suffix = this.lines[end.line].slice(end.character);
    const replacement = splitLines(prefix + change.text + suffix);
    this.lines = replaceLines(this.lines, start.line, end.line + 1, replacement);
    this.records = replaceLines(
      this.records,
      start.line,
      end.line + 1,
      new Array<LineRecord | undefined>(replacement.length),
    );
    this.cached = undefined;
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get parsed(): ParsedFile {
    this.cached ??= assemble(this.lines, this.records);
    return this.cached;
  }
}

/**
 * `items` in place of `list[from, to)`. A paste can bring hundreds of thousands of lines, more
 * than a spread into splice() may pass as arguments (that throws a RangeError), so large
 * replacements build a new array; a keystroke still edits in place.
 */
function replaceLines<T>(list: T[], from: number, to: number, items: T[]): T[] {
  if (items.length <= 1000) {
    list.splice(from, to - from, ...items);
    return list;
  }
  return list.slice(0, from).concat(items, list.slice(to));
}
