import { Catalog } from '../core/catalog/catalog';
import { parseLicensesFile } from '../core/format';
import { desiredUsers } from '../core/desired/desired-users';
import { validate } from '../core/rules';
import type { DesiredUser } from '../core/desired/desired';
import { mergeDesiredUsers } from '../core/desired/merge-desired';
import { desiredGroups, mergeDesiredGroups, type DesiredGroup } from '../core/desired/desired-groups';
import { findingLine, readInputFile } from './files';
import { EXIT, translatorOf, type CliIo } from './io';

/**
 * Reads, validates and merges the files. A file with validation errors is refused (exit 1, like
 * `check`): its meaning is unclear. An unreadable file, or --assign/--remove given for a file that
 * has directives (they are for plain lists of users), is a usage error (exit 2).
 */
export async function desiredFromFiles(
  files: readonly string[],
  io: CliIo,
  defaultsGiven: boolean,
  groupsOut?: DesiredGroup[],
): Promise<DesiredUser[] | { exit: number }> {
  const catalog = Catalog.builtIn();
  const lists: DesiredUser[][] = [];
  const groupLists: DesiredGroup[][] = [];
  let exit: number = EXIT.ok;
  for (const file of files) {
    const text = await readInputFile(file, io);
    if (text === undefined) {
      exit = EXIT.usage;
      continue;
    }
    const parsed = parseLicensesFile(text);
    if (defaultsGiven && parsed.hasDirectives) {
      io.stderr(
        translatorOf(io)(
          '{0}: --assign, --remove and --usage-location are for plain lists of users; this file has directives, so say it in the file.',
          file,
        ),
      );
      exit = EXIT.usage;
      continue;
    }
    for (const f of validate(parsed, catalog, translatorOf(io))) {
      if (f.severity === 'information') continue;
      io.stderr(findingLine(file, f));
      if (f.severity === 'error' && exit === EXIT.ok) exit = EXIT.problems;
    }
    lists.push(desiredUsers(parsed, catalog));
    groupLists.push(desiredGroups(parsed, catalog));
  }
  if (exit !== EXIT.ok) {
    if (exit === EXIT.problems)
      io.stderr(
        translatorOf(io)('Nothing was done: fix the errors above first (`m365-licenses check` shows them too).'),
      );
    return { exit };
  }
  groupsOut?.push(...mergeDesiredGroups(groupLists));
  return mergeDesiredUsers(lists);
}
