import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newFileText, SCENARIO_TEMPLATES, snippetsFile } from '../../../src/core/editor/scenario-templates';
import { check } from '../helpers';

const root = join(__dirname, '..', '..', '..', '..');

describe('scenario templates (New License File and the snippets)', () => {
  it('snippets/licenses.code-snippets is what scripts/generate-snippets.mjs writes from the templates', () => {
    const committed = readFileSync(join(root, 'snippets', 'licenses.code-snippets'), 'utf8');
    assert.equal(
      committed,
      `${JSON.stringify(snippetsFile(), null, 2)}\n`,
      'run `npx tsc -p . && node scripts/generate-snippets.mjs`',
    );
  });

  it('the international scenario takes the Domestic Calling Plan away, in the new file and in the snippet alike', () => {
    const international = SCENARIO_TEMPLATES.find(
      (t) => t.newFile?.label === 'Phone System + International Calling Plan',
    );
    assert.ok(international, 'no international scenario in New License File');
    assert.match(newFileText(international), /^assign MCOEV MCOPSTN2\nremove MCOPSTN1$/m);
    assert.deepEqual(snippetsFile()[international.snippet!.name].body.slice(2, 4), [
      'assign MCOEV MCOPSTN2',
      'remove MCOPSTN1',
    ]);
  });

  it('every scenario opens as a file without a single diagnostic but the add-on reminder', () => {
    for (const t of SCENARIO_TEMPLATES) {
      // An add-on alone (Audio Conferencing) is told, as information, that users need its prerequisite from
      // another license: the file cannot know what they hold, and the preview judges each user.
      const findings = check(...newFileText(t).split('\n')).filter((f) => f.code !== 'add-on-needs-prerequisite');
      assert.deepEqual(
        findings.map((f) => `${f.code}: ${f.message}`),
        [],
        t.comment,
      );
    }
  });

  it('New License File offers each scenario in French too', () => {
    const fr = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    const shown = SCENARIO_TEMPLATES.flatMap((t) => (t.newFile ? [t.newFile.label, t.newFile.detail, t.comment] : []));
    assert.ok(shown.length >= 12);
    assert.deepEqual(
      shown.filter((s) => !/^[A-Z0-9_ +]+$/.test(s) && !(s in fr)),
      [],
      'strings without a French translation',
    );
  });
});
