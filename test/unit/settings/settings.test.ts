import * as assert from 'node:assert/strict';
import { choiceSetting, integerSetting, stringSetting } from '../../../src/core/settings/setting-values';

describe('settings are checked before use', () => {
  const concurrency = { min: 1, max: 8, default: 4 };

  it('licenses.concurrency: "abc" gives the default (not NaN workers), and says why', () => {
    assert.deepEqual(integerSetting('abc', concurrency), {
      value: 4,
      problem: { reason: 'wrong-type', expected: 'number' },
    });
    assert.deepEqual(integerSetting(Number.NaN, concurrency), {
      value: 4,
      problem: { reason: 'wrong-type', expected: 'number' },
    });
    assert.deepEqual(integerSetting({}, concurrency).value, 4);
  });

  it('licenses.concurrency: 1e9 is clamped to the schema’s maximum 8, 0 and negatives to 1, fractions rounded', () => {
    assert.deepEqual(integerSetting(1e9, concurrency), { value: 8, problem: { reason: 'above-maximum', limit: 8 } });
    assert.deepEqual(integerSetting(Infinity, concurrency), {
      value: 8,
      problem: { reason: 'above-maximum', limit: 8 },
    });
    assert.deepEqual(integerSetting(0, concurrency), { value: 1, problem: { reason: 'below-minimum', limit: 1 } });
    assert.deepEqual(integerSetting(-3, concurrency).value, 1);
    assert.deepEqual(integerSetting(2.6, concurrency), { value: 3, problem: { reason: 'not-an-integer' } });
  });

  it('a valid or absent value is used without a word', () => {
    assert.deepEqual(integerSetting(6, concurrency), { value: 6 });
    assert.deepEqual(integerSetting(undefined, concurrency), { value: 4 });
    assert.deepEqual(stringSetting('  contoso.onmicrosoft.com ', ''), { value: 'contoso.onmicrosoft.com' });
    assert.deepEqual(choiceSetting('China', ['Global', 'China'], 'Global'), { value: 'China' });
  });

  it('a tenant id that is not text, or a sign-in method or cloud not in the list, falls back and says so', () => {
    assert.deepEqual(stringSetting(42, ''), { value: '', problem: { reason: 'wrong-type', expected: 'string' } });
    assert.deepEqual(choiceSetting('password', ['browser', 'deviceCode'], 'browser'), {
      value: 'browser',
      problem: { reason: 'not-allowed', allowed: ['browser', 'deviceCode'] },
    });
    assert.deepEqual(
      choiceSetting('global', ['Global', 'China'], 'Global').problem?.reason,
      'not-allowed',
      'the schema’s enum is case-sensitive',
    );
  });
});
