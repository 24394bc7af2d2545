/**
 * Where a bearer token may be sent: `https` to any host, plain `http` only to this machine (the
 * emulator on loopback). Anything else would hand the token to whoever is on the path, or to a
 * scheme (`ftp:`, `file:`) that has no business seeing it.
 */

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true;
  // 127.0.0.0/8 is loopback (RFC 1122 §3.2.1.3).
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** `undefined` when a token may go to `url`; otherwise why not, in words an admin can act on. */
export function refusedGraphUrl(url: string, setting = 'The Graph URL'): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${setting} is not a URL: "${url}". Use an https address, e.g. https://graph.microsoft.com/v1.0.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  if (parsed.protocol === 'http:') {
    return `${setting} uses plain http to ${parsed.host}: the access token would travel unencrypted. Use https (plain http is accepted only for 127.0.0.1 or localhost).`;
  }
  return `${setting} uses ${parsed.protocol.replace(/:$/, '')}: only https (or http to 127.0.0.1/localhost) can carry the access token.`;
}

/** Thrown before any request when the connection is asked to send a token where it must not. */
export class RefusedEndpointError extends Error {
  override readonly name = 'RefusedEndpoint';
}
