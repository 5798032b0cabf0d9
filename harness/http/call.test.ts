// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
import { describe, expect, it } from 'vitest';
import { AuthManager } from './auth/index.ts';
import { type CallRuntime, executeCall } from './call.ts';
import { ExchangeRecorder } from './recorder.ts';
import { callSpecFrom } from './spec.ts';
import { json, pathRenderer, stubTransport } from './testing.ts';

const conn = (over: Record<string, unknown> = {}) => ({
  authentications: {
    acctAuth: {
      authType: 'oauth2',
      url: 'https://t.example/token',
      httpParams: { grant_type: 'client_credentials' },
      httpHeaders: { Authorization: 'Basic YXBpdG9rZW46c2VjcmV0LXRva2Vu' },
      httpContentType: 'application/x-www-form-urlencoded',
      retryFailureStatusCode: [401],
      maxRefreshTryCount: 2,
      tokenResponsePath: 'access_token',
      tokenType: 'Bearer',
      accessToken: 'Bearer stale',
      errorPath: 'error',
      expiryError: 'ExpiredAuthenticationToken',
      ...over,
    },
  },
});

function runtime(
  handler: (req: Request) => Response | Promise<Response>,
  connection: unknown = conn(),
  timeoutMs?: number,
) {
  const transport = stubTransport(handler);
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager(connection, { transport, recorder, render: pathRenderer });
  const rt: CallRuntime = { transport, auth, recorder, render: pathRenderer, timeoutMs };
  return { rt, transport, recorder, auth };
}

const call = (over: Record<string, unknown> = {}) =>
  callSpecFrom(
    {
      name: 'call1',
      connection: 'acctAuth',
      url: 'https://api.example/users/${account.accountID}',
      httpMethod: 'PUT',
      httpParams: '{"email":"${user.email}"}',
      httpHeaders: { Authorization: '${access_token}', Accept: 'application/json' },
      httpContentType: 'application/json',
      successResponses: { statusCode: [200, 201] },
      ...over,
    },
    ['call', 0],
  );

const bindings = { account: { accountID: 'A-1' }, user: { email: 'j@x.io' } };

