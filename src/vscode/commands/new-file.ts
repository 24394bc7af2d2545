import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../convert';

/** The scenarios of Microsoft's "Assign Teams add-ons licenses" article, as starting points. */
const TEMPLATES: readonly { label: string; detail: string; body: string[] }[] = [
  { label: 'Phone System + Domestic Calling Plan', detail: 'MCOEV + MCOPSTN1', body: ['# Phone System + Domestic Calling Plan', 'usage-location US', 'assign MCOEV MCOPSTN1', 'user@contoso.com'] },
  { label: 'Phone System + International Calling Plan', detail: 'MCOEV + MCOPSTN2', body: ['# Phone System + Domestic and International Calling Plan', 'usage-location US', 'assign MCOEV MCOPSTN2', 'user@contoso.com'] },
  { label: 'Audio Conferencing', detail: 'MCOMEETADV', body: ['# Audio Conferencing (E5 already includes it)', 'assign MCOMEETADV', 'user@contoso.com'] },
  { label: 'Communications Credits', detail: 'MCOPSTNC', body: ['# Communications Credits', 'assign MCOPSTNC', 'user@contoso.com'] },
  { label: 'Hybrid users on on-premises PSTN / Direct Routing', detail: 'MCOEV only, never a Calling Plan', body: ['# Hybrid users on on-premises PSTN / Direct Routing: Phone System only', 'pstn on-premises', 'assign MCOEV', 'user@contoso.com'] },
  { label: 'Plain list of users', detail: 'licenses chosen when you apply', body: ['# One user principal name per line; the licenses are chosen when you apply.', 'user@contoso.com'] },
];

/** "New License File": an untitled `.licenses` document from a scenario. */
export async function newFileCommand(): Promise<vscode.TextDocument | undefined> {
  const picked = await vscode.window.showQuickPick(TEMPLATES, { title: vscode.l10n.t('New License File'), placeHolder: vscode.l10n.t('Start from a scenario') });
  if (!picked) return undefined;
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: `${picked.body.join('\n')}\n` });
  await vscode.window.showTextDocument(document);
  return document;
}
