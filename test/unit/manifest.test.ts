import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * What package.json promises a user, checked where it is cheap: the host suites keep what needs a
 * running VS Code (commands registered, refusals in restricted mode).
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.json'), 'utf8'));

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}
const commands: ContributedCommand[] = manifest.contributes?.commands ?? [];

/** `%key%` as VS Code shows it in English; undefined when the key is missing. */
const shown = (value: string | undefined) => {
  const m = value && /^%(.+)%$/.exec(value);
  return m ? nls[m[1]] : value;
};

describe('package.json contributions', () => {
  it('every command shows in the palette as "Licenses: <title>"', () => {
    assert.ok(commands.length > 0, 'package.json contributes no commands');
    const wrong = commands
      .filter((c) => shown(c.category) !== 'Licenses' || !shown(c.title))
      .map((c) => `${c.command}: "${shown(c.category)}: ${shown(c.title)}"`);
    assert.deepEqual(wrong, [], 'commands without the "Licenses" category or a title');
  });

  it('every command: link of the walkthrough and the README opens a contributed command', () => {
    const ids = new Set(commands.map((c) => c.command));
    const linkers = [
      'package.json',
      'package.nls.json',
      'README.md',
      ...['', 'fr/'].flatMap((d) =>
        readdirSync(resolve(ROOT, 'walkthrough', d))
          .filter((f) => f.endsWith('.md'))
          .map((f) => `walkthrough/${d}${f}`),
      ),
    ];
    const links = linkers.flatMap((file) =>
      [...readFileSync(resolve(ROOT, file), 'utf8').matchAll(/command:(licenses\.[A-Za-z]+)/g)].map((m) => ({
        file,
        id: m[1],
      })),
    );
    assert.ok(
      links.some((l) => l.id === 'licenses.useDemoTenant'),
      'the walkthrough no longer links Use Demo Tenant',
    );
    assert.deepEqual(
      links.filter((l) => !ids.has(l.id)).map((l) => `${l.file}: ${l.id}`),
      [],
      'links to commands that do not exist',
    );
  });

  it('runs in restricted mode, and no menu offers a write in an untrusted workspace', () => {
    const supported = manifest.capabilities?.untrustedWorkspaces?.supported;
    assert.ok(
      supported === 'limited' || supported === true,
      `capabilities.untrustedWorkspaces.supported is ${JSON.stringify(supported)}`,
    );
    const menus: Record<string, { command: string; when?: string }[]> = manifest.contributes?.menus ?? {};
    const writers = Object.entries(menus)
      .flatMap(([menu, items]) => items.map((i) => ({ menu, ...i })))
      .filter((e) => e.command === 'licenses.apply' || e.command === 'licenses.retryFailed');
    assert.ok(
      writers.some((e) => e.menu === 'commandPalette' && e.command === 'licenses.retryFailed'),
      'no commandPalette entry for licenses.retryFailed',
    );
    const ungated = writers
      .filter((e) => !/\bisWorkspaceTrusted\b/.test(e.when ?? ''))
      .map((e) => `${e.menu}: ${e.command} when "${e.when ?? ''}"`);
    assert.deepEqual(ungated, [], 'menu entries that offer a write in an untrusted workspace');
  });
});
