import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { completionListAt, type CompletionKind } from '../core/editor/completion';
import { safeFixEdits } from '../core/editor/fix-all';
import { hoverAt } from '../core/editor/hover';
import { fixesFor } from '../core/rules/fixes';
import type { AnalysisCache } from './analysis-cache';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID, toRange, uiLocale } from './convert';
import type { TenantFindings } from './tenant-findings';
import { uiTranslate } from './translator';

const SELECTOR: vscode.DocumentSelector = { language: LANGUAGE_ID };

/**
 * `editor.codeActionsOnSave: { "source.fixAll.licenses": "explicit" }` applies the safe fixes of
 * src/core/editor/fix-all.ts.
 */
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('licenses');

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  // A part number is a fixed name from Microsoft's table: a constant, not a code module.
  sku: vscode.CompletionItemKind.Constant,
  plan: vscode.CompletionItemKind.Property,
  country: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
};

/** Completions, hovers and quick fixes: thin bindings of src/core/editor and src/core/rules/fixes. */
export function registerLanguageFeatures(
  catalog: () => Catalog,
  cache: AnalysisCache,
  tenant: TenantFindings,
): vscode.Disposable[] {
  return [
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems(document, position) {
          const line = document.lineAt(position.line).text;
          const wordRange = document.getWordRangeAtPosition(position, /[^\s,:#]+/);
          // A file naming another tenant completes against that tenant (tenant-findings.ts forFile).
          const its = tenant.forFile(cache.get(document).parsed);
          const list = completionListAt(line, position.character, {
            catalog: catalog(),
            locale: uiLocale(),
            tenantSkus: its.skus,
            t: uiTranslate(),
            tenantGroups: its.groups,
            tenantNumbers: its.numbers,
          });
          // The word the core ranked for: VS Code filters on the text from the range's start to the cursor.
          const range = list.replace
            ? new vscode.Range(position.line, list.replace.start, position.line, list.replace.end)
            : wordRange;
          const items = list.items.map((c) => {
            const item = new vscode.CompletionItem(
              c.description ? { label: c.label, description: c.description } : c.label,
              KIND[c.kind],
            );
            item.detail = c.detail;
            if (c.documentation) item.documentation = untrustedMarkdown(c.documentation);
            item.insertText = c.insertText;
            item.sortText = c.sortText;
            item.filterText = c.filterText;
            if (range) item.range = range;
            return item;
          });
          return new vscode.CompletionList(items, list.isIncomplete);
        },
      },
      ' ',
      ':',
      ',',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(document, position) {
        const line = document.lineAt(position.line).text;
        const its = tenant.forFile(cache.get(document).parsed);
        const h = hoverAt(
          line,
          position.character,
          catalog(),
          uiLocale(),
          its.skus,
          uiTranslate(),
          its.groups,
          its.numbers,
          tenant.tenantNameOf,
        );
        return (
          h &&
          new vscode.Hover(
            untrustedMarkdown(h.markdown),
            new vscode.Range(position.line, h.start, position.line, h.end),
          )
        );
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      {
        provideCodeActions(document, _range, context) {
          // Asked for one kind only (the lightbulb, Fix All, codeActionsOnSave): compute only that kind.
          const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
          const analysis = cache.get(document);
          const lineText = (n: number) => document.lineAt(n).text;
          const actions: vscode.CodeAction[] = [];
          if (wants(vscode.CodeActionKind.QuickFix)) {
            for (const diagnostic of context.diagnostics) {
              if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
              const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
              const f = analysis.findings.find((x) => x.code === code && toRange(x.range).isEqual(diagnostic.range));
              if (!f) continue;
              for (const fix of fixesFor(f, lineText, catalog(), uiTranslate())) {
                const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
                action.diagnostics = [diagnostic];
                action.isPreferred = fix.preferred;
                action.edit = new vscode.WorkspaceEdit();
                for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
                actions.push(action);
              }
            }
          }
          if (wants(FIX_ALL)) {
            // The whole file, whatever the range: that is what Fix All and a save ask for.
            const edits = safeFixEdits(analysis.findings, lineText, catalog());
            if (edits.length) {
              const action = new vscode.CodeAction(vscode.l10n.t('Fix all safe problems in this file'), FIX_ALL);
              action.edit = new vscode.WorkspaceEdit();
              for (const e of edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
              actions.push(action);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL] },
    ),
  ];
}

/**
 * Hovers and completion documentation hold tenant text (group names), escaped by the core: said
 * here too, no command link, no HTML and no theme icon is honoured whatever the text holds.
 */
function untrustedMarkdown(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
