// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates appear in messages
/**
 * Token flows: `oauth2` and `BasicWithAccessToken` [DOC S3 "OAuth2", "BasicWithAccessToken"], and the token fetch
 * that `Jwt` and `cookies` reuse.
 *
 * - The stored `accessToken` is tried first; a token is fetched only when a call is rejected (reference §1.3 [INF]).
 * - A fetch sends the block's token request (client credentials, password grant, a static refresh token: whatever
 *   `httpParams` says), reads `tokenResponsePath` and stores `tokenType + " " + token` (the raw token when tokenType
 *   is "" or absent) [DOC S3; reference §1.3 step 4].
 * - `tokenResponsePath: ""` = a static key: `accessToken` is used as is and never refreshed [DOC S3 "Static Access
 *   Token"; Fidelity addendum].
 * - Refresh tokens [DOC S3 "Renew Access Token and Refresh Token using Single API / Different API"]:
 *   `${refresh_token}` in the token request is the current refresh token (first `refreshToken`); with
 *   `refreshType: "RefreshToken"` the answer's `refreshTokenResponsePath` (default `refresh_token` [INF]) replaces
 *   it. When the token request's answer matches `refreshTokenAuthError` (at `refreshTokenErrorPath` or in EIC's error
 *   text) the refresh token itself is bad: `refreshTokenCall` fetches a new one (its `refreshTokenResponsePath`, `""`
 *   = the whole body) and the token request is sent once more. Without a refreshToken but with a refreshTokenCall,
 *   the call runs first [INF]. `refreshTokenFlag: true` renews the refresh token right after each new access token
 *   [DOC S3 note under BasicWithAccessToken].
 * - BasicWithAccessToken: the token request carries `Authorization: Basic base64(userName:password)` from
 *   `properties` unless `httpHeaders` writes one [DOC S3 "access token obtained using the basic username and
 *   password"; the header form is INF].
 * - `authHeaderName`: a call that does not write that header gets the token in it [DOC S3 "HTTP header name where
 *   the token is expected"; INF: calls that write it themselves are left alone, as real configs do, reference §1.2].
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import { headerValue } from '../encode.ts';
import type { OutgoingRequest } from '../send.ts';
import { rejectionReason, stringList } from './refresh.ts';
import {
  ATTR,
  answerSummary,
  readAnswer,
  renderTokenRequest,
  sendTokenRequest,
  type TokenAnswer,
  type TokenRequestExtras,
} from './token-request.ts';
import type { AuthBlock, BlockFinding, BlockState, Flow, FlowContext, Owner } from './types.ts';

/** How a flow shapes the shared token fetch. */
export interface TokenFetchShape {
  /** What the flow adds to the token request (computed per fetch: a fresh JWT, the Basic header). */
  extras?(state: BlockState, ctx: FlowContext): Promise<TokenRequestExtras> | TokenRequestExtras;
  /** Reads the new token from the answer (default: `tokenResponsePath`, default `access_token`). */
  readToken?(state: BlockState, answer: TokenAnswer): string | null;
  /** Answer paths that hold the token, to register as secrets before the exchange is recorded (default the token path). */
  tokenPaths?(block: AuthBlock): string[];
  /** Words for messages: what the token request proves (`client credentials`, `the signed JWT`). */
  credentialHint(state: BlockState, params: Record<string, unknown>): string;
}

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** True for `refreshType: "RefreshToken"` (case-insensitive; the docs' table also shows `tokenRefresh`). */
export function usesRefreshToken(b: AuthBlock): boolean {
  return typeof b.refreshType === 'string' && b.refreshType.trim() !== '';
}

/** True when `tokenResponsePath` is `""`: the accessToken is a static key, never refreshed [DOC S3]. */
export function isStaticKey(b: AuthBlock): boolean {
  return b.tokenResponsePath === '';
}

/** `tokenType + " " + token`, or the raw token when tokenType is "" or absent (reference §1.3 step 4). */
export function withTokenType(b: AuthBlock, token: string): string {
  return typeof b.tokenType === 'string' && b.tokenType !== '' ? `${b.tokenType} ${token}` : token;
}

/** Adds the token under `authHeaderName` (or `fallbackHeader`) when the call does not write that header. */
export function injectToken(state: BlockState, request: OutgoingRequest, fallbackHeader?: string): void {
  const name =
    typeof state.block.authHeaderName === 'string' && state.block.authHeaderName !== ''
      ? state.block.authHeaderName
      : fallbackHeader;
  if (!name || state.accessToken === null || headerValue(request.headers, name) !== undefined) return;
  request.headers[name] = state.accessToken;
}

function paramsOf(b: AuthBlock): Record<string, unknown> {
  return b.httpParams && typeof b.httpParams === 'object' ? (b.httpParams as Record<string, unknown>) : {};
}

const REFRESH_CALL_PATH = (name: string) => ['authentications', name, 'refreshTokenCall'];

/** Fetches a new refresh token with `refreshTokenCall` [DOC S3 "Different API"]. */
async function renewRefreshToken(state: BlockState, ctx: FlowContext, owner?: Owner): Promise<void> {
  const b = state.block;
  const call = b.refreshTokenCall;
  const path = REFRESH_CALL_PATH(state.name);
  if (!call || typeof call !== 'object')
    throw new HarnessError('auth.no-refresh-token-call', `connection "${state.name}" has no refreshTokenCall`, {
      attribute: ATTR,
      path,
    });
  const at =
    typeof call.refreshTokenResponsePath === 'string'
      ? call.refreshTokenResponsePath
      : (b.refreshTokenResponsePath ?? 'refresh_token');
  const rendered = renderTokenRequest(state, ctx, call, path);
  const answer = await sendTokenRequest(state, ctx, rendered, path, 'refresh-token', owner, [at]);
  if (answer.status < 200 || answer.status >= 300)
    throw new HarnessError(
      'auth.refresh-token-call-failed',
      `refreshTokenCall of connection "${state.name}" (${answer.where}) answered HTTP ${answer.status}: ${answerSummary(ctx.recorder, answer, b.refreshTokenErrorPath)}`,
      { attribute: ATTR, path },
      'check the refreshTokenCall parameters (client, user, private key)',
    );
  const value = readAnswer(answer, at);
  if (!value)
    throw new HarnessError(
      'auth.refresh-token-missing',
      `the refreshTokenCall answer of connection "${state.name}" has no value at refreshTokenResponsePath ${JSON.stringify(at)}`,
      { attribute: ATTR, path: [...path, 'refreshTokenResponsePath'] },
    );
  ctx.recorder.addSecret(value);
  state.refreshToken = value;
}

/** Why the token request's answer says the refresh token itself is bad (refreshTokenAuthError), or undefined. */
function refreshTokenRejected(b: AuthBlock, answer: TokenAnswer): string | undefined {
  const needles = stringList(b.refreshTokenAuthError);
  if (needles.length === 0) return undefined;
  return rejectionReason(answer, {
    codes: [],
    needles,
    errorPath: b.refreshTokenErrorPath,
    what: 'refreshTokenAuthError',
  });
}

/** The failure for a token request that did not give a token (401/403 named as rejected credentials). */
function tokenRequestError(
  state: BlockState,
  ctx: FlowContext,
  answer: TokenAnswer,
  shape: TokenFetchShape,
  headers: Record<string, string>,
): HarnessError {
  const b = state.block;
  const path = ['authentications', state.name];
  const summary = answerSummary(ctx.recorder, answer, b.errorPath);
  if (answer.status === 401 || answer.status === 403) {
    // LeanIX: the token request carries Basic apitoken:<API token> [S16]; a 401 means that API token is dead.
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headerValue(headers, 'authorization') ?? '');
    if (basic && Buffer.from(basic[1], 'base64').toString('utf8').startsWith('apitoken:'))
      return new HarnessError(
        'auth.api-token-rejected',
        `token request for connection "${state.name}" (${answer.where}) was rejected with HTTP ${answer.status}: the API token expired or was revoked`,
        { attribute: ATTR, path: [...path, 'httpHeaders'] },
        'create a new API token in LeanIX (Administration → API Tokens) and put base64("apitoken:<token>") in the token request\'s Authorization header',
      );
    return new HarnessError(
      'auth.token-request-rejected',
      `token request for connection "${state.name}" (${answer.where}) was rejected with HTTP ${answer.status}: ${summary}`,
      { attribute: ATTR, path: [...path, 'httpParams'] },
      `the target refused ${shape.credentialHint(state, paramsOf(b))}`,
    );
  }
  return new HarnessError(
    'auth.token-request-failed',
    `token request for connection "${state.name}" (${answer.where}) answered HTTP ${answer.status}: ${summary}`,
    { attribute: ATTR, path: [...path, 'url'] },
    `check ${shape.credentialHint(state, paramsOf(b))}`,
  );
}

