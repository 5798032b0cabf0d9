/**
 * The auth manager of one connection (ConnectionJSON `authentications`): one per emulator, shared by all tasks and
 * jobs, so a refreshed token is reused by every later call.
 *
 * Supported authTypes:
 * - `oauth2`: the stored `accessToken` is tried first (the token is NOT fetched before the first call). A refresh
 *   sends the token request (`url`, `httpMethod` (default POST), `httpParams` object (form or JSON per
 *   `httpContentType`) or string, `httpHeaders`), reads `tokenResponsePath` (`#HEADERS#<name>` reads a response header)
 *   and stores `tokenType + ' ' + token` (the raw token when tokenType is '' or absent).
 *   A refresh is due when the call's status is in `retryFailureStatusCode` or the body value at `errorPath` equals or
 *   contains `expiryError` or an `authError` entry. The call runtime stops after `maxRefreshTryCount` refreshes
 *   (default 1 when absent).
 * - `Basic`: `${access_token}` is `Basic base64(properties.userName:properties.password)` (or the stored accessToken
 *   when properties are absent); a call without an Authorization header gets it added. Basic never refreshes.
 * Other authTypes (Jwt, cookies, BasicWithAccessToken, SignedHeaders, …) give `auth.unsupported`.
 *
 * `${connection.<key>}` reads keys of the auth block named by the call's `connection` (decision: only that block).
 * Bindings usable in the token request itself: `connection` (the block's keys).
 */

import type { Diagnostic } from '../../lib/diagnostic.ts';
import { HarnessError } from '../../lib/diagnostic.ts';
import { isSecretKey } from '../../lib/redact.ts';
import { encodeBody, headerValue, wireContentType } from './encode.ts';
import { getPath, pathValueToString } from './paths.ts';
import type { ExchangeRecorder } from './recorder.ts';
import type { Renderer } from './render.ts';
import { groovyRenderer, renderDeep, renderField } from './render.ts';
import { sendRequest } from './send.ts';
import type { Transport } from './types.ts';

/** One entry of ConnectionJSON `authentications`. */
export interface AuthBlock {
  authType?: string;
  url?: string;
  httpMethod?: string;
  httpParams?: unknown;
  httpHeaders?: Record<string, unknown>;
  httpContentType?: string;
  expiryError?: string;
  authError?: string[] | string;
  errorPath?: string;
  retryFailureStatusCode?: (number | string)[];
  maxRefreshTryCount?: number;
  tokenResponsePath?: string;
  tokenType?: string;
  accessToken?: string;
  properties?: Record<string, unknown>;
  /** Pause `retryWaitSeconds` after every `retryAfterCalls` calls (numbers or numeric strings). */
  apiRateLimitConfig?: { retryAfterCalls?: unknown; retryWaitSeconds?: unknown };
  [key: string]: unknown;
}

const SUPPORTED = new Set(['oauth2', 'basic']);
const ATTR = 'ConnectionJSON';

/** Diagnostics for the auth blocks of a ConnectionJSON: unsupported types and malformed blocks. */
export function checkAuthentications(connectionJson: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const auths = (connectionJson as { authentications?: unknown } | null)?.authentications;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) {
    out.push({
      code: 'auth.no-authentications',
      severity: 'error',
      message: 'ConnectionJSON has no "authentications" object',
      location: { attribute: ATTR, path: ['authentications'] },
      hint: 'expected {"authentications":{"<name>":{"authType":"oauth2",...}}}',
    });
    return out;
  }
  for (const [name, block] of Object.entries(auths as Record<string, unknown>)) {
    const type = (block as AuthBlock | null)?.authType;
    if (typeof type !== 'string' || !SUPPORTED.has(type.toLowerCase())) {
      out.push({
        code: 'auth.unsupported',
        severity: 'error',
        message: `authType ${JSON.stringify(type ?? null)} of connection "${name}" is not supported by the emulator`,
        location: { attribute: ATTR, path: ['authentications', name, 'authType'] },
        hint: 'supported authTypes: oauth2, Basic',
      });
    }
  }
  return out;
}

