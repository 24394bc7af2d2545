/**
 * What the validator says for no one rule: the finding that stands for those of one code past the
 * per-file cap (finding-list.ts). {0} how many were left out, {1} their code, {2} the cap.
 */
export const FINDING_CAP = {
  messages: {
    omitted: {
      one: '... and {0} more {1} finding from here on, not listed: a file lists at most {2} of one kind.',
      other: '... and {0} more {1} findings from here on, not listed: a file lists at most {2} of one kind.',
    },
  },
} as const;
