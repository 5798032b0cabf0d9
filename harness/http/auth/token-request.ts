/**
 * The token-style requests of a ConnectionJSON (the block's own `url`/`httpMethod`/`httpParams`/`httpHeaders`/
 * `httpContentType`, and `refreshTokenCall`): render, send, read the answer [DOC S3 "To regenerate the token, provide
 * url, httpMethod, httpParams, httpHeaders and httpContentType"; reference §1.3 steps 3-4].
 *
 * Bindings inside these requests: `${connection.<key>}` (the block's keys) and `${refresh_token}` (the current refresh
 * token of refresh-token flows [DOC S3]). Every rendered value under a secret-like key, every credential header and
 * every token read from an answer is registered with the recorder, so no exchange shows it.
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import { isSecretKey } from '../../../lib/redact.ts';
import type { Bindings } from '../../groovy/index.ts';
import { encodeBody, headerValue, wireContentType } from '../encode.ts';
import { getPath, pathValueToString } from '../paths.ts';
import type { ExchangeRecorder } from '../recorder.ts';
import { renderDeep, renderField } from '../render.ts';
import { type OutgoingRequest, sendRequest } from '../send.ts';
import type { Exchange } from '../types.ts';
import type { BlockState, FlowContext, Owner, RequestConfig } from './types.ts';

/** The attribute every auth finding points into. */
export const ATTR = 'ConnectionJSON';

/**
 * Keys whose values are credentials in token requests and auth blocks (beyond lib/redact's list): `*token` names
 * (`refresh_token`, `jwt_token`, `accessToken`) but not `tokenType`, `token_url` or `tokenResponsePath`.
 */
const SECRET_LIKE =
  /secret|password|passwd|pwd|assertion|private_?key|api_?key|^skey$|signature|cookie|credential|token$/i;

/** True when a key of httpParams, properties or a block names a credential. */
export function isCredentialKey(key: string): boolean {
  return isSecretKey(key) || SECRET_LIKE.test(key);
}

/** Registers a credential header value; for `Basic <b64>` also the decoded password (`apitoken:<API token>`). */
export function registerHeaderSecret(recorder: ExchangeRecorder, value: string): void {
  recorder.addSecret(value);
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim());
  if (!m) return;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i >= 0) recorder.addSecret(decoded.slice(i + 1));
}

/** The bindings of token requests: `connection` (the block's keys) and `refresh_token`. */
export function tokenBindings(state: BlockState): Bindings {
  return { connection: { ...state.block }, refresh_token: state.refreshToken };
}

/** A rendered token request plus the evaluated template values (for the exchange's bindings). */
export interface RenderedTokenRequest {
  request: OutgoingRequest;
  evaluated: Record<string, string>;
}

/** Extra parts a flow adds to its token request (Jwt's assertion parameter, BasicWithAccessToken's Basic header). */
export interface TokenRequestExtras {
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * Renders a token-style request of `cfg` (at JSON path `path`). Object httpParams get `extras.params` added; headers
 * the flow adds never replace ones the JSON writes. Default method POST, default body encoding form [DOC S3].
 */
export function renderTokenRequest(
  state: BlockState,
  ctx: FlowContext,
  cfg: RequestConfig,
  path: (string | number)[],
  extras: TokenRequestExtras = {},
): RenderedTokenRequest {
  const bindings = tokenBindings(state);
  const evaluated: Record<string, string> = {};
  if (typeof cfg.url !== 'string' || cfg.url.trim() === '')
    throw new HarnessError(
      'auth.no-token-url',
      `connection "${state.name}" (authType ${state.block.authType}) has no token url at ${path.join('.') || 'the block'}`,
      { attribute: ATTR, path: [...path, 'url'] },
      'give the url of the token (or login) request',
    );
  const url = renderField(ctx.render, cfg.url, bindings, ATTR, [...path, 'url']);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg.httpHeaders ?? {})) {
    headers[k] = renderField(ctx.render, String(v ?? ''), bindings, ATTR, [...path, 'httpHeaders', k]);
    if (k.toLowerCase() === 'authorization' || isCredentialKey(k)) registerHeaderSecret(ctx.recorder, headers[k]);
  }
  for (const [k, v] of Object.entries(extras.headers ?? {})) if (headerValue(headers, k) === undefined) headers[k] = v;
  let params = renderDeep(ctx.render, cfg.httpParams, bindings, ATTR, [...path, 'httpParams'], evaluated);
  if (extras.params && Object.keys(extras.params).length > 0) {
    if (typeof params === 'string' && params.trim() !== '') {
      throw new HarnessError(
        'auth.params-not-object',
        `connection "${state.name}": httpParams is a string, so the ${Object.keys(extras.params).join(', ')} parameter cannot be added`,
        { attribute: ATTR, path: [...path, 'httpParams'] },
        'write httpParams as an object, e.g. {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer"}',
      );
    }
    params = { ...(params && typeof params === 'object' ? (params as Record<string, unknown>) : {}), ...extras.params };
  }
  registerParamSecrets(ctx.recorder, params);
  const ct = wireContentType(cfg.httpContentType ?? headerValue(headers, 'content-type'), params);
  const body = encodeBody(params, ct ?? 'application/x-www-form-urlencoded');
  if (body !== undefined && ct) {
    const written = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
    // A multipart body needs the boundary in its header, so the emulator's content type wins there.
    if (!written) headers['Content-Type'] = ct;
    else if (ct.startsWith('multipart/form-data')) headers[written] = ct;
  }
  const method = String(cfg.httpMethod ?? 'POST');
  return { request: { method, url, headers, body }, evaluated };
}