/** Options of the auth manager. */
export interface AuthManagerOptions {
  transport: Transport;
  recorder: ExchangeRecorder;
  render?: Renderer;
  /** Token request timeout in ms (default 60 s). */
  timeoutMs?: number;
  /** Why there is no usable ConnectionJSON (e.g. it is encrypted in the export), for the error message. */
  missingReason?: string;
}

interface BlockState {
  block: AuthBlock;
  accessToken: string | null;
  inflight?: Promise<void>;
  /** API calls sent through this connection so far (token requests not counted), for apiRateLimitConfig. */
  calls: number;
}

/** A positive whole number from a JSON value (EIC configs write numbers as strings too), else undefined. */
function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function base64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** The per-connection token store and refresher. */
export class AuthManager {
  private readonly states = new Map<string, BlockState>();
  private readonly render: Renderer;
  /** Number of token requests sent so far. */
  tokenRequests = 0;

  constructor(
    private readonly connectionJson: unknown,
    private readonly opts: AuthManagerOptions,
  ) {
    this.render = opts.render ?? groovyRenderer;
    const auths = this.authentications();
    for (const [name, raw] of Object.entries(auths ?? {})) {
      const block = (raw && typeof raw === 'object' ? raw : {}) as AuthBlock;
      const state: BlockState = { block, accessToken: this.initialToken(block), calls: 0 };
      this.states.set(name, state);
      this.registerSecrets(block, state);
    }
  }

  private authentications(): Record<string, unknown> | undefined {
    const a = (this.connectionJson as { authentications?: unknown } | null)?.authentications;
    return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
  }

  private initialToken(block: AuthBlock): string | null {
    if (this.isBasic(block)) {
      const p = block.properties;
      if (p && typeof p.userName === 'string') return `Basic ${base64(`${p.userName}:${String(p.password ?? '')}`)}`;
    }
    return typeof block.accessToken === 'string' ? block.accessToken : null;
  }

  private isBasic(block: AuthBlock): boolean {
    return typeof block.authType === 'string' && block.authType.toLowerCase() === 'basic';
  }

