// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
import { describe, expect, it } from 'vitest';
import { AuthManager } from './auth/index.ts';
import type { CallRuntime } from './call.ts';
import { ExchangeRecorder } from './recorder.ts';
import { testConnection } from './test-connection.ts';
import { json, pathRenderer, stubTransport } from './testing.ts';

function runtime(
  connectionJson: unknown,
  handler: (req: Request) => Response | Promise<Response>,
  missingReason?: string,
) {
  const transport = stubTransport(handler);
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager(connectionJson, { transport, recorder, render: pathRenderer, missingReason });
  const rt: CallRuntime = { transport, auth, recorder, render: pathRenderer };
  return { rt, transport };
}

const oauth = (over: Record<string, unknown> = {}) => ({
  authType: 'oauth2',
  url: 'https://x.test/token',
  httpParams: { grant_type: 'client_credentials' },
  retryFailureStatusCode: [401],
  tokenResponsePath: 'access_token',
  tokenType: 'Bearer',
  accessToken: 'Bearer stale',
  ...over,
});
const params = (over: Record<string, unknown> = {}) => ({
  http: { url: 'https://x.test/me', httpMethod: 'GET', httpHeaders: { Authorization: '${access_token}' } },
  successResponse: ['OK'],
  successResponsePath: 'status',
  errors: ['Denied'],
  errorPath: 'error',
  ...over,
});

const api = (body: unknown) => (req: Request) =>
  req.url.endsWith('/token')
    ? json(200, { access_token: 'T1' })
    : req.headers.get('authorization') === 'Bearer T1'
      ? json(200, body)
      : json(401, {});

describe('testConnection', () => {
  it('runs testConnectionParams like a call (refresh on 401) and judges successResponse', async () => {
    const { rt } = runtime(
      { authentications: { a: oauth({ testConnectionParams: params() }) } },
      api({ status: 'OK' }),
    );
    const r = await testConnection(rt);
    expect(r.status).toBe('success');
    expect(r.connections[0]).toMatchObject({ connection: 'a', checked: 'testConnectionParams', status: 'success' });
    expect(r.connections[0].exchanges.map((e) => e.label)).toEqual(['test connection', 'token', 'test connection']);
  });

  it('fails on an errors entry at errorPath, or a value not in successResponse', async () => {
    const denied = runtime(
      { authentications: { a: oauth({ testConnectionParams: params() }) } },
      api({ status: 'OK', error: 'Denied!' }),
    );
    expect((await testConnection(denied.rt)).error).toMatchObject({
      code: 'connection.test-error',
      message: expect.stringContaining('connection "a"'),
    });
    const other = runtime(
      { authentications: { a: oauth({ testConnectionParams: params() }) } },
      api({ status: 'PENDING' }),
    );
    expect((await testConnection(other.rt)).error?.code).toBe('connection.test-unexpected');
  });

  it('fetches a token when there is no testConnectionParams, and says when nothing can be checked', async () => {
    const { rt, transport } = runtime(
      { authentications: { a: oauth(), b: { authType: 'Basic', properties: { userName: 'u', password: 'p' } } } },
      api({}),
    );
    const r = await testConnection(rt);
    expect(r.status).toBe('success');
    expect(r.connections.map((c) => c.checked)).toEqual(['token', 'nothing']);
    expect(transport.requests).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.code)).toContain('connection.test-unverified');
  });

  it('runs a testConnectionParams written beside the blocks with the first block (corpus aa360)', async () => {
    const flat = { url: 'https://x.test/me', httpMethod: 'GET', httpHeaders: { Authorization: '${access_token}' } };
    const { rt } = runtime({ authentications: { a: oauth(), testConnectionParams: flat } }, api({}));
    const r = await testConnection(rt);
    expect(r.connections).toHaveLength(1);
    expect(r.connections[0]).toMatchObject({ connection: 'a', checked: 'testConnectionParams', status: 'success' });
  });

  it('names a token request failure and a missing ConnectionJSON', async () => {
    const { rt } = runtime({ authentications: { a: oauth() } }, () => json(500, { error: 'boom' }));
    const r = await testConnection(rt);
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({
      code: 'auth.token-request-failed',
      message: expect.stringMatching(/^connection "a": .*HTTP 500: boom/),
    });
    const none = runtime(undefined, () => json(200, {}), 'it is encrypted in the export');
    expect((await testConnection(none.rt)).error).toMatchObject({
      code: 'auth.no-connection-json',
      message: expect.stringContaining('encrypted'),
    });
  });
});
