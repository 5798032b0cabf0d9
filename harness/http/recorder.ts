/**
 * The exchange journal of one emulator: every HTTP request the emulator sends (calls and token requests), numbered,
 * timed and redacted before it is stored, so nothing that leaves this module carries a secret.
 *
 * Redaction: credential headers (lib/redact.ts), secret-named JSON/form keys, JWT-looking strings, and every
 * registered secret value (API token, its Basic credential, current and previous access tokens, Basic passwords,
 * task passwords) wherever it appears: URL, headers, bodies and evaluated bindings.
 */
import { redactBody, redactHeaders, redactText, SecretSet } from '../../lib/redact.ts';
import type { Exchange, RecordedRequest, RecordedResponse } from './types.ts';

/** Input to `record`: an exchange before numbering and redaction. */
export type ExchangeDraft = Omit<Exchange, 'seq'>;

function contentTypeOf(headers: Record<string, string>): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-type') return v;
  return '';
}

export class ExchangeRecorder {
  private readonly exchanges: Exchange[] = [];
  private seq = 0;

  /** @param secrets the secret values to blank (shared with the rest of the world: the fake's journal, reports). */
  constructor(readonly secrets: SecretSet = new SecretSet()) {}

  /** Registers a secret value to blank wherever it appears (values shorter than 4 characters are ignored). */
  addSecret(value: string | null | undefined): void {
    this.secrets.add(value);
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
