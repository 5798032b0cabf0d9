/**
 * `Basic` [DOC S3 "Basic"]: "only username and password are required ... must be provided in the properties
 * attribute; you can leave the HTTP related parameters empty". `${access_token}` is
 * `Basic base64(properties.userName:properties.password)` (the stored accessToken when properties are absent), and a
 * call that writes no Authorization header gets it [INF]. Basic has no token request, so it never refreshes: a
 * rejection fails the call naming the credentials.
 */
import { headerValue } from '../encode.ts';
import type { Flow } from './types.ts';

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** `Basic` [DOC S3]. */
export const basicFlow: Flow = {
  authType: 'Basic',
  initialToken(b) {
    const p = b.properties;
    if (p && typeof p.userName === 'string') return `Basic ${base64(`${p.userName}:${String(p.password ?? '')}`)}`;
    return typeof b.accessToken === 'string' ? b.accessToken : null;
  },
  canRefresh: () => false,
  noRefreshReason: () =>
    'Basic credentials have no token request, so EIC cannot refresh them (check properties.userName/password)',
  authorize(state, request) {
    if (state.accessToken !== null && headerValue(request.headers, 'authorization') === undefined)
      request.headers.Authorization = state.accessToken;
  },
  check(b) {
    const p = b.properties;
    if (p && typeof p.userName === 'string') return [];
    return [
      {
        code: 'auth.missing-properties',
        severity: typeof b.accessToken === 'string' ? 'info' : 'warning',
        message:
          typeof b.accessToken === 'string'
            ? 'Basic without properties.userName: the stored accessToken is sent as the Authorization value'
            : 'Basic without properties.userName or accessToken: calls carry no credentials',
        path: ['properties'],
        hint: 'give {"properties": {"userName": "...", "password": "..."}}',
      },
    ];
  },
};
