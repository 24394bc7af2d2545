import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADVERSARIAL_FILES } from '../../../bench/adversarial-files';
import { parseLicensesFile } from '../../../src/core/format';
import { buildBlockModel, enabledPlans, SkuResolver } from '../../../src/core/model';
import { desiredUsers } from '../../../src/core/desired/desired-users';
import type { DesiredLicense, DesiredUser } from '../../../src/core/desired/desired';
import { validate } from '../../../src/core/rules';
import { exclusiveCode, exclusiveConflicts, exclusiveMessage } from '../../../src/core/rules/voice-rules';
import { catalog, check, codes, only } from '../helpers';
import { propertyRuns } from '../fixtures/scale';

/**
 * Validation and planning stay near-linear in the file. The unit stage checks what they find on
 * inputs a tenth of the size or less; the same inputs at full size (1 MB, 200,000 lines, a line past
 * 4,194,304) are in linear-validation.scale.test.ts, and their times against floors in the bench
 * (`npm run bench`, bench/editor.ts): no test here asserts a duration.
 */
const SKU_POOL = [
  'ENTERPRISEPACK',
  'MCOMEETADV',
  'MCOEV',
  'SPE_E5',
  'SPE_E3',
  'ENTERPRISEPREMIUM',
  'MCOPSTN1',
  'MCOPSTN2',
  'DESKLESSPACK',
  'EMS',
  'FLOW_FREE',
  'NOSUCHSKU',
];

