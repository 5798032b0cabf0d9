// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
import { describe, expect, it } from 'vitest';
import { ExchangeRecorder } from '../recorder.ts';
import { json, pathRenderer, stubTransport } from '../testing.ts';
import { AuthManager } from './index.ts';

function setup(block: Record<string, unknown>, handler: (req: Request) => Response | Promise<Response>) {
  const transport = stubTransport(handler);
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager({ authentications: { a: block } }, { transport, recorder, render: pathRenderer });
  return { auth, transport, recorder };
}

const form = async (req: Request) => Object.fromEntries(new URLSearchParams(await req.text()));

describe('static keys (tokenResponsePath "")', () => {
  it('sends the accessToken as is and never refreshes', async () => {
    const { auth } = setup(
      { authType: 'oauth2', url: 'https://x.test/api', tokenResponsePath: '', accessToken: 'Bearer K' },
      () => json(200, {}),
    );
    expect(auth.accessToken('a')).toBe('Bearer K');
    expect(auth.canRefresh('a')).toBe(false);
    expect(auth.isStaticKey('a')).toBe(true);
    await expect(auth.refresh('a')).rejects.toMatchObject({ code: 'auth.cannot-refresh' });
    const err = auth.rejected('a', 'call1', 'HTTP 401 is in retryFailureStatusCode', { attribute: 'X' });
    expect(err.code).toBe('auth.static-key-rejected');
    expect(err.message).toContain('never refreshes');
  });
});

describe('refresh tokens', () => {
  const block = {
    authType: 'oauth2',
    url: 'https://x.test/token',
    httpParams: { grant_type: 'refresh_token', refresh_token: '${refresh_token}' },
    httpContentType: 'application/x-www-form-urlencoded',
    refreshType: 'RefreshToken',
    refreshTokenResponsePath: 'refresh_token',
    refreshToken: 'R0-initial',
    tokenResponsePath: 'access_token',
    tokenType: 'Bearer',
    accessToken: 'Bearer dummy',
  };

  it('sends ${refresh_token} and keeps the rotated one from refreshTokenResponsePath', async () => {
    let n = 0;
    const { auth, transport, recorder } = setup(block, () => {
      n += 1;
      return json(200, { access_token: `A${n}-secret`, refresh_token: `R${n}-rotated` });
    });
    await auth.refresh('a');
    await auth.refresh('a');
    const sent = await Promise.all(transport.requests.map(form));
    expect(sent.map((p) => p.refresh_token)).toEqual(['R0-initial', 'R1-rotated']);
    expect(auth.accessToken('a')).toBe('Bearer A2-secret');
    const journal = JSON.stringify(recorder.list());
    for (const s of ['R0-initial', 'R1-rotated', 'R2-rotated', 'A1-secret', 'A2-secret'])
      expect(journal).not.toContain(s);
  });

  it('renews a rejected refresh token with refreshTokenCall, then resends the token request', async () => {
    const seen: string[] = [];
    const { auth, recorder } = setup(
      {
        ...block,
        refreshTokenAuthError: ['assertion expired'],
        refreshTokenErrorPath: 'error_description',
        refreshTokenCall: {
          url: 'https://x.test/idp',
          httpParams: { private_key: 'pk-secret' },
          httpContentType: 'application/x-www-form-urlencoded',
          refreshTokenResponsePath: '',
        },
      },
      async (req) => {
        const p = await form(req);
        seen.push(`${new URL(req.url).pathname}:${p.refresh_token ?? p.private_key}`);
        if (req.url.endsWith('/idp')) return new Response('  ASSERTION-NEW  ', { status: 200 });
        if (p.refresh_token === 'R0-initial')
          return json(400, { error: 'invalid_grant', error_description: 'assertion expired' });
        return json(200, { access_token: 'A-ok' });
      },
    );
    await auth.refresh('a');
    expect(seen).toEqual(['/token:R0-initial', '/idp:pk-secret', '/token:ASSERTION-NEW']);
    expect(auth.accessToken('a')).toBe('Bearer A-ok');
    expect(recorder.list().map((e) => e.label)).toEqual(['token', 'refresh-token', 'token']);
    expect(JSON.stringify(recorder.list())).not.toContain('ASSERTION-NEW');
  });

  it('names a rejected refresh token when there is no refreshTokenCall', async () => {
    const { auth } = setup({ ...block, refreshTokenAuthError: 'invalid_grant', refreshTokenErrorPath: 'error' }, () =>
      json(400, { error: 'invalid_grant' }),
    );
    await expect(auth.refresh('a')).rejects.toMatchObject({
      code: 'auth.refresh-token-rejected',
      message: expect.stringContaining('no refreshTokenCall'),
    });
  });

  it('renews the refresh token right after each access token with refreshTokenFlag', async () => {
    const paths: string[] = [];
    const { auth } = setup(
      {
        ...block,
        refreshTokenFlag: 'true',
        refreshTokenCall: { url: 'https://x.test/renew', refreshTokenResponsePath: 'rt' },
      },
      (req) => {
        paths.push(new URL(req.url).pathname);
        return req.url.endsWith('/renew') ? json(200, { rt: 'R-from-renew' }) : json(200, { access_token: 'A' });
      },
    );
    await auth.refresh('a');
    expect(paths).toEqual(['/token', '/renew']);
    expect(auth.callBindings('a').access_token).toBe('Bearer A');
  });
});

describe('authHeaderName and BasicWithAccessToken', () => {
  it('puts the token in authHeaderName when the call does not write that header', async () => {
    const { auth } = setup(
      { authType: 'oauth2', tokenResponsePath: '', tokenType: '', authHeaderName: 'X-API-TOKEN', accessToken: 'K1' },
      () => json(200, {}),
    );
    const bare = { method: 'GET', url: 'https://x.test/', headers: {} as Record<string, string> };
    await auth.authorize('a', bare);
    expect(bare.headers).toEqual({ 'X-API-TOKEN': 'K1' });
    const own = { method: 'GET', url: 'https://x.test/', headers: { 'x-api-token': 'mine' } as Record<string, string> };
    await auth.authorize('a', own);
    expect(own.headers).toEqual({ 'x-api-token': 'mine' });
  });

  it('BasicWithAccessToken buys the token with Basic credentials from properties', async () => {
    const { auth, transport } = setup(
      {
        authType: 'BasicWithAccessToken',
        url: 'https://x.test/token',
        httpHeaders: { Accept: 'application/json' },
        properties: { userName: 'u', password: 'p-secret' },
        tokenResponsePath: 'token',
        tokenType: '',
        accessToken: 'Bearer xyz',
      },
      () => json(200, { token: 'T-raw' }),
    );
    await auth.refresh('a');
    expect(transport.requests[0].headers.get('authorization')).toBe(
      `Basic ${Buffer.from('u:p-secret').toString('base64')}`,
    );
    expect(auth.accessToken('a')).toBe('T-raw');
  });

  it('names a 401 of the token request as rejected credentials with a hint for the grant', async () => {
    const { auth } = setup(
      {
        authType: 'oauth2',
        url: 'https://x.test/token',
        httpParams: { grant_type: 'password', password: 'pw' },
        accessToken: 'x',
      },
      () => json(401, { error: 'invalid_grant', error_description: 'bad password' }),
    );
    await expect(auth.refresh('a')).rejects.toMatchObject({
      code: 'auth.token-request-rejected',
      message: expect.stringContaining('HTTP 401: invalid_grant: bad password'),
      hint: expect.stringContaining('username/password'),
    });
  });
});
