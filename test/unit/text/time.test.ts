import * as assert from 'node:assert/strict';
import { formatLocalTime } from '../../../src/core/text/time';

describe('formatLocalTime: the one time format of every page', () => {
  const at = '2026-12-07T17:40:12.345Z';

  it('is local time to the minute with its zone, east and west of UTC', () => {
    assert.equal(formatLocalTime(at, 60), '2026-12-07 18:40 UTC+1');
    assert.equal(formatLocalTime(new Date(at), -300), '2026-12-07 12:40 UTC-5');
    assert.equal(formatLocalTime(at, 330), '2026-12-07 23:10 UTC+5:30');
  });

  it('says UTC at offset zero and carries the date over midnight', () => {
    assert.equal(formatLocalTime(at, 0), '2026-12-07 17:40 UTC');
    assert.equal(formatLocalTime('2026-12-31T23:30:00Z', 60), '2027-01-01 00:30 UTC+1');
  });

  it('shows a text that is not a time as it is, rather than "NaN"', () => {
    assert.equal(formatLocalTime('yesterday', 0), 'yesterday');
  });
});
