import type { GraphConnection } from '../graph/connection';
import { malformedAnswer, nextPage, type Loaded } from '../reads/paging';
import { english, type Translate } from '../text/translate';
import { TEAMS_PERMISSION, teamsError, teamsRequest } from './teams-transport';

/** Graph's numberAssignment (graph-docs resources/teamsadministration-numberassignment.md), the fields used. */
export interface TeamsNumber {
  readonly id: string;
  readonly telephoneNumber: string;
  readonly numberType: string;
  readonly assignmentStatus: string;
  readonly activationState: string;
  readonly assignmentTargetId: string | null;
  readonly assignmentCategory: string | null;
  readonly capabilities: readonly string[];
  readonly isoCountryCode: string | null;
  readonly city: string | null;
  readonly locationId: string | null;
}

/** A user's voice state as Teams sees it (graph-docs resources/teamsadministration-teamsuserconfiguration.md). */
export interface UserVoiceState {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly isEnterpriseVoiceEnabled: boolean;
  readonly telephoneNumbers: readonly { readonly telephoneNumber: string; readonly assignmentCategory: string }[];
  readonly featureTypes: readonly string[];
}

export const NUMBERS_ROOT = '/admin/teams/telephoneNumberManagement';
/** "Default number of results is 500 entries and maximum 1,000 entries allowed per query" (list page). */
const INVENTORY_PAGE = 1000;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function toNumber(raw: unknown): TeamsNumber | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.telephoneNumber !== 'string' || typeof r.numberType !== 'string') return undefined;
  return {
    id: str(r.id) ?? '',
    telephoneNumber: r.telephoneNumber,
    numberType: r.numberType,
    assignmentStatus: str(r.assignmentStatus) ?? 'unassigned',
    activationState: str(r.activationState) ?? 'activated',
    assignmentTargetId: str(r.assignmentTargetId),
    assignmentCategory: str(r.assignmentCategory),
    capabilities: Array.isArray(r.capabilities) ? r.capabilities.filter((c): c is string => typeof c === 'string') : [],
    isoCountryCode: str(r.isoCountryCode),
    city: str(r.city),
    locationId: str(r.locationId),
  };
}

/**
 * The tenant's number inventory, every page: `$top=1000`, then `@odata.nextLink` when Graph gives one, else
 * `$skip` by a full page (the list page documents `$top` and `$skip` paging). `filter` is an OData
 * `$filter`, e.g. `assignmentStatus eq 'unassigned' and capabilities/any(c:c eq 'userAssignment')`.
 */
export async function readNumberInventory(
  connection: GraphConnection,
  options: { readonly filter?: string; readonly t?: Translate } = {},
): Promise<Loaded<TeamsNumber[]>> {
  const t = options.t ?? connection.t ?? english;
  const query = (skip: number) => {
    const q = [`$top=${INVENTORY_PAGE}`];
    if (options.filter) q.push(`$filter=${encodeURIComponent(options.filter)}`);
    if (skip) q.push(`$skip=${skip}`);
    return `${NUMBERS_ROOT}/numberAssignments?${q.join('&')}`;
  };
  const out: TeamsNumber[] = [];
  const seen = new Set<string>();
  let path = query(0);
  for (;;) {
    seen.add(path);
    const answer = await teamsRequest(connection, 'GET', path);
    if (!answer.ok) return { ok: false, error: teamsError(answer.failure, TEAMS_PERMISSION.readNumbers, t) };
    const body = answer.body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    if (!body || !Array.isArray(body.value))
      return {
        ok: false,
        error: malformedAnswer(t('The telephone number inventory came back without its list of numbers.')),
      };
    for (const raw of body.value) {
      const n = toNumber(raw);
      if (!n)
        return {
          ok: false,
          error: malformedAnswer(t('A number of the inventory came back without its telephone number or type.')),
        };
      out.push(n);
    }
    const link = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
    const next = link
      ? nextPage(link, connection.baseUrl, seen, t)
      : body.value.length === INVENTORY_PAGE
        ? { kind: 'next' as const, link: query(out.length) }
        : { kind: 'end' as const };
    if (next.kind === 'end') return { ok: true, value: out };
    if (next.kind !== 'next' || seen.has(next.link))
      return {
        ok: false,
        error: malformedAnswer(t('The inventory pages lead elsewhere or go round; stopped reading them.')),
      };
    path = next.link;
  }
}

