import * as path from 'node:path';
import { renderPreview } from '../../core/report/preview';
import { previewView } from '../../core/report/preview-view';
import { ReportPanels } from '../webviews/report-panel';
import { uiWords } from '../words';
import type { CommandContext } from './context';
import { documentFor, readInput } from './file-input';
import { planInput } from './plan-document';

/** The webview type of preview panels (tests find the tab by it). */
export const PREVIEW_VIEW_TYPE = 'licenses.preview';

/** One preview panel per `.licenses` file: previewing it again refreshes it. */
export class PreviewPanels extends ReportPanels {
  constructor() {
    super(PREVIEW_VIEW_TYPE);
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
): Promise<string | undefined> {
  const document = await documentFor(uri);
  if (!document) return undefined;
  const input = readInput(document, ctx.catalog());
  if (!input) return undefined;
  const planned = await planInput(ctx, input);
  if (!planned) return undefined;
  const name = path.basename(document.uri.path);
  const page = { file: name, tenant: ctx.tenants.session?.label ?? '', at: new Date() };
  previews.show(document.uri.toString(), previewView(planned.plan, page, uiWords()));
  return renderPreview(planned.plan, page);
}
