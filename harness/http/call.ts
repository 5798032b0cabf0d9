/**
 * The call runtime: executes one EIC call object the way the REST connector does, for provisioning and import alike.
 *
 * 1. pick the auth block named by `connection`; 2. render url, httpMethod, header values and httpParams with the
 * bindings plus `access_token` and `connection` (prepare.ts), and let the auth flow add its headers; 3. send with
 * ConfigJSON's per-phase timeouts (send.ts); 4. when the auth block says the token is bad (auth/refresh.ts), refresh
 * and resend, at most maxRefreshTryCount times (a block that cannot refresh fails the call naming why); 5. when
 * connectionTimeoutConfig says so (timeouts, dropped connections, its retryFailureStatusCode, a `timeOutError`
 * answer), wait retryWait on the transport's clock and try again, at most retryCount times (retry.ts); 6. classify
 * with successResponses / unsuccessResponses (success.ts). The result carries the parsed response (for
 * `response.<name>`), the exchanges made, and on failure a diagnostic with the attribute and JSON path of the call
 * and the kind of failure.
 *
 * Call objects come in two shapes: flat (provisioning: `url`, `httpMethod`… on the call) and nested (import:
 * `http: {url, httpMethod, …}`); `callSpecFrom` (spec.ts) reads both.
 */

