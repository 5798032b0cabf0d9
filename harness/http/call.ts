/**
 * The call runtime: executes one EIC call object the way the REST connector does, for provisioning and import alike.
 *
 * 1. pick the auth block named by `connection`; 2. render url, header values and httpParams with the bindings plus
 * `access_token` and `connection`, and let the auth flow add its headers; 3. send (timeout from ConfigJSON); 4. when
 * the auth block says the token is bad (auth/refresh.ts), refresh and resend, at most maxRefreshTryCount times (a
 * block that cannot refresh fails the call naming why); 5. classify with
 * successResponses / unsuccessResponses. The result carries the parsed response (for `response.<name>`), the
 * exchanges made, and on failure a diagnostic with the attribute and JSON path of the call.
 *
 * Call objects come in two shapes: flat (provisioning: `url`, `httpMethod`… on the call) and nested (import:
 * `http: {url, httpMethod, …}`); `callSpecFrom` reads both.
 */

import type { Diagnostic } from '../../lib/diagnostic.ts';
import { HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import type { Bindings } from '../groovy/index.ts';
import type { AuthManager } from './auth/index.ts';
import { encodeBody, headerValue, wireContentType } from './encode.ts';
import type { ExchangeRecorder } from './recorder.ts';
import type { Renderer } from './render.ts';
import { groovyRenderer, renderDeep, renderField } from './render.ts';
import { parseBody, type ResponseEntry } from './responses.ts';
import { sendRequest } from './send.ts';
import { classifyResponse } from './success.ts';
import type { Exchange, Transport } from './types.ts';

type Path = (string | number)[];

/** A call object normalized from either shape, with the JSON paths its fields came from. */
export interface CallSpec {
  name: string;
  connection?: string;
  url?: unknown;
  httpMethod?: unknown;
  httpHeaders?: unknown;
  httpParams?: unknown;
  httpContentType?: unknown;
  successResponses?: unknown;
  unsuccessResponses?: unknown;
  /** JSON path of the call object in its attribute. */
  path: Path;
  /** JSON path of the object holding url/httpMethod/… (the call itself, or its `http`). */
  httpPath: Path;
}

/** Reads a call object (flat or with `http`); `fallbackName` names calls without `name` (import: the map key). */
export function callSpecFrom(
  obj: Record<string, unknown>,
  path: Path,
  fallbackName = 'call',
  defaultConnection?: string,
): CallSpec {
  const http = obj.http && typeof obj.http === 'object' ? (obj.http as Record<string, unknown>) : undefined;
  const src = http ?? obj;
  const conn = obj.connection ?? http?.connection ?? defaultConnection;
  return {
    name: typeof obj.name === 'string' ? obj.name : fallbackName,
    connection: typeof conn === 'string' ? conn : undefined,
    url: src.url,
    httpMethod: src.httpMethod,
    httpHeaders: src.httpHeaders,
    httpParams: src.httpParams,
    httpContentType: src.httpContentType,
    successResponses: obj.successResponses ?? http?.successResponses,
    unsuccessResponses: obj.unsuccessResponses ?? http?.unsuccessResponses,
    path,
    httpPath: http ? [...path, 'http'] : path,
  };
}

/** What a call runtime needs: where to send, the shared auth manager, the journal. */
export interface CallRuntime {
  transport: Transport;
  auth: AuthManager;
  recorder: ExchangeRecorder;
  render?: Renderer;
  /** Per-request timeout in ms (default 60 s; see `timeoutFromConfig`). */
  timeoutMs?: number;
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
  error?: Diagnostic;
}

/** Request timeout in ms from ConfigJSON connectionTimeoutConfig (connectionTimeout + readTimeout, in seconds). */
export function timeoutFromConfig(configJson: unknown, fallbackMs = 60_000): number {
  const c = (configJson as { connectionTimeoutConfig?: Record<string, unknown> } | null)?.connectionTimeoutConfig;
  if (!c || typeof c !== 'object') return fallbackMs;
  const conn = Number(c.connectionTimeout ?? 0);
  const read = Number(c.readTimeout ?? 0);
  const total = (Number.isFinite(conn) ? conn : 0) + (Number.isFinite(read) ? read : 0);
  return total > 0 ? total * 1000 : fallbackMs;
}

/** Why a rendered URL cannot be sent as EIC means it, or undefined when it is fine. */
export function urlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return 'contains whitespace';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a valid absolute URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `uses ${u.protocol} instead of http(s)`;
  if (u.hostname.startsWith('.') || u.hostname.includes('..')) return `has a blank label in its host "${u.hostname}"`;
  if (u.pathname.includes('//')) return 'has an empty path segment (a blank placeholder?)';
  return undefined;
}

interface Rendered {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  evaluated: Record<string, string>;
}