function toVoiceState(raw: unknown): UserVoiceState | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string') return undefined;
  const numbers = Array.isArray(r.telephoneNumbers) ? r.telephoneNumbers : [];
  return {
    userId: r.id,
    userPrincipalName: str(r.userPrincipalName) ?? '',
    isEnterpriseVoiceEnabled: r.isEnterpriseVoiceEnabled === true,
    telephoneNumbers: numbers
      .filter((n): n is Record<string, unknown> => n !== null && typeof n === 'object')
      .filter((n) => typeof n.telephoneNumber === 'string')
      .map((n) => ({
        telephoneNumber: n.telephoneNumber as string,
        assignmentCategory: str(n.assignmentCategory) ?? 'primary',
      })),
    featureTypes: Array.isArray(r.featureTypes) ? r.featureTypes.filter((f): f is string => typeof f === 'string') : [],
  };
}

/** One user's voice state: `GET /admin/teams/userConfigurations/{id}` ("using their ID (the user's identifier)"). */
export async function readUserVoiceState(
  connection: GraphConnection,
  userId: string,
  t: Translate = connection.t ?? english,
): Promise<Loaded<UserVoiceState>> {
  const answer = await teamsRequest(connection, 'GET', `/admin/teams/userConfigurations/${encodeURIComponent(userId)}`);
  if (!answer.ok) return { ok: false, error: teamsError(answer.failure, TEAMS_PERMISSION.readUsers, t) };
  const state = toVoiceState(answer.body);
  return state
    ? { ok: true, value: state }
    : { ok: false, error: malformedAnswer(t("A user's Teams configuration came back without the user's id.")) };
}

/** Every user's voice state, following `@odata.nextLink`. */
export async function readUserVoiceStates(
  connection: GraphConnection,
  t: Translate = connection.t ?? english,
): Promise<Loaded<UserVoiceState[]>> {
  const out: UserVoiceState[] = [];
  const seen = new Set<string>();
  let path = '/admin/teams/userConfigurations?$top=999';
  for (;;) {
    seen.add(path);
    const answer = await teamsRequest(connection, 'GET', path);
    if (!answer.ok) return { ok: false, error: teamsError(answer.failure, TEAMS_PERMISSION.readUsers, t) };
    const body = answer.body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    const page = Array.isArray(body?.value) ? body.value.map(toVoiceState) : undefined;
    if (!page || page.some((s) => s === undefined))
      return {
        ok: false,
        error: malformedAnswer(t("Users' Teams configurations came back without their list or ids.")),
      };
    out.push(...(page as UserVoiceState[]));
    const link = typeof body?.['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
    const next = nextPage(link, connection.baseUrl, seen, t);
    if (next.kind === 'end') return { ok: true, value: out };
    if (next.kind !== 'next')
      return {
        ok: false,
        error: malformedAnswer(t('The inventory pages lead elsewhere or go round; stopped reading them.')),
      };
    path = next.link;
  }
}

/** Every user-held number of the inventory, by the lower-cased id of its holder. */
export function numbersByHolder(inventory: readonly TeamsNumber[]): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const n of inventory) {
    if (!n.assignmentTargetId || n.assignmentStatus !== 'userAssigned') continue;
    const key = n.assignmentTargetId.toLowerCase();
    held.set(key, [...(held.get(key) ?? []), n.telephoneNumber]);
  }
  return held;
}
