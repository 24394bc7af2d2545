/**
 * The starting points a user is offered for a new `.licenses` file: "New License File" shows those
 * with `newFile`, and snippets/licenses.code-snippets holds those with `snippet`
 * (scripts/generate-snippets.mjs writes it from here; a unit test fails when it is out of date).
 * One list, so the two can never offer different files for the same scenario.
 * The scenarios follow Microsoft's "Assign Teams add-on licenses to users" article.
 */
export interface ScenarioTemplate {
  /** First line of the file: a comment saying what it is for (English; the l10n key in VS Code). */
  readonly comment: string;
  /**
   * The directive lines, with snippet tab stops `${1:US}` where the user is expected to change
   * the value (the new file gets the default). The user line is added after them.
   */
  readonly directives: readonly string[];
  /** In the New License File picker (English; l10n keys). */
  readonly newFile?: { readonly label: string; readonly detail: string };
  readonly snippet?: { readonly name: string; readonly prefix: readonly string[]; readonly description: string };
}

export const EXAMPLE_USER = 'user@contoso.com';

export const SCENARIO_TEMPLATES: readonly ScenarioTemplate[] = [
  {
    comment: 'Phone System + Domestic Calling Plan',
    directives: ['usage-location ${1:US}', 'assign MCOEV MCOPSTN1'],
    newFile: { label: 'Phone System + Domestic Calling Plan', detail: 'MCOEV + MCOPSTN1' },
    snippet: {
      name: 'Phone System + Domestic Calling Plan',
      prefix: ['phone-domestic', 'calling-plan-domestic'],
      description:
        'Teams Phone Standard (MCOEV) and the Domestic Calling Plan (MCOPSTN1): Phone System must come with or before a Calling Plan.',
    },
  },
  {
    comment: 'Phone System + Domestic and International Calling Plan',
    // MCOPSTN1 and MCOPSTN2 cannot be held together: users moving up from the domestic plan lose it
    // in the same call (for users without it, the remove changes nothing).
    directives: ['usage-location ${1:US}', 'assign MCOEV MCOPSTN2', 'remove MCOPSTN1'],
    newFile: { label: 'Phone System + International Calling Plan', detail: 'MCOEV + MCOPSTN2' },
    snippet: {
      name: 'Phone System + International Calling Plan',
      prefix: ['phone-international', 'calling-plan-international'],
      description:
        'Teams Phone Standard (MCOEV) and the Domestic and International Calling Plan (MCOPSTN2), in place of the Domestic Calling Plan (MCOPSTN1).',
    },
  },
  {
    comment: 'Audio Conferencing (E5 already includes it)',
    directives: ['assign MCOMEETADV'],
    newFile: { label: 'Audio Conferencing', detail: 'MCOMEETADV' },
    snippet: {
      name: 'Audio Conferencing',
      prefix: ['audio-conferencing'],
      description: 'Audio Conferencing (MCOMEETADV): dial-in for meetings. E5 already includes it.',
    },
  },
  {
    comment: 'Communications Credits',
    directives: ['assign MCOPSTNC'],
    newFile: { label: 'Communications Credits', detail: 'MCOPSTNC' },
    snippet: {
      name: 'Communications Credits',
      prefix: ['communications-credits'],
      description: 'Communications Credits (MCOPSTNC): pay-per-minute for toll-free numbers and outbound dial-out.',
    },
  },
  {
    comment: 'Hybrid users on on-premises PSTN / Direct Routing: Phone System only',
    directives: ['pstn on-premises', 'assign MCOEV'],
    newFile: { label: 'Hybrid users on on-premises PSTN / Direct Routing', detail: 'MCOEV only, never a Calling Plan' },
    snippet: {
      name: 'Hybrid: on-premises PSTN (Direct Routing)',
      prefix: ['hybrid-onprem-pstn', 'direct-routing'],
      description: 'Users on on-premises PSTN or Direct Routing: Phone System only, never a Calling Plan.',
    },
  },
  {
    comment: 'Office 365 E3 with service plans turned off',
    directives: ['assign ENTERPRISEPACK', 'disable ENTERPRISEPACK: ${1:YAMMER_ENTERPRISE SWAY}'],
    snippet: {
      name: 'E3 without Yammer and Sway',
      prefix: ['e3-disable'],
      description: 'Office 365 E3 with service plans turned off.',
    },
  },
  {
    comment: 'One user principal name per line; the licenses are chosen when you apply.',
    directives: [],
    newFile: { label: 'Plain list of users', detail: 'licenses chosen when you apply' },
  },
];

const TAB_STOP = /\$\{(\d+):([^}]*)\}/g;

/**
 * The new file's text: the comment (already in the UI language), the directives with their defaults, one example user.
 */
export function newFileText(template: ScenarioTemplate, comment: string = template.comment): string {
  return [
    `# ${comment}`,
    ...template.directives.map((line) => line.replace(TAB_STOP, (_, _n, value: string) => value)),
    EXAMPLE_USER,
    '',
  ].join('\n');
}

export interface Snippet {
  readonly prefix: readonly string[];
  readonly description: string;
  readonly body: readonly string[];
}

/** The contents of snippets/licenses.code-snippets: the user is the tab stop after the directives'. */
export function snippetsFile(templates: readonly ScenarioTemplate[] = SCENARIO_TEMPLATES): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const t of templates) {
    if (!t.snippet) continue;
    const stops = t.directives.flatMap((line) => [...line.matchAll(TAB_STOP)].map((m) => Number(m[1])));
    const userStop = Math.max(0, ...stops) + 1;
    out[t.snippet.name] = {
      prefix: t.snippet.prefix,
      description: t.snippet.description,
      body: [`# ${t.comment}`, ...t.directives, `\${${userStop}:${EXAMPLE_USER}}`, '$0'],
    };
  }
  return out;
}
