import * as vscode from 'vscode';
import { CLOUDS, cloudOf, type Cloud, type CloudName } from '../core/auth/clouds';
import { signInMethodSetting } from '../core/auth/sign-in-method';
import { SOVEREIGN_ENVIRONMENT_SETTING } from '../core/auth/vscode-account';
import {
  choiceSetting,
  integerSetting,
  stringSetting,
  type CheckedSetting,
  type SettingProblem,
  USER_DEADLINE_SECONDS,
  NUMBER_WAIT_MINUTES,
} from '../core/settings/setting-values';
import { output } from './output';
import { workspaceResultsFolder } from '../core/settings/setting-values';

import type { SignInMethod } from '../core/auth/sign-in-method';
export type { SignInMethod } from '../core/auth/sign-in-method';

export interface AuthSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly cloud: Cloud;
  readonly signInMethod: SignInMethod;
  readonly certificatePath: string;
}

/** The schema's bounds for `licenses.concurrency` (package.json): batches in flight at once. */
const CONCURRENCY = { min: 1, max: 8, default: 4 } as const;

/**
 * Settings that decide where a token goes are read from the user (or machine) level only.
 * They are also declared with `application` scope, so VS Code never applies them from a workspace:
 * a cloned repository's .vscode/settings.json must not be able to send the admin's token elsewhere.
 */
function userLevel(key: string): unknown {
  const inspected = vscode.workspace.getConfiguration('licenses').inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readAuthSettings(): AuthSettings {
  return {
    tenantId: checked('tenantId', userLevel('tenantId'), (raw) => stringSetting(raw, '')),
    clientId: checked('clientId', userLevel('clientId'), (raw) => stringSetting(raw, '')),
    cloud: cloudOf(
      checked('cloud', userLevel('cloud'), (raw) => choiceSetting(raw, Object.keys(CLOUDS) as CloudName[], 'Global')),
    ),
    signInMethod: checked('signInMethod', userLevel('signInMethod'), signInMethodSetting),
    certificatePath: checked('appCertificatePath', userLevel('appCertificatePath'), (raw) => stringSetting(raw, '')),
  };
}

/**
 * A retired `licenses.signInMethod` in the user settings (`browser`) is rewritten to what it means
 * now, once, so the Settings editor shows the method actually used instead of a schema warning.
 */
export async function migrateSignInMethod(): Promise<void> {
  const raw = vscode.workspace.getConfiguration('licenses').inspect<unknown>('signInMethod')?.globalValue;
  const checkedValue = signInMethodSetting(raw);
  if (checkedValue.migratedFrom === undefined) return;
  await vscode.workspace
    .getConfiguration('licenses')
    .update('signInMethod', checkedValue.value, vscode.ConfigurationTarget.Global)
    .then(undefined, (e: unknown) => output().warn(`licenses.signInMethod: ${(e as Error)?.message ?? String(e)}`));
}

/** VS Code's own `microsoft-sovereign-cloud.environment` (its Microsoft account extension's setting). */
export function sovereignEnvironment(): unknown {
  return vscode.workspace.getConfiguration().get<unknown>(SOVEREIGN_ENVIRONMENT_SETTING);
}

/** Batch concurrency and other run tuning may come from the workspace: they cannot leak anything. */
export function runSettings(): { concurrency: number; userDeadlineSeconds: number; numberWaitMinutes: number } {
  const config = vscode.workspace.getConfiguration('licenses');
  return {
    concurrency: checked('concurrency', config.get<unknown>('concurrency'), (r) => integerSetting(r, CONCURRENCY)),
    userDeadlineSeconds: checked('userDeadlineSeconds', config.get<unknown>('userDeadlineSeconds'), (r) =>
      integerSetting(r, USER_DEADLINE_SECONDS),
    ),
    numberWaitMinutes: checked('numberWaitMinutes', config.get<unknown>('numberWaitMinutes'), (r) =>
      integerSetting(r, NUMBER_WAIT_MINUTES),
    ),
  };
}

/**
 * `licenses.resultsFolder` as written (empty: next to the `.licenses` file). A workspace (a cloned
 * repository's settings) may set it only to a folder below the `.licenses` file: an absolute, `~`,
 * UNC or `..` value from there is ignored and said (workspaceResultsFolder). The user's own
 * settings choose any folder.
 */
export function resultsFolderSetting(scope?: vscode.Uri): string {
  const config = vscode.workspace.getConfiguration('licenses', scope);
  const raw = config.get<unknown>('resultsFolder');
  const inspected = config.inspect<unknown>('resultsFolder');
  const fromWorkspace =
    inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined
      ? (inspected.workspaceFolderValue ?? inspected.workspaceValue)
      : undefined;
  return checked('resultsFolder', raw, (r) => {
    const text = stringSetting(r, '');
    return text.problem || fromWorkspace === undefined || r !== fromWorkspace
      ? text
      : workspaceResultsFolder(text.value);
  });
}

/** Each ignored value is said once per session (settings are read on every run). */
const reported = new Set<string>();

function checked<T>(key: string, raw: unknown, check: (raw: unknown) => CheckedSetting<T>): T {
  const result = check(raw);
  if (result.problem) {
    const said = `${key}=${JSON.stringify(raw)}`;
    if (!reported.has(said)) {
      reported.add(said);
      const message = vscode.l10n.t(
        'Setting "licenses.{0}" ignored: {1} {2}; {3} is used instead.',
        key,
        JSON.stringify(raw) ?? String(raw),
        because(result.problem),
        JSON.stringify(result.value),
      );
      output().warn(message);
      void vscode.window.showWarningMessage(message);
    }
  }
  return result.value;
}

function because(p: SettingProblem): string {
  switch (p.reason) {
    case 'wrong-type':
      return p.expected === 'number' ? vscode.l10n.t('is not a number') : vscode.l10n.t('is not text');
    case 'not-an-integer':
      return vscode.l10n.t('is not a whole number');
    case 'below-minimum':
      return vscode.l10n.t('is below the minimum {0}', p.limit);
    case 'above-maximum':
      return vscode.l10n.t('is above the maximum {0}', p.limit);
    case 'not-allowed':
      return vscode.l10n.t('is not one of {0}', p.allowed.join(', '));
    case 'outside-workspace':
      return vscode.l10n.t(
        'leads outside the folder of the .licenses file (an absolute, ~, UNC or .. path), which workspace settings may not choose',
      );
  }
}
