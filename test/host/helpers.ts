// Shared by the extension-host suites. Only the `vscode` API and Node: the same files run in
// code-server (scripts/run-host-tests.mjs) and under @vscode/test-electron (scripts/run-electron-tests.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bulk-licensing.m365-licenses';
export const LANGUAGE_ID = 'licenses';

/** The fixture workspace: the opened folder when it has the fixtures (a copy of it in code-server), else the repo's. */
export function fixturesRoot(): string {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (fs.existsSync(path.join(folder.uri.fsPath, 'sample.licenses'))) return folder.uri.fsPath;
  }
  // out/test/host -> repo
  return path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(fixturesRoot(), name));
}

export async function openFixture(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext;
}

/** Polls until `check` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message ?? last}` : ''}`,
      );
    }
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Opens a .licenses file and waits until the extension is active (without forcing it). */
export async function activateByOpening(name = 'sample.licenses'): Promise<vscode.TextDocument> {
  const { doc } = await openFixture(name);
  const ext = extension();
  await waitFor(`${EXTENSION_ID} to activate after opening ${name}`, () => ext.isActive, 15_000);
  return doc;
}

export function diagnosticsOf(uri: vscode.Uri, source = 'licenses'): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Waits until the document's diagnostics satisfy `ok` (they are computed asynchronously). */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await waitFor(
      what,
      () => {
        last = diagnosticsOf(uri);
        return ok(last) ? last : undefined;
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n  diagnostics now: ${describeDiagnostics(last)}`);
  }
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '(none)';
  return diags
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} "${d.message}"`)
    .join('; ');
}

/** Closes every editor and reverts the documents the test changed. */
export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The line (0-based) whose text, trimmed, starts with `prefix`; fails if there is none. */
export function lineStartingWith(doc: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trimStart().startsWith(prefix)) return i;
  throw new Error(`no line starting with "${prefix}" in ${path.basename(doc.uri.fsPath)}`);
}

/** Text of a hover's contents, whatever form they take. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}
