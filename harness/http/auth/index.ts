/**
 * The auth manager of one connection (ConnectionJSON `authentications`): one per emulator, shared by all tasks and
 * jobs, so a refreshed token is reused by every later call. Every documented authType runs [DOC S3]; each family
 * lives in its own module (oauth2.ts: oauth2 and BasicWithAccessToken; jwt.ts; cookies.ts; basic.ts; signed.ts:
 * BasicWithHmac and SignedHeaders), the refresh rules in refresh.ts, token requests in token-request.ts.
 *
 * How a call uses it (harness/http/call.ts): `callBindings` gives `${access_token}`, `${connection.*}` (the named
 * block's own keys, reference §1.3 [DOC-forum S14]) and `${cookies}`; `authorize` adds what the flow puts on the wire
 * (Basic header, HMAC or HTTP signature, cookie, `authHeaderName`); after the answer, `refreshReason` says whether the
 * token is bad; `refresh` fetches a new one (one request in flight per block), or `rejected` names why it cannot.
 */
import type { Diagnostic, Location } from '../../../lib/diagnostic.ts';
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { Bindings } from '../../groovy/index.ts';
import type { ExchangeRecorder } from '../recorder.ts';
import type { Renderer } from '../render.ts';
import { groovyRenderer } from '../render.ts';
import type { OutgoingRequest } from '../send.ts';
import type { RecordedRequest, Transport } from '../types.ts';
import { checkAuthentications, SHARED_TEST_PARAMS } from './check.ts';
import { cookiesOf } from './cookies.ts';
import { AUTH_TYPES, flowFor } from './flows.ts';
import { isStaticKey } from './oauth2.ts';
import { maxRefreshTryCount, refreshReason, wholeNumber } from './refresh.ts';
import { registerBlockSecrets } from './secrets.ts';
import { ATTR } from './token-request.ts';
import type { AuthBlock, BlockState, FlowContext, Owner } from './types.ts';

export { checkAuthentications } from './check.ts';
export { AUTH_TYPES } from './flows.ts';
export { eicErrorText, tokenRefreshMaxTryCountOf } from './refresh.ts';
export type { AuthBlock } from './types.ts';

/** Options of the auth manager. */
export interface AuthManagerOptions {
  transport: Transport;
  recorder: ExchangeRecorder;
  render?: Renderer;
  /** Token request timeout in ms (default 60 s). */
  timeoutMs?: number;
  /** Why there is no usable ConnectionJSON (e.g. it is encrypted in the export), for the error message. */
  missingReason?: string;
  /** ConfigJSON `connectionTimeoutConfig.tokenRefreshMaxTryCount`: the refresh limit of blocks without their own. */
  tokenRefreshMaxTryCount?: number;
  /** Reads a file of EIC's "Connector Files" directory (SignedHeaders key files); absent: such files cannot be read. */
  readConnectorFile?: (name: string) => Promise<string>;
}

/** A token request of one connection as it would go out, redacted (for `harness explain`). */
export interface TokenRequestPreview {
  connection: string;
  authType: string;
  /** `token`, `refresh-token`; empty when the flow has no token request. */
  requests: { label: string; request: RecordedRequest }[];
  /** What the flow does instead / when the request is sent. */
  note: string;
}

/** The per-connection token store and refresher. */
export class AuthManager {
  private readonly states = new Map<string, BlockState>();
  private readonly render: Renderer;
  private readonly ctx: FlowContext;
  /** `testConnectionParams` written beside the blocks (corpus aa360), if any. */
  readonly sharedTestConnectionParams: Record<string, unknown> | undefined;
  /** Number of token-style requests (token, refresh-token, login) sent so far. */
  tokenRequests = 0;

