// The French UI, in a real VS Code: code-server started with `--locale fr` and a French language
// pack built at test time from this extension's own bundles (scripts/lib/host/french-language-pack.mjs).
// scripts/run-host-tests.mjs runs this suite alone in that session and tells it so through the
// runner's config (`language: "fr"`); in an English session it has nothing to test and is skipped.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  activateByOpening,
  codeOf,
  EXTENSION_ID,
  extension,
  hoverText,
  lineStartingWith,
  revertAndCloseAll,
  waitForDiagnostics,
} from './helpers';

function sessionLanguage(): string | undefined {
  const file = process.env.LICENSES_HOST_TEST_CONFIG;
  if (!file || !existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { language?: string }).language;
}

/** A localized manifest string: VS Code keeps a command title as `{ value, original }`. */
type Localized = string | { value: string; original: string };
const text = (s: Localized | undefined): string | undefined => (s === undefined || typeof s === 'string' ? s : s.value);

interface Manifest {
  contributes: {
    commands: { command: string; title: Localized }[];
    walkthroughs: { steps: { id: string; title: Localized; media: { markdown: Localized } }[] }[];
  };
}

describe('French UI', function () {
  before(function () {
    if (sessionLanguage() !== 'fr') this.skip();
  });
  after(revertAndCloseAll);

  it('runs in French: VS Code reports the fr display language the language pack made available', () => {
    assert.match(vscode.env.language, /^fr\b/i);
  });

  it('names the commands in French, each with one name (Aperçu des modifications), and shows the French walkthrough pages', async () => {
    await activateByOpening();
    const manifest = extension().packageJSON as Manifest;
    const title = (id: string) => text(manifest.contributes.commands.find((c) => c.command === id)?.title);
    assert.equal(title('licenses.preview'), 'Aperçu des modifications');
    assert.equal(title('licenses.apply'), 'Appliquer le fichier');
    const steps = manifest.contributes.walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => text(s.media.markdown)),
      [
        'walkthrough/fr/sign-in.md',
        'walkthrough/fr/new-file.md',
        'walkthrough/fr/preview.md',
        'walkthrough/fr/apply.md',
      ],
    );
    assert.equal(text(steps.find((s) => s.id === 'preview')?.title), "Afficher l'aperçu des modifications");
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('reports diagnostics and quick fixes in French', async () => {
    const doc = await activateByOpening('diagnostics.licenses');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'unknown-sku'),
      'an unknown-sku diagnostic',
    );
    const unknown = diags.find((d) => codeOf(d) === 'unknown-sku')!;
    assert.match(unknown.message, /^SKU inconnu « E3 »\. Vouliez-vous dire /);
    const duplicate = diags.find((d) => codeOf(d) === 'duplicate-user');
    assert.match(duplicate?.message ?? '', /figure déjà dans ce bloc \(ligne \d+\)/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => /^Remplacer par ENTERPRISEPACK/.test(t)),
      `quick fixes: ${titles.join(' | ')}`,
    );
    assert.ok(!titles.some((t) => /^Change to /.test(t)), `quick fixes: ${titles.join(' | ')}`);
  });

  it('shows hovers in French: the SKU and its "Plans de service"', async () => {
    const doc = await activateByOpening('sample.licenses');
    const line = lineStartingWith(doc, 'assign');
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('assign') + 'assign '.length + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hoverText(hovers);
    assert.match(text, /Plans? de service \(\d+\) :/);
    assert.doesNotMatch(text, /Service plans/);
  });
});
