import * as assert from 'node:assert/strict';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { journalFileName, whatRan } from '../../../src/core/journal/journal-name';
import { resultsFolder } from '../../../src/core/settings/results-folder';
import { retryRunName } from '../../../src/core/journal/retry-journal';
import { formatCount, isSingular } from '../../../src/core/text/plural';

const file = path.join(path.sep, 'work', 'tenant', 'phone-system.licenses');
const storage = path.join(path.sep, 'storage', 'results');

describe('where results go (licenses.resultsFolder)', () => {
  it('next to the .licenses file by default', () => {
    assert.equal(resultsFolder('', file, storage), path.dirname(file));
  });
  it("a relative folder is taken from the file's folder; an absolute one or ~ is used as is", () => {
    assert.equal(resultsFolder('results', file, storage), path.join(path.dirname(file), 'results'));
    const absolute = path.join(path.sep, 'srv', 'runs');
    assert.equal(resultsFolder(absolute, file, storage), absolute);
    assert.equal(resultsFolder('~/runs', file, storage), path.join(homedir(), 'runs'));
  });
  it('a file with no folder on disk (untitled, virtual) falls back to the extension storage, unless the folder is absolute', () => {
    assert.equal(resultsFolder('', undefined, storage), storage);
    assert.equal(resultsFolder('results', undefined, storage), storage);
    assert.equal(resultsFolder(path.join(path.sep, 'srv'), undefined, storage), path.join(path.sep, 'srv'));
  });
});

describe('journal names for people', () => {
  const at = new Date('2026-12-01T11:29:56.122Z');
  it('say what ran, once: a retry of a journal is not named `….jsonl.jsonl`', () => {
    const first = journalFileName('phone-system.licenses', at, 'a1b2c3');
    assert.equal(first, 'licenses-results-2026-12-01T11-29-56-122Z-phone-system-a1b2c3.jsonl');
    assert.equal(whatRan(first), 'phone-system');
    assert.equal(whatRan(`/x/${first}`), 'phone-system');
    const retry = journalFileName(retryRunName(`/x/${first}`, ['/w/phone-system.licenses']), at, 'd4e5f6');
    assert.equal(retry, 'licenses-results-2026-12-01T11-29-56-122Z-retry-phone-system-d4e5f6.jsonl');
    assert.equal(
      journalFileName(retryRunName(`/x/${retry}`, []), at, '000000'),
      'licenses-results-2026-12-01T11-29-56-122Z-retry-phone-system-000000.jsonl',
      'a retry of a retry stays one "retry-"',
    );
    assert.equal(
      journalFileName('old-failures.licenses.jsonl', at, 'a1b2c3'),
      'licenses-results-2026-12-01T11-29-56-122Z-old-failures-a1b2c3.jsonl',
    );
  });
});

describe("counts in the admin's language", () => {
  it("write numbers with the locale's separators and pick the language's plural", () => {
    assert.equal(formatCount(1700, 'en'), '1,700');
    assert.match(formatCount(1700, 'fr'), /^1\s700$/);
    assert.equal(isSingular(1, 'en'), true);
    assert.equal(isSingular(0, 'en'), false);
    assert.equal(isSingular(0, 'fr'), true, 'French: "0 utilisateur"');
    assert.equal(isSingular(2, 'fr'), false);
    assert.equal(formatCount(1700, 'not a locale!'), '1,700', 'a bad tag falls back to English');
  });
});
