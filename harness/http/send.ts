/**
 * Sending one rendered request through the Transport, with per-phase timeouts, and recording the exchange.
 *
 * Timeouts (ConfigJSON connectionTimeoutConfig, see timeouts.ts) apply per phase, never summed [INF]:
 * - connect and write: a simulated link (`network`, scenarios) takes `connectMs` to connect and `writeMs` to send a
 *   body, on the transport's clock; over the phase's limit the request never reaches the target and fails with
 *   `connect timed out` / `Write timed out` after exactly the limit;
 * - read: from handing the request over until the whole answer is read. Measured on the transport's clock (a fake
 *   LeanIX that delays its answer moves that clock, so the timeout is deterministic and costs no wall time: the late
 *   answer is discarded, though the target may have acted on the request) and guarded by a wall-clock timer for real
 *   networks and answers that never come. Java's message `Read timed out` is used, so ConnectionJSON `timeOutError`
 *   texts written for EIC match. Over a real network fetch cannot tell connecting from waiting, so there the read
 *   limit covers the whole request.
 *
 * Methods: EIC's `GETWITHBODY` and `DELETEWITHBODY` go out on the wire as GET and DELETE. DELETE carries the body.
 * WHATWG fetch cannot build a GET Request with a body (it throws), so for GETWITHBODY (and GET with httpParams) the
 * emulator sends a plain GET without body: the exchange records the wire method `GET`, `intendedMethod`
 * `GETWITHBODY` and the body that EIC would have sent, so the difference is visible instead of silently lost.
 */

import type { ExchangeRecorder } from './recorder.ts';
import { describeLimit, type TimeoutLimits, uniformLimits } from './timeouts.ts';
import type { Exchange, NetworkConditions, RecordedRequest, Transport } from './types.ts';

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
  /** The phase whose limit was exceeded (then `status` is undefined and `error` says why). */
  timeout?: 'connect' | 'write' | 'read';
  exchange: Exchange;
}

/** What sendRequest needs besides the request. */
export interface SendContext {
  transport: Transport;
  recorder: ExchangeRecorder;
  /** One limit for every phase (ms), used when `limits` is absent. */
  timeoutMs: number;
  /** Per-phase limits (connectionTimeoutConfig). */
  limits?: TimeoutLimits;
  /** Simulated connect/upload latency (scenarios). */
  network?: NetworkConditions;
  label: string;
  owner?: { kind: 'task' | 'job'; id: string };
  bindings?: Record<string, string>;
  extraSecrets?: readonly string[];
  /** 1-based try of the call (recorded when above 1). */
  attempt?: number;
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

/** Sends the request (per-phase timeouts), records the exchange (redacted) and returns the outcome. Never throws. */
export async function sendRequest(out: OutgoingRequest, ctx: SendContext): Promise<SendResult> {
  const { wire, bodyAllowed } = wireMethod(out.method);
  const recorded: RecordedRequest = { method: wire, url: out.url, headers: { ...out.headers } };
  if (out.body !== undefined) recorded.body = out.body;
  if (wire !== out.method.toUpperCase()) recorded.intendedMethod = out.method.toUpperCase();
  if (!bodyAllowed && out.body !== undefined && out.body !== '') recorded.bodyNotSent = true;
  const at = ctx.transport.now();
  const started = performance.now();
  const limits = ctx.limits ?? uniformLimits(ctx.timeoutMs);
  let status: number | undefined;
  let resHeaders: Record<string, string> = {};
  let bodyText = '';
  let error: string | undefined;
  let timeout: SendResult['timeout'];
  const hasBody = bodyAllowed && out.body !== undefined && out.body !== '';
  const phase = await simulatedPhases(ctx, limits, hasBody);
  if (phase) {
    error = phase.error;
    timeout = phase.timeout;
  } else {
    const sentAt = ctx.transport.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // an in-process transport has no socket to free, so its requests carry no signal (see Transport.inProcess)
    const abort = ctx.transport.inProcess ? undefined : new AbortController();
    try {
      const request = new Request(out.url, {
        method: wire,
        headers: out.headers,
        body: bodyAllowed && out.body !== undefined ? out.body : undefined,
        signal: abort?.signal,
      });
      // The race settles the call even when a transport ignores the signal; the abort frees a real socket.
      const wall = new Promise<never>((_, reject) => {
        if (!Number.isFinite(limits.readMs)) return;
        timer = setTimeout(() => {
          reject(new TimeoutError(`Read timed out (readTimeout ${describeLimit(limits.readMs)})`));
          abort?.abort();
        }, limits.readMs);
      });
      const response = await Promise.race([ctx.transport.fetch(request), wall]);
      status = response.status;
      resHeaders = headersToRecord(response.headers);
      bodyText = await Promise.race([response.text(), wall]);
    } catch (e) {
      if (e instanceof TimeoutError) {
        error = e.message;
        timeout = 'read';
      } else error = `request failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (timer) clearTimeout(timer);
    }
    const waited = ctx.transport.now() - sentAt;
    if (status !== undefined && waited > limits.readMs) {
      error = `Read timed out (readTimeout ${describeLimit(limits.readMs)}; the answer, HTTP ${status}, came after ${waited / 1000} s and was discarded)`;
      timeout = 'read';
      status = undefined;
      resHeaders = {};
      bodyText = '';
    }
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
      ...(timeout ? { timeout } : {}),
      ...(ctx.attempt && ctx.attempt > 1 ? { attempt: ctx.attempt } : {}),
    },
    ctx.extraSecrets,
  );
  return { status, headers: resHeaders, bodyText, error, ...(timeout ? { timeout } : {}), exchange };
}

/** Passes the simulated connect and upload phases on the transport's clock; returns the timeout when one is exceeded. */
async function simulatedPhases(
  ctx: SendContext,
  limits: TimeoutLimits,
  hasBody: boolean,
): Promise<{ error: string; timeout: 'connect' | 'write' } | undefined> {
  const connect = ctx.network?.connectMs ?? 0;
  if (connect > 0) {
    if (connect > limits.connectMs) {
      await ctx.transport.sleep(limits.connectMs);
      return {
        error: `connect timed out (connectionTimeout ${describeLimit(limits.connectMs)}; the link takes ${connect / 1000} s)`,
        timeout: 'connect',
      };
    }
    await ctx.transport.sleep(connect);
  }
  const write = hasBody ? (ctx.network?.writeMs ?? 0) : 0;
  if (write > 0) {
    if (write > limits.writeMs) {
      await ctx.transport.sleep(limits.writeMs);
      return {
        error: `Write timed out (writeTimeout ${describeLimit(limits.writeMs)}; sending the body takes ${write / 1000} s)`,
        timeout: 'write',
      };
    }
    await ctx.transport.sleep(write);
  }
  return undefined;
}
