import * as assert from 'node:assert/strict';
import { workspaceResultsFolder } from '../../../src/core/settings/setting-values';

describe('licenses.resultsFolder from workspace settings: only below the .licenses file', () => {
  it('absolute, home, drive, UNC and .. paths from a cloned repository are ignored with a reason', () => {
    for (const hostile of [
      '/tmp/elsewhere',
      '~/journals',
      'C:\\Users\\Public',
      'c:relative-to-drive',
      '\\\\attacker.example\\share\\journals',
      '//attacker.example/share',
      '../../..',
      'results/../../x',
      'results\\..\\..\\x',
    ]) {
      const got = workspaceResultsFolder(hostile);
      assert.deepEqual(got, { value: '', problem: { reason: 'outside-workspace' } }, hostile);
    }
  });

  it('a folder below the file is kept; empty is the default', () => {
    assert.deepEqual(workspaceResultsFolder(' results '), { value: 'results' });
    assert.deepEqual(workspaceResultsFolder('out/journals'), { value: 'out/journals' });
    assert.deepEqual(workspaceResultsFolder('..results'), { value: '..results' }, 'a name, not a climb');
    assert.deepEqual(workspaceResultsFolder(''), { value: '' });
  });
});
