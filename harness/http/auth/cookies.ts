/**
 * `cookies` [DOC S3 "Cookies"]: a login request (the block's token request) opens a session; its cookies are the
 * token. Wire format [INF where marked]:
 * - the token is every cookie the login answer sets, as a Cookie header value `a=1; b=2` (attributes dropped), when
 *   `tokenResponsePath` is `#HEADERS#Set-Cookie` [DOC S3 sample 2] or `""` (the cookies sample writes `""`; for this
 *   authType it cannot mean a static key, since the sample also lists refresh triggers [INF]); another path reads a
 *   session id from a header or the body;
 * - `tokenType` is prefixed as for oauth2 (the samples write `""`);
 * - `${access_token}` and `${cookies}` render the cookie string; a call that writes no `authHeaderName` header
 *   (default `Cookie` [INF]) gets it;
 * - the session is renewed like a token: on `retryFailureStatusCode`, `authError` (e.g. `"HTTP error code : 401"`,
 *   a documented sample) or `expiryError` at `errorPath`.
 */
import { headerValue } from '../encode.ts';
import { type TokenFetchShape, tokenFlow } from './oauth2.ts';
import { cookieHeaderOf, readAnswer } from './token-request.ts';
import type { BlockState } from './types.ts';

const cookiesShape: TokenFetchShape = {
  readToken(state, answer) {
    const path = state.block.tokenResponsePath ?? '';
    if (path === '') return cookieHeaderOf(answer.setCookies) || null;
    return readAnswer(answer, path);
  },
  // "" is the cookie jar here, whose values are registered as they arrive; another path is the token.
  tokenPaths: (b) => (b.tokenResponsePath ? [b.tokenResponsePath] : []),
  credentialHint: () => 'the login parameters of the session request (httpParams)',
};

/** The cookie string (without tokenType) of a state, for `${cookies}`. */
export function cookiesOf(state: BlockState): string | null {
  const t = state.accessToken;
  if (t === null) return null;
  const type = state.block.tokenType;
  return typeof type === 'string' && type !== '' && t.startsWith(`${type} `) ? t.slice(type.length + 1) : t;
}

/** `cookies` [DOC S3]. */
export const cookiesFlow = tokenFlow('cookies', cookiesShape, {
  // "" is the cookie jar here, not a static key.
  canRefresh: (b) => typeof b.url === 'string' && b.url.trim() !== '',
  noRefreshReason: () => 'it has no login url, so the session cannot be renewed',
  authorize(state, request) {
    const name =
      typeof state.block.authHeaderName === 'string' && state.block.authHeaderName !== ''
        ? state.block.authHeaderName
        : 'Cookie';
    if (state.accessToken !== null && headerValue(request.headers, name) === undefined)
      request.headers[name] = state.accessToken;
  },
  check: (b) =>
    typeof b.url === 'string' && b.url.trim() !== ''
      ? []
      : [
          {
            code: 'auth.no-token-url',
            severity: 'warning',
            message: 'cookies without a login url: the stored accessToken is the only session and cannot be renewed',
            path: ['url'],
          },
        ],
});
