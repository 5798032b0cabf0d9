/**
 * The exchange journal of one emulator: every HTTP request the emulator sends (calls and token requests), numbered,
 * timed and redacted before it is stored, so nothing that leaves this module carries a secret.
 *
 * Redaction: credential headers (lib/redact.ts), secret-named JSON/form keys, JWT-looking strings, and every
 * registered secret value (API token, its Basic credential, current and previous access tokens, Basic passwords,
 * task passwords) wherever it appears: URL, headers, bodies and evaluated bindings. Keys named by a ConnectionJSON
 * `maskInLogs` list (`addMaskedKey`) are blanked too, by name, in JSON, form and multipart bodies, headers and
 * evaluated bindings [DOC S3 "Mask values of sensitive attributes in logs"].
 */
import { REDACTED, redactBody, redactHeaders, redactText, SecretSet } from '../../lib/redact.ts';
import type { Exchange, RecordedRequest, RecordedResponse } from './types.ts';

/** Input to `record`: an exchange before numbering and redaction. */
export type ExchangeDraft = Omit<Exchange, 'seq'>;

function contentTypeOf(headers: Record<string, string>): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-type') return v;
  return '';
}

/** Replaces the values of the masked keys (lower-case names) inside a JSON value. */
function maskJson(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => maskJson(v, keys));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = keys.has(k.toLowerCase()) && v !== null && v !== '' ? REDACTED : maskJson(v, keys);
    return out;
  }
  return value;
}

/** Blanks the values of the masked keys in a body (JSON, form or multipart); other text is returned as is. */
export function maskKeysInBody(text: string, contentType: string, keys: ReadonlySet<string>): string {
  if (keys.size === 0 || !text) return text;
  const ct = contentType.toLowerCase();
  if (ct.includes('x-www-form-urlencoded')) {
    const params = new URLSearchParams(text);
    let hit = false;
    for (const k of [...params.keys()])
      if (keys.has(k.toLowerCase())) {
        params.set(k, REDACTED);
        hit = true;
      }
    return hit ? params.toString() : text;
  }
  if (ct.startsWith('multipart/form-data'))
    return text.replace(/(name="([^"]*)"\r\n\r\n)([^\r]*)/g, (m, head: string, name: string) =>
      keys.has(name.toLowerCase()) ? `${head}${REDACTED}` : m,
    );
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const masked = JSON.stringify(maskJson(JSON.parse(text), keys));
      return masked === JSON.stringify(JSON.parse(text)) ? text : masked;
    } catch {
      // not JSON after all: fall through to the key pattern below
    }
  }
  return text.replace(/"([^"\\]+)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g, (m, k: string, sep: string) =>
    keys.has(k.toLowerCase()) ? `"${k}"${sep}"${REDACTED}"` : m,
  );
}

export class ExchangeRecorder {
  private readonly exchanges: Exchange[] = [];
  /** Key names (lower-case) whose values are blanked wherever they appear as a key (maskInLogs). */
  private readonly maskedKeys = new Set<string>();
  private seq = 0;

  /** @param secrets the secret values to blank (shared with the rest of the world: the fake's journal, reports). */
  constructor(readonly secrets: SecretSet = new SecretSet()) {}

  /** Registers a secret value to blank wherever it appears (values shorter than 4 characters are ignored). */
  addSecret(value: string | null | undefined): void {
    this.secrets.add(value);
  }

  /** Registers a key name (ConnectionJSON `maskInLogs`) whose values are blanked in bodies, headers and bindings. */
  addMaskedKey(key: string | null | undefined): void {
    if (typeof key === 'string' && key.trim() !== '') this.maskedKeys.add(key.trim().toLowerCase());
  }

  /** Redacts free text with the registered secrets (plus `extra`) and JWT patterns. */
  redact(text: string, extra: readonly string[] = []): string {
    const out = this.secrets.redact(text);
    return extra.length === 0
      ? out
      : redactText(
          out,
          [...extra].sort((a, b) => b.length - a.length),
        );
  }

  private redactHeaderValues(h: Record<string, string>, extra: readonly string[]): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(redactHeaders(h)))
      headers[k] = this.maskedKeys.has(k.toLowerCase()) ? REDACTED : this.redact(v, extra);
    return headers;
  }

  private redactBodyText(body: string, headers: Record<string, string>, extra: readonly string[]): string {
    const ct = contentTypeOf(headers);
    return this.redact(maskKeysInBody(redactBody(body, ct), ct, this.maskedKeys), extra);
  }

  /** A redacted copy of a request (also for requests shown but not sent, such as explain's token preview). */
  redactRequest(r: RecordedRequest, extra: readonly string[] = []): RecordedRequest {
    const out: RecordedRequest = {
      ...r,
      url: this.redact(r.url, extra),
      headers: this.redactHeaderValues(r.headers, extra),
    };
    if (r.body !== undefined) out.body = this.redactBodyText(r.body, r.headers, extra);
    return out;
  }

  private redactResponse(r: RecordedResponse, extra: readonly string[]): RecordedResponse {
    return {
      ...r,
      headers: this.redactHeaderValues(r.headers, extra),
      body: this.redactBodyText(r.body, r.headers, extra),
    };
  }

  /** Numbers, redacts and stores an exchange; returns the stored (redacted) copy. */
  record(draft: ExchangeDraft, extraSecrets: readonly string[] = []): Exchange {
    this.seq += 1;
    const ex: Exchange = { ...draft, seq: this.seq, request: this.redactRequest(draft.request, extraSecrets) };
    if (draft.response) ex.response = this.redactResponse(draft.response, extraSecrets);
    if (draft.error !== undefined) ex.error = this.redact(draft.error, extraSecrets);
    if (draft.bindings) {
      const b: Record<string, string> = {};
      for (const [k, v] of Object.entries(draft.bindings)) {
        const last = k.split('.').at(-1)?.toLowerCase() ?? '';
        b[k] = this.maskedKeys.has(last) ? REDACTED : this.redact(v, extraSecrets);
      }
      ex.bindings = b;
    }
    this.exchanges.push(ex);
    return ex;
  }

  /** All exchanges so far, oldest first (optionally only those of one task or job). */
  list(owner?: { kind: 'task' | 'job'; id: string }): Exchange[] {
    if (!owner) return [...this.exchanges];
    return this.exchanges.filter((e) => e.owner?.kind === owner.kind && e.owner.id === owner.id);
  }

  /** Number of exchanges recorded. */
  get size(): number {
    return this.exchanges.length;
  }
}
