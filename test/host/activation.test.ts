// Activation, language, and the contributed commands, against the extension installed from its .vsix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, activateByOpening, extension, openFixture, revertAndCloseAll } from './helpers';

/** packageJSON as the extension API gives it; resolves `%key%` from package.nls.json if the host left any. */
function localized(value: string | undefined): string | undefined {
  const m = value && /^%(.+)%$/.exec(value);
  if (!m) return value;
  try {
    const nls = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'package.nls.json'), 'utf8'));
    return nls[m[1]] ?? value;
  } catch {
    return value;
  }
}

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('activation and contributions', function () {
  after(revertAndCloseAll);

  it(`${EXTENSION_ID} is installed`, () => {
    const ext = extension();
    assert.equal(ext.id.toLowerCase(), EXTENSION_ID);
  });

  it('activates when a .licenses file opens', async () => {
    const doc = await activateByOpening('sample.licenses');
    assert.equal(extension().isActive, true);
    assert.equal(doc.languageId, LANGUAGE_ID);
  });

  it(`every *.licenses file gets the language id "${LANGUAGE_ID}"`, async () => {
    for (const name of ['plain-list.licenses', 'diagnostics.licenses', 'phone-system.licenses']) {
      const { doc } = await openFixture(name);
      assert.equal(doc.languageId, LANGUAGE_ID, name);
    }
    assert.ok((await vscode.languages.getLanguages()).includes(LANGUAGE_ID));
  });

  it('registers every contributed command, each titled and in the "Licenses" category', async () => {
    await activateByOpening();
    const contributed: ContributedCommand[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
    const uncategorized = contributed.filter((c) => localized(c.category) !== 'Licenses').map((c) => `${c.command} (${c.category})`);
    assert.deepEqual(uncategorized, [], `commands without category "Licenses": ${uncategorized.join(', ')}`);
    const untitled = contributed.filter((c) => !localized(c.title) || /^%.*%$/.test(localized(c.title)!)).map((c) => c.command);
    assert.deepEqual(untitled, [], `commands without a (localized) title: ${untitled.join(', ')}`);
  });

  it('contributes the commands the tests and the README rely on', async () => {
    const ids = (extension().packageJSON.contributes?.commands ?? []).map((c: ContributedCommand) => c.command);
    for (const id of ['licenses.useDemoTenant', 'licenses.apply']) assert.ok(ids.includes(id), `${id} is not contributed`);
  });
});
