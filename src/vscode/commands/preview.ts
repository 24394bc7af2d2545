import * as path from 'node:path';
import { renderPreview } from '../../core/report/preview';
import * as vscode from 'vscode';
import { previewView, stalePreview } from '../../core/report/preview-view';
import { PagePanels } from '../webviews/page-panels';
import { uiWords } from '../words';
import type { CommandContext } from './context';
import { documentFor, readInput } from './file-input';
import { planInput, type UnreachableTenant } from './plan-document';

/** The webview type of preview panels (tests find the tab by it). */
const PREVIEW_VIEW_TYPE = 'licenses.preview';

/** One preview panel per `.licenses` file: previewing it again refreshes it. */
export class PreviewPanels extends PagePanels {
  constructor() {
    super(PREVIEW_VIEW_TYPE);
  }

  /** After a run wrote to the tenant: every open preview says it may be out of date, and Apply waits for a refresh. */
  markStale(): void {
    this.updateAll((view) => stalePreview(view, uiWords()));
  }
}

/**
 * "Preview Changes": the plan against the tenant, per user, writing nothing, shown as a page with
 * sections that fold and a filter. Returns the same plan as Markdown text (tests and scripts read it).
 */
export async function previewCommand(
  ctx: CommandContext,
  previews: PreviewPanels,
  uri?: unknown,
): Promise<string | UnreachableTenant | undefined> {
  const document = await documentFor(uri);
  if (!document) return undefined;
  const input = readInput(document, ctx.catalog());
  if (!input) return undefined;
  const planned = await planInput(ctx, input);
  if (!planned || 'refused' in planned) return planned;
  const name = path.basename(document.uri.path);
  const page = { file: name, tenant: planned.session.label, at: new Date() };
  const file = document.uri;
  // The page's buttons run the same commands as the palette, on this file.
  previews.show(file.toString(), previewView(planned.plan, page, uiWords()), (action) =>
    vscode.commands.executeCommand(action === 'apply' ? 'licenses.apply' : 'licenses.preview', file),
  );
  return renderPreview(planned.plan, page);
}
