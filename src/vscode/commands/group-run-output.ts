import * as vscode from 'vscode';
import type { GroupApplyOptions, RunPlan } from '../../core/run';
import type { loadEngine } from '../engine-connection';
import type { output } from '../output';

type Engine = Awaited<ReturnType<typeof loadEngine>>;

/** What the output channel shows of the group part of a run: each group, each processing state, each member in error. */
export function groupRunCallbacks(
  log: ReturnType<typeof output>,
  engine: Engine,
): Pick<GroupApplyOptions, 'onGroupResult' | 'onProcessing' | 'onMemberError' | 't'> {
  return {
    onGroupResult: (r) =>
      r.outcome === 'failed' ? log.error(engine.formatGroupResultLine(r)) : log.info(engine.formatGroupResultLine(r)),
    onProcessing: (g, state) => log.info(vscode.l10n.t('Group "{0}": {1}', g.displayName ?? g.group, state)),
    onMemberError: (e) => log.error(engine.formatMemberErrorLine(e)),
    t: vscode.l10n.t,
  };
}

/** Lines for the confirmation: the groups the run changes and the members each reaches. */
export function groupConfirmLines(plan: RunPlan): string[] {
  return (plan.groups ?? [])
    .filter((g) => g.kind === 'change')
    .map((g) => {
      const changes = [
        ...g.add.map((a) => (a.why === 'new' ? `+${a.partNumber}` : `~${a.partNumber}`)),
        ...g.remove.map((r) => `-${r.partNumber}`),
      ].join(' ');
      return vscode.l10n.t('Group "{0}": {1} ({2} members)', g.displayName ?? g.group, changes, g.members);
    });
}
