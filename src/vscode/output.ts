import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/**
 * The "Licenses" output channel: one line per user as results arrive. Only results and messages
 * go here: tokens, secrets and request headers never do.
 */
export function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Licenses', { log: true });
  return channel;
}

export function disposeOutput(): void {
  channel?.dispose();
  channel = undefined;
}
