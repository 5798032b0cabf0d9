/** Adapts the call runtime (harness/http/call.ts) to the import's CallRunner: one rendered, authenticated call. */
import { type CallRuntime, callSpecFrom, executeCall } from '../../http/call.ts';
import type { Exchange } from '../../http/types.ts';
import type { CallRunner } from './types.ts';

/** Default cap on each recorded import response body (after redaction): pages are big, the journal keeps a head. */
export const DEFAULT_JOURNAL_BODY_BYTES = 16 * 1024;

/** Cuts an already-redacted recorded response body to `max` characters, saying how much was cut. */
export function capRecordedBody(ex: Exchange, max: number): void {
  const body = ex.response?.body;
  if (ex.response && body !== undefined && body.length > max)
    ex.response.body = `${body.slice(0, max)}…[${body.length - max} more characters not kept by the import journal]`;
}

/**
 * A CallRunner that executes import calls through the shared call runtime (auth, refresh, journal). Recorded
 * response bodies are cut to `journalBodyBytes` characters (default 16 KiB) after redaction, so a 100,000-user
 * import does not keep every page in memory.
 */
export function runtimeCallRunner(
  rt: CallRuntime,
  owner?: { kind: 'task' | 'job'; id: string },
  options: { journalBodyBytes?: number } = {},
): CallRunner {
  const max = options.journalBodyBytes ?? DEFAULT_JOURNAL_BODY_BYTES;
  return async (req) => {
    const spec = callSpecFrom(
      { http: req.http, connection: req.connection, successResponses: req.successResponses },
      req.where,
      String(req.where[req.where.length - 1] ?? 'call'),
      req.connection,
    );
    const r = await executeCall(spec, rt, {
      bindings: req.bindings,
      attribute: 'ImportAccountEntJSON',
      owner,
      label: req.label,
      urlOverride: req.url,
    });
    for (const ex of r.exchanges) capRecordedBody(ex, max);
    if (r.ok && r.status !== undefined) return { ok: true, status: r.status, headers: r.headers, body: r.message };
    return {
      ok: false,
      status: r.status,
      diagnostic: r.error ?? { code: 'call.failed', severity: 'error', message: `call ${spec.name} failed` },
    };
  };
}
