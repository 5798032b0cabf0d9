import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY, TINY_TOKEN } from './contract/tiny-tenant.ts';
import { createControlApi, isAuthorized } from './control.ts';
import { createFakeLeanIX } from './fake.ts';
import { type FakeServer, startFakeServer } from './http-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON bodies, asserted field by field
type Json = any;

const ORIGIN = 'http://127.0.0.1';
const basic = `Basic ${Buffer.from(`apitoken:${TINY_TOKEN}`).toString('base64')}`;

async function setup() {
  const fake = await createFakeLeanIX({ tenant: TINY });
  const control = createControlApi(fake);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await control(
      new Request(`${ORIGIN}/__harness${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
    return { status: res.status, json: (await res.json()) as Json };
  };
  const mtm = (path: string, init?: RequestInit) => fake.handle(new Request(`${ORIGIN}/services/mtm/v1${path}`, init));
  return { fake, call, mtm };
}

describe('control API', () => {
  it('keeps working at the end of fake time: year 9999, a new API token, a minted access token, state and HAR', async () => {
    const { call, mtm } = await setup();
    expect((await call('POST', '/clock/set', { time: '9999-12-31T23:00:00.000Z' })).status).toBe(200);
    expect((await call('POST', '/clock/advance', { ms: 3_600_000 })).json.error.code).toBe('clock.range');
    const token = await call('POST', '/tokens', { workspaceId: 'ws-1', token: 'lx-end-of-time' });
    expect(token.status).toBe(201);
    const minted = await mtm('/oauth2/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('apitoken:lx-end-of-time').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(minted.status).toBe(200);
    const { access_token } = (await minted.json()) as { access_token: string };
    expect((await mtm('/workspaces/ws-1', { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(200);
    expect((await call('GET', '/state')).json.clock.iso).toBe('9999-12-31T23:00:00.000Z');
    expect((await call('GET', '/journal.har')).status).toBe(200);
    const exported = (await call('GET', '/state/export')).json;
    expect((await call('POST', '/seed', { tenant: exported })).status).toBe(200);
  });

  it('reports state and exports the tenant', async () => {
    const { call } = await setup();
    const state = await call('GET', '/state');
    expect(state.status).toBe(200);
    expect(state.json.counts).toMatchObject({ users: 3, workspaces: 2 });
    expect(state.json.quirks.linkHeaders).toBe(false);
    const exported = await call('GET', '/state/export');
    expect(exported.json.users.map((u: { id: string }) => u.id).sort()).toEqual(['u-ann', 'u-bob', 'u-tech']);
  });

  it('seeds plain tenant data, rejects bad data with the JSON path, and resets to the seed', async () => {
    const { call, fake } = await setup();
    const smaller = { ...TINY, users: TINY.users.slice(0, 2), permissions: TINY.permissions.slice(0, 2) };
    expect((await call('POST', '/seed', { tenant: smaller })).json.counts.users).toBe(2);
    const broken = structuredClone(TINY) as Json;
    broken.users[1].status = 'SLEEPING';
    const bad = await call('POST', '/seed', { tenant: broken });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe('$.tenant.users[1].status');
    expect(fake.counts().users).toBe(2); // a rejected seed changes nothing
    const malformed = await call('POST', '/seed', '{"tenant": [');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('control.json');
    fake.store.clear();
    expect((await call('POST', '/reset')).json.counts.users).toBe(2);
  });

  it('seeds a generated tenant from a spec, and names a bad spec field', async () => {
    const { call, fake } = await setup();
    const seeded = await call('POST', '/seed', { spec: { seed: 3, users: 12, workspacesPerAccount: 1 } });
    expect(seeded.status).toBe(200);
    expect(fake.counts().workspaces).toBe(1);
    expect(fake.store.user('u-ann')).toBeUndefined(); // TINY is gone
    const bad = await call('POST', '/seed', { spec: { users: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toMatch(/^\$\.spec/);
  });

  it('takes, restores and deletes named snapshots', async () => {
    const { call, fake } = await setup();
    expect((await call('POST', '/snapshots', { name: 'before' })).status).toBe(201);
    fake.store.clear();
    expect(fake.counts().users).toBe(0);
    expect((await call('GET', '/snapshots')).json.snapshots).toEqual(['before']);
    expect((await call('POST', '/snapshots/before/restore')).json.counts.users).toBe(3);
    expect((await call('DELETE', '/snapshots/before')).status).toBe(200);
    expect((await call('POST', '/snapshots/before/restore')).status).toBe(404);
    expect((await call('POST', '/snapshots', { name: '../etc' })).json.error.path).toBe('$.name');
  });

  it('adds, lists and clears faults; a bad rule in a list adds none', async () => {
    const { call, mtm } = await setup();
    const added = await call('POST', '/faults', { id: 'x', path: '/workspaces', status: 502, times: 'always' });
    expect(added.status).toBe(201);
    expect((await mtm('/workspaces')).status).toBe(502);
    expect((await call('GET', '/faults')).json.faults[0]).toMatchObject({ id: 'x', fired: 1 });
    const bad = await call('POST', '/faults', [{ status: 500 }, { status: 'oops' }]);
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe('$[1].status');
    expect((await call('GET', '/faults')).json.faults).toHaveLength(1);
    expect((await call('DELETE', '/faults/x')).status).toBe(200);
    expect((await call('DELETE', '/faults/x')).status).toBe(404);
    expect((await mtm('/workspaces')).status).toBe(401);
  });

  it('shows fault rules without secrets, while the fault still answers with what was posted', async () => {
    const { call, mtm } = await setup();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const rule = {
      id: 'leaky',
      path: '/workspaces',
      status: 200,
      times: 'always',
      headers: { Authorization: 'Bearer header-credential-1234', 'x-trace': 'visible' },
      body: { access_token: 'posted-secret-5678', note: `token ${TINY_TOKEN} and ${jwt}`, kept: 'visible' },
    };
    const posted = await call('POST', '/faults', rule);
    const listed = await call('GET', '/faults');
    for (const shown of [posted.json.faults[0], listed.json.faults[0]]) {
      const text = JSON.stringify(shown);
      for (const secret of ['header-credential-1234', 'posted-secret-5678', TINY_TOKEN, jwt])
        expect(text).not.toContain(secret);
      expect(shown.headers['x-trace']).toBe('visible');
      expect(shown.body.kept).toBe('visible');
    }
    const res = await mtm('/workspaces');
    expect(res.headers.get('authorization')).toBe('Bearer header-credential-1234');
    expect(((await res.json()) as Json).access_token).toBe('posted-secret-5678');
  });

  it('queries the journal and exports HAR without secrets', async () => {
    const { call, mtm } = await setup();
    const tok = await mtm('/oauth2/token', {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const jwt = ((await tok.json()) as { access_token: string }).access_token;
    await mtm('/workspaces/ws-1/users', { headers: { authorization: `Bearer ${jwt}` } });
    await mtm('/nope');
    const q = await call('GET', '/journal?status=4xx');
    expect(q.json.entries.map((e: { path: string }) => e.path)).toEqual(['/services/mtm/v1/nope']);
    expect((await call('GET', '/journal?method=GET&path=/workspaces/:id/users')).json.entries).toHaveLength(1);
    expect((await call('GET', '/journal?limit=x')).json.error.path).toBe('$.limit');
    const har = await call('GET', '/journal.har');
    expect(har.json.log.version).toBe('1.2');
    expect(har.json.log.entries).toHaveLength(3);
    const text = JSON.stringify(har.json);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain(TINY_TOKEN);
    expect((await call('DELETE', '/journal')).json.size).toBe(0);
  });

  it('reads, advances and sets the clock, never backwards; the clock drives token expiry', async () => {
    const { call, mtm, fake } = await setup();
    const t0 = (await call('GET', '/clock')).json.now as number;
    const tok = await mtm('/oauth2/token?grant_type=client_credentials', {
      method: 'POST',
      headers: { authorization: basic },
    });
    const jwt = ((await tok.json()) as { access_token: string }).access_token;
    expect((await call('POST', '/clock/advance', { seconds: 3600 })).json.now).toBe(t0 + 3_600_000);
    expect((await mtm('/workspaces/ws-1', { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(401);
    const set = await call('POST', '/clock/set', { time: new Date(t0 + 7_200_000).toISOString() });
    expect(set.json.now).toBe(t0 + 7_200_000);
    expect((await call('POST', '/clock/set', { time: t0 })).status).toBe(400);
    expect((await call('POST', '/clock/advance', { ms: -1 })).json.error.path).toBe('$.ms');
    expect(fake.clock.now()).toBe(t0 + 7_200_000);
  });

  it('gets and sets quirks and the rate limit, refusing unknown names and bad values', async () => {
    const { call, fake } = await setup();
    expect((await call('PATCH', '/quirks', { linkHeaders: true, pageSizes: { users: 5 } })).json).toMatchObject({
      linkHeaders: true,
      pageSizes: { users: 5, permissions: 50 },
    });
    expect(fake.quirks.pageSizes.users).toBe(5);
    expect((await call('PATCH', '/quirks', { linkHeader: true })).json.error.path).toBe('$.linkHeader');
    expect((await call('PATCH', '/quirks', { deleteUsers: 'sometimes' })).json.error.path).toBe('$.deleteUsers');
    expect((await call('PUT', '/quirks', {})).json.linkHeaders).toBe(false); // PUT replaces: back to defaults
    expect((await call('PUT', '/ratelimit', { enabled: true, requestsPerMinute: 2 })).json).toMatchObject({
      enabled: true,
      requestsPerMinute: 2,
    });
    expect((await call('PUT', '/ratelimit', { requestsPerMinute: 0 })).status).toBe(400);
    expect((await call('PUT', '/ratelimit', { requestsPerSecond: null, serviceTimeMs: 40 })).json).toEqual({
      enabled: true,
      requestsPerSecond: null,
      requestsPerMinute: 2,
      retryAfterSeconds: 1,
      serviceTimeMs: 40,
    });
    const unknown = (await call('PUT', '/ratelimit', { serviceTime: 40 })).json.error;
    expect(unknown).toMatchObject({ code: 'control.ratelimit', path: '$.serviceTime' });
    expect(unknown.message).toBe('unknown rate-limit setting "serviceTime"');
    expect((await call('PUT', '/ratelimit', { retryAfterSeconds: 'later' })).json.error.path).toBe(
      '$.retryAfterSeconds',
    );
  });

  it('answers unknown routes with 404 listing the routes and wrong methods with 405', async () => {
    const { call } = await setup();
    const miss = await call('GET', '/statez');
    expect(miss.status).toBe(404);
    expect(miss.json.error.hint).toContain('/__harness/state');
    expect((await call('DELETE', '/state')).status).toBe(405);
  });

  it('answers under another prefix, listing its routes and extra ones in the index', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    const prefix = '/__harness/worlds/run-1';
    const control = createControlApi(fake, { prefix, routes: ['GET /__harness/worlds'] });
    const get = async (path: string) => {
      const res = await control(new Request(`${ORIGIN}${path}`));
      return { status: res.status, json: (await res.json()) as Json };
    };
    expect((await get(`${prefix}/state`)).json.counts).toMatchObject({ users: 3, workspaces: 2 });
    const index = await get(prefix);
    expect(index.json.routes).toContain(`GET ${prefix}/state`);
    expect(index.json.routes).not.toContain('GET /__harness/state');
    expect(index.json.routes.at(-1)).toBe('GET /__harness/worlds');
    const miss = await get(`${prefix}/statez`);
    expect(miss.status).toBe(404);
    expect(miss.json.error.hint).toContain(`${prefix}/journal`);
  });

  it('checks the admin token like the control API does', async () => {
    const req = (authorization?: string) =>
      new Request(`${ORIGIN}/__harness/state`, { headers: authorization ? { authorization } : {} });
    expect(isAuthorized(req(), undefined)).toBe(true);
    expect(isAuthorized(req(), 'tok-12345')).toBe(false);
    expect(isAuthorized(req('Bearer tok-1234'), 'tok-12345')).toBe(false);
    expect(isAuthorized(req('bearer tok-12345'), 'tok-12345')).toBe(true);
  });
});

describe('control API over HTTP with an admin token', () => {
  let server: FakeServer;
  beforeAll(async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    server = await startFakeServer(fake, { port: 0, adminToken: 's3cret-admin' });
  });
  afterAll(() => server.close());

  it('demands the Bearer admin token on every control call, not on the MTM API', async () => {
    expect((await fetch(`${server.url}/__harness/state`)).status).toBe(401);
    expect((await fetch(`${server.url}/__harness/state`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const ok = await fetch(`${server.url}/__harness/state`, { headers: { authorization: 'Bearer s3cret-admin' } });
    expect(ok.status).toBe(200);
    const mtm = await fetch(`${server.url}/services/mtm/v1/oauth2/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: { authorization: basic },
    });
    expect(mtm.status).toBe(200);
  });
});