describe('executeCall', () => {
  it('renders url, headers and a string body and sends them with the stored token', async () => {
    const { rt, transport } = runtime(() => json(200, { ok: true }));
    const r = await executeCall(call(), rt, { bindings, attribute: 'UpdateAccountJSON' });
    expect(r.ok).toBe(true);
    const req = transport.requests[0];
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('https://api.example/users/A-1');
    expect(req.headers.get('authorization')).toBe('Bearer stale');
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(await req.text()).toBe('{"email":"j@x.io"}');
    expect(r.entry).toEqual({
      message: { ok: true },
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.exchanges[0].bindings?.url).toBe('https://api.example/users/A-1');
    expect(r.exchanges[0].bindings?.['httpHeaders.Authorization']).toBe('Bearer [REDACTED]');
  });

  it('form-encodes object params for x-www-form-urlencoded and sends no body for ""', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    await executeCall(
      call({ httpParams: { a: '${user.email}', b: 'x y' }, httpContentType: 'application/x-www-form-urlencoded' }),
      rt,
      { bindings, attribute: 'X' },
    );
    expect(await transport.requests[0].text()).toBe('a=j%40x.io&b=x+y');
    await executeCall(call({ httpParams: '', httpMethod: 'POST' }), rt, { bindings, attribute: 'X' });
    expect(await transport.requests[1].text()).toBe('');
  });

  it('refreshes on 401, resends with the new token, and reuses it afterwards', async () => {
    let tokens = 0;
    const { rt, transport } = runtime((req) => {
      if (req.url.endsWith('/token')) return json(200, { access_token: `fresh${++tokens}` });
      return req.headers.get('authorization') === 'Bearer fresh1' ? json(200, {}) : json(401, { error: 'x' });
    });
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r.ok).toBe(true);
    expect(r.refreshes).toBe(1);
    expect(r.exchanges.map((e) => e.label)).toEqual(['call1', 'token', 'call1']);
    const again = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(again.refreshes).toBe(0);
    expect(transport.requests.filter((q) => q.url.endsWith('/token'))).toHaveLength(1);
  });

  it('pauses retryWaitSeconds after every retryAfterCalls calls of a connection (apiRateLimitConfig)', async () => {
    // reference/saviynt-rest-connector.md §1.2: "Pause for retryWaitSeconds after every retryAfterCalls calls".
    const { rt, transport } = runtime(
      () => json(200, {}),
      conn({ accessToken: 'Bearer ok', apiRateLimitConfig: { retryAfterCalls: '2', retryWaitSeconds: 3 } }),
    );
    const sentAt: number[] = [];
    const start = transport.clock.ms;
    for (let i = 0; i < 5; i++) {
      await executeCall(call(), rt, { bindings, attribute: 'X' });
      sentAt.push((transport.clock.ms - start) / 1000);
    }
    // calls 1-2 at once, 3-4 after one pause, 5 after a second one
    expect(sentAt).toEqual([0, 0, 3, 3, 6]);
    const unpaced = runtime(() => json(200, {}), conn({ accessToken: 'Bearer ok', apiRateLimitConfig: {} }));
    for (let i = 0; i < 3; i++) await executeCall(call(), unpaced.rt, { bindings, attribute: 'X' });
    expect(unpaced.transport.clock.ms).toBe(start);
  });

  it('shares one refresh between concurrent calls rejected with the same stale token', async () => {
    let tokens = 0;
    const { rt } = runtime((req) => {
      if (req.url.endsWith('/token')) return json(200, { access_token: `fresh${++tokens}` });
      return req.headers.get('authorization') === 'Bearer stale' ? json(401, {}) : json(200, {});
    });
    const rs = await Promise.all([1, 2, 3].map(() => executeCall(call(), rt, { bindings, attribute: 'X' })));
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(tokens).toBe(1);
  });

  it('refreshes when the body at errorPath says the token expired (even on 200)', async () => {
    let n = 0;
    const { rt } = runtime((req) => {
      if (req.url.endsWith('/token')) return json(200, { access_token: 'new' });
      return ++n === 1 ? json(200, { error: 'ExpiredAuthenticationToken' }) : json(200, { ok: 1 });
    });
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r.ok).toBe(true);
    expect(r.refreshes).toBe(1);
  });

  it('gives up after maxRefreshTryCount refreshes', async () => {
    const { rt, transport } = runtime((req) =>
      req.url.endsWith('/token') ? json(200, { access_token: 'n' }) : json(401, { error: 'nope' }),
    );
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('auth.refresh-exhausted');
    expect(r.error?.message).toContain('maxRefreshTryCount 2');
    expect(transport.requests.filter((q) => q.url.endsWith('/token'))).toHaveLength(2);
    expect(transport.requests.filter((q) => !q.url.endsWith('/token'))).toHaveLength(3);
  });

  it('fails with the API-token message when the token endpoint rejects the API token', async () => {
    const { rt } = runtime((req) => (req.url.endsWith('/token') ? json(401, {}) : json(401, { error: 'x' })));
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r.error?.code).toBe('auth.api-token-rejected');
    expect(r.error?.message).toMatch(/API token expired/);
    expect(r.error?.location?.attribute).toBe('ConnectionJSON');
  });

  it('classifies by successResponses and unsuccessResponses', async () => {
    const { rt } = runtime(() => json(202, {}));
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('call.unsuccessful');
    expect(r.error?.location).toEqual({ attribute: 'X', path: ['call', 0] });
    const r2 = await executeCall(call({ successResponses: undefined, unsuccessResponses: { statusCode: [202] } }), rt, {
      bindings,
      attribute: 'X',
    });
    expect(r2.ok).toBe(false);
  });

  it('reports a template error with the Java-style message and the JSON path of the string', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    const r = await executeCall(call({ httpParams: '{"x":"${boom}"}' }), rt, { bindings, attribute: 'AddAccessJSON' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('template.error');
    expect(r.error?.message).toMatch(/^java\.lang\.NullPointerException: /);
    expect(r.error?.location?.path).toEqual(['call', 0, 'httpParams']);
    expect(r.error?.location?.attribute).toBe('AddAccessJSON');
    expect(transport.requests).toHaveLength(0);
  });

  it('sends DELETEWITHBODY as DELETE with the body, GETWITHBODY as GET recording the unsent body', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    const d = await executeCall(call({ httpMethod: 'DELETEWITHBODY' }), rt, { bindings, attribute: 'X' });
    expect(transport.requests[0].method).toBe('DELETE');
    expect(await transport.requests[0].text()).toBe('{"email":"j@x.io"}');
    expect(d.exchanges[0].request.intendedMethod).toBe('DELETEWITHBODY');
    const g = await executeCall(call({ httpMethod: 'GETWITHBODY' }), rt, { bindings, attribute: 'X' });
    expect(transport.requests[1].method).toBe('GET');
    expect(g.exchanges[0].request).toMatchObject({ method: 'GET', intendedMethod: 'GETWITHBODY', bodyNotSent: true });
    expect(g.exchanges[0].request.body).toBe('{"email":"j@x.io"}');
  });

  it('times out a call that does not answer', async () => {
    let seen: Request | undefined;
    const { rt } = runtime(
      (req) => {
        seen = req;
        return new Promise<Response>(() => {});
      },
      conn(),
      20,
    );
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(seen?.signal.aborted).toBe(true);
    expect(r.error?.code).toBe('call.timeout');
    expect(r.failure).toBe('timeout');
    expect(r.error?.message).toContain('Read timed out');
    expect(r.exchanges[0].error).toContain('timed out');
  });

  it('times out the same on an in-process transport, whose requests carry no signal of ours', async () => {
    let seen: Request | undefined;
    const { rt, transport } = runtime(
      (req) => {
        seen = req;
        return new Promise<Response>(() => {});
      },
      conn(),
      20,
    );
    transport.inProcess = true;
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(seen?.signal.aborted).toBe(false);
    expect(r.error?.code).toBe('call.timeout');
    expect(r.exchanges[0].error).toContain('Read timed out');
  });

  it('rejects a URL that is not absolute after rendering (blank host)', async () => {
    const { rt } = runtime(() => json(200, {}));
    const r = await executeCall(call({ url: 'https://.leanix.net/x y' }), rt, { bindings, attribute: 'X' });
    expect(r.error?.code).toBe('call.bad-url');
    expect(r.error?.message).toContain('whitespace');
    const r2 = await executeCall(call({ url: '/relative/only' }), rt, { bindings, attribute: 'X' });
    expect(r2.error?.code).toBe('call.bad-url');
    const r3 = await executeCall(call({ url: 'https://.leanix.net/services/mtm/v1/workspaces//users' }), rt, {
      bindings,
      attribute: 'X',
    });
    expect(r3.error?.message).toContain('blank label');
  });

  it('reads import-style call objects with an http block and a default connection', async () => {
    const { rt, transport } = runtime(() => json(200, { data: [] }));
    const spec = callSpecFrom(
      {
        callOrder: 0,
        http: { url: 'https://api.example/ws', httpMethod: 'GET', httpHeaders: { Authorization: '${access_token}' } },
      },
      ['accountParams', 'call', 'call1'],
      'call1',
      'acctAuth',
    );
    expect(spec.httpPath).toEqual(['accountParams', 'call', 'call1', 'http']);
    const r = await executeCall(spec, rt, {
      bindings: {},
      attribute: 'ImportAccountEntJSON',
      urlOverride: 'https://api.example/ws?page=2',
    });
    expect(r.ok).toBe(true);
    expect(transport.requests[0].url).toBe('https://api.example/ws?page=2');
  });

  it('adds Basic credentials when the call writes no Authorization header', async () => {
    const basic = { authentications: { b: { authType: 'Basic', properties: { userName: 'u', password: 'pw12' } } } };
    const { rt, transport } = runtime(() => json(200, {}), basic);
    await executeCall(call({ connection: 'b', httpHeaders: {} }), rt, { bindings, attribute: 'X' });
    expect(transport.requests[0].headers.get('authorization')).toBe(
      `Basic ${Buffer.from('u:pw12').toString('base64')}`,
    );
  });
});