import type { Diagnostic } from '../../lib/diagnostic.ts';
import { HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import type { Bindings } from '../groovy/index.ts';
import type { AuthManager } from './auth/index.ts';
import { prepareRequest } from './prepare.ts';
import type { ExchangeRecorder } from './recorder.ts';
import type { Renderer } from './render.ts';
import { groovyRenderer } from './render.ts';
import { parseBody, type ResponseEntry } from './responses.ts';
import { retryReason, retryWaitFor, type TimeoutMarkers, timeOutErrorMatch } from './retry.ts';
import { sendRequest } from './send.ts';
import type { CallSpec } from './spec.ts';
import { classifyResponse } from './success.ts';
import { DEFAULT_TIMEOUT_MS, NO_RETRY, type RetryPolicy, type TimeoutLimits, uniformLimits } from './timeouts.ts';
import type { Exchange, NetworkConditions, Transport } from './types.ts';
import type { UrlWhitespaceMode } from './url.ts';

// kept where they lived before spec.ts and url.ts existed, for code written against call.ts
export { type CallSpec, callSpecFrom } from './spec.ts';
export { urlProblem } from './url.ts';

/** What a call runtime needs: where to send, the shared auth manager, the journal, ConfigJSON's limits. */
export interface CallRuntime {
  transport: Transport;
  auth: AuthManager;
  recorder: ExchangeRecorder;
  render?: Renderer;
  /** One limit for every phase in ms, when `limits` is absent (default 60 s). */
  timeoutMs?: number;
  /** Per-phase limits (ConfigJSON connectionTimeoutConfig, see timeouts.ts). */
  limits?: TimeoutLimits;
  /** Retries of connectionTimeoutConfig (default none). */
  retry?: RetryPolicy;
  /** Simulated connect/upload latency (scenarios). */
  network?: NetworkConditions;
  /** Leading/trailing whitespace in rendered URLs (default `trim`, see url.ts). */
  urlWhitespace?: UrlWhitespaceMode;
}

/** Per-call options. */
export interface CallOptions {
  /** Bindings (user, account, response, …); `access_token` and `connection` are added per call. */
  bindings: Bindings;
  /** The attribute holding the call (for locations), e.g. `CreateAccountJSON`. */
  attribute: string;
  owner?: { kind: 'task' | 'job'; id: string };
  /** Exchange label (default: the call name). */
  label?: string;
  /** An already rendered URL to use instead of `url` (pagination's next URL). */
  urlOverride?: string;
  /** More secret values to blank in the journal (e.g. the task's password). */
  extraSecrets?: readonly string[];
}

/**
 * What kind of failure ended a call: no answer (`transport`), a timeout (`timeout`), an answer the success rules
 * reject (`unsuccessResponses` matched, `successResponses` not met, or the 2xx `default`), the token (`auth`), or the
 * call could not be built (`render`: template error, bad URL or method).
 */
export type CallFailure =
  | 'transport'
  | 'timeout'
  | 'unsuccessResponses'
  | 'successResponses'
  | 'default'
  | 'auth'
  | 'render';

/** The outcome of one call. Never thrown: failures come back with `ok: false` and `error`. */
export interface CallResult {
  ok: boolean;
  name: string;
  status?: number;
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed body (JSON, else the text; empty → null). */
  message: unknown;
  /** What to register as `response.<name>` (present whenever a response arrived). */
  entry?: ResponseEntry;
  exchanges: Exchange[];
  /** Token refreshes made for this call. */
  refreshes: number;
  /** connectionTimeoutConfig retries made for this call. */
  retries: number;
  error?: Diagnostic;
  failure?: CallFailure;
}

/** Executes one call (render, authenticate, send, refresh, retry, classify); never throws. */
export async function executeCall(spec: CallSpec, rt: CallRuntime, opts: CallOptions): Promise<CallResult> {
  const exchanges: Exchange[] = [];
  const result: CallResult = {
    ok: false,
    name: spec.name,
    headers: {},
    bodyText: '',
    message: null,
    exchanges,
    refreshes: 0,
    retries: 0,
  };
  const loc = { attribute: opts.attribute, path: spec.path };
  const fail = (e: unknown, failure: CallFailure): CallResult => {
    result.ok = false;
    result.failure = failure;
    result.error = isHarnessError(e)
      ? { ...e.toDiagnostic(), location: { ...loc, ...e.location } }
      : { code: 'call.internal', severity: 'error', message: String(e), location: loc };
    if (isHarnessError(e) && e.location.attribute === 'ConnectionJSON') result.error.location = e.location;
    return result;
  };
  const after = () =>
    result.retries
      ? ` after ${result.retries} retr${result.retries === 1 ? 'y' : 'ies'} (connectionTimeoutConfig)`
      : '';
  const renderer = rt.render ?? groovyRenderer;
  const policy = rt.retry ?? NO_RETRY;
  const limits = rt.limits ?? uniformLimits(rt.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const conn = spec.connection ?? (rt.auth.names().length === 1 ? rt.auth.names()[0] : undefined);
  /** Waits before the next try when the policy retries this failure; false when the call should give up. */
  const retried = async (why: string | undefined, headers?: Record<string, string>): Promise<boolean> => {
    if (why === undefined || result.retries >= policy.count) return false;
    result.retries += 1;
    await rt.transport.sleep(retryWaitFor(policy, result.retries, headers, rt.transport.now()));
    return true;
  };
  let stage: CallFailure = 'render';
  try {
    const maxRefresh = conn ? rt.auth.maxRefreshTryCount(conn) : 0;
    const markers = (conn ? rt.auth.block(conn) : undefined) as TimeoutMarkers | undefined;
    for (;;) {
      stage = 'render';
      const bindings: Bindings = { ...opts.bindings };
      if (conn) Object.assign(bindings, rt.auth.callBindings(conn));
      else bindings.access_token ??= null;
      const out = prepareRequest(spec, renderer, bindings, {
        attribute: opts.attribute,
        urlOverride: opts.urlOverride,
        urlWhitespace: rt.urlWhitespace,
      });
      if (conn) {
        await rt.auth.beforeCall(conn);
        stage = 'auth';
        await rt.auth.authorize(conn, out); // after the pacing wait: signatures carry the send time
      }
      stage = 'transport';
      const sent = await sendRequest(
        { method: out.method, url: out.url, headers: out.headers, body: out.body },
        {
          transport: rt.transport,
          recorder: rt.recorder,
          timeoutMs: rt.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          limits,
          network: rt.network,
          label: opts.label ?? spec.name,
          owner: opts.owner,
          bindings: Object.keys(out.evaluated).length ? out.evaluated : undefined,
          extraSecrets: opts.extraSecrets,
          attempt: result.retries + 1,
        },
      );
      exchanges.push(sent.exchange);
      const where = `call "${spec.name}" (${out.method} ${sent.exchange.request.url})`;
      if (sent.status === undefined) {
        const hit = timeOutErrorMatch(markers, sent.error, undefined);
        if (await retried(retryReason(policy, { error: sent.error, timeout: sent.timeout, timeOutError: hit })))
          continue;
        const timedOut = sent.timeout !== undefined || hit !== undefined;
        return fail(
          new HarnessError(
            timedOut ? 'call.timeout' : 'call.transport',
            `${where}: ${sent.error}${hit ? ` (matches ConnectionJSON timeOutError "${hit}")` : ''}${after()}`,
            loc,
            timedOut ? 'the target did not answer within connectionTimeoutConfig (ConfigJSON)' : undefined,
          ),
          timedOut ? 'timeout' : 'transport',
        );
      }
      result.status = sent.status;
      result.headers = sent.headers;
      result.bodyText = sent.bodyText;
      result.message = parseBody(sent.bodyText);
      result.entry = { message: result.message, statusCode: sent.status, headers: sent.headers };
      const why = conn ? rt.auth.refreshReason(conn, sent.status, result.message, sent.bodyText) : undefined;
      if (why && conn && !rt.auth.canRefresh(conn)) return fail(rt.auth.rejected(conn, spec.name, why, loc), 'auth');
      if (why && conn) {
        if (result.refreshes >= maxRefresh) {
          return fail(
            new HarnessError(
              'auth.refresh-exhausted',
              `call "${spec.name}" was still rejected (${why}) after ${result.refreshes} token refresh(es); giving up (maxRefreshTryCount ${maxRefresh} of connection "${conn}")`,
              loc,
              'the token request succeeds but the API keeps rejecting the token: check the token scope/workspace and the errorPath/authError settings',
            ),
            'auth',
          );
        }
        result.refreshes += 1;
        stage = 'auth';
        const before = rt.recorder.size;
        try {
          await rt.auth.refresh(conn, opts.owner, bindings.access_token as string | null);
        } finally {
          const all = rt.recorder.list();
          for (const ex of all.slice(before)) if (ex.label === 'token') exchanges.push(ex);
        }
        continue;
      }
      const hit = timeOutErrorMatch(markers, undefined, result.message);
      const verdict = classifyResponse(sent.status, result.message, spec.successResponses, spec.unsuccessResponses);
      if (!verdict.ok || hit) {
        if (await retried(retryReason(policy, { status: sent.status, timeOutError: hit }), sent.headers)) continue;
        return fail(
          new HarnessError(
            hit ? 'call.timeout' : 'call.unsuccessful',
            `${where} failed: ${verdict.reason ?? 'the answer is a timeout'}${hit ? ` (the answer matches ConnectionJSON timeOutError "${hit}")` : ''}${after()}; response: ${truncate(sent.exchange.response?.body ?? '')}`,
            loc,
          ),
          hit ? 'timeout' : (verdict.rule ?? 'default'),
        );
      }
      result.ok = true;
      return result;
    }
  } catch (e) {
    // before sending (stage render) a failure is the configuration's: no connection, a template, a URL, a method
    return fail(e, stage);
  }
}

function truncate(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}…` : s || '(empty body)';
}