  private registerSecrets(block: AuthBlock, state: BlockState): void {
    const rec = this.opts.recorder;
    rec.addSecret(state.accessToken);
    if (typeof block.accessToken === 'string') rec.addSecret(block.accessToken);
    for (const [k, v] of Object.entries(block.properties ?? {}))
      if (isSecretKey(k) && typeof v === 'string') rec.addSecret(v);
    for (const [k, v] of Object.entries(block)) if (isSecretKey(k) && typeof v === 'string') rec.addSecret(v);
    if (block.httpParams && typeof block.httpParams === 'object')
      for (const [k, v] of Object.entries(block.httpParams as Record<string, unknown>))
        if ((isSecretKey(k) || /secret|password/i.test(k)) && typeof v === 'string') rec.addSecret(v);
    for (const [k, v] of Object.entries(block.httpHeaders ?? {})) {
      if (typeof v !== 'string') continue;
      if (k.toLowerCase() === 'authorization' || isSecretKey(k)) rec.addSecret(v);
      // Basic apitoken:<API_TOKEN> → also blank the API token itself wherever it appears.
      const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(v);
      if (m) {
        const decoded = Buffer.from(m[1], 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        if (i >= 0) rec.addSecret(decoded.slice(i + 1));
      }
    }
  }

  /** Names of the auth blocks. */
  names(): string[] {
    return [...this.states.keys()];
  }

  /** The auth block named `name`; throws `auth.no-connection-json`, `auth.unknown-connection` or `auth.unsupported`. */
  block(name: string): AuthBlock {
    if (!this.authentications()) {
      throw new HarnessError(
        'auth.no-connection-json',
        `the call names connection "${name}" but there is no usable ConnectionJSON${this.opts.missingReason ? ` (${this.opts.missingReason})` : ''}`,
        { attribute: ATTR },
        'give a plaintext ConnectionJSON with an "authentications" object',
      );
    }
    const state = this.states.get(name);
    if (!state) {
      throw new HarnessError(
        'auth.unknown-connection',
        `connection "${name}" is not defined in ConnectionJSON authentications (defined: ${this.names().join(', ') || 'none'})`,
        { attribute: ATTR, path: ['authentications'] },
      );
    }
    const type = state.block.authType;
    if (typeof type !== 'string' || !SUPPORTED.has(type.toLowerCase())) {
      throw new HarnessError(
        'auth.unsupported',
        `authType ${JSON.stringify(type ?? null)} of connection "${name}" is not supported by the emulator`,
        { attribute: ATTR, path: ['authentications', name, 'authType'] },
        'supported authTypes: oauth2, Basic',
      );
    }
    return state.block;
  }

  /** The current `${access_token}` value (prefix included), or null when none is stored. */
  accessToken(name: string): string | null {
    this.block(name);
    return this.states.get(name)?.accessToken ?? null;
  }

  /** The `${connection}` binding for calls using this block: the block's own keys. */
  connectionBindings(name: string): Record<string, unknown> {
    return { ...this.block(name) };
  }

  /** The Authorization header to add when the call writes none (Basic only). */
  implicitAuthorization(name: string): string | undefined {
    const block = this.block(name);
    return this.isBasic(block) ? (this.states.get(name)?.accessToken ?? undefined) : undefined;
  }

  /** True when this block can refresh (oauth2 with a token url). */
  canRefresh(name: string): boolean {
    const b = this.block(name);
    return !this.isBasic(b) && typeof b.url === 'string' && b.url !== '';
  }

  /**
   * Paces the connection's API calls as `apiRateLimitConfig{retryAfterCalls, retryWaitSeconds}` asks: after every
   * `retryAfterCalls` calls the next one waits `retryWaitSeconds` (on the transport's clock: fake time in scenarios).
   * Call it right before sending; token requests are not counted (inferred: the reference does not say).
   */
  async beforeCall(name: string): Promise<void> {
    const state = this.states.get(name);
    if (!state) return;
    const cfg = state.block.apiRateLimitConfig;
    const every = positiveInt(cfg?.retryAfterCalls);
    const seconds = Number(cfg?.retryWaitSeconds);
    if (every !== undefined && Number.isFinite(seconds) && seconds > 0 && state.calls > 0 && state.calls % every === 0)
      await this.opts.transport.sleep(seconds * 1000);
    state.calls++;
  }

  /** maxRefreshTryCount of the block (default 1). */
  maxRefreshTryCount(name: string): number {
    const n = Number(this.block(name).maxRefreshTryCount);
    return Number.isFinite(n) && n >= 0 ? n : 1;
  }

  /** Why the response calls for a token refresh (status or errorPath match), or undefined when it does not. */
  refreshReason(name: string, status: number, body: unknown): string | undefined {
    const b = this.block(name);
    const codes = Array.isArray(b.retryFailureStatusCode) ? b.retryFailureStatusCode.map(Number) : [];
    if (codes.includes(status)) return `HTTP ${status} is in retryFailureStatusCode`;
    if (b.errorPath && body !== null && typeof body === 'object') {
      const v = pathValueToString(getPath(body, b.errorPath));
      if (v !== null) {
        const needles = [
          ...(b.expiryError ? [b.expiryError] : []),
          ...(Array.isArray(b.authError) ? b.authError : b.authError ? [b.authError] : []),
        ].filter((s): s is string => typeof s === 'string' && s !== '');
        const hit = needles.find((n) => v === n || v.includes(n));
        if (hit) return `response ${b.errorPath} = ${JSON.stringify(v)} matches "${hit}"`;
      }
    }
    return undefined;
  }

  /**
   * Fetches a new token for the block (one request in flight per block); throws HarnessError on failure.
   * With `staleToken` (the token the rejected call carried), nothing is fetched when another call already replaced it.
   */
  async refresh(name: string, owner?: { kind: 'task' | 'job'; id: string }, staleToken?: string | null): Promise<void> {
    const state = this.states.get(name);
    this.block(name);
    if (!state) return;
    if (staleToken !== undefined && !state.inflight && state.accessToken !== staleToken) return;
    if (!state.inflight) {
      state.inflight = this.fetchToken(name, state, owner).finally(() => {
        state.inflight = undefined;
      });
    }
    return state.inflight;
  }

  private async fetchToken(name: string, state: BlockState, owner?: { kind: 'task' | 'job'; id: string }) {
    const b = state.block;
    const base = ['authentications', name];
    if (!this.canRefresh(name)) {
      throw new HarnessError(
        'auth.cannot-refresh',
        `connection "${name}" (authType ${b.authType}) has no token url, so the rejected credentials cannot be refreshed`,
        { attribute: ATTR, path: [...base, 'url'] },
      );
    }
    const bindings = { connection: { ...b } };
    const evaluated: Record<string, string> = {};
    const url = renderField(this.render, String(b.url), bindings, ATTR, [...base, 'url']);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(b.httpHeaders ?? {}))
      headers[k] = renderField(this.render, String(v ?? ''), bindings, ATTR, [...base, 'httpHeaders', k]);
    const params = renderDeep(this.render, b.httpParams, bindings, ATTR, [...base, 'httpParams'], evaluated);
    const ct = wireContentType(b.httpContentType ?? headerValue(headers, 'content-type'), params);
    const body = encodeBody(params, ct ?? 'application/x-www-form-urlencoded');
    if (body !== undefined && ct && !headerValue(headers, 'content-type')) headers['Content-Type'] = ct;
    const method = String(b.httpMethod ?? 'POST');
    this.tokenRequests += 1;
    const res = await sendRequest(
      { method, url, headers, body },
      {
        transport: this.opts.transport,
        recorder: this.opts.recorder,
        timeoutMs: this.opts.timeoutMs ?? 60_000,
        label: 'token',
        owner,
        bindings: evaluated,
      },
    );
    const where = `${method} ${this.opts.recorder.redact(url)}`;
    if (res.status === undefined) {
      throw new HarnessError(
        'auth.token-request-failed',
        `token request for connection "${name}" (${where}) failed: ${res.error}`,
        { attribute: ATTR, path: [...base, 'url'] },
      );
    }
    if (res.status === 401 || res.status === 403) {
      throw new HarnessError(
        'auth.api-token-rejected',
        `token request for connection "${name}" (${where}) was rejected with HTTP ${res.status}: the API token expired or was revoked`,
        { attribute: ATTR, path: [...base, 'httpHeaders'] },
        'create a new API token in LeanIX (Administration → API Tokens) and put base64("apitoken:<token>") in the token request\'s Authorization header',
      );
    }
    if (res.status < 200 || res.status >= 300) {
      throw new HarnessError(
        'auth.token-request-failed',
        `token request for connection "${name}" (${where}) answered HTTP ${res.status}`,
        { attribute: ATTR, path: [...base, 'url'] },
      );
    }
    const path = b.tokenResponsePath ?? 'access_token';
    let token: string | null;
    if (path.startsWith('#HEADERS#')) {
      token = headerValue(res.headers, path.slice('#HEADERS#'.length)) ?? null;
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(res.bodyText);
      } catch {
        parsed = undefined;
      }
      token = pathValueToString(getPath(parsed, path));
    }
    if (!token) {
      throw new HarnessError(
        'auth.token-missing',
        `token response for connection "${name}" has no value at tokenResponsePath "${path}"`,
        { attribute: ATTR, path: [...base, 'tokenResponsePath'] },
      );
    }
    this.opts.recorder.addSecret(token);
    state.accessToken = b.tokenType ? `${b.tokenType} ${token}` : token;
    this.opts.recorder.addSecret(state.accessToken);
  }
}

/** Creates the auth manager of one connection from its (parsed) ConnectionJSON. */
export function createAuthManager(connectionJson: unknown, opts: AuthManagerOptions): AuthManager {
  return new AuthManager(connectionJson, opts);
}
