import { count, english, type Translate } from '../text/translate';
import type { RuleCode } from './codes';
import { FINDING_CAP } from './definitions/finding-cap';
import { sayCount } from './rule';
import { finding, type Finding } from './finding';

/**
 * How many findings of one code a file lists. The Problems panel is no help past a few thousand
 * entries of one kind, and a hostile 1 MB file can raise 100,000 of them: building and keeping
 * each one was most of the time spent validating such a file. The rest are counted and summed up
 * in one finding of the same code and severity (so a file with errors still has errors), placed
 * at the first one left out. The planner reads the model, not findings, so no run changes.
 */
export const FINDINGS_PER_CODE = 1000;

/**
 * The findings of one validation, at most FINDINGS_PER_CODE of each code. A rule asks first, and
 * builds the finding (message, quick-fix data) only when it is admitted, so one past the cap costs
 * a count and nothing more: `if (findings.admits(code, line, start, end)) findings.push(finding(...))`.
 */
export class FindingList {
  private readonly items: Finding[] = [];
  private readonly kept = new Map<RuleCode, number>();
  private readonly omitted = new Map<RuleCode, { count: number; line: number; start: number; end: number }>();

  /**
   * `t`: the language of the messages. Rules build a message only for a finding `admits` lets
   * through, so translating costs nothing on the findings past the cap.
   */
  constructor(
    private readonly perCode = FINDINGS_PER_CODE,
    readonly t: Translate = english,
  ) {}

  /** Counts a finding of `code` at this place: true when it is to be listed, false when only counted. */
  admits(code: RuleCode, line: number, start: number, end: number): boolean {
    const n = this.kept.get(code) ?? 0;
    if (n < this.perCode) {
      this.kept.set(code, n + 1);
      return true;
    }
    const o = this.omitted.get(code);
    if (o) o.count++;
    else this.omitted.set(code, { count: 1, line, start, end });
    return false;
  }

  /** A finding `admits` let through. */
  push(f: Finding): void {
    this.items.push(f);
  }

  /** Every finding kept, then one summary per code that reached the cap, in line order. */
  sorted(): Finding[] {
    const all = this.items;
    for (const [code, o] of this.omitted) {
      const message = sayCount(this.t, FINDING_CAP, 'omitted', o.count, code, count(this.t, this.perCode));
      all.push(finding(code, message, o.line, o.start, o.end, { omitted: o.count }));
    }
    this.omitted.clear();
    return all.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }
}
