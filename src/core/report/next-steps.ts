import type { Catalog } from '../catalog/catalog';
import { isCallingPlan } from '../catalog/licensing-rules';
import type { UserResult } from '../results/user-result';
import { english, type Translate } from '../text/translate';

/**
 * What the admin still has to do after a run, from Microsoft's "Assign Teams add-ons licenses"
 * article: only the steps that apply to the licenses this run actually gave.
 */
export function nextSteps(results: readonly UserResult[], catalog: Catalog, t: Translate = english): string[] {
  const added = new Set(results.flatMap((r) => (r.outcome === 'changed' ? r.added : [])));
  const plansAdded = new Set(
    [...added].flatMap((part) => catalog.skusByPartNumber(part).flatMap((s) => s.plans.map((p) => p.name))),
  );
  const steps: string[] = [];
  if ([...plansAdded].some(isCallingPlan)) {
    steps.push(t('Calling Plans can take up to 24 hours before users see the dial pad in Teams.'));
    steps.push(t('Get phone numbers and assign them to the users (Teams admin center > Voice > Phone numbers).'));
  }
  if (plansAdded.has('MCOMEETADV')) {
    steps.push(
      t(
        "Audio Conferencing is active: if you used a third-party audio conferencing provider, move meetings to Microsoft's dial-in numbers.",
      ),
    );
  }
  if (plansAdded.has('MCOPSTNC'))
    steps.push(t('Communications Credits: set up funding and auto-recharge in the Microsoft 365 admin center.'));
  return steps;
}
