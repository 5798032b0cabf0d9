/**
 * The exchange journal of one emulator: every HTTP request the emulator sends (calls and token requests), numbered,
 * timed and redacted before it is stored, so nothing that leaves this module carries a secret.
 *
 * Redaction: credential headers (lib/redact.ts), secret-named JSON/form keys, JWT-looking strings, and every
 * registered secret value (API token, its Basic credential, current and previous access tokens, Basic passwords,
 * task passwords) wherever it appears: URL, headers, bodies and evaluated bindings.
 */
import { REDACTED, redactBody, redactHeaders, redactText } from '../../lib/redact.ts';
import type { Exchange, RecordedRequest, RecordedResponse } from './types.ts';

/** Input to `record`: an exchange before numbering and redaction. */
export type ExchangeDraft = Omit<Exchange, 'seq'>;

function contentTypeOf(headers: Record<string, string>): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-type') return v;
  return '';
}

export class ExchangeRecorder {
  private readonly exchanges: Exchange[] = [];
  private readonly secrets = new Set<string>();
  /** The secrets, longest first (rebuilt when one is added). */
  private sorted: string[] | undefined;
  private seq = 0;

  /** Registers a secret value to blank wherever it appears (values shorter than 4 characters are ignored). */
  addSecret(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.length < 4 || value === REDACTED) return;
    // A scheme prefix (`Bearer xyz`) is not secret: blank the credential after it, so `Bearer [REDACTED]` stays readable.
    const m = /^(Bearer|Basic|Token)\s+(.+)$/i.exec(value);
    if (m) {
      if (m[2].length >= 4) this.secrets.add(m[2]);
    } else this.secrets.add(value);
    this.sorted = undefined;
  }

  /** Redacts free text with the registered secrets (plus `extra`) and JWT patterns. */
  redact(text: string, extra: readonly string[] = []): string {
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    if (extra.length === 0) return redactText(text, this.sorted);
    const all = [...this.sorted, ...extra.filter((s) => s && s.length >= 4)].sort((a, b) => b.length - a.length);
    return redactText(text, all);
  }

  private redactRequest(r: RecordedRequest, extra: readonly string[]): RecordedRequest {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(redactHeaders(r.headers))) headers[k] = this.redact(v, extra);
    const out: RecordedRequest = { ...r, url: this.redact(r.url, extra), headers };
    if (r.body !== undefined) out.body = this.redact(redactBody(r.body, contentTypeOf(r.headers)), extra);
    return out;
  }

  private redactResponse(r: RecordedResponse, extra: readonly string[]): RecordedResponse {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(redactHeaders(r.headers))) headers[k] = this.redact(v, extra);
    return { ...r, headers, body: this.redact(redactBody(r.body, contentTypeOf(r.headers)), extra) };
  }

  /** Numbers, redacts and stores an exchange; returns the stored (redacted) copy. */
  record(draft: ExchangeDraft, extraSecrets: readonly string[] = []): Exchange {
    this.seq += 1;
    const ex: Exchange = { ...draft, seq: this.seq, request: this.redactRequest(draft.request, extraSecrets) };
    if (draft.response) ex.response = this.redactResponse(draft.response, extraSecrets);
    if (draft.error !== undefined) ex.error = this.redact(draft.error, extraSecrets);
    if (draft.bindings) {
      const b: Record<string, string> = {};
      for (const [k, v] of Object.entries(draft.bindings)) b[k] = this.redact(v, extraSecrets);
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
