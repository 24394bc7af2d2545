import type { DesiredUser } from '../../../src/core/desired/desired';
import { parsePhoneNumber } from '../../../src/core/format/e164';

/**
 * The user as the parser will hand it over once user lines carry numbers: `text` is the number as written, or
 * `no-number`. `locationId` is the block's `number-location`.
 */
export function withNumber(user: DesiredUser, text: string, locationId?: string): DesiredUser {
  if (text === 'no-number') return { ...user, number: { kind: 'none', line: user.line } };
  const parsed = parsePhoneNumber(text);
  if (!parsed.ok) throw new Error(`not a number: ${text}`);
  const { e164, extension, canonical } = parsed.number;
  return {
    ...user,
    number: {
      kind: 'number',
      e164,
      ...(extension ? { extension } : {}),
      canonical,
      ...(locationId ? { locationId } : {}),
      line: user.line,
    },
  };
}