describe('validation in linear time', () => {
  it('checks `assign` with ENTERPRISEPACK MCOMEETADV repeated 2,000 times (52 KB), with no finding', () => {
    assert.deepEqual(codes(check(`assign${' ENTERPRISEPACK MCOMEETADV'.repeat(2000)}`, 'ann@contoso.com')), []);
  });

  it('checks `assign MCOEV` on 20,000 lines, with no finding', () => {
    const text = `${'assign MCOEV\n'.repeat(20_000)}ann@contoso.com`;
    assert.deepEqual(codes(validate(parseLicensesFile(text), catalog)), []);
  });

  it('reports a repeated SKU as redundant exactly as if each SKU were written once, at its first word', () => {
    // The rule judges distinct SKUs; this is the pairwise definition it replaced, on the distinct list.
    const reference = (words: readonly string[]): string[] => {
      const model = buildBlockModel(
        parseLicensesFile(`assign ${words.join(' ')}\nann@contoso.com`).blocks[0],
        new SkuResolver(catalog),
      );
      const withPlans = model.assigned.filter((u) => u.sku && enabledPlans(model, u).length > 0);
      const reported = new Set<string>();
      const found: string[] = [];
      for (const small of withPlans) {
        const smallPlans = enabledPlans(model, small);
        for (const big of withPlans) {
          if (big.key === small.key || reported.has(small.key) || reported.has(big.key)) continue;
          const bigIds = new Set(enabledPlans(model, big).map((p) => p.id));
          if (bigIds.size < smallPlans.length || !smallPlans.every((p) => bigIds.has(p.id))) continue;
          reported.add(small.key);
          found.push(`${small.token.start}:${small.sku!.partNumber}<${big.sku!.partNumber}`);
        }
      }
      return found;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SKU_POOL), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        (words, times) => {
          const repeated = Array.from({ length: times }, () => words).flat();
          const redundant = only(check(`assign ${repeated.join(' ')}`, 'ann@contoso.com'), 'redundant-sku').map((f) => {
            const [, big, small] = /^(\S+) already includes everything in (\S+) \(/.exec(f.message)!;
            return `${f.range.start.character}:${small}<${big}`;
          });
          assert.deepEqual(redundant, reference(repeated));
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('reports exclusive SKUs in a block on every word exactly as judging each word on its own does', () => {
    // The rule judges distinct SKUs; this is the word-by-word list it replaced.
    const reference = (words: readonly string[]): string[] => {
      const model = buildBlockModel(
        parseLicensesFile(`assign ${words.join(' ')}\nann@contoso.com`).blocks[0],
        new SkuResolver(catalog),
      );
      const conflicts = exclusiveConflicts(model.assigned.map((use) => ({ use, plans: enabledPlans(model, use) })));
      return conflicts
        .map((c) => `${c.second.use.token.start}:${exclusiveCode(c)}:${exclusiveMessage(c)}`)
        .sort((a, b) => parseInt(a) - parseInt(b));
    };
    const POOL = [...SKU_POOL, 'MCOPSTN1', 'MCOPSTN2', 'MCOPSTN5', 'DESKLESSPACK', 'ENTERPRISEPACK'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        (words, times) => {
          const repeated = Array.from({ length: times }, () => words).flat();
          const found = check(`assign ${repeated.join(' ')}`, 'ann@contoso.com')
            .filter((f) => f.code === 'calling-plans-exclusive' || f.code === 'plans-exclusive')
            .map((f) => `${f.range.start.character}:${f.code}:${f.message}`);
          assert.deepEqual(found, reference(repeated));
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('still reports a real duplicate in a later block with the line of its first listing', () => {
    const findings = check(
      'assign MCOEV',
      'ann@contoso.com',
      'remove MCOPSTN1',
      'bob@contoso.com',
      'ann@contoso.com',
      'ANN@contoso.com',
    );
    assert.deepEqual(codes(findings), ['duplicate-user']);
    assert.match(findings[0].message, /line 5\)/);
  });

  it('reports two exclusive SKUs met across many blocks once per user, at the first lines where they meet', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => [
      `assign ${i === 0 ? 'MCOPSTN1' : 'MCOPSTN2'} MCOEV`,
      'ann@contoso.com',
    ]).flat();
    const across = only(check(...blocks), 'calling-plans-exclusive').filter((f) =>
      f.message.includes('across its blocks'),
    );
    assert.equal(across.length, 1);
    assert.match(across[0].message, /lines 1 and 3\)/);
    assert.equal(across[0].range.start.line, 99);
  });

  for (const file of ADVERSARIAL_FILES) {
    it(`validates and plans the adversarial file "${file.name}" at 64 KB without throwing`, () => {
      const text = file.text(64 * 1024);
      assert.ok(text.length >= 64 * 1024 * 0.99 && text.length < 64 * 1024 * 1.1, `${text.length} characters`);
      const parsed = parseLicensesFile(text);
      validate(parsed, catalog);
      desiredUsers(parsed, catalog);
    });
  }
});

describe('planning in linear time', () => {
  it('plans 6,000 `disable` lines for one SKU, keeping every plan', () => {
    const lines = [
      'assign ENTERPRISEPACK',
      ...new Array<string>(6_000).fill('disable ENTERPRISEPACK: SWAY'),
      'ann@contoso.com',
    ];
    const result = desiredUsers(parseLicensesFile(lines.join('\n')), catalog);
    assert.equal(result[0].assign[0].disabledPlans?.length, 6_000);
  });

  it('gives every user what a per-user merge over their blocks gives (later blocks win, first appearance keeps the order)', () => {
    // The straightforward definition: walk the blocks, and for each listed user apply the block.
    const reference = (text: string): DesiredUser[] => {
      const parsed = parseLicensesFile(text);
      const resolver = new SkuResolver(catalog);
      const byUser = new Map<
        string,
        {
          user: string;
          line: number;
          assign: Map<string, DesiredLicense>;
          remove: Map<string, string>;
          usageLocation?: string;
          onPremisesPstn: boolean;
        }
      >();
      for (const block of parsed.blocks) {
        const model = buildBlockModel(block, resolver);
        for (const entry of block.users) {
          let acc = byUser.get(entry.key);
          if (!acc)
            byUser.set(
              entry.key,
              (acc = {
                user: entry.token.text,
                line: entry.line + 1,
                assign: new Map(),
                remove: new Map(),
                onPremisesPstn: false,
              }),
            );
          for (const use of model.assigned) {
            const disabled = model.disables
              .filter((d) => d.use.key === use.key)
              .flatMap((d) => d.directive.plans.map((p) => p.text));
            acc.assign.set(use.key, {
              sku: use.written,
              ...(model.disables.some((d) => d.use.key === use.key) ? { disabledPlans: disabled } : {}),
            });
          }
          for (const use of model.removed) acc.remove.set(use.key, use.written);
          if (model.usageLocation) acc.usageLocation = model.usageLocation;
          if (model.onPremisesPstn) acc.onPremisesPstn = true;
        }
      }
      return [...byUser.values()].map((a) => ({
        user: a.user,
        line: a.line,
        assign: [...a.assign.values()],
        remove: [...a.remove.values()],
        ...(a.usageLocation ? { usageLocation: a.usageLocation } : {}),
        onPremisesPstn: a.onPremisesPstn,
      }));
    };
    const sku = fc.constantFrom(
      'MCOEV',
      'mcoev',
      'ENTERPRISEPACK',
      'contoso:ENTERPRISEPACK',
      'MCOPSTN1',
      'SPE_E5',
      'NOSUCH',
    );
    const line = fc.oneof(
      fc.array(sku, { minLength: 1, maxLength: 3 }).map((s) => `assign ${s.join(' ')}`),
      fc.array(sku, { minLength: 1, maxLength: 2 }).map((s) => `remove ${s.join(' ')}`),
      fc
        .tuple(sku, fc.subarray(['SWAY', 'YAMMER_ENTERPRISE', 'MCOSTANDARD', 'NOPLAN'], { minLength: 1 }))
        .map(([s, p]) => `disable ${s}: ${p.join(' ')}`),
      fc.constantFrom('usage-location FR', 'usage-location us', 'usage-location UK', 'pstn on-premises'),
      fc.constantFrom('ann@contoso.com', 'ANN@contoso.com', 'bob@contoso.com', 'cy@contoso.com', 'dee@contoso.com'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        assert.deepEqual(desiredUsers(parseLicensesFile(text), catalog), reference(text));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
