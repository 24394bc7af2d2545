import { readFile } from 'node:fs/promises';
import { Catalog } from '../core/catalog/catalog';
import { parseLicensesFile, validate } from '../core/format';
import { EXIT, type CliIo } from './io';

export const CHECK_USAGE = 'usage: m365-licenses check <file.licenses>... [--json]';

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
  const json = args.includes('--json');
  const unknownFlag = args.find((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknownFlag || files.length === 0) {
    io.stderr(unknownFlag ? `unknown option ${unknownFlag}` : 'no file given');
    io.stderr(CHECK_USAGE);
    return EXIT.usage;
  }
  const catalog = Catalog.builtIn();
  const all: JsonFinding[] = [];
  let ioFailed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      io.stderr(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      ioFailed = true;
      continue;
    }
    for (const f of validate(parseLicensesFile(text), catalog)) {
      all.push({
        file,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
  }
  if (json) io.stdout(JSON.stringify(all, null, 2));
  else {
    for (const f of all) io.stdout(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`);
    const count = (s: string) => all.filter((f) => f.severity === s).length;
    io.stdout(`${files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('information')} note(s).`);
  }
  if (ioFailed) return EXIT.usage;
  return all.some((f) => f.severity === 'error') ? EXIT.problems : EXIT.ok;
}
