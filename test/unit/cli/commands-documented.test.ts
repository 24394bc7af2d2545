import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISPATCH, main } from '../../../src/cli';
import { COMMANDS, commandHelp, usage } from '../../../src/cli/usage';
import { capturedIo } from '../fixtures/captured-io';

const root = join(__dirname, '..', '..', '..', '..');

/** The rows of the README's "Commands" table: first cell (the titles) and second (what it does). */
function readmeCommandRows(): { titles: string[]; what: string; line: number }[] {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const heading = lines.findIndex((l) => /^## Commands\b/.test(l));
  assert.ok(heading >= 0, 'README has a "## Commands" section');
  const start = lines.findIndex((l, i) => i > heading && l.startsWith('|'));
  const rows = [];
  // The table is the run of lines starting with "|": a blank line ends it, and what follows is not part of it.
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const [first, what] = lines[i].split(' | ');
    rows.push({ titles: first.replace(/^\|\s*/, '').split(' / '), what: what ?? '', line: i + 1 });
  }
  // A subsection (### ...) may hold a table of its own.
  const next = lines.findIndex((l, i) => i > heading && /^#{2,3} /.test(l));
  const stray = lines.slice(start, next).filter((l, i) => l.startsWith('|') && start + i >= start + 2 + rows.length);
  assert.deepEqual(stray, [], 'no table row after the table ends (a blank line splits it)');
  return rows;
}

/** Each contributed command's title, as the Command Palette shows it (package.nls.json). */
function contributedTitles(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string }[] };
  };
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return manifest.contributes.commands.map((c) => c.title.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? key));
}

describe('the commands, documented once each', () => {
  it("README's Commands table lists every contributed command once, by its title, and nothing else", () => {
    const rows = readmeCommandRows();
    const documented = rows.flatMap((r) => r.titles);
    const repeated = documented.filter((title, i) => documented.indexOf(title) !== i);
    assert.deepEqual(repeated, [], 'a command described twice');
    assert.deepEqual([...documented].sort(), [...contributedTitles()].sort());
    for (const row of rows) assert.ok(row.what.trim().length > 10, `README.md:${row.line} says what it does`);
  });

  it('`m365-licenses --help` lists every command the CLI runs, one line each, and nothing it does not run', () => {
    const overview = usage();
    const listed = [...overview.matchAll(/^ {2}([a-z-]+) {2,}\S/gm)].map((m) => m[1]);
    assert.deepEqual([...listed].sort(), Object.keys(DISPATCH).sort());
    assert.deepEqual(
      COMMANDS.map((c) => c.name),
      listed,
    );
  });

  it('each command’s --help describes every option, gives examples and the exit codes', async () => {
    for (const spec of COMMANDS) {
      const io = capturedIo();
      assert.equal(await main([spec.name, '--help'], io), 0, spec.name);
      const help = io.out.join('\n');
      assert.equal(help, commandHelp(spec));
      for (const [name, option] of Object.entries(spec.options)) {
        assert.ok(option.description, `${spec.name} --${name} has a description`);
        assert.match(help, new RegExp(`^ {2}--${name}\\b.* {2}\\S`, 'm'), `${spec.name} --${name}`);
      }
      assert.match(help, /^Examples:\n {2}m365-licenses /m, spec.name);
      assert.match(help, /^Exit codes:\n {2}0 {2}.+\n {2}1 {2}.+\n {2}2 {2}.+/m, spec.name);
    }
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const io = capturedIo();
    assert.equal(await main(['--version'], io), 0);
    assert.deepEqual(io.out, [`m365-licenses ${version}`]);
  });
});