function render(spec: CallSpec, render: Renderer, bindings: Bindings, opts: CallOptions): Rendered {
  const evaluated: Record<string, string> = {};
  const attr = opts.attribute;
  let url: string;
  if (opts.urlOverride !== undefined) url = opts.urlOverride;
  else {
    if (typeof spec.url !== 'string' || spec.url === '')
      throw new HarnessError('call.no-url', `call "${spec.name}" has no url`, {
        attribute: attr,
        path: [...spec.httpPath, 'url'],
      });
    url = renderField(render, spec.url, bindings, attr, [...spec.httpPath, 'url']);
    if (url !== spec.url) evaluated.url = url;
  }
  const problem = urlProblem(url);
  if (problem) {
    throw new HarnessError(
      'call.bad-url',
      `call "${spec.name}": the rendered url ${JSON.stringify(url)} ${problem}`,
      { attribute: attr, path: [...spec.httpPath, 'url'] },
      'fill the host (and workspace) placeholders and check for stray spaces',
    );
  }
  const headers: Record<string, string> = {};
  const rawHeaders = spec.httpHeaders && typeof spec.httpHeaders === 'object' ? spec.httpHeaders : {};
  for (const [k, v] of Object.entries(rawHeaders as Record<string, unknown>)) {
    const tpl = v === null || v === undefined ? '' : String(v);
    headers[k] = renderField(render, tpl, bindings, attr, [...spec.httpPath, 'httpHeaders', k]);
    if (headers[k] !== tpl) evaluated[`httpHeaders.${k}`] = headers[k];
  }
  let params: unknown = spec.httpParams;
  if (typeof params === 'string') {
    params = renderField(render, params, bindings, attr, [...spec.httpPath, 'httpParams']);
    if (params !== spec.httpParams) evaluated.httpParams = params as string;
  } else if (params && typeof params === 'object') {
    params = renderDeep(render, params, bindings, attr, [...spec.httpPath, 'httpParams'], evaluated);
  }
  const ct = wireContentType(
    typeof spec.httpContentType === 'string' ? spec.httpContentType : headerValue(headers, 'content-type'),
    params,
  );
  const body = encodeBody(params, ct ?? 'application/json');
  if (body !== undefined && ct && !headerValue(headers, 'content-type')) headers['Content-Type'] = ct;
  return { method: typeof spec.httpMethod === 'string' ? spec.httpMethod : 'GET', url, headers, body, evaluated };
}

/** Executes one call (render, authenticate, send, refresh, classify); never throws. */
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
  };
  const loc = { attribute: opts.attribute, path: spec.path };
  const fail = (e: unknown): CallResult => {
    result.ok = false;
    result.error = isHarnessError(e)
      ? { ...e.toDiagnostic(), location: { ...loc, ...e.location } }
      : { code: 'call.internal', severity: 'error', message: String(e), location: loc };
    if (isHarnessError(e) && e.location.attribute === 'ConnectionJSON') result.error.location = e.location;
    return result;
  };
  const renderer = rt.render ?? groovyRenderer;
  const conn = spec.connection ?? (rt.auth.names().length === 1 ? rt.auth.names()[0] : undefined);
  try {
    const maxRefresh = conn ? rt.auth.maxRefreshTryCount(conn) : 0;
    for (;;) {
      const bindings: Bindings = { ...opts.bindings };
      if (conn) Object.assign(bindings, rt.auth.callBindings(conn));
      else bindings.access_token ??= null;
      const out = render(spec, renderer, bindings, opts);
      if (conn) {
        await rt.auth.beforeCall(conn);
        await rt.auth.authorize(conn, out); // after the pacing wait: signatures carry the send time
      }
      const sent = await sendRequest(
        { method: out.method, url: out.url, headers: out.headers, body: out.body },
        {
          transport: rt.transport,
          recorder: rt.recorder,
          timeoutMs: rt.timeoutMs ?? 60_000,
          label: opts.label ?? spec.name,
          owner: opts.owner,
          bindings: Object.keys(out.evaluated).length ? out.evaluated : undefined,
          extraSecrets: opts.extraSecrets,
        },
      );
      exchanges.push(sent.exchange);
      if (sent.status === undefined) {
        return fail(
          new HarnessError(
            'call.transport',
            `call "${spec.name}" (${out.method} ${sent.exchange.request.url}): ${sent.error}`,
            loc,
          ),
        );
      }
      result.status = sent.status;
      result.headers = sent.headers;
      result.bodyText = sent.bodyText;
      result.message = parseBody(sent.bodyText);
      result.entry = { message: result.message, statusCode: sent.status, headers: sent.headers };
      const why = conn ? rt.auth.refreshReason(conn, sent.status, result.message, sent.bodyText) : undefined;
      if (why && conn && !rt.auth.canRefresh(conn)) return fail(rt.auth.rejected(conn, spec.name, why, loc));
      if (why && conn) {
        if (result.refreshes >= maxRefresh) {
          return fail(
            new HarnessError(
              'auth.refresh-exhausted',
              `call "${spec.name}" was still rejected (${why}) after ${result.refreshes} token refresh(es); giving up (maxRefreshTryCount ${maxRefresh} of connection "${conn}")`,
              loc,
              'the token request succeeds but the API keeps rejecting the token: check the token scope/workspace and the errorPath/authError settings',
            ),
          );
        }
        result.refreshes += 1;
        const before = rt.recorder.size;
        try {
          await rt.auth.refresh(conn, opts.owner, bindings.access_token as string | null);
        } finally {
          const all = rt.recorder.list();
          for (const ex of all.slice(before)) if (ex.label === 'token') exchanges.push(ex);
        }
        continue;
      }
      const verdict = classifyResponse(sent.status, result.message, spec.successResponses, spec.unsuccessResponses);
      if (!verdict.ok) {
        return fail(
          new HarnessError(
            'call.unsuccessful',
            `call "${spec.name}" (${out.method} ${sent.exchange.request.url}) failed: ${verdict.reason}; response: ${truncate(sent.exchange.response?.body ?? '')}`,
            loc,
          ),
        );
      }
      result.ok = true;
      return result;
    }
  } catch (e) {
    return fail(e);
  }
}

function truncate(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}…` : s || '(empty body)';
}
