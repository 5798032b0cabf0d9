/** Secret redaction shared by journals, reports and logs: no token or password ever leaves in clear text. */

export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-token',
  'x-api-key',
]);
const SECRET_KEYS =
  /^(password|passwd|pwd|secret|client_secret|access_token|refresh_token|accesstoken|apitoken|api_token|apikey|api_key|token|id_token|assertion)$/i;

/** True when a header name carries credentials. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** True when an object key (in a JSON body or form) names a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.test(key);
}

/** Returns a copy of the headers with credential values replaced; the scheme (`Bearer`, `Basic`) is kept. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!isSecretHeader(k)) out[k] = v;
    else {
      const m = /^(Bearer|Basic|Token)\s+/i.exec(v);
      out[k] = m ? `${m[1]} ${REDACTED}` : REDACTED;
    }
  }
  return out;
}

/** Deep copy of a JSON value with every secret-named key's value replaced. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactJson(v);
    }
    return out;
  }
  return value;
}

/**
 * Redacts a request/response body given as text: JSON bodies by key, form bodies by parameter name,
 * and any JWT-looking string anywhere.
 */
export function redactBody(text: string, contentType = ''): string {
  if (!text) return text;
  const ct = contentType.toLowerCase();
  if (ct.includes('x-www-form-urlencoded')) {
    const params = new URLSearchParams(text);
    for (const k of [...params.keys()]) if (isSecretKey(k)) params.set(k, REDACTED);
    return params.toString();
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // not JSON after all: fall through to pattern redaction
    }
  }
  return redactText(text);
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/** Replaces every JWT-looking token and `apitoken:` credential in free text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(JWT, REDACTED);
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
