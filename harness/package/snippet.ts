/** Redaction of text shown in diagnostics (excerpts of JSON text, URLs): no secret leaves in a message. */
import { isSecretHeader, isSecretKey, REDACTED, redactText } from '../../lib/redact.ts';

const JSON_PAIR = /("([^"\\]{1,64})"\s*:\s*)"((?:[^"\\]|\\.)*)("?)/g;
const QUERY_PAIR = /([?&])([^=&#\s]+)=([^&#\s]*)/g;
const AUTH_VALUE = /\b(Basic|Bearer|Token)\s+[A-Za-z0-9+/=._~-]{4,}/g;

/**
 * Redacts an excerpt: values of secret-named JSON keys and query parameters, credential headers
 * (`"Authorization": "Basic ..."`), `Basic/Bearer <credential>` anywhere, and JWTs.
 */
export function redactSnippet(text: string): string {
  let out = text.replace(JSON_PAIR, (m, head: string, key: string, _v: string, close: string) =>
    isSecretKey(key) || isSecretHeader(key) ? `${head}"${REDACTED}${close}` : m,
  );
  out = out.replace(QUERY_PAIR, (m, sep: string, key: string) => (isSecretKey(key) ? `${sep}${key}=${REDACTED}` : m));
  out = out.replace(AUTH_VALUE, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  return redactText(out);
}