/** The shared token fetch: token request, refresh-token recovery, token read, refresh-token rotation. */
export async function fetchToken(
  state: BlockState,
  ctx: FlowContext,
  shape: TokenFetchShape,
  owner?: Owner,
): Promise<void> {
  const b = state.block;
  const path = ['authentications', state.name];
  if (usesRefreshToken(b) && !state.refreshToken && b.refreshTokenCall) await renewRefreshToken(state, ctx, owner);
  // What the answer hands out, registered as secrets before its exchange is recorded.
  const learn = shape.tokenPaths ? shape.tokenPaths(b) : [b.tokenResponsePath ?? 'access_token'];
  if (usesRefreshToken(b)) learn.push(b.refreshTokenResponsePath ?? 'refresh_token');
  const send = async () => {
    const rendered = renderTokenRequest(state, ctx, b, path, await shape.extras?.(state, ctx));
    return { rendered, answer: await sendTokenRequest(state, ctx, rendered, path, 'token', owner, learn) };
  };
  let { rendered, answer } = await send();
  const badRefresh = refreshTokenRejected(b, answer);
  if (badRefresh) {
    if (!b.refreshTokenCall)
      throw new HarnessError(
        'auth.refresh-token-rejected',
        `token request for connection "${state.name}" (${answer.where}): the refresh token was rejected (${badRefresh}) and there is no refreshTokenCall to get a new one`,
        { attribute: ATTR, path: [...path, 'refreshToken'] },
        'give a fresh refreshToken, or a refreshTokenCall that issues one',
      );
    await renewRefreshToken(state, ctx, owner);
    ({ rendered, answer } = await send());
    const again = refreshTokenRejected(b, answer);
    if (again)
      throw new HarnessError(
        'auth.refresh-token-rejected',
        `token request for connection "${state.name}" (${answer.where}) still rejects the refresh token from refreshTokenCall (${again})`,
        { attribute: ATTR, path: [...path, 'refreshTokenCall'] },
      );
  }
  if (answer.status < 200 || answer.status >= 300)
    throw tokenRequestError(state, ctx, answer, shape, rendered.request.headers);
  const tokenPath = b.tokenResponsePath ?? 'access_token';
  const token = shape.readToken ? shape.readToken(state, answer) : readAnswer(answer, tokenPath);
  if (!token)
    throw new HarnessError(
      'auth.token-missing',
      `token response for connection "${state.name}" has no value at tokenResponsePath ${JSON.stringify(tokenPath)}`,
      { attribute: ATTR, path: [...path, 'tokenResponsePath'] },
    );
  ctx.recorder.addSecret(token);
  state.accessToken = withTokenType(b, token);
  ctx.recorder.addSecret(state.accessToken);
  if (usesRefreshToken(b)) {
    const next = readAnswer(answer, b.refreshTokenResponsePath ?? 'refresh_token');
    if (next) {
      ctx.recorder.addSecret(next);
      state.refreshToken = next;
    }
  }
  if ((b.refreshTokenFlag === true || b.refreshTokenFlag === 'true') && b.refreshTokenCall)
    await renewRefreshToken(state, ctx, owner);
}

