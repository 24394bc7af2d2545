/**
 * Hostile `.licenses` texts of about 1 MB each, built to find any path of the validator, the
 * planner or the editor that is not near-linear: long lines, one word repeated thousands of times,
 * one directive repeated on every line, and users spread over many blocks. The bench times them
 * (floor: 100 ms per MB) and a unit test holds each to a generous bound.
 */

export const MB = 2 ** 20;

/** Repeats `piece` (joined by `separator`) until the text reaches `bytes`. */
function fill(head: string, piece: (i: number) => string, separator: string, tail: string, bytes = MB): string {
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    size += p.length + separator.length;
  }
  return parts.join(separator) + tail;
}

// Known SKUs whose plans overlap (E5 holds MCOEV and MCOMEETADV; E3 and F1 clash): every rule has work.
const MIXED_SKUS = [
  'ENTERPRISEPACK',
  'MCOMEETADV',
  'MCOEV',
  'SPE_E5',
  'ENTERPRISEPREMIUM',
  'MCOPSTN1',
  'MCOPSTN2',
  'DESKLESSPACK',
  'EMS',
  'contoso:SPE_E3',
];

/** Each file's `text(bytes)` is about `bytes` long (1 MB unless asked): the unit stage checks them at 64 KB. */
export const ADVERSARIAL_FILES: readonly { readonly name: string; readonly text: (bytes?: number) => string }[] = [
  {
    name: 'one assign line, two SKUs repeated',
    text: (bytes = MB) => fill('assign', () => 'ENTERPRISEPACK MCOMEETADV', ' ', '\nann@contoso.com', bytes),
  },
  {
    name: 'one assign line, overlapping SKUs repeated',
    text: (bytes = MB) => fill('assign', (i) => MIXED_SKUS[i % MIXED_SKUS.length], ' ', '\nann@contoso.com', bytes),
  },
  {
    name: 'one assign line, distinct unknown SKUs',
    text: (bytes = MB) => fill('assign', (i) => `NOSUCH${i}`, ',', '\nann@contoso.com', bytes),
  },
  {
    name: 'one disable line, distinct unknown plans',
    text: (bytes = MB) =>
      fill('assign ENTERPRISEPACK\ndisable ENTERPRISEPACK:', (i) => `PLAN${i}`, ' ', '\nann@contoso.com', bytes),
  },
  {
    name: 'assign MCOEV on every line',
    text: (bytes = MB) => fill('', () => 'assign MCOEV', '\n', '\nann@contoso.com', bytes),
  },
  {
    name: 'disable on every line',
    text: (bytes = MB) =>
      fill(
        'assign ENTERPRISEPACK',
        () => 'disable ENTERPRISEPACK: SWAY YAMMER_ENTERPRISE',
        '\n',
        '\nann@contoso.com',
        bytes,
      ),
  },
  {
    name: 'usage-location on every line',
    text: (bytes = MB) =>
      fill(
        'assign MCOEV',
        (i) => (i % 2 ? 'usage-location FR' : 'usage-location UK'),
        '\n',
        '\nann@contoso.com',
        bytes,
      ),
  },
  {
    name: 'one user in every block',
    text: (bytes = MB) =>
      fill(
        '',
        (i) => `${i % 2 ? 'assign MCOPSTN1' : 'remove MCOPSTN1\nassign MCOPSTN2'}\nann@contoso.com`,
        '\n',
        '',
        bytes,
      ),
  },
  {
    name: 'the same 100 users in every block',
    text: (bytes = MB) =>
      fill(
        '',
        (i) =>
          [
            i % 2 ? 'assign MCOPSTN1 MCOEV' : 'assign MCOPSTN2',
            ...Array.from({ length: 100 }, (_, u) => `u${u}@contoso.com`),
          ].join('\n'),
        '\n',
        '',
        bytes,
      ),
  },
  {
    name: 'one user listed on every line',
    text: (bytes = MB) => fill('assign MCOEV', () => 'ann@contoso.com', '\n', '', bytes),
  },
  { name: 'one 1 MB word', text: (bytes = MB) => 'a'.repeat(bytes) },
  {
    name: 'one disable line of colons',
    text: (bytes = MB) => `assign ENTERPRISEPACK\ndisable ENTERPRISEPACK${':'.repeat(bytes)}\nann@contoso.com`,
  },
  { name: 'one 1 MB line of separators', text: (bytes = MB) => `assign ${', '.repeat(bytes / 2)}\nann@contoso.com` },
];
