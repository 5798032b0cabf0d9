/**
 * Sending one rendered request through the Transport, with a timeout, and recording the exchange.
 *
 * Methods: EIC's `GETWITHBODY` and `DELETEWITHBODY` go out on the wire as GET and DELETE. DELETE carries the body.
 * WHATWG fetch cannot build a GET Request with a body (it throws), so for GETWITHBODY (and GET with httpParams) the
 * emulator sends a plain GET without body: the exchange records the wire method `GET`, `intendedMethod`
 * `GETWITHBODY` and the body that EIC would have sent, so the difference is visible instead of silently lost.
 */

import type { ExchangeRecorder } from './recorder.ts';
import type { Exchange, RecordedRequest, Transport } from './types.ts';

/** A fully rendered request, ready to send. */
export interface OutgoingRequest {
  /** The method as written in the JSON (`POST`, `GETWITHBODY` …). */
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Encoded body text (form or JSON), absent when there is no body. */
  body?: string;
}

/** What came back: a response, or a transport error (timeout, connection failure). */
export interface SendResult {
  status?: number;
  headers: Record<string, string>;
  bodyText: string;
  error?: string;
  exchange: Exchange;
}

/** Wire method for an EIC method name and whether the body can travel with it. */
export function wireMethod(method: string): { wire: string; bodyAllowed: boolean } {
  const m = (method || 'GET').toUpperCase();
  if (m === 'GETWITHBODY' || m === 'GET' || m === 'HEAD')
    return { wire: m === 'HEAD' ? 'HEAD' : 'GET', bodyAllowed: false };
  if (m === 'DELETEWITHBODY') return { wire: 'DELETE', bodyAllowed: true };
  return { wire: m, bodyAllowed: true };
}

function headersToRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

class TimeoutError extends Error {}

/** Sends the request (timeout in ms), records the exchange (redacted) and returns the outcome. Never throws. */
export async function sendRequest(
  out: OutgoingRequest,
  ctx: {
    transport: Transport;
    recorder: ExchangeRecorder;
    timeoutMs: number;
    label: string;
    owner?: { kind: 'task' | 'job'; id: string };
    bindings?: Record<string, string>;
    extraSecrets?: readonly string[];
  },
): Promise<SendResult> {
  const { wire, bodyAllowed } = wireMethod(out.method);
  const recorded: RecordedRequest = { method: wire, url: out.url, headers: { ...out.headers } };
  if (out.body !== undefined) recorded.body = out.body;
  if (wire !== out.method.toUpperCase()) recorded.intendedMethod = out.method.toUpperCase();
  if (!bodyAllowed && out.body !== undefined && out.body !== '') recorded.bodyNotSent = true;
  const at = ctx.transport.now();
  const started = performance.now();
  let status: number | undefined;
  let resHeaders: Record<string, string> = {};
  let bodyText = '';
  let error: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abort = new AbortController();
  try {
    const request = new Request(out.url, {
      method: wire,
      headers: out.headers,
      body: bodyAllowed && out.body !== undefined ? out.body : undefined,
      signal: abort.signal,
    });
    // The race settles the call even when a transport ignores the signal; the abort frees a real socket.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimeoutError(`Read timed out after ${ctx.timeoutMs} ms`));
        abort.abort();
      }, ctx.timeoutMs);
    });
    const response = await Promise.race([ctx.transport.fetch(request), timeout]);
    status = response.status;
    resHeaders = headersToRecord(response.headers);
    bodyText = await Promise.race([response.text(), timeout]);
  } catch (e) {
    error = e instanceof TimeoutError ? e.message : `request failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    if (timer) clearTimeout(timer);
  }
  const exchange = ctx.recorder.record(
    {
      at,
      label: ctx.label,
      owner: ctx.owner,
      request: recorded,
      response: status === undefined ? undefined : { status, headers: resHeaders, body: bodyText },
      error,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      bindings: ctx.bindings,
    },
    ctx.extraSecrets,
  );
  return { status, headers: resHeaders, bodyText, error, exchange };
}
