// Activation, language, and the contributed commands, against the extension installed from its .vsix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, activateByOpening, extension, openFixture, revertAndCloseAll } from './helpers';

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

  it('registers every contributed command, each in the "Licenses" category', async () => {
    await activateByOpening();
    const contributed: ContributedCommand[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
    const uncategorized = contributed.filter((c) => c.category !== 'Licenses').map((c) => c.command);
    assert.deepEqual(uncategorized, [], `commands without category "Licenses": ${uncategorized.join(', ')}`);
  });

  it('contributes the commands the tests and the README rely on', async () => {
    const ids = (extension().packageJSON.contributes?.commands ?? []).map((c: ContributedCommand) => c.command);
    for (const id of ['licenses.useDemoTenant', 'licenses.apply']) assert.ok(ids.includes(id), `${id} is not contributed`);
  });
});
