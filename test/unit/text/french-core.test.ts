import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import french from '../../../l10n/bundle.l10n.fr.json';
import { cliTranslator } from '../../../src/cli/translator';
import { runCheckCommand } from '../../../src/cli/check';
import { writeFileSync } from 'node:fs';

import { completionListAt } from '../../../src/core/editor/completion';
import { hoverAt } from '../../../src/core/editor/hover';
import { parseLicensesFile } from '../../../src/core/format';
import { validate, type Finding } from '../../../src/core/rules';
import { fixesFor } from '../../../src/core/rules/fixes';
import { tenantRules } from '../../../src/core/rules/tenant-rules';
import { formatPlanLine, formatResultLine, formatSummary } from '../../../src/core/report/format-results';
import { formatPlanTotals } from '../../../src/core/plan/totals';
import { seatSummary } from '../../../src/core/tenant/seat-arithmetic';
import { resolveDesired } from '../../../src/core/plan/resolve-desired';
import { shortfallBlocker } from '../../../src/core/plan/seats';
import { formatBlocker } from '../../../src/core/report/format-results';
import { forbiddenHint, hintFor } from '../../../src/core/graph/error-hints';
import { describeStep } from '../../../src/core/setup/set-up-app';
import { checkAfterWrite } from '../../../src/core/verify/verify';
import { judgeRead } from '../../../src/core/verify/verify-run';
import { explainSignInError } from '../../../src/core/auth/sign-in-errors';
import { bundleTranslator, english, plural, type Translate } from '../../../src/core/text/translate';
import { catalog } from '../helpers';
import { tenantOf } from '../fixtures/tenants';
import { tempFolder } from '../fixtures/temp-folder';

const DIR = resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'rules');
const bundle = french as Record<string, string>;

/** The French translator, remembering each message it was asked for that the bundle lacks, and where. */
function strictFrench(): { t: Translate; missing: Set<string> } {
  const missing = new Set<string>();
  const fr = bundleTranslator(bundle, 'fr');
  const t: Translate = Object.assign(
    (message: string, ...args: Array<string | number | boolean>) => {
      if (!(message in bundle)) missing.add(message);
      return fr(message, ...args);
    },
    { locale: 'fr' },
  );
  return { t, missing };
}

function findingsOf(text: string, t: Translate): Finding[] {
  const parsed = parseLicensesFile(text);
  const seats = /^# tenant: (\S+) (\d+)\s*$/m.exec(text);
  const tenant = seats ? tenantOf({ [seats[1]]: { total: Number(seats[2]), used: 0 } }) : undefined;
  return [...validate(parsed, catalog, t), ...(tenant ? tenantRules(parsed, catalog, tenant, t) : [])];
}

const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.licenses'));

