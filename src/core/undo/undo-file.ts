import { fileLine } from '../text/tenant-text';
import type { CurrentUser } from '../reads/tenant-reads';
import { formatLocalTime } from '../text/time';
import { directDifferences, directStateOf, type DirectDifference, type DirectState } from '../plan/direct-state';
import { skuPlans } from '../plan/resulting-licenses';
import type { TenantSkus } from '../tenant/tenant-skus';
import { planWord, skuWord } from '../tenant/sku-words';
import { english, type Translate } from '../text/translate';
import type { UndoUser } from './undo-journal';
import { numberUndo, type UndoNumber } from './undo-numbers';

export interface UndoFileInput {
  /** The journal's name, for the file's first comment. */
  readonly journal: string;
  readonly tenant: string;
  /**
   * The tenant the journal's files named on their `tenant` line (its header's `fileTenant`): the undo file names it
   * too, so its preview and apply go to the tenant the run wrote to, not to the signed-in or configured one.
   */
  readonly fileTenant?: string;
  readonly users: readonly UndoUser[];
  /** The users read from the tenant now, keyed by the lower-cased name the journal gives. */
  readonly now: ReadonlyMap<string, CurrentUser>;
  readonly skus: TenantSkus;
  readonly writtenAt: Date;
  /** The groups' part of the file (undo-groups.ts groupUndoSection), after the users' blocks. */
  readonly groups?: { readonly lines: readonly string[]; readonly summary: UndoGroups };
  /**
   * The users whose Teams numbers the journal changed, and the numbers each user holds now by lower-cased user id
   * (the inventory); absent when the journal changed no number or the inventory could not be read.
   */
  readonly numbers?: { readonly users: readonly UndoNumber[]; readonly held: ReadonlyMap<string, readonly string[]> };
}

/** What the undo file does for groups, for the CLI and VS Code to say. */
export interface UndoGroups {
  /** Groups with a block in the file: applying it puts their licenses back. */
  readonly restored: readonly string[];
  readonly alreadyRestored: readonly string[];
  /**
   * Groups whose licenses are none the journal left: changed since by someone else, left out (commented in the file).
   */
  readonly changedSince: readonly { readonly group: string; readonly differences: readonly string[] }[];
  readonly unreadable: readonly { readonly group: string; readonly message: string }[];
  /** Plans the run turned off in a SKU the group gave with every plan on: no group line turns them all back on. */
  readonly plansToTurnOn: readonly { readonly group: string; readonly partNumber: string }[];
}

/** What an undo file holds and leaves out, for the CLI and VS Code to say. */
export interface UndoFile {
  readonly text: string;
  /** Users in the file's blocks: applying it puts their direct licenses back. */
  readonly restored: readonly string[];
  /** Users already holding what they held before: nothing to undo. */
  readonly alreadyRestored: readonly string[];
  /**
   * Users whose licenses differ from what the run left: changed since by someone else, left out (commented in the
   * file).
   */
  readonly changedSince: readonly { readonly user: string; readonly differences: readonly string[] }[];
  /** Users that could not be read now (deleted, renamed, no permission). */
  readonly unreadable: readonly { readonly user: string; readonly message: string }[];
  /** Users the run gave a usage location: a `.licenses` file can set one, never clear it. */
  readonly usageLocationsSet: readonly { readonly user: string; readonly usageLocation: string }[];
  /**
   * Users the run sent a write for whose answer the journal never recorded (it could not be
   * written: a full disk). They differ from before because of the run itself, most likely: they are
   * restored (in `restored` too), and named, never blamed on someone else.
   */
  readonly unrecorded: readonly string[];
  /** The groups the journal changed: restored by their own assign and remove lines. */
  readonly groups: UndoGroups;
}

/**
 * The `.licenses` file that puts every user a journal's runs changed back as they were: one
 * `exact` block per set of direct licenses held before (with `disable` for their disabled plans),
 * so applying it removes what the run added and restores what it took or changed, in one
 * assignLicense per user. A user whose licenses now differ from what the run left was changed by
 * someone else since: they are reported and left out, written as a comment the admin may take in.
 */
