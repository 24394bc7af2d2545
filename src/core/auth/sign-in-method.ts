import { choiceSetting, type CheckedSetting } from '../settings/setting-values';

/**
 * How the extension signs in (`licenses.signInMethod`):
 * - `vscode`: delegated, as the admin, through VS Code's Microsoft account (vscode-account.ts);
 *   every host VS Code supports, and the account shows in VS Code's Accounts menu.
 * - `deviceCode`: delegated through @azure/msal-node's device code, for editors that ship without
 *   Microsoft's account extension. msal-node's maintainers remove public clients after v7.
 * - `appSecret`, `appCertificate`: app-only, for automation accounts (confidential client).
 */
export type SignInMethod = 'vscode' | 'deviceCode' | 'appSecret' | 'appCertificate';
const SIGN_IN_METHODS: readonly SignInMethod[] = ['vscode', 'deviceCode', 'appSecret', 'appCertificate'];
const DEFAULT_SIGN_IN_METHOD: SignInMethod = 'vscode';

/**
 * Values earlier versions accepted, and what they mean now: `browser` was msal-node's loopback
 * redirect, which VS Code's account does better (and in remote windows, where the loopback never
 * reached the local browser).
 */
const RETIRED: Readonly<Record<string, SignInMethod>> = { browser: 'vscode' };

export interface CheckedSignInMethod extends CheckedSetting<SignInMethod> {
  /** The retired value that was read, when the setting should be rewritten to `value`. */
  readonly migratedFrom?: string;
}

export function signInMethodSetting(raw: unknown): CheckedSignInMethod {
  if (typeof raw === 'string' && Object.hasOwn(RETIRED, raw)) return { value: RETIRED[raw]!, migratedFrom: raw };
  return choiceSetting(raw, SIGN_IN_METHODS, DEFAULT_SIGN_IN_METHOD);
}