describe('French core messages', () => {
  it('the rule fixtures raise every diagnostic and quick fix in French, none left in English', () => {
    const { t, missing } = strictFrench();
    const english: string[] = [];
    for (const file of fixtures) {
      const text = readFileSync(join(DIR, file), 'utf8');
      const lines = text.split(/\r?\n/);
      const inEnglish = findingsOf(text, englishT);
      const inFrench = findingsOf(text, t);
      assert.equal(inFrench.length, inEnglish.length, `${file}: the language changed the findings`);
      inFrench.forEach((f, i) => {
        // A message built without the translator reads the same in both languages.
        if (f.message === inEnglish[i].message)
          english.push(`${file}:${f.range.start.line + 1} ${f.code}: ${f.message}`);
        const frenchFixes = fixesFor(f, (n) => lines[n] ?? '', catalog, t);
        const englishFixes = fixesFor(inEnglish[i], (n) => lines[n] ?? '', catalog, englishT);
        frenchFixes.forEach((fix, k) => {
          if (fix.title === englishFixes[k].title)
            english.push(`${file}:${f.range.start.line + 1} ${f.code} quick fix: ${fix.title}`);
        });
      });
    }
    assert.deepEqual([...missing], [], 'messages the French bundle lacks');
    assert.deepEqual(english, [], 'messages left in English');
  });

  it('hovers and completion details of SKUs, plans and directives are French', () => {
    const { t, missing } = strictFrench();
    const sku = hoverAt('assign MCOEV', 8, catalog, 'fr', tenantOf({ MCOEV: { total: 10, used: 3 } }), t)!.markdown;
    assert.match(sku, /Plans? de service \(\d+\) :/);
    assert.match(sku, /Locataire : 7 places restantes sur 10/);
    assert.doesNotMatch(sku, /Service plans|seats left|Tenant:/);
    const plan = hoverAt('disable ENTERPRISEPACK: SWAY', 25, catalog, 'fr', undefined, t)!.markdown;
    assert.match(plan, /Plan de service `SWAY`/);
    assert.match(plan, /Dans \d+ SKU/);
    const directives = completionListAt('', 0, { catalog, locale: 'fr', t }).items;
    assert.ok(
      directives.every(
        (d) =>
          d.detail === 'directive' &&
          d.documentation &&
          d.documentation in Object.fromEntries(Object.values(bundle).map((v) => [v, 1])),
      ),
      'directive help in French',
    );
    assert.deepEqual([...missing], []);
  });

  it('writes counts the French way, with real singulars and plurals', () => {
    const { t, missing } = strictFrench();
    const summary = {
      users: 2000,
      changed: 1993,
      unchanged: 1,
      failed: 6,
      skipped: 0,
      cancelled: false,
      httpRequests: 101,
      writeRequests: 2000,
      durationMs: 4250,
      verified: 0,
      verificationProblems: 0,
    };
    const line = formatSummary(summary, t);
    assert.match(
      line,
      /^2\s000 utilisateurs : 1\s993 modifiés, 1 inchangé, 6 en échec, 0 ignoré — 2\s000 écritures en 101 requêtes HTTP, 4,3 s$/,
    );
    assert.equal(
      formatSummary(summary),
      '2,000 users: 1,993 changed, 1 unchanged, 6 failed, 0 skipped — 2,000 writes in 101 HTTP requests, 4.3 s',
    );
    assert.equal(
      formatSummary({ ...summary, users: 1, changed: 1, unchanged: 0, failed: 0, writeRequests: 1, httpRequests: 1 }),
      '1 user: 1 changed, 0 unchanged, 0 failed, 0 skipped — 1 write in 1 HTTP request, 4.3 s',
    );
    const totals = {
      change: 1993,
      unchanged: 1,
      failing: 2,
      groups: { change: 0, unchanged: 0, failing: 0 },
      adds: new Map([['MCOEV', 1993]]),
      removes: new Map(),
      disabledPlanChanges: new Map(),
      usageLocations: 0,
    };
    assert.match(
      formatPlanTotals(totals, t),
      /^1\s993 à modifier, 1 inchangé, 2 ne seront pas écrits : \+MCOEV \(Système téléphonique \(Téléphone Teams Standard\)\) ×1\s993$/,
    );
    assert.equal(
      formatPlanTotals(totals),
      '1,993 to change, 1 unchanged, 2 will not be written: +MCOEV (Microsoft Teams Phone Standard) ×1,993',
    );
    assert.equal(seatSummary(tenantOf({ MCOEV: { total: 1, used: 0 } }).all[0], t), '1 place restante sur 1');
    assert.equal(plural(english, 0, '{0} user', '{0} users'), '0 users');
    assert.deepEqual([...missing], []);
  });

  it('output lines of a dry run and of a run are French', () => {
    const { t, missing } = strictFrench();
    const plan = {
      user: 'ann@contoso.com',
      kind: 'change',
      add: [{ skuId: 'x', partNumber: 'MCOEV', why: 'disabled-plans', disabledPlans: [] }],
      remove: [],
      notes: [],
      setUsageLocation: 'FR',
    } as unknown as Parameters<typeof formatPlanLine>[0];
    assert.equal(
      formatPlanLine(plan, t),
      "~ ann@contoso.com emplacement d'utilisation FR ~MCOEV (Système téléphonique (Téléphone Teams Standard)) (plans désactivés)",
    );
    assert.equal(
      formatResultLine({ user: 'bob@contoso.com', outcome: 'unchanged', added: [], removed: [] }, undefined, t),
      '= bob@contoso.com inchangé',
    );
    assert.equal(
      formatResultLine({ user: 'bob@contoso.com', outcome: 'skipped', added: [], removed: [] }, undefined, t),
      '- bob@contoso.com ignoré (annulé)',
    );
    assert.deepEqual([...missing], []);
  });
});