  constructor(
    private readonly connectionJson: unknown,
    private readonly opts: AuthManagerOptions,
  ) {
    this.render = opts.render ?? groovyRenderer;
    this.ctx = {
      transport: opts.transport,
      recorder: opts.recorder,
      render: this.render,
      timeoutMs: opts.timeoutMs ?? 60_000,
      readConnectorFile:
        opts.readConnectorFile ??
        (async (name) => {
          throw new Error(`no Connector Files folder is configured to read ${name} from`);
        }),
      countTokenRequest: () => {
        this.tokenRequests += 1;
      },
    };
    const auths = this.authentications();
    const shared = auths?.[SHARED_TEST_PARAMS];
    this.sharedTestConnectionParams =
      shared && typeof shared === 'object' ? (shared as Record<string, unknown>) : undefined;
    for (const [name, raw] of Object.entries(auths ?? {})) {
      if (name === SHARED_TEST_PARAMS) continue;
      const block = (raw && typeof raw === 'object' ? raw : {}) as AuthBlock;
      const flow = flowFor(block.authType);
      if (!flow) continue;
      const accessToken = flow.initialToken(block);
      const refreshToken =
        typeof block.refreshToken === 'string' && block.refreshToken !== '' ? block.refreshToken : null;
      this.states.set(name, { name, block, flow, accessToken, refreshToken, calls: 0 });
      registerBlockSecrets(opts.recorder, block, accessToken);
    }
  }

  private authentications(): Record<string, unknown> | undefined {
    const a = (this.connectionJson as { authentications?: unknown } | null)?.authentications;
    return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
  }

  /** Names of the auth blocks (those with a documented authType first; a shared testConnectionParams is no block). */
  names(): string[] {
    return Object.keys(this.authentications() ?? {}).filter((n) => n !== SHARED_TEST_PARAMS);
  }

  /** Findings about the blocks (unsupported types, missing keys, ssl not emulated ...). */
  diagnostics(): Diagnostic[] {
    return this.authentications()
      ? checkAuthentications(this.connectionJson, { tokenRefreshMaxTryCount: this.opts.tokenRefreshMaxTryCount })
      : [];
  }

  /** Throws `auth.no-connection-json` (with the reason, e.g. encrypted in the export) when there is none to use. */
  requireConnectionJson(name?: string): Record<string, unknown> {
    const auths = this.authentications();
    if (auths) return auths;
    throw new HarnessError(
      'auth.no-connection-json',
      `${name ? `the call names connection "${name}" but there` : 'there'} is no usable ConnectionJSON${this.opts.missingReason ? ` (${this.opts.missingReason})` : ''}`,
      { attribute: ATTR },
      'give a plaintext ConnectionJSON with an "authentications" object',
    );
  }

  private state(name: string): BlockState {
    const auths = this.requireConnectionJson(name);
    const state = this.states.get(name);
    if (state) return state;
    if (name in auths && name !== SHARED_TEST_PARAMS) {
      const type = (auths[name] as AuthBlock | null)?.authType;
      throw new HarnessError(
        'auth.unsupported',
        `authType ${JSON.stringify(type ?? null)} of connection "${name}" is not one EIC documents`,
        { attribute: ATTR, path: ['authentications', name, 'authType'] },
        `one of ${AUTH_TYPES.join(', ')}`,
      );
    }
    throw new HarnessError(
      'auth.unknown-connection',
      `connection "${name}" is not defined in ConnectionJSON authentications (defined: ${this.names().join(', ') || 'none'})`,
      { attribute: ATTR, path: ['authentications'] },
    );
  }

  /** The auth block named `name`; throws `auth.no-connection-json`, `auth.unknown-connection` or `auth.unsupported`. */
  block(name: string): AuthBlock {
    return this.state(name).block;
  }

  /** The documented authType of a block (`oauth2`, `Jwt`, ...). */
  authType(name: string): string {
    return this.state(name).flow.authType;
  }

  /** The current `${access_token}` value (prefix included), or null when none is stored. */
  accessToken(name: string): string | null {
    return this.state(name).accessToken;
  }

  /** The `${connection}` binding for calls using this block: the block's own keys. */
  connectionBindings(name: string): Record<string, unknown> {
    return { ...this.block(name) };
  }

  /** The auth bindings of a call: `access_token`, `connection` and (cookies) `cookies`. */
  callBindings(name: string): Bindings {
    const state = this.state(name);
    const out: Bindings = { access_token: state.accessToken, connection: { ...state.block } };
    if (state.flow.authType === 'cookies') out.cookies = cookiesOf(state);
    return out;
  }

  /** Adds what the block's flow puts on every request (Basic header, signatures, cookie, authHeaderName). */
  async authorize(name: string, request: OutgoingRequest): Promise<void> {
    const state = this.state(name);
    await state.flow.authorize(state, request, this.ctx);
  }