function registerParamSecrets(recorder: ExchangeRecorder, params: unknown): void {
  if (!params || typeof params !== 'object') return;
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (typeof v === 'string' && isCredentialKey(k)) recorder.addSecret(v);
    else if (v && typeof v === 'object') registerParamSecrets(recorder, v);
  }
}

/** What a token-style request got back. */
export interface TokenAnswer {
  status: number;
  headers: Record<string, string>;
  /** Every Set-Cookie header of the answer (the recorded headers keep only one). */
  setCookies: string[];
  bodyText: string;
  /** The body parsed as JSON, or undefined. */
  body: unknown;
  exchange: Exchange;
  /** `METHOD url` (redacted) for messages. */
  where: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends a rendered token request; a transport failure throws `auth.token-request-failed`. What the answer hands out
 * (every cookie, and the values at `secretPaths`: the token, the refresh token) is registered as a secret before the
 * exchange is recorded, so the journal never holds it in clear.
 */
export async function sendTokenRequest(
  state: BlockState,
  ctx: FlowContext,
  rendered: RenderedTokenRequest,
  path: (string | number)[],
  label: string,
  owner?: Owner,
  secretPaths: readonly string[] = [],
): Promise<TokenAnswer> {
  let setCookies: string[] = [];
  const transport = {
    ...ctx.transport,
    fetch: async (req: Request) => {
      const res = await ctx.transport.fetch(req);
      setCookies = res.headers.getSetCookie?.() ?? [];
      for (const c of setCookies) {
        const pair = c.split(';')[0].trim();
        ctx.recorder.addSecret(pair);
        ctx.recorder.addSecret(pair.slice(pair.indexOf('=') + 1));
      }
      if (secretPaths.length > 0) {
        const bodyText = await res.clone().text();
        const early = { headers: Object.fromEntries(res.headers), setCookies, bodyText, body: parseJson(bodyText) };
        for (const p of secretPaths) ctx.recorder.addSecret(readAnswer(early, p));
      }
      return res;
    },
  };
  ctx.countTokenRequest();
  const { request } = rendered;
  const res = await sendRequest(request, {
    transport,
    recorder: ctx.recorder,
    timeoutMs: ctx.timeoutMs,
    label,
    owner,
    bindings: Object.keys(rendered.evaluated).length > 0 ? rendered.evaluated : undefined,
  });
  const where = `${request.method} ${ctx.recorder.redact(request.url)}`;
  if (res.status === undefined)
    throw new HarnessError(
      'auth.token-request-failed',
      `${label} request for connection "${state.name}" (${where}) failed: ${res.error}`,
      { attribute: ATTR, path: [...path, 'url'] },
    );
  const body = parseJson(res.bodyText);
  return {
    status: res.status,
    headers: res.headers,
    setCookies,
    bodyText: res.bodyText,
    body,
    exchange: res.exchange,
    where,
  };
}

/** The cookie string a browser would send back for these Set-Cookie headers: `a=1; b=2` (attributes dropped). */
export function cookieHeaderOf(setCookies: readonly string[]): string {
  return setCookies
    .map((c) => c.split(';')[0].trim())
    .filter((c) => c.includes('='))
    .join('; ');
}

/**
 * The value at a response path [DOC S3]: `#HEADERS#<name>` reads a response header (`#HEADERS#Set-Cookie` gives every
 * cookie as `a=1; b=2`), `""` the whole body text (a raw assertion, as SAP SuccessFactors' /oauth/idp answers [INF]),
 * anything else a dotted body path.
 */
export function readAnswer(
  answer: Pick<TokenAnswer, 'headers' | 'setCookies' | 'bodyText' | 'body'>,
  path: string,
): string | null {
  if (path.startsWith('#HEADERS#')) {
    const name = path.slice('#HEADERS#'.length);
    if (name.toLowerCase() === 'set-cookie') return cookieHeaderOf(answer.setCookies) || null;
    return headerValue(answer.headers, name) ?? null;
  }
  if (path === '') return answer.bodyText.trim() || null;
  return pathValueToString(getPath(answer.body, path));
}

/** A short, redacted reason from an error answer: the errorPath value, OAuth's error/error_description, or the body. */
export function answerSummary(recorder: ExchangeRecorder, answer: TokenAnswer, errorPath?: string): string {
  const b = answer.body as Record<string, unknown> | undefined;
  const parts: string[] = [];
  const atPath = errorPath ? pathValueToString(getPath(b, errorPath)) : null;
  if (atPath) parts.push(atPath);
  else if (b && typeof b === 'object') {
    for (const k of ['error', 'error_description', 'message', 'errorMessage'])
      if (typeof b[k] === 'string' && b[k]) parts.push(b[k] as string);
  }
  const text = parts.length > 0 ? parts.join(': ') : answer.bodyText.trim().slice(0, 200) || '(empty body)';
  return recorder.redact(text);
}