describe('French plan blockers and hints', () => {
  it('says in French why a run is blocked: a SKU the tenant lacks, a plan not in the SKU, too few seats', () => {
    const { t, missing } = strictFrench();
    const tenant = tenantOf({ MCOEV: { total: 10, used: 9 } });
    const desired = [
      {
        user: 'ann@contoso.com',
        line: 3,
        assign: [{ sku: 'NOSUCH' }, { sku: 'MCOEV', disabledPlans: ['NOPE'] }],
        remove: [],
        onPremisesPstn: false,
      },
    ];
    const blockers = resolveDesired(desired, tenant, t).blockers.map((b) => formatBlocker(b, t));
    assert.deepEqual(blockers, [
      "✗ NOSUCH n'est pas un abonnement de ce locataire. (ligne 3) — Abonnements ici : MCOEV.",
      "✗ NOPE n'est pas un plan de service de MCOEV dans ce locataire. (ligne 3) — Plans de MCOEV : " +
        tenant.all[0].plans.map((p) => p.servicePlanName).join(', ') +
        '.',
    ]);
    const seats = shortfallBlocker(
      {
        skuId: 'x',
        partNumber: 'MCOEV',
        needed: 3,
        freed: 0,
        available: 1,
        missing: 2,
        total: 10,
        used: 9,
        warning: 0,
        suspended: 0,
        lockedOut: 0,
        capabilityStatus: 'Enabled',
      },
      t,
    );
    assert.equal(seats.message, 'Il manque 2 places à MCOEV : 3 nouvelles attributions, reste 1 place.');
    assert.match(seats.hint, /^Achetez 2 places MCOEV de plus/);
    assert.deepEqual([...missing], []);
  });

  it('reads back setup steps and sign-in refusals in French, English unchanged', () => {
    const { t, missing } = strictFrench();
    assert.equal(
      describeStep({ what: t('application permission {0}', 'User.ReadWrite.All'), outcome: 'refused' }, t),
      "autorisation d'application User.ReadWrite.All : refus",
    );
    assert.equal(
      describeStep({ what: 'service principal (enterprise application)', outcome: 'unchanged', detail: 'id' }),
      'service principal (enterprise application) unchanged (id)',
    );
    assert.match(
      explainSignInError('AADSTS7000222: The provided client secret keys are expired.', t) ?? '',
      /^Le secret client a expiré/,
    );
    assert.equal(explainSignInError('AADSTS1: toString'), undefined);
    const noRole = forbiddenHint(
      'write',
      {
        kind: 'delegated',
        permissions: new Set(['licenseassignment.readwrite.all', 'user.readwrite.all']),
        roleTemplateIds: new Set(),
      },
      t,
    );
    assert.match(noRole, /^Le jeton a les autorisations, mais le compte connecté n'a aucun des rôles/);
    assert.match(
      forbiddenHint('read', { kind: 'app', permissions: new Set() }, t),
      /^Il manque au jeton les autorisations d'application LicenseAssignment\.Read\.All et User\.Read\.All/,
    );
    assert.deepEqual([...missing], []);
  });

  it('says in French what the re-read after a write found', () => {
    const { t, missing } = strictFrench();
    const tenant = tenantOf({ MCOEV: { total: 10, used: 0 } });
    const skuId = tenant.all[0].skuId;
    const plan = {
      user: 'ann@contoso.com',
      kind: 'change',
      add: [{ skuId, partNumber: 'MCOEV', disabledPlans: [], why: 'new', takesSeat: true }],
      remove: [],
      notes: [],
    } as unknown as Parameters<typeof checkAfterWrite>[0];
    const user = {
      id: 'u1',
      userPrincipalName: 'ann@contoso.com',
      assignedLicenses: [],
      licenseAssignmentStates: [{ skuId, state: 'Error', error: 'CountViolation' }],
    } as unknown as Parameters<typeof checkAfterWrite>[1];
    const findings = checkAfterWrite(plan, user, tenant, t);
    assert.deepEqual(
      findings.map((f) => f.text),
      ["MCOEV est dans l'état Error avec CountViolation"],
    );
    const gone = checkAfterWrite(plan, { ...user, licenseAssignmentStates: [] } as typeof user, tenant, t);
    assert.deepEqual(
      gone.map((f) => f.text),
      ["MCOEV n'est pas sur l'utilisateur après l'écriture"],
    );
    const verdict = judgeRead(
      { user: 'ann@contoso.com', outcome: 'changed', added: ['MCOEV'], removed: [] },
      findings,
      true,
      t,
    );
    assert.equal(
      verdict.kind === 'fails' && verdict.result.error?.message,
      "Après l'écriture : MCOEV est dans l'état Error avec CountViolation.",
    );
    assert.deepEqual([...missing], []);
  });

  it('keeps Graph hints in English in the result, and shows them in French', () => {
    const hint = hintFor(404, 'Request_ResourceNotFound', 'Resource does not exist');
    assert.match(hint ?? '', /^No such user/);
    const line = formatResultLine(
      {
        user: 'zoe@contoso.com',
        outcome: 'failed',
        added: [],
        removed: [],
        error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist', hint },
      },
      undefined,
      strictFrench().t,
    );
    assert.equal(
      line,
      "✗ zoe@contoso.com [Request_ResourceNotFound] Resource does not exist — Utilisateur introuvable : vérifiez l'orthographe de l'UPN ou de l'id ; l'utilisateur a pu être renommé ou supprimé.",
    );
  });
});

const englishT = english;

describe('the CLI speaks the language of LC_ALL, LC_MESSAGES and LANG', () => {
  it('French when the first one set starts with fr, English otherwise', () => {
    const message = 'Nothing was written.';
    assert.equal(cliTranslator({ LANG: 'fr_FR.UTF-8' })(message), "Rien n'a été écrit.");
    assert.equal(cliTranslator({ LC_ALL: 'fr_CA', LANG: 'en_US.UTF-8' })(message), "Rien n'a été écrit.");
    assert.equal(cliTranslator({ LC_MESSAGES: 'fr', LANG: 'en_US.UTF-8' })(message), "Rien n'a été écrit.");
    assert.equal(cliTranslator({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })(message), message);
    assert.equal(cliTranslator({ LANG: 'fri_XX' })(message), message);
    assert.equal(cliTranslator({})(message), message);
    assert.equal(cliTranslator({ LC_ALL: '', LANG: 'fr_FR.UTF-8' }).locale, 'fr');
  });

  it('m365-licenses check prints its findings and totals in French under LANG=fr_FR.UTF-8', async () => {
    const file = join(tempFolder('licenses-fr-'), 'ventes.licenses');
    writeFileSync(file, 'assign E3\nann@contoso.com\n');
    const out: string[] = [];
    const code = await runCheckCommand([file], {
      stdout: (l) => out.push(l),
      stderr: (l) => out.push(l),
      t: cliTranslator({ LANG: 'fr_FR.UTF-8' }),
    });
    assert.equal(code, 1);
    assert.match(out[0], /:1:8: error unknown-sku: SKU inconnu « E3 »\. Vouliez-vous dire /);
    assert.equal(out[out.length - 1], '1 fichier vérifié : 1 erreur, 0 avertissement, 0 remarque.');
  });
});
