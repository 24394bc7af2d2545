import * as vscode from 'vscode';
import { cloudOf, type Cloud } from '../core/auth/clouds';

export type SignInMethod = 'browser' | 'deviceCode' | 'appSecret' | 'appCertificate';

export interface AuthSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly cloud: Cloud;
  readonly signInMethod: SignInMethod;
  readonly certificatePath: string;
}

/**
 * Settings that decide where a token goes are read from the user (or machine) level only.
 * They are also declared with `application` scope, so VS Code never applies them from a workspace:
 * a cloned repository's .vscode/settings.json must not be able to send the admin's token elsewhere.
 */
function userLevel<T>(key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration('licenses').inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readAuthSettings(): AuthSettings {
  return {
    tenantId: userLevel('tenantId', '').trim(),
    clientId: userLevel('clientId', '').trim(),
    cloud: cloudOf(userLevel('cloud', 'Global')),
    signInMethod: userLevel<SignInMethod>('signInMethod', 'browser'),
    certificatePath: userLevel('appCertificatePath', '').trim(),
  };
}

/** Batch concurrency and other run tuning may come from the workspace: they cannot leak anything. */
export function runSettings(): { concurrency: number } {
  return { concurrency: vscode.workspace.getConfiguration('licenses').get<number>('concurrency', 4) };
}
