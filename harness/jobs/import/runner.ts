/** Adapts the call runtime (harness/http/call.ts) to the import's CallRunner: one rendered, authenticated call. */
import { type CallRuntime, executeCall } from '../../http/call.ts';
import { type ExchangeDraft, ExchangeRecorder } from '../../http/recorder.ts';
import { callSpecFrom } from '../../http/spec.ts';
import type { Exchange } from '../../http/types.ts';
import type { CallRunner } from './types.ts';

/** Successful import response bodies longer than this are not kept in the journal (characters). */
export const DEFAULT_JOURNAL_BODY_BYTES = 16 * 1024;

/**
 * The emulator's journal, seen through the import: a successful (2xx) response body longer than `max` characters is
 * replaced by a placeholder BEFORE it is recorded, so a big page is neither redacted (a full JSON parse and re-stringify
 * per page) nor kept in memory, and no secret can survive in a half-cut body. Error answers and small bodies are
 * recorded whole. Every other method delegates to the emulator's recorder, so the exchanges land in its journal.
 */
export class ImportJournal extends ExchangeRecorder {
  constructor(
    private readonly inner: ExchangeRecorder,
    private readonly max: number,
  ) {
    super();
  }
  override addSecret(value: string | null | undefined): void {
    this.inner.addSecret(value);
  }
  override redact(text: string, extra: readonly string[] = []): string {
    return this.inner.redact(text, extra);
  }
  override record(draft: ExchangeDraft, extraSecrets: readonly string[] = []): Exchange {
    const res = draft.response;
    if (res && res.status >= 200 && res.status < 300 && res.body.length > this.max)
      return this.inner.record(
        {
          ...draft,
          response: { ...res, body: `[${res.body.length} characters of import page not kept by the journal]` },
        },
        extraSecrets,
      );
    return this.inner.record(draft, extraSecrets);
  }
  override list(owner?: { kind: 'task' | 'job'; id: string }): Exchange[] {
    return this.inner.list(owner);
  }
  override get size(): number {
    return this.inner.size;
  }
}

/**
 * A CallRunner that executes import calls through the shared call runtime (auth, refresh, journal). Successful
 * response bodies longer than `journalBodyBytes` characters (default 16 KiB) are journaled as a placeholder (see
 * ImportJournal), so a 100,000-user import neither redacts nor keeps every page.
 */
export function runtimeCallRunner(
  rt: CallRuntime,
  owner?: { kind: 'task' | 'job'; id: string },
  options: { journalBodyBytes?: number } = {},
): CallRunner {
  const max = options.journalBodyBytes ?? DEFAULT_JOURNAL_BODY_BYTES;
  const runtime: CallRuntime = { ...rt, recorder: new ImportJournal(rt.recorder, max) };
  return async (req) => {
    const spec = callSpecFrom(
      {
        http: req.http,
        connection: req.connection,
        successResponses: req.successResponses,
        unsuccessResponses: req.unsuccessResponses,
      },
      req.where,
      String(req.where[req.where.length - 1] ?? 'call'),
      req.connection,
    );
    const r = await executeCall(spec, runtime, {
      bindings: req.bindings,
      attribute: 'ImportAccountEntJSON',
      owner,
      label: req.label,
      urlOverride: req.url,
    });
    if (r.ok && r.status !== undefined)
      return { ok: true, status: r.status, headers: r.headers, body: r.message, retries: r.retries };
    return {
      ok: false,
      status: r.status,
      retries: r.retries,
      failure: r.failure,
      diagnostic: r.error ?? { code: 'call.failed', severity: 'error', message: `call ${spec.name} failed` },
    };
  };
}
