import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderPreview } from '../../core/report/preview';
import { groupPreviewLines } from '../../core/report/group-preview';
import type { CommandContext } from './context';
import { documentFor, readInput } from './file-input';
import { planInput } from './plan-document';

export const PREVIEW_SCHEME = 'licenses-preview';

/** Read-only documents holding previews (virtual documents from a content provider cannot be edited). */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name}.preview.md`, query: String(Date.now()) });
    this.contents.set(uri.toString(), text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return document;
  }
}

/** "Preview Changes": the plan against the tenant, per user, writing nothing. Returns the preview text (tests read it). */
export async function previewCommand(ctx: CommandContext, previews: PreviewDocuments, uri?: unknown): Promise<string | undefined> {
  const document = await documentFor(uri);
  if (!document) return undefined;
  const input = readInput(document, ctx.catalog());
  if (!input) return undefined;
  const planned = await planInput(ctx, input);
  if (!planned) return undefined;
  const name = path.basename(document.uri.path);
  const text = renderPreview(planned.plan, { file: name, tenant: ctx.tenants.session?.label ?? '', at: new Date() }) + groupPreviewLines(planned.plan, vscode.l10n.t).join('\n');
  await previews.show(name, text);
  return text;
}
