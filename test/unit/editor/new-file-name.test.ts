import * as assert from 'node:assert/strict';
import { placeholderRange, proposedFileName } from '../../../src/core/editor/new-file-name';
import { EXAMPLE_USER, newFileText, SCENARIO_TEMPLATES } from '../../../src/core/editor/scenario-templates';

describe('New License File: the name proposed at the first save, and the cursor', () => {
  it('names the file after the scenario, not after its first comment line', () => {
    assert.equal(
      proposedFileName('Phone System + Domestic Calling Plan', new Set()),
      'phone-system-domestic-calling-plan.licenses',
    );
    assert.equal(proposedFileName('Plain list of users', new Set()), 'plain-list-of-users.licenses');
  });

  it('gives every scenario a distinct, short, portable name', () => {
    const names = SCENARIO_TEMPLATES.flatMap((t) => (t.newFile ? [proposedFileName(t.newFile.label, new Set())] : []));
    assert.equal(new Set(names).size, names.length, names.join());
    for (const n of names) {
      assert.match(n, /^[a-z0-9]+(-[a-z0-9]+)*\.licenses$/);
      assert.ok(n.length <= 60, n);
    }
  });

  it('does not propose a name already taken in the folder or by another new document', () => {
    const taken = new Set(['audio-conferencing.licenses', 'audio-conferencing-2.licenses']);
    assert.equal(proposedFileName('Audio Conferencing', taken), 'audio-conferencing-3.licenses');
  });

  it('keeps a name from a label with no letters or digits', () => {
    assert.equal(proposedFileName('+ / +', new Set()), 'users.licenses');
  });

  it('selects the example user line of every scenario', () => {
    for (const t of SCENARIO_TEMPLATES) {
      const text = newFileText(t);
      const r = placeholderRange(text, EXAMPLE_USER);
      assert.ok(r, t.comment);
      assert.equal(text.split('\n')[r.line].slice(r.start, r.end), EXAMPLE_USER);
    }
  });
});
