import type { Catalog, ServicePlan } from '../catalog/catalog';
import { isCallingPlan, isPhoneSystem } from '../catalog/licensing-rules';
import { parsePhoneNumber } from '../format/e164';
import { shown } from '../format/parse';
import type { NumberLocationDirective, ParsedFile, Token, UserEntry } from '../format/types';
// From the modules themselves, not the index: a re-export is a getter per call.
import { buildBlockModel, enabledPlans, type BlockModel } from '../model/block-model';
import { SkuResolver } from '../model/sku-use';
import {
  USER_ASSIGNMENT,
  type NumberedUser,
  type TenantNumber,
  type TenantNumbersReader,
} from '../tenant/tenant-numbers';
import { isGuid } from '../text/guid';
import { english, type Translate } from '../text/translate';
import { finding, type Finding } from './finding';
import type { FindingList } from './finding-list';
import { NUMBER_RULES, NUMBER_WORDS } from './definitions/numbers';
import { say } from './rule';

/** A user line that gives a number, with the canonical form of it. */
interface Numbered {
  readonly entry: UserEntry;
  readonly token: Token;
  /** The canonical form, or `no-number`. */
  readonly value: string;
  readonly block: number;
}

/** What a model's assigned SKUs turn on, as the number checks need it. */
interface VoiceFacts {
  readonly phoneSystem: boolean;
  readonly callingPlan: boolean;
}

function voiceOf(plans: readonly ServicePlan[], into: { phoneSystem: boolean; callingPlan: boolean }): void {
  for (const p of plans) {
    if (isPhoneSystem(p.name)) into.phoneSystem = true;
    if (isCallingPlan(p.name)) into.callingPlan = true;
  }
}

function blockVoice(model: BlockModel): VoiceFacts {
  const facts = { phoneSystem: false, callingPlan: false };
  for (const use of model.assigned) voiceOf(enabledPlans(model, use), facts);
  return facts;
}

/** Every user line that gives a number or `no-number`, in line order; empty for a file without any (the usual). */
function numberedLines(parsed: ParsedFile): Numbered[] {
  const out: Numbered[] = [];
  for (const block of parsed.blocks) {
    for (const entry of block.users) {
      const n = entry.number;
      if (!n) continue;
      const parsedNumber = n.kind === 'number' ? parsePhoneNumber(n.token.text) : undefined;
      const value = parsedNumber ? (parsedNumber.ok ? parsedNumber.number.canonical : n.token.text) : 'no-number';
      out.push({ entry, token: n.token, value, block: block.index });
    }
  }
  return out;
}

/** The block indices each numbered user appears in (every block, numbered or not). */
function blocksOfUsers(parsed: ParsedFile, keys: ReadonlySet<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const block of parsed.blocks) {
    for (const u of block.users) {
      if (!keys.has(u.key)) continue;
      const list = out.get(u.key);
      if (!list) out.set(u.key, [block.index]);
      else if (list[list.length - 1] !== block.index) list.push(block.index);
    }
  }
  return out;
}

/** The block's `number-location` lines; none (and no list made) in almost every block. */
function locationsOf(model: BlockModel): readonly NumberLocationDirective[] {
  const directives = model.block.directives;
  let found: NumberLocationDirective[] | undefined;
  for (let i = 0; i < directives.length; i++) {
    const d = directives[i];
    if (d.kind === 'number-location') (found ??= []).push(d);
  }
  return found ?? NONE;
}
const NONE: readonly never[] = [];

/**
 * The file's own number checks: the same number on two users, a number and `no-number` (or two numbers) for one
 * user, a number for a user none of whose blocks assigns Phone System, and `number-location` lines (not a GUID,
 * or in a block without numbers). Malformed numbers are syntax problems (the parser locates them).
 */