/** The token request as it would go out now (and the refreshTokenCall), for `harness explain`. */
export async function previewToken(
  state: BlockState,
  ctx: FlowContext,
  shape: TokenFetchShape,
): Promise<{ label: string; request: OutgoingRequest }[]> {
  const b = state.block;
  const out: { label: string; request: OutgoingRequest }[] = [];
  if (b.refreshTokenCall && typeof b.refreshTokenCall === 'object')
    out.push({
      label: 'refresh-token',
      request: renderTokenRequest(state, ctx, b.refreshTokenCall, REFRESH_CALL_PATH(state.name)).request,
    });
  out.unshift({
    label: 'token',
    request: renderTokenRequest(state, ctx, b, ['authentications', state.name], await shape.extras?.(state, ctx))
      .request,
  });
  return out;
}

/** Findings shared by the token flows: a refresh-token flow without a way to get its refresh token. */
export function checkTokenBlock(b: AuthBlock): BlockFinding[] {
  const out: BlockFinding[] = [];
  if (usesRefreshToken(b) && !b.refreshToken && !b.refreshTokenCall)
    out.push({
      code: 'auth.refresh-token-absent',
      severity: 'warning',
      message:
        'refreshType is set but there is neither a refreshToken nor a refreshTokenCall: ${refresh_token} renders null',
      path: ['refreshToken'],
      hint: 'give the initial refresh token in refreshToken',
    });
  if (b.refreshTokenCall !== undefined && (typeof b.refreshTokenCall !== 'object' || b.refreshTokenCall === null))
    out.push({
      code: 'auth.bad-refresh-token-call',
      severity: 'error',
      message: 'refreshTokenCall must be an object {url, httpMethod, httpParams, httpHeaders, httpContentType}',
      path: ['refreshTokenCall'],
    });
  return out;
}

