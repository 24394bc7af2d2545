import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseLicensesFile } from '../../../src/core/format';
import { validate } from '../../../src/core/rules';
import { ALL_RULES } from '../../../src/core/rules/codes';
import { fixesFor } from '../../../src/core/rules/fixes';
import { groupTenantRules } from '../../../src/core/rules/group-tenant-rules';
import { numberTenantRules } from '../../../src/core/rules/number-rules';
import { tenantRules } from '../../../src/core/rules/tenant-rules';
import { english, type Translate } from '../../../src/core/text/translate';
import { catalog } from '../helpers';
import { groupsOf } from '../fixtures/groups';
import { tenantOf } from '../fixtures/tenants';
import { numbersOf } from '../fixtures/numbers';
import { tenantReachFinding } from '../../../src/core/rules/tenant-line-rules';
import type { ParsedFile } from '../../../src/core/format/types';

/**
 * A `# unreachable: <why>` line: the session cannot reach the file's tenant, for that reason; `# reach: needs-sign-in`:
 * reaching it needs a sign-in that opening the file does not ask for.
 */
function unreachableOf(parsed: ParsedFile, text: string, t: Translate = english) {
  const why = /^# unreachable: (.+)$/m.exec(text)?.[1];
  const needsSignIn = /^# reach: needs-sign-in$/m.test(text);
  const f = why
    ? tenantReachFinding(parsed, { kind: 'refused', why }, t)
    : needsSignIn
      ? tenantReachFinding(parsed, { kind: 'needs-sign-in' }, t)
      : undefined;
  return f ? [f] : [];
}
import { definitionMessages, root, sources, translatedLiterals } from '../fixtures/translated-texts';

const RULES_DIR = join(root, 'src', 'core', 'rules');
const DEFINITIONS_DIR = join(RULES_DIR, 'definitions');
const FIXTURES = join(root, 'test', 'fixtures', 'rules');

/** A translator that writes English and keeps every message it was handed. */
function recording(): { t: Translate; keys: Set<string> } {
  const keys = new Set<string>();
  const t: Translate = Object.assign(
    (message: string, ...args: Array<string | number | boolean>) => {
      keys.add(message);
      return english(message, ...args);
    },
    { locale: 'en' },
  );
  return { t, keys };
}

describe('rule messages: written in the rule definitions only', () => {
  it('no logic file of src/core/rules hands a translator a literal: the English is in definitions/', () => {
    const logic = sources(RULES_DIR).filter((f) => !f.startsWith(DEFINITIONS_DIR));
    assert.ok(logic.length >= 10, `found ${logic.length} logic files under ${relative(root, RULES_DIR)}`);
    const written = [...translatedLiterals(logic)].map(([text, where]) => `${where}: ${JSON.stringify(text)}`);
    assert.deepEqual(written, [], 'a message belongs in its rule definition, said with say()/sayCount()');
  });

  it('every message the rules and their fixes translate is a definition message (or a parser problem)', () => {
    const defined = definitionMessages();
    // The fixture's own `# tenant: SKU <seats left> [of <seats>]` line, else E3 over-assigned and MCOPSTN1 full.
    const tenantFor = (text: string) => {
      const m = /^# tenant: (\S+) (\d+)(?: of (\d+))?\s*$/m.exec(text);
      const total = Number(m?.[3] ?? m?.[2]);
      return m
        ? tenantOf({ [m[1]]: { total, used: total - Number(m[2]) } })
        : tenantOf({ ENTERPRISEPACK: { total: 10, used: 15 }, MCOPSTN1: { total: 1, used: 1 } });
    };
    const { t, keys } = recording();
    const parserSays = new Set<string>();
    const codes = new Set<string>();
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.licenses'))) {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const lines = text.split(/\r?\n/);
      const parsed = parseLicensesFile(text);
      for (const p of parsed.problems) parserSays.add(p.message);
      const groups = groupsOf(text);
      const numbers = numbersOf(text);
      const findings = [
        ...validate(parsed, catalog, t),
        ...tenantRules(parsed, catalog, tenantFor(text), t),
        ...(groups ? groupTenantRules(parsed, groups, t) : []),
        ...(numbers ? numberTenantRules(parsed, catalog, numbers, t) : []),
        ...unreachableOf(parsed, text, t),
      ];
      for (const f of findings) {
        codes.add(f.code);
        fixesFor(f, (n) => lines[n] ?? '', catalog, t);
      }
    }
    assert.equal(codes.size, ALL_RULES.length, 'the fixtures raise every rule');
    const stray = [...keys].filter((k) => !defined.has(k) && !parserSays.has(k));
    assert.deepEqual(stray, [], 'messages handed to the translator that no rule definition holds');
  });

  it('each rule but the parser-worded format rules has a message, named `default` when it is its only one', () => {
    const silent = ALL_RULES.filter((r) => Object.keys(r.messages).length === 0).map((r) => r.code);
    assert.deepEqual(silent, [
      'invalid-user',
      'unknown-directive',
      'malformed-directive',
      'invalid-group',
      'invalid-number',
    ]);
    const oneNamedOtherwise = ALL_RULES.filter((r) => Object.keys(r.messages).join() === Object.keys(r.messages)[0])
      .filter((r) => !('default' in r.messages))
      .map((r) => r.code);
    assert.deepEqual(oneNamedOtherwise, []);
  });
});
