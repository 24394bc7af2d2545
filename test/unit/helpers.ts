import { Catalog } from '../../src/core/catalog/catalog';
import { parseLicensesFile } from '../../src/core/format';
import { validate, type Finding } from '../../src/core/rules';

export const catalog = Catalog.builtIn();

/** Findings for a file given as lines. */
export function check(...lines: string[]): Finding[] {
  return validate(parseLicensesFile(lines.join('\n')), catalog);
}

export const codes = (findings: readonly Finding[]): string[] => findings.map((f) => f.code);

export function only(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}