function grantHint(params: Record<string, unknown>): string {
  const g = String(params.grant_type ?? '').toLowerCase();
  if (g === 'client_credentials') return 'the client credentials (client_id/client_secret or the Basic header)';
  if (g === 'password') return 'the username/password (and the client) of the password grant';
  if (g === 'refresh_token') return 'the refresh token (expired, revoked or already used)';
  return 'the credentials of the token request (httpParams, httpHeaders)';
}

const oauth2Shape: TokenFetchShape = { credentialHint: (_s, params) => grantHint(params) };

const basicWithAccessTokenShape: TokenFetchShape = {
  extras(state) {
    const p = state.block.properties;
    if (!p || typeof p.userName !== 'string') return {};
    return { headers: { Authorization: `Basic ${base64(`${p.userName}:${String(p.password ?? '')}`)}` } };
  },
  credentialHint: () => 'properties.userName/password (sent as Basic credentials of the token request)',
};

/** A token flow over the shared fetch (oauth2, BasicWithAccessToken; Jwt and cookies build theirs the same way). */
export function tokenFlow(authType: string, shape: TokenFetchShape, extra: Partial<Flow> = {}): Flow {
  return {
    authType,
    initialToken: (b) => (typeof b.accessToken === 'string' ? b.accessToken : null),
    canRefresh: (b) => !isStaticKey(b) && typeof b.url === 'string' && b.url.trim() !== '',
    noRefreshReason: (b) =>
      isStaticKey(b)
        ? 'its accessToken is a static key (tokenResponsePath ""), which EIC never refreshes'
        : 'it has no token url, so the rejected token cannot be refreshed',
    fetchToken: (state, ctx, owner) => fetchToken(state, ctx, shape, owner),
    previewTokenRequests: (state, ctx) => previewToken(state, ctx, shape),
    authorize: (state, request) => injectToken(state, request),
    check: checkTokenBlock,
    ...extra,
  };
}

/** `oauth2` [DOC S3]. */
export const oauth2Flow = tokenFlow('oauth2', oauth2Shape);

/** `BasicWithAccessToken` [DOC S3]. */
export const basicWithAccessTokenFlow = tokenFlow('BasicWithAccessToken', basicWithAccessTokenShape, {
  check: (b) => [
    ...checkTokenBlock(b),
    ...(b.properties && typeof b.properties.userName === 'string'
      ? []
      : [
          {
            code: 'auth.missing-properties',
            severity: 'warning' as const,
            message: 'BasicWithAccessToken without properties.userName: the token request carries no Basic credentials',
            path: ['properties'],
            hint: 'give {"properties": {"userName": "...", "password": "..."}}',
          },
        ]),
  ],
});
