/** Secret redaction shared by journals, reports and logs: no token or password ever leaves in clear text. */

export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-token',
  'x-api-key',
  'x-auth-token',
]);
/** Header names that carry credentials by their wording (`X-Auth-Token`, `X-Password`, `Api-Key`, `X-Client-Secret`). */
const SECRET_HEADER_WORDS = /(^|[-_])(token|secret|password|passwd|pwd|api[-_]?key|credentials?)($|[-_])/i;
const SECRET_KEYS =
  /^(password|passwd|pwd|secret|client_secret|access_token|refresh_token|accesstoken|apitoken|api_token|apikey|api_key|token|id_token|assertion)$/i;

/** True when a header name carries credentials. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_WORDS.test(name);
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
    // Fast path for large bodies with nothing secret in them (a page of 100 users): no parse, no re-serialisation.
    if (!mayHoldSecret(text)) return text;
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // not JSON after all (or cut short): redact secret-named keys by pattern, then the free-text patterns
      return redactText(text.replace(SECRET_PAIR, (_m, key: string) => `${key}"${REDACTED}"`));
    }
  }
  return redactText(text);
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
/** A secret-named JSON key with its string value (or the value's start, when the text is cut short). */
const SECRET_PAIR =
  /("(?:password|passwd|pwd|secret|client_secret|access_token|refresh_token|accesstoken|apitoken|api_token|apikey|api_key|token|id_token|assertion)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)/gi;

/** Lower-case endings of every secret key name (see SECRET_KEYS) followed by the closing quote of a JSON key. */
const SECRET_KEY_ENDINGS = ['password"', 'passwd"', 'pwd"', 'secret"', 'token"', 'apikey"', 'api_key"', 'assertion"'];

/**
 * True when a JSON text may hold a secret: a key ending like a secret-named key, a JWT, or a unicode escape that could
 * spell either. A cheap over-approximation (a few substring scans): false means certainly nothing to redact.
 */
export function mayHoldSecret(text: string): boolean {
  if (text.includes('eyJ') || text.includes('\\u')) return true;
  const lower = text.toLowerCase();
  return SECRET_KEY_ENDINGS.some((k) => lower.includes(k));
}

/**
 * The credentials an Authorization header carries, for redacting their echoes elsewhere in the same exchange:
 * the API token of `Basic base64("apitoken:" + token)` (any user name) and the token of `Bearer <token>`.
 */
export function credentialsOf(authorization: string | null | undefined): string[] {
  if (!authorization) return [];
  const m = /^(\w+)\s+(\S+)/.exec(authorization.trim());
  if (!m) return [authorization];
  const [, scheme, value] = m;
  if (scheme.toLowerCase() !== 'basic') return [value];
  let decoded = '';
  try {
    decoded = Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return [value];
  }
  const colon = decoded.indexOf(':');
  return colon >= 0 ? [value, decoded.slice(colon + 1)] : [value, decoded];
}

/** Replaces every JWT-looking token and `apitoken:` credential in free text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.includes('eyJ') ? text.replace(JWT, REDACTED) : text;
  for (const s of secrets) if (s && s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** Values shorter than this are never redacted by value (they would blank unrelated text); key-based rules remain. */
export const MIN_SECRET_LENGTH = 4;

const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The secret values of one run (API tokens, access tokens, passwords, ConnectionJSON credentials), redacted wherever
 * they appear: as they are and in their JSON-escaped, URL-encoded and form-encoded forms, in any text. The fake's
 * journal, the emulator's exchange recorder and the scenario runner share one set per world, so a secret one of
 * them learns is hidden by all.
 */
export class SecretSet {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;
  /** Bumped whenever a new value is added (caches of redacted text compare it). */
  version = 0;

  /**
   * Registers a secret. A scheme prefix (`Bearer xyz`, `Basic …`) is not secret: the credential after it is added, so
   * `Bearer [REDACTED]` stays readable. Non-strings and values shorter than MIN_SECRET_LENGTH are ignored.
   */
  add(value: unknown): void {
    if (typeof value !== 'string') return;
    const m = /^(Bearer|Basic|Token)\s+(\S.*)$/i.exec(value);
    const secret = (m ? m[2] : value).trim();
    if (secret.length < MIN_SECRET_LENGTH || secret === REDACTED || this.values.has(secret)) return;
    let uri = secret;
    try {
      uri = encodeURIComponent(secret);
    } catch {
      // a lone surrogate: no URL form
    }
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), uri, uri.replace(/%20/g, '+')])
      if (form.length >= MIN_SECRET_LENGTH) this.values.add(form);
    this.pattern = null;
    this.version++;
  }

  /** Registers every value of a list. */
  addAll(values: Iterable<unknown>): void {
    for (const v of values) this.add(v);
  }

  /** Number of values held (encoded forms included). */
  get size(): number {
    return this.values.size;
  }

  /** The text with every registered value and every JWT replaced by [REDACTED]. */
  redact(text: string): string {
    let out = text.includes('eyJ') ? text.replace(JWT, REDACTED) : text;
    if (this.values.size === 0) return out;
    // one alternation, longest first (a token inside a longer secret goes with it); V8 scans it in one pass
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegex)
        .join('|'),
      'g',
    );
    out = out.replace(this.pattern, REDACTED);
    return out;
  }

  /**
   * A deep copy of a JSON-like value with secret-named keys blanked (as redactJson) and every string redacted by
   * value (as `redact`). What leaves the harness as data (reports, inspector answers, events) goes through this.
   */
  redactValue<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>))
          out[k] = isSecretKey(k) && x !== null && x !== undefined && x !== '' ? REDACTED : walk(x);
        return out;
      }
      return v;
    };
    return walk(value) as T;
  }
}

/** Key names (lower case, without `-` and `_`) whose string values are credentials in configuration JSON. */
const CREDENTIAL_NAMES = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'clientsecret',
  'apisecret',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apitoken',
  'apikey',
  'authtoken',
  'xauthtoken',
  'sessiontoken',
  'token',
  'assertion',
  'privatekey',
]);

/**
 * The string values under credential-named keys anywhere in a JSON value (a ConnectionJSON's `password`,
 * `clientSecret`, `accessToken`, ...), to register in a SecretSet. Template strings (`${...}`) are no values yet and
 * are skipped; so are configuration keys that only name a token (`tokenResponsePath`, `tokenType`).
 */
export function secretValuesIn(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, secret: boolean) => {
    if (typeof v === 'string') {
      if (secret && !v.includes('${')) out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, secret);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        walk(x, secret || CREDENTIAL_NAMES.has(k.toLowerCase().replace(/[-_]/g, '')));
  };
  walk(value, false);
  return out;
}