describe('executeCall: connectionTimeoutConfig on the transport clock', () => {
  const policy = (over: Record<string, unknown> = {}) => ({
    count: 3,
    waitMs: 5000,
    statusCodes: [503],
    backoff: 'fixed' as const,
    ...over,
  });

  it('retries a status of retryFailureStatusCode retryCount times, retryWait apart, then fails', async () => {
    const { rt, transport } = runtime(() => json(503, { error: 'busy' }));
    rt.retry = policy();
    const at: number[] = [];
    const real = transport.fetch;
    transport.fetch = async (req) => {
      at.push(transport.clock.ms);
      return real(req);
    };
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r).toMatchObject({ ok: false, retries: 3, failure: 'successResponses' });
    expect(at.map((t) => t - at[0])).toEqual([0, 5000, 10000, 15000]);
    expect(r.exchanges.map((e) => e.attempt)).toEqual([undefined, 2, 3, 4]);
    expect(r.error?.message).toMatch(/after 3 retries \(connectionTimeoutConfig\)/);
  });

  it("waits Retry-After instead of a shorter retryWait with retryAfter 'honour', retryWait alone by default", async () => {
    const run = async (retryAfter?: 'honour' | 'ignore', header = '30') => {
      let n = 0;
      const { rt, transport } = runtime(() => (++n === 1 ? json(429, {}, { 'Retry-After': header }) : json(200, {})));
      rt.retry = policy({ count: 1, statusCodes: [429], ...(retryAfter ? { retryAfter } : {}) });
      const at: number[] = [];
      const real = transport.fetch;
      transport.fetch = async (req) => {
        at.push(transport.clock.ms);
        return real(req);
      };
      const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
      expect(r).toMatchObject({ ok: true, retries: 1 });
      return at[1] - at[0];
    };
    expect(await run()).toBe(5000);
    expect(await run('ignore')).toBe(5000);
    expect(await run('honour')).toBe(30_000);
    expect(await run('honour', '2')).toBe(5000); // retryWait is the floor: a shorter Retry-After does not shorten it
    expect(await run('honour', 'Wed, 01 Jan 2025 00:01:00 GMT')).toBe(60_000); // an HTTP-date, on the transport clock
  });

  it('does not retry a status outside the list, nor anything when retryCount is 0', async () => {
    const a = runtime(() => json(500, {}));
    a.rt.retry = policy();
    expect((await executeCall(call(), a.rt, { bindings, attribute: 'X' })).retries).toBe(0);
    const b = runtime(() => json(503, {}));
    b.rt.retry = policy({ count: 0 });
    expect((await executeCall(call(), b.rt, { bindings, attribute: 'X' })).retries).toBe(0);
  });

  it('times out a late answer by readTimeout on the transport clock (not the sum of limits), and retries it', async () => {
    let n = 0;
    const { rt, transport } = runtime(() => {
      n++;
      if (n === 1) transport.clock.ms += 55_000; // the target answers after 55 s
      return json(200, {});
    });
    rt.limits = { connectMs: 10_000, readMs: 50_000, writeMs: 50_000 };
    const slow = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(slow).toMatchObject({ ok: false, failure: 'timeout', error: { code: 'call.timeout' } });
    expect(slow.error?.message).toMatch(/Read timed out \(readTimeout 50 s; the answer, HTTP 200, came after 55 s/);
    expect(slow.exchanges[0]).toMatchObject({ timeout: 'read', error: expect.stringContaining('Read timed out') });
    n = 0;
    rt.retry = policy({ count: 1 });
    const retried = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(retried).toMatchObject({ ok: true, retries: 1 });
  });

  it('times out connecting and sending separately on a simulated link', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    rt.limits = { connectMs: 10_000, readMs: 50_000, writeMs: 2_000 };
    rt.network = { connectMs: 15_000 };
    const start = transport.clock.ms;
    const c = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(c.error?.message).toMatch(/connect timed out \(connectionTimeout 10 s; the link takes 15 s\)/);
    expect(transport.clock.ms - start).toBe(10_000);
    expect(transport.requests).toHaveLength(0);
    rt.network = { connectMs: 1_000, writeMs: 3_000 };
    const w = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(w.error?.message).toMatch(/Write timed out \(writeTimeout 2 s/);
    const get = await executeCall(call({ httpMethod: 'GET', httpParams: '' }), rt, { bindings, attribute: 'X' });
    expect(get.ok).toBe(true);
  });

  it('treats an answer matching the auth block timeOutError at errorPath as a timeout', async () => {
    const { rt } = runtime(() => json(504, { error: 'Read timed out' }), conn({ timeOutError: 'Read timed out' }));
    const r = await executeCall(call(), rt, { bindings, attribute: 'X' });
    expect(r).toMatchObject({ failure: 'timeout', error: { code: 'call.timeout' } });
    expect(r.error?.message).toMatch(/matches ConnectionJSON timeOutError "Read timed out"/);
    const other = runtime(() => json(504, { error: 'Gateway' }), conn({ timeOutError: 'Read timed out' }));
    expect((await executeCall(call(), other.rt, { bindings, attribute: 'X' })).failure).toBe('successResponses');
  });
});

