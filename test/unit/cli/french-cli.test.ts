import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { runReprocessCommand } from '../../../src/cli/reprocess';
import { cliTranslator } from '../../../src/cli/translator';
import { capturedIo, type CapturedIo } from '../fixtures/captured-io';

/** The CLI's streams, in the language LANG=fr_FR.UTF-8 chooses. */
const frenchIo = (): CapturedIo => Object.assign(capturedIo(), { t: cliTranslator({ LANG: 'fr_FR.UTF-8' }) });

describe('the CLI in French (LANG=fr_FR.UTF-8)', () => {
  it('a usage error is said in French, followed by the French usage line', async () => {
    const io = frenchIo();
    assert.equal(await main(['apply', 'x.licenses', '--foo'], io), 2);
    assert.deepEqual(io.err, [
      'option inconnue --foo',
      'utilisation : m365-licenses apply <file>... [--json] [--summary] [--yes] [--demo] [--journal PATH] [--retry-failed JOURNAL] [--assign SKU,..] [--remove SKU,..] [--usage-location CC] [--deadline SECONDS] [--number-wait MINUTES]',
    ]);
    const help = frenchIo();
    assert.equal(await main(['undo', '--help'], help), 0);
    const lines = help.out.join('\n').split('\n');
    assert.equal(lines[0], 'utilisation : m365-licenses undo <journal.jsonl> [--output FILE] [--force] [--demo]');
    assert.ok(lines.includes('Options :'), lines.join('\n'));
    assert.match(lines.join('\n'), /^ {2}--demo +utilise le locataire de démonstration intégré/m);
    assert.ok(lines.includes('Codes de sortie :'), lines.join('\n'));
  });

  it('setup --github with a malformed repository says so in French', async () => {
    const io = frenchIo();
    assert.equal(await main(['setup', '--github', 'contoso'], io), 2);
    assert.equal(io.err[0], '--github attend OWNER/REPO ou OWNER/REPO:ENVIRONMENT, pas « contoso ».');
  });

  it("reprocess names a journal's damaged lines in French, each with its place in the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'licenses-french-'));
    try {
      const journal = join(dir, 'run.jsonl');
      const header = {
        journal: 'm365-licenses',
        version: 1,
        files: ['a.licenses'],
        tenant: 'demo',
        startedAt: '2026-01-01T00:00:00Z',
      };
      writeFileSync(
        journal,
        [
          JSON.stringify(header),
          '{"user":"alice@contoso.com","outcome":"chan',
          JSON.stringify({ user: 'bob@contoso.com', outcome: 'done', added: [], removed: [] }),
          '',
        ].join('\n'),
      );
      const io = frenchIo();
      assert.equal(await runReprocessCommand([journal], io), 0);
      assert.deepEqual(io.err, [
        `${journal}:2 : ligne ignorée : pas du JSON (une ligne coupée par un plantage ?)`,
        `${journal}:3 : ligne ignorée : « outcome » n'est pas l'un de changed, unchanged, failed, skipped, pending`,
      ]);
      assert.deepEqual(io.out, ['Aucun membre en erreur dans le journal : rien à retraiter.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
