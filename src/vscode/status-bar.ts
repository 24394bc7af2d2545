import * as vscode from 'vscode';
import type { TenantManager } from './tenant-manager';

/** Who is signed in to which tenant; a click signs in. */
export function createStatusBar(tenants: TenantManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('licenses.tenant', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Microsoft 365 tenant');
  item.command = 'licenses.signIn';
  const render = () => {
    const s = tenants.session;
    item.text = s
      ? `$(${s.kind === 'demo' ? 'beaker' : 'organization'}) ${s.label}`
      : `$(sign-in) ${vscode.l10n.t('M365: Sign in')}`;
    item.tooltip = s
      ? vscode.l10n.t('Licenses: signed in to {0}. Click to switch.', s.label)
      : vscode.l10n.t('Licenses: sign in to a Microsoft 365 tenant');
    item.show();
  };
  render();
  const sub = tenants.onDidChange(render);
  return vscode.Disposable.from(item, sub);
}