  /** True when this block can obtain a new token (never for static keys, Basic and per-request signatures). */
  canRefresh(name: string): boolean {
    const state = this.state(name);
    return state.flow.canRefresh(state.block) && state.flow.fetchToken !== undefined;
  }

  /** True for `tokenResponsePath: ""` token flows: the accessToken is a static key [DOC S3]. */
  isStaticKey(name: string): boolean {
    const state = this.state(name);
    return state.flow.authType !== 'cookies' && state.flow.fetchToken !== undefined && isStaticKey(state.block);
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
    const every = wholeNumber(cfg?.retryAfterCalls);
    const seconds = Number(cfg?.retryWaitSeconds);
    if (every && Number.isFinite(seconds) && seconds > 0 && state.calls > 0 && state.calls % every === 0)
      await this.opts.transport.sleep(seconds * 1000);
    state.calls++;
  }

  /** Refreshes one call may make: maxRefreshTryCount, else ConfigJSON tokenRefreshMaxTryCount, else 1. */
  maxRefreshTryCount(name: string): number {
    return maxRefreshTryCount(this.block(name), this.opts.tokenRefreshMaxTryCount);
  }

  /** Why the answer calls for a token refresh (status, errorPath value or EIC's error text), or undefined. */
  refreshReason(name: string, status: number, body: unknown, bodyText?: string): string | undefined {
    return refreshReason(this.block(name), status, body, bodyText ?? (typeof body === 'string' ? body : ''));
  }

  /** The failure of a call whose credentials were rejected (`why`) when the block cannot refresh. */
  rejected(name: string, callName: string, why: string, location: Location): HarnessError {
    const state = this.state(name);
    const statik = this.isStaticKey(name);
    return new HarnessError(
      statik ? 'auth.static-key-rejected' : 'auth.rejected',
      `call "${callName}" was rejected (${why}); connection "${name}" (${state.flow.authType}) cannot refresh: ${state.flow.noRefreshReason(state.block)}`,
      location,
      statik
        ? 'put a valid key in accessToken (a static key is sent as is, never refreshed)'
        : 'check the credentials of the connection; the target refused them',
    );
  }

  /**
   * Fetches a new token for the block (one request in flight per block); throws HarnessError on failure.
   * With `staleToken` (the token the rejected call carried), nothing is fetched when another call already replaced it.
   */
  async refresh(name: string, owner?: Owner, staleToken?: string | null): Promise<void> {
    const state = this.state(name);
    if (staleToken !== undefined && !state.inflight && state.accessToken !== staleToken) return;
    if (!state.inflight) {
      const fetch = state.flow.fetchToken;
      if (!this.canRefresh(name) || !fetch)
        throw new HarnessError(
          'auth.cannot-refresh',
          `connection "${name}" (authType ${state.flow.authType}) cannot refresh: ${state.flow.noRefreshReason(state.block)}`,
          { attribute: ATTR, path: ['authentications', name] },
        );
      state.inflight = fetch(state, this.ctx, owner).finally(() => {
        state.inflight = undefined;
      });
    }
    return state.inflight;
  }

  /** The token request(s) the block would send now, rendered and redacted, not sent (for `harness explain`). */
  async previewTokenRequests(name: string): Promise<TokenRequestPreview> {
    const state = this.state(name);
    const base = { connection: name, authType: state.flow.authType };
    if (this.isStaticKey(name))
      return {
        ...base,
        requests: [],
        note: 'static key (tokenResponsePath ""): the stored accessToken is sent as is and never refreshed',
      };
    if (!this.canRefresh(name) || !state.flow.previewTokenRequests)
      return { ...base, requests: [], note: state.flow.noRefreshReason(state.block) };
    const list = await state.flow.previewTokenRequests(state, this.ctx);
    return {
      ...base,
      requests: list.map((r) => ({
        label: r.label,
        request: this.opts.recorder.redactRequest({
          method: r.request.method,
          url: r.request.url,
          headers: r.request.headers,
          body: r.request.body,
        }),
      })),
      note: 'sent when a call is rejected (the stored accessToken is tried first)',
    };
  }
}

/** Creates the auth manager of one connection from its (parsed) ConnectionJSON. */
export function createAuthManager(connectionJson: unknown, opts: AuthManagerOptions): AuthManager {
  return new AuthManager(connectionJson, opts);
}
