// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../../lib/diagnostic.ts';
import { ExchangeRecorder } from '../recorder.ts';
import { json, pathRenderer, stubTransport } from '../testing.ts';
import { AuthManager, checkAuthentications } from './index.ts';

const API_TOKEN = 'apitoken-secret-XYZ';
const basicCred = Buffer.from(`apitoken:${API_TOKEN}`).toString('base64');

function oauth(over: Record<string, unknown> = {}) {
  return {
    authentications: {
      acctAuth: {
        authType: 'oauth2',
        url: 'https://t.leanix.net/services/mtm/v1/oauth2/token',
        httpMethod: 'POST',
        httpParams: { grant_type: 'client_credentials' },
        httpHeaders: { Authorization: `Basic ${basicCred}` },
        httpContentType: 'application/x-www-form-urlencoded',
        expiryError: 'ExpiredAuthenticationToken',
        authError: ['InvalidAuthenticationToken'],
        errorPath: 'error.code',
        retryFailureStatusCode: [401],
        maxRefreshTryCount: 2,
        tokenResponsePath: 'access_token',
        tokenType: 'Bearer',
        accessToken: 'Bearer dummy',
        ...over,
      },
    },
  };
}

function setup(conn: unknown, handler: (req: Request) => Response | Promise<Response>) {
  const transport = stubTransport(handler);
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager(conn, { transport, recorder, render: pathRenderer });
  return { transport, recorder, auth };
}

describe('AuthManager (oauth2)', () => {
  it('starts with the stored accessToken and fetches nothing before a call needs it', () => {
    const { auth, transport } = setup(oauth(), () => json(200, { access_token: 'T1' }));
    expect(auth.accessToken('acctAuth')).toBe('Bearer dummy');
    expect(transport.requests).toHaveLength(0);
  });

  it('refreshes with the token request as configured and prefixes tokenType', async () => {
    const { auth, transport, recorder } = setup(oauth(), () => json(200, { access_token: 'T1', expires_in: 3599 }));
    await auth.refresh('acctAuth');
    expect(auth.accessToken('acctAuth')).toBe('Bearer T1');
    const req = transport.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers.get('authorization')).toBe(`Basic ${basicCred}`);
    expect(req.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await req.text()).toBe('grant_type=client_credentials');
    const ex = recorder.list()[0];
    expect(ex.label).toBe('token');
    expect(JSON.stringify(ex)).not.toContain(API_TOKEN);
    expect(JSON.stringify(ex)).not.toContain(basicCred);
  });

  it('stores the raw token when tokenType is empty, and JSON-encodes params for application/json', async () => {
    const { auth, transport } = setup(
      oauth({ tokenType: '', httpContentType: 'application/json', tokenResponsePath: 'data.token' }),
      () => json(200, { data: { token: 'RAW' } }),
    );
    await auth.refresh('acctAuth');
    expect(auth.accessToken('acctAuth')).toBe('RAW');
    expect(await transport.requests[0].json()).toEqual({ grant_type: 'client_credentials' });
  });

  it('deduplicates concurrent refreshes of one block', async () => {
    let n = 0;
    const { auth } = setup(oauth(), () => json(200, { access_token: `T${++n}` }));
    await Promise.all([auth.refresh('acctAuth'), auth.refresh('acctAuth')]);
    expect(n).toBe(1);
  });

  it('skips a refresh when another call already replaced the rejected token', async () => {
    let n = 0;
    const { auth } = setup(oauth(), () => json(200, { access_token: `T${++n}` }));
    await auth.refresh('acctAuth', undefined, 'Bearer dummy');
    await auth.refresh('acctAuth', undefined, 'Bearer dummy');
    expect(n).toBe(1);
    await auth.refresh('acctAuth', undefined, 'Bearer T1');
    expect(n).toBe(2);
  });

  it('says the API token expired when the token endpoint answers 401', async () => {
    const { auth } = setup(oauth(), () => json(401, { error: 'unauthorized' }));
    const err = await auth.refresh('acctAuth').catch((e) => e);
    expect(isHarnessError(err)).toBe(true);
    expect(err.code).toBe('auth.api-token-rejected');
    expect(err.message).toContain('API token expired');
  });

  it('fails clearly when the token is not at tokenResponsePath', async () => {
    const { auth } = setup(oauth(), () => json(200, { token: 'x' }));
    await expect(auth.refresh('acctAuth')).rejects.toMatchObject({ code: 'auth.token-missing' });
  });

  it('reads a token from a response header with #HEADERS#', async () => {
    const { auth } = setup(oauth({ tokenResponsePath: '#HEADERS#Set-Cookie', tokenType: '' }), () =>
      json(200, {}, { 'Set-Cookie': 'SESSION=abc' }),
    );
    await auth.refresh('acctAuth');
    expect(auth.accessToken('acctAuth')).toBe('SESSION=abc');
  });

  it('decides refresh by retryFailureStatusCode or errorPath matching expiryError/authError', () => {
    const { auth } = setup(oauth(), () => json(200, {}));
    expect(auth.refreshReason('acctAuth', 401, null)).toContain('401');
    expect(auth.refreshReason('acctAuth', 200, { error: { code: 'ExpiredAuthenticationToken' } })).toContain(
      'error.code',
    );
    expect(auth.refreshReason('acctAuth', 400, { error: { code: 'xx InvalidAuthenticationToken xx' } })).toBeDefined();
    expect(auth.refreshReason('acctAuth', 403, { error: { code: 'Forbidden' } })).toBeUndefined();
  });

  it('exposes the block keys as ${connection.*}', () => {
    const { auth } = setup(oauth({ apikey: 'k-1' }), () => json(200, {}));
    expect(auth.connectionBindings('acctAuth').apikey).toBe('k-1');
  });
});

