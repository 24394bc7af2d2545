/**
 * Keeps tokens out of what the engine prints and stores. Graph's `error.message` is copied into
 * output lines, the journal and the CSV; an endpoint or proxy that echoes request headers into its
 * error body would otherwise put the bearer token in all three.
 */

/** `Bearer <credential>` (RFC 6750 b64token), as echoed headers show it. */
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** A JWT (Entra access tokens are JWTs): base64url header starting `eyJ`, payload, optional signature. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g;
/** `access_token=...` / `"access_token": "..."` in an echoed form or token answer. */
const ACCESS_TOKEN_FIELD = /(access_token|refresh_token|id_token)("?\s*[:=]\s*"?)[^\s"&,]+/gi;

const REDACTED = '[redacted]';

/** Too short to be a token: redacting it would mangle ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

export class SecretRedactor {
  private readonly known = new Set<string>();

  /** Tokens the connection actually sent: redacted wherever they appear, whatever their shape. */
  remember(secret: string): void {
    if (secret.length >= MIN_KNOWN_SECRET_LENGTH) this.known.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.known) out = out.split(secret).join(REDACTED);
    return redactTokenShapes(out);
  }
}

/** Anything that looks like a bearer token or a JWT, even one this process never held. */
export function redactTokenShapes(text: string): string {
  return text
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(ACCESS_TOKEN_FIELD, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}
