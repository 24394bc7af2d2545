import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../convert';

interface Template {
  readonly label: string;
  readonly detail: string;
  /** First line of the file: a comment saying what it is for. */
  readonly comment: string;
  readonly lines: readonly string[];
}

/** The scenarios of Microsoft's "Assign Teams add-ons licenses" article, as starting points (in the UI language). */
function templates(): Template[] {
  return [
    { label: vscode.l10n.t('Phone System + Domestic Calling Plan'), detail: 'MCOEV + MCOPSTN1', comment: vscode.l10n.t('Phone System + Domestic Calling Plan'), lines: ['usage-location US', 'assign MCOEV MCOPSTN1'] },
    { label: vscode.l10n.t('Phone System + International Calling Plan'), detail: 'MCOEV + MCOPSTN2', comment: vscode.l10n.t('Phone System + Domestic and International Calling Plan'), lines: ['usage-location US', 'assign MCOEV MCOPSTN2'] },
    { label: vscode.l10n.t('Audio Conferencing'), detail: 'MCOMEETADV', comment: vscode.l10n.t('Audio Conferencing (E5 already includes it)'), lines: ['assign MCOMEETADV'] },
    { label: vscode.l10n.t('Communications Credits'), detail: 'MCOPSTNC', comment: vscode.l10n.t('Communications Credits'), lines: ['assign MCOPSTNC'] },
    {
      label: vscode.l10n.t('Hybrid users on on-premises PSTN / Direct Routing'),
      detail: vscode.l10n.t('MCOEV only, never a Calling Plan'),
      comment: vscode.l10n.t('Hybrid users on on-premises PSTN / Direct Routing: Phone System only'),
      lines: ['pstn on-premises', 'assign MCOEV'],
    },
    { label: vscode.l10n.t('Plain list of users'), detail: vscode.l10n.t('licenses chosen when you apply'), comment: vscode.l10n.t('One user principal name per line; the licenses are chosen when you apply.'), lines: [] },
  ];
}

/** "New License File": an untitled `.licenses` document from a scenario. */
export async function newFileCommand(): Promise<vscode.TextDocument | undefined> {
  const picked = await vscode.window.showQuickPick(templates(), { title: vscode.l10n.t('New License File'), placeHolder: vscode.l10n.t('Start from a scenario') });
  if (!picked) return undefined;
  const content = [`# ${picked.comment}`, ...picked.lines, 'user@contoso.com', ''].join('\n');
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  await vscode.window.showTextDocument(document);
  return document;
}