export function numberRules(parsed: ParsedFile, models: readonly BlockModel[], findings: FindingList): void {
  const t = findings.t;
  for (const model of models) {
    const locations = locationsOf(model);
    if (locations.length === 0) continue;
    const numbered = model.block.users.some((u) => u.number?.kind === 'number');
    for (const d of locations) {
      if (d.id && !isGuid(d.id.text) && findings.admits('number-location-invalid', d.line, d.id.start, d.id.end))
        findings.push(
          finding(
            'number-location-invalid',
            say(t, NUMBER_RULES['number-location-invalid'], 'default', shown(d.id.text)),
            d.line,
            d.id.start,
            d.id.end,
          ),
        );
      if (!numbered && findings.admits('number-location-unused', d.line, d.keyword.start, d.keyword.end))
        findings.push(
          finding(
            'number-location-unused',
            say(t, NUMBER_RULES['number-location-unused'], 'default'),
            d.line,
            d.keyword.start,
            d.keyword.end,
            { deleteLine: true },
          ),
        );
    }
  }
  const lines = numberedLines(parsed);
  if (lines.length === 0) return;

  const holders = new Map<string, Numbered>();
  const byUser = new Map<string, Numbered[]>();
  for (const n of lines) {
    const list = byUser.get(n.entry.key);
    if (list) list.push(n);
    else byUser.set(n.entry.key, [n]);
    if (n.value === 'no-number') continue;
    const first = holders.get(n.value);
    if (!first) holders.set(n.value, n);
    else if (
      first.entry.key !== n.entry.key &&
      findings.admits('number-on-two-users', n.entry.line, n.token.start, n.token.end)
    )
      findings.push(
        finding(
          'number-on-two-users',
          say(
            t,
            NUMBER_RULES['number-on-two-users'],
            'default',
            n.value,
            shown(first.entry.token.text),
            first.entry.line + 1,
          ),
          n.entry.line,
          n.token.start,
          n.token.end,
        ),
      );
  }
  for (const list of byUser.values()) {
    const last = list[list.length - 1];
    for (const n of list) {
      if (n === last || n.value === last.value) continue;
      if (!findings.admits('number-conflict', n.entry.line, n.token.start, n.token.end)) continue;
      const message =
        last.value === 'no-number'
          ? say(t, NUMBER_RULES['number-conflict'], 'noNumber', last.entry.line + 1, shown(n.entry.token.text))
          : say(
              t,
              NUMBER_RULES['number-conflict'],
              'otherNumber',
              last.entry.line + 1,
              shown(n.entry.token.text),
              last.value,
            );
      findings.push(
        // Only the number goes: the line still lists the user in its block.
        finding('number-conflict', message, n.entry.line, n.token.start, n.token.end, { removeFromList: true }),
      );
    }
  }
  const numberedKeys = new Set([...byUser].filter(([, l]) => l[l.length - 1].value !== 'no-number').map(([k]) => k));
  const blocksOf = blocksOfUsers(parsed, numberedKeys);
  const voice = new Map<number, VoiceFacts>();
  const voiceAt = (i: number) => voice.get(i) ?? voice.set(i, blockVoice(models[i])).get(i)!;
  for (const key of numberedKeys) {
    const list = byUser.get(key)!;
    const last = list[list.length - 1];
    if ((blocksOf.get(key) ?? []).some((i) => voiceAt(i).phoneSystem)) continue;
    if (!findings.admits('number-without-phone-system', last.entry.line, last.token.start, last.token.end)) continue;
    findings.push(
      finding(
        'number-without-phone-system',
        say(t, NUMBER_RULES['number-without-phone-system'], 'default', shown(last.entry.token.text)),
        last.entry.line,
        last.token.start,
        last.token.end,
      ),
    );
  }
}

/** What the file leaves a numbered user with, as far as the file and (when read) the user's licenses tell. */
interface Outcome {
  readonly phoneSystem: boolean;
  readonly callingPlan: boolean;
  /** The user's licenses were read: a plan missing from both is certainly missing. */
  readonly known: boolean;
  readonly usageLocation?: string;
  readonly onPremisesPstn: boolean;
}

function outcomeOf(
  blocks: readonly number[],
  models: readonly BlockModel[],
  user: NumberedUser | undefined,
  catalog: Catalog,
): Outcome {
  const facts = { phoneSystem: false, callingPlan: false };
  const removed = new Set<string>();
  let exact = false;
  let fileLocation: string | undefined;
  let onPremisesPstn = false;
  for (const i of blocks) {
    const model = models[i];
    for (const use of model.assigned) voiceOf(enabledPlans(model, use), facts);
    for (const use of model.removed) if (use.sku) removed.add(use.sku.skuId);
    if (model.exact) exact = true;
    if (model.usageLocation) fileLocation = model.usageLocation;
    if (model.onPremisesPstn) onPremisesPstn = true;
  }
  if (user && !exact) {
    for (const l of user.licenses) {
      if (removed.has(l.skuId)) continue;
      const sku = catalog.skuById(l.skuId);
      if (sku)
        voiceOf(
          sku.plans.filter((p) => !l.disabledPlans.includes(p.id.toLowerCase())),
          facts,
        );
    }
  }
  const usageLocation = user ? (user.usageLocation ?? fileLocation) : undefined;
  return { ...facts, known: user !== undefined, onPremisesPstn, ...(usageLocation ? { usageLocation } : {}) };
}

/** The holder of `n` as a message shows it: the UPN when read, else the object id; services by their kind. */
export function holderOf(n: TenantNumber, users: ReadonlyMap<string, NumberedUser>, t: Translate): string {
  if (n.assignmentStatus === 'conferenceAssigned') return say(t, NUMBER_WORDS, 'conferenceBridge');
  if (n.assignmentStatus === 'voiceApplicationAssigned') return say(t, NUMBER_WORDS, 'voiceApplication');
  const id = n.assignmentTargetId?.toLowerCase();
  const user = id ? users.get(id) : undefined;
  return user ? user.userPrincipalName : (n.assignmentTargetId ?? n.assignmentStatus);
}

