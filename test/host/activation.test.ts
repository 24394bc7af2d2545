// Activation, language, and the contributed commands, against the extension installed from its .vsix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, activateByOpening, extension, openFixture, revertAndCloseAll } from './helpers';

interface ContributedCommand {
  command: string;
}

describe('activation and contributions', function () {
  after(revertAndCloseAll);

  // (Titles, categories and menus are package.json facts: test/unit/manifest.test.ts checks them.)
  it(`${EXTENSION_ID} activates when a .licenses file opens`, async () => {
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

  it('registers every contributed command once activated', async () => {
    await activateByOpening();
    const contributed: ContributedCommand[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
  });
});
