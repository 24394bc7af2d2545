import { FORMAT_RULES } from './definitions/format';
import { BLOCK_RULES } from './definitions/block';
import { VOICE_RULES } from './definitions/voice';
import { DEPENDENCY_RULES } from './definitions/dependency';
import { USER_RULES } from './definitions/user';
import { EXACT_RULES } from './definitions/exact';
import { GROUP_RULES } from './definitions/group';
import { TENANT_RULES } from './definitions/tenant';
import { NUMBER_RULES } from './definitions/numbers';
import { TENANT_LINE_RULES } from './definitions/tenant-line';
import type { Rule } from './rule';

export type { Severity } from './rule';

/**
 * Every diagnostic the validator can raise, gathered from the rule objects of each family
 * (definitions/*.ts): code, severity, meaning, messages, quick fixes and doc anchor in one place per rule.
 */
export const RULES = {
  ...FORMAT_RULES,
  ...BLOCK_RULES,
  ...VOICE_RULES,
  ...DEPENDENCY_RULES,
  ...USER_RULES,
  ...EXACT_RULES,
  ...GROUP_RULES,
  ...TENANT_RULES,
  ...NUMBER_RULES,
  ...TENANT_LINE_RULES,
};

export type RuleCode = keyof typeof RULES;

/** The rule objects in the order docs/rules.md lists them by family. */
export const ALL_RULES: readonly Rule[] = Object.values(RULES);