describe('AuthManager (Basic and unsupported)', () => {
  it('builds Basic credentials from properties, adds them to calls without Authorization, never refreshes', async () => {
    const conn = { authentications: { b: { authType: 'Basic', properties: { userName: 'u', password: 'p4ss' } } } };
    const { auth } = setup(conn, () => json(200, {}));
    const expected = `Basic ${Buffer.from('u:p4ss').toString('base64')}`;
    expect(auth.accessToken('b')).toBe(expected);
    const bare = { method: 'GET', url: 'https://x.test/', headers: {} as Record<string, string> };
    await auth.authorize('b', bare);
    expect(bare.headers.Authorization).toBe(expected);
    const own = {
      method: 'GET',
      url: 'https://x.test/',
      headers: { authorization: 'Bearer mine' } as Record<string, string>,
    };
    await auth.authorize('b', own);
    expect(own.headers).toEqual({ authorization: 'Bearer mine' });
    expect(auth.canRefresh('b')).toBe(false);
  });

  it('rejects undocumented auth types with auth.unsupported', () => {
    const conn = { authentications: { j: { authType: 'Bearer' }, ok: { authType: 'oauth2' } } };
    const { auth } = setup(conn, () => json(200, {}));
    expect(() => auth.block('j')).toThrowError(/not one EIC documents/);
    const diags = checkAuthentications(conn).filter((d) => d.severity === 'error');
    expect(diags.map((d) => d.code)).toEqual(['auth.unsupported']);
    expect(diags[0].location?.path).toEqual(['authentications', 'j', 'authType']);
    expect(diags[0].hint).toContain('Jwt');
  });

  it('names unknown connections and missing ConnectionJSON', () => {
    const { auth } = setup(oauth(), () => json(200, {}));
    expect(() => auth.block('nope')).toThrowError(/connection "nope" is not defined.*acctAuth/);
    const empty = new AuthManager(undefined, {
      transport: stubTransport(() => json(200, {})),
      recorder: new ExchangeRecorder(),
      missingReason: 'it is encrypted in the export',
    });
    expect(() => empty.block('acctAuth')).toThrowError(/encrypted/);
  });
});
