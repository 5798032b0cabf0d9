/** Adapts the call runtime (harness/http/call.ts) to the import's CallRunner: one rendered, authenticated call. */
import { type CallRuntime, callSpecFrom, executeCall } from '../../http/call.ts';
import type { CallRunner } from './types.ts';

/** A CallRunner that executes import calls through the shared call runtime (auth, refresh, journal). */
export function runtimeCallRunner(rt: CallRuntime, owner?: { kind: 'task' | 'job'; id: string }): CallRunner {
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
    if (r.ok && r.status !== undefined) return { ok: true, status: r.status, headers: r.headers, body: r.message };
    return {
      ok: false,
      status: r.status,
      diagnostic: r.error ?? { code: 'call.failed', severity: 'error', message: `call ${spec.name} failed` },
    };
  };
}