/** The number types Teams knows (numberAssignment.numberType), in words. */
export function numberTypeWord(type: string, t: Translate): string {
  switch (type) {
    case 'callingPlan':
      return say(t, NUMBER_WORDS, 'callingPlan');
    case 'operatorConnect':
      return say(t, NUMBER_WORDS, 'operatorConnect');
    case 'directRouting':
      return say(t, NUMBER_WORDS, 'directRouting');
    default:
      return type;
  }
}

/**
 * Signed in: each number of the file against the tenant's inventory (absent, held by another, not for users),
 * and against the licenses and usage location the user will have (read for the users the file numbers). Silent
 * where a fact is unknown: the preview reads every user. Without the inventory, one information finding says why.
 */
export function numberTenantRules(
  parsed: ParsedFile,
  catalog: Catalog,
  tenant: TenantNumbersReader,
  t: Translate = english,
): Finding[] {
  const lines = numberedLines(parsed).filter((n) => n.value !== 'no-number');
  if (lines.length === 0) return [];
  const state = tenant.state;
  if (state.kind === 'unread') return [];
  if (state.kind === 'unreadable') {
    const first = lines[0];
    const why =
      state.error.status === 403
        ? say(t, NUMBER_RULES['numbers-not-checked'], 'forbidden')
        : say(t, NUMBER_RULES['numbers-not-checked'], 'failed', state.error.code);
    return [finding('numbers-not-checked', why, first.entry.line, first.token.start, first.token.end)];
  }
  const numbers = state.numbers;
  const users = tenant.users;
  const resolver = new SkuResolver(catalog);
  const models = parsed.blocks.map((b) => buildBlockModel(b, resolver));
  const lastOf = new Map<string, Numbered>();
  for (const n of numberedLines(parsed)) lastOf.set(n.entry.key, n);
  const blocksOf = blocksOfUsers(parsed, new Set(lastOf.keys()));
  const findings: Finding[] = [];
  const push = (code: Parameters<typeof finding>[0], message: string, n: Numbered) =>
    findings.push(finding(code, message, n.entry.line, n.token.start, n.token.end));

  for (const n of lines) {
    const who = shown(n.entry.token.text);
    const user = users.get(n.entry.key);
    const outcome = outcomeOf(blocksOf.get(n.entry.key) ?? [n.block], models, user, catalog);
    const found = numbers.find(n.value);
    if (!found) {
      if (models[n.block].onPremisesPstn) {
        if (!outcome.phoneSystem && outcome.known)
          push(
            'number-license-mismatch',
            say(t, NUMBER_RULES['number-license-mismatch'], 'directRouting', n.value, who),
            n,
          );
        continue;
      }
      push('number-not-in-tenant', say(t, NUMBER_RULES['number-not-in-tenant'], 'default', n.value, who), n);
      continue;
    }
    const userId = user?.id ?? (isGuid(n.entry.key) ? n.entry.key : undefined);
    const heldByOther =
      found.assignmentStatus !== 'unassigned' &&
      (found.assignmentStatus !== 'userAssigned' ||
        (userId !== undefined && found.assignmentTargetId?.toLowerCase() !== userId));
    if (heldByOther) {
      push(
        'number-assigned-elsewhere',
        say(t, NUMBER_RULES['number-assigned-elsewhere'], 'default', n.value, holderOf(found, users, t)),
        n,
      );
      continue;
    }
    if (!found.capabilities.includes(USER_ASSIGNMENT)) {
      push(
        'number-not-for-users',
        say(
          t,
          NUMBER_RULES['number-not-for-users'],
          'default',
          n.value,
          found.capabilities.join(', ') || say(t, NUMBER_WORDS, 'nothing'),
        ),
        n,
      );
      continue;
    }
    const type = found.numberType;
    if (type === 'callingPlan' && outcome.onPremisesPstn) {
      push(
        'number-license-mismatch',
        say(t, NUMBER_RULES['number-license-mismatch'], 'callingPlanOnPremises', n.value, who),
        n,
      );
      continue;
    }
    const needsCallingPlan = type === 'callingPlan';
    const missing = !outcome.phoneSystem
      ? 'Phone System (MCOEV)'
      : needsCallingPlan && !outcome.callingPlan
        ? say(t, NUMBER_WORDS, 'aCallingPlan')
        : undefined;
    if (missing && outcome.known) {
      push(
        'number-license-mismatch',
        say(
          t,
          NUMBER_RULES['number-license-mismatch'],
          'missingLicense',
          n.value,
          numberTypeWord(type, t),
          missing,
          who,
        ),
        n,
      );
      continue;
    }
    if (
      needsCallingPlan &&
      found.isoCountryCode &&
      outcome.usageLocation &&
      found.isoCountryCode.toUpperCase() !== outcome.usageLocation
    )
      push(
        'number-country-mismatch',
        say(
          t,
          NUMBER_RULES['number-country-mismatch'],
          'default',
          n.value,
          found.isoCountryCode.toUpperCase(),
          who,
          outcome.usageLocation,
        ),
        n,
      );
  }
  return findings;
}