describe('executeCall: templated httpMethod and URL whitespace', () => {
  it('evaluates httpMethod as a template and refuses what is not a method', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    const tpl = call({ httpMethod: '${account.accountID}' });
    const bad = await executeCall(tpl, rt, { bindings, attribute: 'X' });
    expect(bad.error).toMatchObject({ code: 'call.bad-method', location: { path: ['call', 0, 'httpMethod'] } });
    expect(transport.requests).toHaveLength(0);
    const ok = await executeCall(tpl, rt, {
      bindings: { ...bindings, account: { accountID: 'PATCH' } },
      attribute: 'X',
    });
    expect(ok.ok).toBe(true);
    expect(transport.requests[0].method).toBe('PATCH');
    expect(ok.exchanges[0].bindings?.httpMethod).toBe('PATCH');
  });

  it('trims a leading or trailing space of a rendered URL by default, rejects it with urlWhitespace reject', async () => {
    const { rt, transport } = runtime(() => json(200, {}));
    const spaced = call({ url: ' https://api.example/users/${account.accountID} ' });
    expect((await executeCall(spaced, rt, { bindings, attribute: 'X' })).ok).toBe(true);
    expect(transport.requests[0].url).toBe('https://api.example/users/A-1');
    rt.urlWhitespace = 'reject';
    const r = await executeCall(spaced, rt, { bindings, attribute: 'X' });
    expect(r.error?.code).toBe('call.bad-url');
    expect(r.error?.message).toMatch(/leading whitespace/);
  });
});
