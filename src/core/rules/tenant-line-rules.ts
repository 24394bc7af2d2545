import type { ParsedFile, TenantLine } from '../format/types';
import { tenantForm, tenantKey } from '../format/tenant-line';
import { shown } from '../format/parse';
import { finding, type Finding } from './finding';
import type { FindingList } from './finding-list';
import { TENANT_LINE_RULES } from './definitions/tenant-line';
import { say } from './rule';

/**
 * The `tenant` line: one tenant id or domain, once, before the first block. A file names one tenant
 * and a run writes each file to its own; a tenant line in the middle of a file would read as if it
 * switched tenants for the blocks below, which a file cannot do.
 */
export function tenantLineRules(parsed: ParsedFile, findings: FindingList): void {
  const lines = parsed.tenantLines;
  if (!lines) return;
  const t = findings.t;
  let first: TenantLine | undefined;
  for (const line of lines) {
    const end = line.words.length ? line.words[line.words.length - 1].end : line.keyword.end;
    if (line.afterFirstBlock) {
      if (findings.admits('tenant-after-block', line.line, line.keyword.start, end))
        findings.push(
          finding(
            'tenant-after-block',
            say(t, TENANT_LINE_RULES['tenant-after-block'], 'default'),
            line.line,
            line.keyword.start,
            end,
          ),
        );
      continue;
    }
    if (first) {
      if (findings.admits('tenant-repeated', line.line, line.keyword.start, end)) {
        const same = line.words.length === 1 && first.words.length === 1;
        const message =
          same && tenantKey(line.words[0].text) === tenantKey(first.words[0].text)
            ? say(t, TENANT_LINE_RULES['tenant-repeated'], 'same', first.line + 1)
            : say(t, TENANT_LINE_RULES['tenant-repeated'], 'other', first.line + 1);
        findings.push(finding('tenant-repeated', message, line.line, line.keyword.start, end, { deleteLine: true }));
      }
      continue;
    }
    first = line;
    const problem = formProblem(line, t);
    if (problem && findings.admits('invalid-tenant', line.line, problem.start, problem.end))
      findings.push(finding('invalid-tenant', problem.message, line.line, problem.start, problem.end));
  }
}

function formProblem(
  line: TenantLine,
  t: FindingList['t'],
): { start: number; end: number; message: string } | undefined {
  const { words, keyword } = line;
  if (words.length === 0)
    return {
      start: keyword.start,
      end: keyword.end,
      message: say(t, TENANT_LINE_RULES['invalid-tenant'], 'missing'),
    };
  if (words.length > 1)
    return {
      start: words[1].start,
      end: words[words.length - 1].end,
      message: say(t, TENANT_LINE_RULES['invalid-tenant'], 'several'),
    };
  if (tenantForm(words[0].text)) return undefined;
  return {
    start: words[0].start,
    end: words[0].end,
    message: say(t, TENANT_LINE_RULES['invalid-tenant'], 'notATenant', shown(words[0].text)),
  };
}

/**
 * The one finding of a file whose tenant the session cannot reach, on its tenant line's tenant: `why` is the reach
 * refusal (partner/tenant-reach.ts), which names the tenant and says why. Undefined: the file names no tenant.
 */
export function tenantUnreachableFinding(parsed: ParsedFile, why: string, t: FindingList['t']): Finding | undefined {
  const word = parsed.tenant?.words[0];
  if (!parsed.tenant || !word) return undefined;
  const message = say(t, TENANT_LINE_RULES['tenant-unreachable'], 'default', why);
  return finding('tenant-unreachable', message, parsed.tenant.line, word.start, word.end);
}

/**
 * What the editor knows of the tenant a file's `tenant` line names when it is not the signed-in tenant. Opening a file
 * reaches that tenant only where no prompt is needed (a sign-in VS Code holds already, the demo's customers), never
 * the signed-in tenant's SKUs, groups or numbers in its place.
 */
export type TenantReach =
  /** Being reached, or reached: the file is checked against that tenant's own state. */
  | { readonly kind: 'reaching' | 'reached' }
  /** It cannot be reached, and why (partner/tenant-reach.ts): Preview and Apply refuse the file. */
  | { readonly kind: 'refused'; readonly why: string }
  /** Reaching it needs a sign-in, which only a Preview or Apply asks for. */
  | { readonly kind: 'needs-sign-in' };

/**
 * The tenant line's one finding for a file naming another tenant than the signed-in one: why it cannot be reached
 * (an error), or that it is not checked against it yet (information); nothing while it is being reached or once it
 * is (its own findings then come from its SKUs, groups and numbers). Undefined too for a file that names no tenant.
 */
export function tenantReachFinding(parsed: ParsedFile, reach: TenantReach, t: FindingList['t']): Finding | undefined {
  if (reach.kind === 'refused') return tenantUnreachableFinding(parsed, reach.why, t);
  const word = parsed.tenant?.words[0];
  if (reach.kind !== 'needs-sign-in' || !parsed.tenant || !word) return undefined;
  const message = say(t, TENANT_LINE_RULES['tenant-not-checked'], 'default', shown(word.text));
  return finding('tenant-not-checked', message, parsed.tenant.line, word.start, word.end);
}
