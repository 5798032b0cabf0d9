/**
 * Test helpers for the call runtime (used by unit tests only): an in-process Transport over a handler function,
 * and a minimal path-only renderer so http tests do not depend on the binding engine.
 */
import type { Bindings, RenderResult } from '../groovy/index.ts';
import type { Transport } from './types.ts';

/** A Transport whose fetch calls `handler` in-process; `now` is a manual clock (advance with `clock.ms += …`). */
export function stubTransport(handler: (req: Request) => Response | Promise<Response>): Transport & {
  clock: { ms: number };
  requests: Request[];
} {
  const clock = { ms: Date.UTC(2025, 0, 1) };
  const requests: Request[] = [];
  return {
    clock,
    requests,
    fetch: async (req) => {
      requests.push(req.clone());
      return handler(req);
    },
    now: () => clock.ms,
    sleep: async (ms) => {
      clock.ms += ms;
    },
  };
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function lookup(b: Bindings, path: string): unknown {
  let cur: unknown = b;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * Renders `${a.b.c}` by path lookup (null/absent → `null`). `${boom}` fails like Groovy would on a null receiver,
 * to test error propagation.
 */
export function pathRenderer(template: string, bindings: Bindings): RenderResult {
  let failed: RenderResult | undefined;
  const value = template.replace(/\$\{([^}]*)\}/g, (_m, expr: string, offset: number) => {
    if (expr.trim() === 'boom')
      failed ??= {
        ok: false,
        error: {
          type: 'java.lang.NullPointerException',
          message: 'Cannot invoke method boom() on null object',
          offset,
        },
      };
    const v = lookup(bindings, expr.trim());
    return v === null || v === undefined ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
  return failed ?? { ok: true, value, raw: value };
}
