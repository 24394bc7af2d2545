import { stableGuid } from '../directory/ids';
import { type NumberFixture, type TeamsFixture } from './teams-fixture';

const userId = (local: string) => stableGuid('contoso', 'user', `${local}@contoso.com`);

/** `count` numbers from `first` upward, keeping its digits' width. */
function run(
  first: number,
  count: number,
  prefix: string,
  rest: Omit<NumberFixture, 'telephoneNumber'>,
): NumberFixture[] {
  return Array.from({ length: count }, (_, i) => ({ telephoneNumber: `${prefix}${first + i}`, ...rest }));
}

/**
 * The demo tenant's Teams numbers, one block per number type (graph-docs numberAssignment: numberType
 * callingPlan, operatorConnect, directRouting), some held, most free:
 *   Calling Plan, US Redmond +1 425 555 01xx: erin (E5 + MCOPSTN1) holds +14255550100, adele.vance
 *     (E5 + MCOPSTN2) +14255550101; +14255550110…0119 free; +14255550199 free but conference-only.
 *   Operator Connect, GB London +44 20 7946 01xx: megan.bowen (SPE_E5, so Phone System) holds
 *     +442079460100; +442079460110…0114 free.
 *   Direct Routing, FR Paris +33 1 70 00 00 xx: lynne.robbins (E5) holds +33170000001;
 *     +33170000010…0014 free.
 * Teams sees a new voice license 20 Graph seconds after it is assigned (licenseLagSeconds): long enough to
 * show the lag in a demo, short enough to wait out.
 */
export function demoTeams(): TeamsFixture {
  const cp = { numberType: 'callingPlan', isoCountryCode: 'US', city: 'Redmond' } as const;
  const oc = { numberType: 'operatorConnect', isoCountryCode: 'GB', city: 'London' } as const;
  const dr = { numberType: 'directRouting', isoCountryCode: 'FR', city: 'Paris' } as const;
  return {
    licenseLagSeconds: 20,
    operationSeconds: 2,
    numbers: [
      { telephoneNumber: '+14255550100', ...cp, assignedTo: userId('erin') },
      { telephoneNumber: '+14255550101', ...cp, assignedTo: userId('adele.vance') },
      ...run(14255550110, 10, '+', cp),
      { telephoneNumber: '+14255550199', ...cp, capabilities: ['conferenceAssignment'] },
      { telephoneNumber: '+442079460100', ...oc, assignedTo: userId('megan.bowen') },
      ...run(442079460110, 5, '+', oc),
      { telephoneNumber: '+33170000001', ...dr, assignedTo: userId('lynne.robbins') },
      ...run(33170000010, 5, '+', dr),
    ],
  };
}
