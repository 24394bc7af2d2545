import * as vscode from 'vscode';
import type { GroupApplyOptions } from '../../core/run';
import type { loadEngine } from '../engine-connection';
import type { output } from '../output';

type Engine = Awaited<ReturnType<typeof loadEngine>>;

/**
 * What the output channel shows of the group part of a run: each group, each processing state, each member in error.
 */
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