export function undoFile(input: UndoFileInput, t: Translate = english): UndoFile {
  const partNumberOf = (skuId: string) => skuPlans(skuId, input.skus).partNumber;
  const restoredUsers: UndoUser[] = [];
  const alreadyRestored: string[] = [];
  const changedSince: { user: string; differences: string[]; was: UndoUser }[] = [];
  const unreadable: { user: string; message: string }[] = [];
  const usageLocationsSet: { user: string; usageLocation: string }[] = [];
  const unrecorded: string[] = [];
  const numbersChangedSince: { user: string; differences: string[] }[] = [];

  for (const u of input.users) {
    const read = input.now.get(u.user.toLowerCase());
    if (!read || read.kind !== 'found') {
      unreadable.push({ user: u.user, message: read?.kind === 'unreadable' ? read.error.message : t('not read') });
      continue;
    }
    const now = directStateOf(read.user, partNumberOf);
    if (!u.before.usageLocation && now.usageLocation)
      usageLocationsSet.push({ user: u.user, usageLocation: now.usageLocation });
    // Without a landed write, the run left what was there before.
    const differences = directDifferences(u.after ?? u.before, now).map((d) => describeDifference(d, t));
    // Pending with no answer recorded: the run's own write may have landed; not someone else's doing.
    if (differences.length > 0 && u.outcome === 'pending' && !u.after) {
      unrecorded.push(u.user);
      restoredUsers.push(u);
    } else if (differences.length > 0) changedSince.push({ user: u.user, differences, was: u });
    else if (directDifferences(u.before, now).length === 0) alreadyRestored.push(u.user);
    else restoredUsers.push(u);
  }

  // Numbers: a token on the user's line, in their license block when they have one, else in a block of their own.
  const tokens = new Map<string, { token: string; directRouting: boolean }>();
  const numberOnly: { user: string; token: string; directRouting: boolean; usageLocation: string }[] = [];
  const numbersDropped: string[] = [];
  const inBlocks = new Set(restoredUsers.map((u) => u.user.toLowerCase()));
  for (const n of input.numbers?.users ?? []) {
    const read = input.now.get(n.user.toLowerCase());
    if (!read || read.kind !== 'found') {
      if (!unreadable.some((u) => u.user.toLowerCase() === n.user.toLowerCase()))
        unreadable.push({ user: n.user, message: read?.kind === 'unreadable' ? read.error.message : t('not read') });
      continue;
    }
    const undo = numberUndo(n, input.numbers?.held.get(read.user.id.toLowerCase()) ?? [], t);
    if (undo.kind === 'already') continue;
    if (undo.kind === 'changed-since') {
      const known = changedSince.find((c) => c.user.toLowerCase() === n.user.toLowerCase());
      if (known) known.differences.push(undo.difference);
      else numbersChangedSince.push({ user: n.user, differences: [undo.difference] });
      continue;
    }
    numbersDropped.push(...undo.dropped.map((d) => `${n.user}: ${d}`));
    if (inBlocks.has(n.user.toLowerCase())) tokens.set(n.user.toLowerCase(), undo);
    else numberOnly.push({ user: n.user, ...undo, usageLocation: read.user.usageLocation ?? '' });
  }
  const lineOf = (user: string) => {
    const token = tokens.get(user.toLowerCase());
    return token ? `${user} ${token.token}` : user;
  };
  const directRouting = (u: UndoUser) => tokens.get(u.user.toLowerCase())?.directRouting === true;

  const lines = [
    `# ${t('Undo of {0} ({1}), written {2}.', fileLine(input.journal), fileLine(input.tenant), formatLocalTime(input.writtenAt))}`,
    `# ${t('Each block says exact: applying this file gives each user back exactly the licenses they held directly before the run, with the same disabled plans. Licenses from groups are not touched.')}`,
    `# ${t('Preview it, then apply it like any .licenses file.')}`,
    ...(input.fileTenant ? ['', `tenant ${fileLine(input.fileTenant)}`] : []),
  ];
  const groups = input.groups ?? {
    lines: [],
    summary: { restored: [], alreadyRestored: [], changedSince: [], unreadable: [], plansToTurnOn: [] },
  };
  if (restoredUsers.length === 0 && groups.summary.restored.length === 0 && numberOnly.length === 0)
    lines.push(
      '',
      `# ${t('Nothing to restore: every user the run changed holds what they held before, or was changed since by someone else (below).')}`,
    );
  if (unrecorded.length > 0)
    lines.push(
      '',
      `# ${t("The journal lost the run's answer for these users (it could not be written, a full disk): they are restored to what they held before the run. Check them in the preview.")}`,
      ...unrecorded.map((u) => `#   ${fileLine(u)}`),
    );
  lines.push(...numberOnlyLines(numberOnly, t));
  for (const block of blocksOf(restoredUsers, directRouting))
    lines.push(
      '',
      ...(directRouting(block.user) ? ['pstn on-premises'] : []),
      ...blockLines(block.user, input.skus, t),
      ...block.users.map((u) => lineOf(u.user)),
    );
  lines.push(...groups.lines);

  if (changedSince.length > 0) {
    lines.push(
      '',
      `# ${t('Changed since the run by someone else: not restored, their licenses now differ from what the run left. To restore one anyway, take the # off their block.')}`,
    );
    for (const c of changedSince) {
      lines.push(`# ${fileLine(c.user)}: ${c.differences.join('; ')}`);
      lines.push(...[...blockLines(c.was, input.skus, t), c.user].map((l) => `#   ${l}`));
    }
  }
  if (numbersChangedSince.length > 0) {
    lines.push(
      '',
      `# ${t('Teams numbers changed since the run by someone else: left as they are now.')}`,
      ...numbersChangedSince.map((c) => `#   ${fileLine(c.user)}: ${c.differences.join('; ')}`),
    );
  }
  if (numbersDropped.length > 0) {
    lines.push(
      '',
      `# ${t('These users held several numbers before the run; a line gives back one, so give these back in the Teams admin center:')}`,
      ...numbersDropped.map((d) => `#   ${fileLine(d)}`),
    );
  }
  if (unreadable.length > 0) {
    lines.push('', `# ${t('Could not be read now, so not restored:')}`);
    for (const u of unreadable) lines.push(`#   ${fileLine(u.user)}: ${fileLine(u.message)}`);
  }
  if (usageLocationsSet.length > 0) {
    lines.push(
      '',
      `# ${t('The run set a usage location on these users; a .licenses file cannot clear one (clear it in the Microsoft Entra admin center if needed):')}`,
    );
    for (const u of usageLocationsSet) lines.push(`#   ${u.user}: ${u.usageLocation}`);
  }
  lines.push('');
  return {
    text: lines.join('\n'),
    restored: [...restoredUsers.map((u) => u.user), ...numberOnly.map((u) => u.user)],
    alreadyRestored: alreadyRestored.filter((u) => !numberOnly.some((n) => n.user === u)),
    changedSince: [...changedSince.map(({ user, differences }) => ({ user, differences })), ...numbersChangedSince],
    unreadable,
    usageLocationsSet,
    unrecorded,
    groups: groups.summary,
  };
}

