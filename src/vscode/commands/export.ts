import { oneLineText } from '../../core/text/tenant-text';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { parseLicensesFile } from '../../core/format';
import type { ExportSource } from '../../core/inventory';
import { desiredUsers } from '../../core/desired/desired-users';
import { count, plural } from '../../core/text/translate';
import { connectionFor } from '../engine-connection';
import { engineBundle } from '../engine-bundle-loader';
import { uiTranslate } from '../translator';
import type { CommandContext } from './context';

/** For tests and scripts: skip the questions. */
export interface ExportCommandOptions {
  readonly source?: ExportSource;
  readonly target?: vscode.Uri;
}

/** Whom to export: every licensed user, the holders of SKUs picked from the tenant, or the users of the open file. */
async function pickSource(ctx: CommandContext): Promise<ExportSource | undefined> {
  const editor = vscode.window.activeTextEditor;
  const items: (vscode.QuickPickItem & { kind2: 'licensed' | 'skus' | 'users' })[] = [
    { label: vscode.l10n.t('Every licensed user'), kind2: 'licensed' },
    { label: vscode.l10n.t('Holders of some subscriptions…'), kind2: 'skus' },
    ...(editor?.document.languageId === 'licenses'
      ? [
          {
            label: vscode.l10n.t('The users of {0}', vscode.workspace.asRelativePath(editor.document.uri)),
            kind2: 'users' as const,
          },
        ]
      : []),
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export tenant licenses') });
  if (!choice) return undefined;
  if (choice.kind2 === 'licensed') return { kind: 'licensed' };
  if (choice.kind2 === 'users' && editor) {
    const references = desiredUsers(parseLicensesFile(editor.document.getText()), ctx.catalog()).map((d) => d.user);
    return { kind: 'users', references, label: vscode.workspace.asRelativePath(editor.document.uri) };
  }
  const t = uiTranslate();
  const skus = await ctx.tenants.skus.fresh();
  if (!skus.ok) throw new Error(skus.error.message);
  const picked = await vscode.window.showQuickPick(
    skus.value.sorted.map((s) => ({
      label: s.partNumber,
      description: plural(
        t,
        s.seatsTotal,
        '{1} of {0} seat assigned',
        '{1} of {0} seats assigned',
        count(t, s.seatsUsed),
      ),
    })),
    {
      canPickMany: true,
      title: vscode.l10n.t('Export the holders of'),
    },
  );
  return picked?.length ? { kind: 'skus', skus: picked.map((p) => p.label) } : undefined;
}

/**
 * "Licenses: Export Tenant Licenses…": the tenant as a `.licenses` file of `exact` blocks
 * (core/inventory/export-file.ts), saved where the admin says and opened. Reads only.
 */
export async function exportTenantCommand(
  ctx: CommandContext,
  options: ExportCommandOptions = {},
): Promise<vscode.Uri | undefined> {
  const session = await ctx.tenants.require();
  if (!session) return undefined;
  const source = options.source ?? (await pickSource(ctx));
  if (!source) return undefined;
  const t = uiTranslate();
  const connection = await connectionFor(session);
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading licenses from {0}…', session.label),
      cancellable: true,
    },
    (progress, token) =>
      engineBundle().exportTenant(connection, source, {
        tenantLabel: session.label,
        cancellation: token,
        t,
        onProgress: (n) => progress.report({ message: plural(t, n, '{0} user read', '{0} users read') }),
      }),
  );
  if (outcome.kind === 'cancelled') return undefined;
  if (outcome.kind === 'refused') throw new Error(outcome.message);
  if (outcome.kind === 'tenant-error')
    throw new Error(
      `[${outcome.error.code}] ${outcome.error.message}${outcome.error.hint ? ` ${outcome.error.hint}` : ''}`,
    );
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target =
    options.target ??
    (await vscode.window.showSaveDialog({
      filters: { Licenses: ['licenses'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'tenant.licenses') } : {}),
      title: vscode.l10n.t('Save the exported licenses'),
    }));
  if (!target) return undefined;
  await writeFile(target.fsPath, outcome.file.text, 'utf8');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  const unread = outcome.unread.length
    ? ` ${plural(t, outcome.unread.length, '{0} user could not be read: see the end of the file.', '{0} users could not be read: see the end of the file.')}`
    : '';
  const blocks = plural(t, outcome.file.blocks, '{0} block', '{0} blocks');
  void vscode.window.showInformationMessage(
    plural(t, outcome.file.users, 'Exported {0} user in {1}.', 'Exported {0} users in {1}.', blocks) +
      unread +
      (outcome.numbersAbsent ? ` ${oneLineText(outcome.numbersAbsent)}` : ''),
  );
  return target;
}
