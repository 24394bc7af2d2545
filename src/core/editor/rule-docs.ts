import { RULES, type RuleCode } from '../rules/codes';

/**
 * Where each diagnostic code is explained: its row in docs/rules.md, at the anchor its rule object
 * names. The one place that knows the repository's address (package.json has no `repository` yet).
 */
export const RULES_DOC_URL = 'https://github.com/bulk-licensing/m365-licenses/blob/main/docs/rules.md';

/** The link a diagnostic's code opens in the Problems panel and the hover. */
export const ruleDocLink = (code: RuleCode): string => `${RULES_DOC_URL}#${RULES[code].anchor}`;