export function describeDifference(d: DirectDifference, t: Translate): string {
  switch (d.kind) {
    case 'added':
      return t('now also holds {0}', d.partNumber);
    case 'removed':
      return t('no longer holds {0}', d.partNumber);
    case 'disabled-plans':
      return t('other disabled plans in {0}', d.partNumber);
  }
}

const stateKey = (s: DirectState) => s.licenses.map((l) => `${l.skuId}:${l.disabledPlans.join(',')}`).join(';');

/**
 * Users with the same licenses before share a block, in the order the journal met them; users who
 * held none, by what the run left them (their block removes exactly that).
 */
function blocksOf(
  users: readonly UndoUser[],
  directRouting: (u: UndoUser) => boolean,
): { user: UndoUser; users: UndoUser[] }[] {
  const blocks = new Map<string, { user: UndoUser; users: UndoUser[] }>();
  for (const u of users) {
    const licenses = u.before.licenses.length ? stateKey(u.before) : `none|${stateKey(u.after ?? u.before)}`;
    // A Direct Routing number needs a `pstn on-premises` block (Teams lists it only while it is assigned).
    const key = `${directRouting(u) ? 'pstn|' : ''}${licenses}`;
    const block = blocks.get(key);
    if (block) block.users.push(u);
    else blocks.set(key, { user: u, users: [u] });
  }
  return [...blocks.values()];
}

/**
 * `exact`, the `assign` line and one `disable` per SKU with plans off. A user who held no license
 * directly gets a `remove` of what the run left them (undo writes only users who hold exactly
 * that): the same change as `exact` with no assign, said as what it is.
 */
function blockLines(u: UndoUser, skus: TenantSkus, t: Translate): string[] {
  const state = u.before;
  if (state.licenses.length === 0)
    return [
      `# ${t('Held no license directly before the run: this block removes the ones the run gave.')}`,
      `remove ${(u.after ?? state).licenses.map((l) => skuWord(skus, l.skuId)).join(' ')}`,
    ];
  const words = state.licenses.map((l) => ({ license: l, word: skuWord(skus, l.skuId) }));
  return [
    'exact',
    `assign ${words.map((w) => w.word).join(' ')}`,
    ...words
      .filter((w) => w.license.disabledPlans.length > 0)
      .map(
        (w) => `disable ${w.word}: ${w.license.disabledPlans.map((p) => planWord(skus, w.license.skuId, p)).join(' ')}`,
      ),
  ];
}

/**
 * Users whose numbers only are put back: blocks that change no license. `usage-location` with the one the user holds
 * sets nothing (a file sets one only on users without one) and keeps them out of the directive-less first block;
 * `pstn on-premises` for a Direct Routing number.
 */
function numberOnlyLines(
  users: readonly { user: string; token: string; directRouting: boolean; usageLocation: string }[],
  t: Translate,
): string[] {
  if (users.length === 0) return [];
  const blocks = new Map<string, typeof users>();
  for (const u of users) {
    const key = `${u.directRouting ? 'pstn' : ''}|${u.usageLocation}`;
    blocks.set(key, [...(blocks.get(key) ?? []), u]);
  }
  // The block without any directive (no usage location, no Direct Routing) must come first.
  const ordered = [...blocks.entries()].sort(([a], [b]) => (a === '|' ? -1 : b === '|' ? 1 : 0));
  const lines = ['', `# ${t('Teams numbers given back as they were before the run; these blocks change no license.')}`];
  for (const [, block] of ordered) {
    const first = block[0];
    lines.push(
      ...(first.directRouting ? ['pstn on-premises'] : []),
      ...(first.usageLocation ? [`usage-location ${first.usageLocation}`] : []),
      ...block.map((u) => `${u.user} ${u.token}`),
      '',
    );
  }
  lines.pop();
  return lines;
}
