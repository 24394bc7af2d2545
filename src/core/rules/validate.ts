import type { Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../format/types';
// not the index: a re-export is a getter per call
import { buildBlockModel, type BlockModel } from '../model/block-model';
import { SkuResolver } from '../model/sku-use';
import { blockRules, Suggestions } from './block-rules';
import { dependencyRules } from './dependency-rules';
import { exactRules } from './exact-rules';
import { finding, type Finding } from './finding';
import { FindingList } from './finding-list';
import { english, type Translate } from '../text/translate';
import { groupRules } from './group-rules';
import { BLOCK_RULES } from './definitions/block';
import { say } from './rule';
import { numberRules } from './number-rules';
import { tenantLineRules } from './tenant-line-rules';
import { userRules } from './user-rules';
import { voiceRules } from './voice-rules';

/**
 * Every finding for a parsed file, in line order, its messages in `t`'s language. Pure and
 * synchronous: the CLI and the editor share it.
 */
export function validate(parsed: ParsedFile, catalog: Catalog, t: Translate = english): Finding[] {
  const findings = new FindingList(undefined, t);
  for (const p of parsed.problems) {
    if (findings.admits(p.code, p.line, p.start, p.end)) {
      findings.push(
        finding(
          p.code,
          t(p.message, ...(p.args ?? [])),
          p.line,
          p.start,
          p.end,
          p.suggestion ? { replacements: [p.suggestion] } : undefined,
        ),
      );
    }
  }
  const resolver = new SkuResolver(catalog);
  const suggestions = new Suggestions(catalog);
  const models: BlockModel[] = parsed.blocks.map((block) => buildBlockModel(block, resolver));

  for (let i = 0; i < models.length; i++) {
    const model = models[i];
    blockRules(model, suggestions, findings);
    emptyBlockRule(model, findings);
    voiceRules(model, findings);
    dependencyRules(model, findings, catalog);
  }
  userRules(parsed, models, findings);
  exactRules(models, findings, t);
  groupRules(models, findings, t);
  numberRules(parsed, models, findings);
  tenantLineRules(parsed, findings);
  return findings.sorted();
}

function emptyBlockRule(model: BlockModel, findings: FindingList): void {
  const { directives, users, groups } = model.block;
  if (directives.length === 0 || users.length > 0 || groups.length > 0) return;
  const first = directives[0];
  const last = directives[directives.length - 1];
  if (!findings.admits('empty-block', first.line, first.keyword.start, first.keyword.end)) return;
  findings.push({
    ...finding(
      'empty-block',
      say(findings.t, BLOCK_RULES['empty-block'], 'default'),
      first.line,
      first.keyword.start,
      first.keyword.end,
    ),
    range: {
      start: { line: first.line, character: first.keyword.start },
      end: { line: last.line, character: last.keyword.end },
    },
  });
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');
