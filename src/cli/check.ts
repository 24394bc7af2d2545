import { Catalog } from '../core/catalog/catalog';
import { parseLicensesFile } from '../core/format';
import { validate, type Finding } from '../core/rules';
import { parseArguments } from './arguments';
import { findingLine, readInputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';
import { plural } from '../core/text/translate';
import { CHECK, commandHelp, commandUsage } from './usage';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information';
  code: string;
  message: string;
}

/** `check`: the editor's validation, for admins' own pipelines. 0 = no error, 1 = an error, 2 = usage or I/O. */
export async function runCheckCommand(args: readonly string[], io: CliIo): Promise<number> {
  const t = translatorOf(io);
  const parsed = parseArguments(CHECK, args, t);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(CHECK, t));
    return EXIT.ok;
  }
  if (parsed.kind === 'error' || parsed.positionals.length === 0) {
    io.stderr(parsed.kind === 'error' ? parsed.message : t('no file given'));
    io.stderr(commandUsage(CHECK, t));
    return EXIT.usage;
  }
  const json = parsed.flags.has('json');
  const files = parsed.positionals;
  const catalog = Catalog.builtIn();
  const found: { file: string; finding: Finding }[] = [];
  let ioFailed = false;
  for (const file of files) {
    const text = await readInputFile(file, io);
    if (text === undefined) {
      ioFailed = true;
      continue;
    }
    for (const finding of validate(parseLicensesFile(text), catalog, t)) found.push({ file, finding });
  }
  if (json)
    io.stdout(
      JSON.stringify(
        found.map(({ file, finding }) => toJson(file, finding)),
        null,
        2,
      ),
    );
  else {
    for (const { file, finding } of found) io.stdout(findingLine(file, finding));
    // A finding that stands for those left out past the per-file cap counts as all of them.
    const count = (s: string) =>
      found.reduce((n, f) => n + (f.finding.severity === s ? (f.finding.data?.omitted ?? 1) : 0), 0);
    const totals = [
      plural(t, count('error'), '{0} error', '{0} errors'),
      plural(t, count('warning'), '{0} warning', '{0} warnings'),
      plural(t, count('information'), '{0} note', '{0} notes'),
    ];
    io.stdout(plural(t, files.length, '{0} file checked: {1}.', '{0} files checked: {1}.', totals.join(', ')));
  }
  if (ioFailed) return EXIT.usage;
  return found.some((f) => f.finding.severity === 'error') ? EXIT.problems : EXIT.ok;
}

function toJson(file: string, f: Finding): JsonFinding {
  const { start, end } = f.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}
