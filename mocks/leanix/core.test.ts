import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { MAX_BODY_BYTES } from './core.ts';
import { BASE, basic, testClient } from './testing.ts';
import type { AccessClaims } from './tokens.ts';

const tokenReq = (init: { url?: string; auth?: string; body?: string; ct?: string }) =>
  new Request(init.url ?? `${BASE}/oauth2/token`, {
    method: 'POST',
    headers: {
      ...(init.auth === undefined ? {} : { authorization: init.auth }),
      ...(init.ct ? { 'content-type': init.ct } : {}),
    },
    body: init.body,
  });

const FORM = 'application/x-www-form-urlencoded';

describe('POST /oauth2/token', () => {
  it('answers exactly the documented token JSON with an RS256 JWT carrying the section 2 claims', async () => {
    const { core, wsId, accountId } = await testClient();
    const res = await core.handle(
      tokenReq({ auth: basic(DEMO_API_TOKEN), body: 'grant_type=client_credentials', ct: FORM }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(Object.keys(body)).toEqual(['scope', 'expired', 'access_token', 'token_type', 'expires_in']);
    expect(text).toBe(
      `{"scope":"","expired":false,"access_token":"${body.access_token}","token_type":"bearer","expires_in":3599}`,
    );
    expect(decodeProtectedHeader(body.access_token)).toEqual({ alg: 'RS256' });
    const c = decodeJwt(body.access_token) as unknown as AccessClaims;
    expect(c.exp).toBe(Math.floor(core.clock.now() / 1000) + 3599);
    expect(c.instanceUrl).toBe('https://acme-eu.leanix.net');
    expect(typeof c.iss).toBe('string');
    expect(typeof c.jti).toBe('string');
    expect(c.principal).toMatchObject({
      id: c.sub,
      role: 'ACCOUNTUSER',
      status: 'ACTIVE',
      account: { id: accountId, name: 'Acme Corporation' },
      permission: { workspaceId: wsId, workspaceName: 'acme', role: 'ADMIN', status: 'ACTIVE' },
    });
    expect(core.store.user(c.sub)?.technicalUser).toBe(true);
  });

  it('accepts grant_type in the query with an empty body, and a trailing slash', async () => {
    const { core } = await testClient();
    const q = await core.handle(
      tokenReq({ url: `${BASE}/oauth2/token?grant_type=client_credentials`, auth: basic(DEMO_API_TOKEN) }),
    );
    expect(q.status).toBe(200);
    const slash = await core.handle(
      tokenReq({
        url: `${BASE}/oauth2/token/`,
        auth: basic(DEMO_API_TOKEN),
        body: 'grant_type=client_credentials',
        ct: FORM,
      }),
    );
    expect(slash.status).toBe(200);
  });

  it('uses the configured lifetime and records the login time from the fake clock', async () => {
    const { core } = await testClient(undefined, { tokenLifetimeSeconds: 60 });
    core.clock.advance(5000);
    const res = await core.handle(
      tokenReq({ auth: basic(DEMO_API_TOKEN), body: 'grant_type=client_credentials', ct: FORM }),
    );
    const body = await res.json();
    expect(body.expires_in).toBe(60);
    const sub = decodeJwt(body.access_token).sub!;
    expect(core.store.user(sub)?.lastLogin).toBe(new Date(core.clock.now()).toISOString());
  });

  it('refuses a bad, missing, non-apitoken, revoked or expired API token with 401', async () => {
    const { core } = await testClient();
    const form = { body: 'grant_type=client_credentials', ct: FORM };
    expect((await core.handle(tokenReq({ ...form, auth: basic('wrong') }))).status).toBe(401);
    expect((await core.handle(tokenReq({ ...form }))).status).toBe(401);
    const notApitoken = `Basic ${Buffer.from(`user:${DEMO_API_TOKEN}`).toString('base64')}`;
    expect((await core.handle(tokenReq({ ...form, auth: notApitoken }))).status).toBe(401);
    const extra = core.addApiToken({ workspaceId: core.store.apiToken(DEMO_API_TOKEN)!.workspaceId });
    expect((await core.handle(tokenReq({ ...form, auth: basic(extra.token) }))).status).toBe(200);
    core.revokeApiToken(extra.token);
    const revoked = await core.handle(tokenReq({ ...form, auth: basic(extra.token) }));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).message).toMatch(/revoked/);
    // the demo token expires a year after the epoch: move the fake clock past it
    core.clock.set(Date.parse(core.store.apiToken(DEMO_API_TOKEN)!.expiresAt));
    const expired = await core.handle(tokenReq({ ...form, auth: basic(DEMO_API_TOKEN) }));
    expect(expired.status).toBe(401);
    expect((await expired.json()).message).toMatch(/expired/);
  });

  it('refuses a missing or unsupported grant_type with 400 naming grant_type', async () => {
    const { core } = await testClient();
    const none = await core.handle(tokenReq({ auth: basic(DEMO_API_TOKEN) }));
    expect(none.status).toBe(400);
    expect((await none.json()).errors[0].value).toBe('grant_type');
    const pw = await core.handle(tokenReq({ auth: basic(DEMO_API_TOKEN), body: 'grant_type=password', ct: FORM }));
    expect(pw.status).toBe(400);
  });

  it('refuses a token for an ARCHIVED technical user', async () => {
    const { core } = await testClient();
    const t = core.store.apiToken(DEMO_API_TOKEN)!;
    core.store.putUser({ ...core.store.user(t.userId)!, status: 'ARCHIVED' });
    await expect(core.mintAccessToken(DEMO_API_TOKEN)).rejects.toSatisfy(isHarnessError);
  });
});

describe('bearer authentication', () => {
  it('401 for a missing, malformed, tampered or foreign token', async () => {
    const { core, call, token, wsId } = await testClient();
    const path = `${BASE}/workspaces/${wsId}`;
    expect((await core.handle(new Request(path))).status).toBe(401);
    expect((await core.handle(new Request(path, { headers: { authorization: token } }))).status).toBe(401);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s.slice(0, -4)}AAAA`;
    const r = await core.handle(new Request(path, { headers: { authorization: `Bearer ${tampered}` } }));
    expect(r.status).toBe(401);
    expect((await call('GET', `/workspaces/${wsId}`)).status).toBe(200);
    // a valid token of another fake instance (same process key, other tenant) is not one this instance issued
    const other = await testClient({ seed: 9, users: 3 });
    const foreign = await core.handle(new Request(path, { headers: { authorization: `Bearer ${other.token}` } }));
    expect(foreign.status).toBe(401);
  });

  it('401 once the fake clock passes exp, not before', async () => {
    const { core, call, wsId } = await testClient();
    core.clock.advance(3598 * 1000);
    expect((await call('GET', `/workspaces/${wsId}`)).status).toBe(200);
    core.clock.advance(1000);
    const r = await call('GET', `/workspaces/${wsId}`);
    expect(r.status).toBe(401);
    const body = await r.json();
    expect(body.message).toMatch(/expired/);
    // the OAuth error an EIC ConnectionJSON's errorPath "error" / authError ["invalid_token"] reads
    expect(body).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', error: 'invalid_token' });
  });

  it('answers 403 instead for expired or revoked tokens with the expiredTokenStatus quirk (bad tokens stay 401)', async () => {
    const { core, call, wsId } = await testClient(undefined, { quirks: { expiredTokenStatus: 403 } });
    expect((await call('GET', `/workspaces/${wsId}`, undefined, { authorization: 'Bearer nonsense' })).status).toBe(
      401,
    );
    core.clock.advance(3600 * 1000);
    expect((await call('GET', `/workspaces/${wsId}`)).status).toBe(403);
  });

  it('401 after the API token it came from is revoked', async () => {
    const { core, call, wsId } = await testClient();
    core.revokeApiToken(DEMO_API_TOKEN);
    expect((await call('GET', `/workspaces/${wsId}`)).status).toBe(401);
  });

  it('403 for a valid token outside its workspace or account', async () => {
    const c = await testClient({ seed: 2, accounts: 2, workspacesPerAccount: 2, users: 10 });
    const otherWs = c.core.store.workspaces().find((w) => w.id !== c.wsId)!;
    expect((await c.call('GET', `/workspaces/${otherWs.id}/users`)).status).toBe(403);
    expect((await c.call('GET', `/workspaces/${otherWs.id}/permissions`)).status).toBe(403);
    const otherAccount = c.core.store.exportJson().accounts.find((a) => a.id !== c.accountId)!;
    expect((await c.call('GET', `/accounts/${otherAccount.id}/users`)).status).toBe(403);
    const stranger = c.core.store.userIdsOfAccount(otherAccount.id)[0];
    expect((await c.call('GET', `/users/${stranger}`)).status).toBe(403);
  });

  it('403 for a non-ADMIN token on admin routes, while its own user and workspace stay readable', async () => {
    const c = await testClient();
    const wsId = c.wsId;
    const t = c.core.store.apiToken(DEMO_API_TOKEN)!;
    const perm = c.core.store.permissionFor(t.userId, wsId)!;
    c.core.store.putPermission({ ...perm, role: 'VIEWER' });
    const viewerToken = await c.core.mintAccessToken(DEMO_API_TOKEN);
    const as = (path: string) =>
      c.core.handle(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${viewerToken}` } }));
    expect((await as(`/workspaces/${wsId}/users`)).status).toBe(403);
    expect((await as(`/users`)).status).toBe(403);
    expect((await as(`/workspaces/${wsId}`)).status).toBe(200);
    expect((await as(`/users/${t.userId}`)).status).toBe(200);
    expect((await as(`/workspaces`)).status).toBe(200);
  });
});

describe('routing and errors', () => {
  it('routes on the path only: any host works', async () => {
    const { core, token, wsId } = await testClient();
    for (const host of ['https://app.leanix.net', 'http://127.0.0.1:4010', 'https://eu-8.leanix.net']) {
      const r = await core.handle(
        new Request(`${host}/services/mtm/v1/workspaces/${wsId}`, { headers: { authorization: `Bearer ${token}` } }),
      );
      expect(r.status).toBe(200);
    }
  });

  it('404 with the error envelope naming the nearest route, also outside /services/mtm/v1', async () => {
    const { json, core } = await testClient();
    const r = await json('GET', '/workspace/abc/user');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', total: 0 });
    expect(r.body.message).toContain('GET /services/mtm/v1/workspaces/{id}/users');
    const outside = await core.handle(new Request('https://acme.leanix.net/services/pathfinder/v1/users'));
    expect(outside.status).toBe(404);
    expect((await outside.json()).message).toContain('/services/mtm/v1/users');
  });

  it('405 with Allow for a wrong method; DELETE /users is 405 by default and allowed by the quirk', async () => {
    const c = await testClient();
    const r = await c.call('PATCH', '/permissions');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST, GET');
    const victim = c.core.store.exportJson().users.find((u) => !u.technicalUser)!;
    expect((await c.call('DELETE', `/users/${victim.id}`)).status).toBe(405);
    expect(c.core.store.user(victim.id)).toBeDefined();
    c.core.quirks.deleteUsers = 'allow';
    const del = await c.json('DELETE', `/users/${victim.id}`);
    expect(del.status).toBe(200);
    expect(del.body.data.id).toBe(victim.id);
    expect(c.core.store.user(victim.id)).toBeUndefined();
  });

  it('413 for a body over 1 MiB, with or without Content-Length', async () => {
    const c = await testClient();
    const big = JSON.stringify({ role: 'VIEWER', pad: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await c.call('POST', '/permissions', big)).status).toBe(413);
    const stream = new ReadableStream({
      start(ctrl) {
        for (let i = 0; i < 3; i++) ctrl.enqueue(new Uint8Array(MAX_BODY_BYTES / 2));
        ctrl.close();
      },
    });
    const r = await c.core.handle(
      new Request(`${BASE}/permissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}` },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(r.status).toBe(413);
  });

  it('never throws: an internal failure becomes a 500 envelope', async () => {
    const c = await testClient();
    c.core.store.permissionIdsOfUser = () => {
      throw new Error('boom');
    };
    const r = await c.json('GET', '/workspaces');
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ status: 'ERROR', type: 'ErrorResponse' });
    expect(r.body.message).toContain('boom');
  });
});

describe('rate limiting', () => {
  it('is off by default', async () => {
    const c = await testClient();
    for (let i = 0; i < 50; i++) expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
  });

  it('429 with Retry-After and USER_INTERVAL_REQUEST_LIMIT_EXCEEDED past the per-minute limit, reset by the clock', async () => {
    const c = await testClient(undefined, { rateLimit: { enabled: true, requestsPerMinute: 5, retryAfterSeconds: 7 } });
    c.core.clock.advance(60_000 - (c.core.clock.now() % 60_000)); // start of a fresh window
    for (let i = 0; i < 5; i++) expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
    const r = await c.call('GET', `/workspaces/${c.wsId}`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await r.json()).message).toBe('USER_INTERVAL_REQUEST_LIMIT_EXCEEDED');
    c.core.clock.advance(60_000);
    expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
  });

  it('429 past the per-second limit names the window; Retry-After "window" is the rest of it', async () => {
    const c = await testClient(undefined, {
      rateLimit: { enabled: true, requestsPerSecond: 2, retryAfterSeconds: 'window' },
    });
    c.core.clock.advance(60_000 - (c.core.clock.now() % 60_000));
    for (let i = 0; i < 2; i++) expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
    const r = await c.call('GET', `/workspaces/${c.wsId}`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect((await r.json()).errors[0].messages[0]).toBe('more than 2 requests per second for this user');
    c.core.clock.advance(1_000);
    expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
  });

  it('service time: each request advances the fake clock, so a fast client trips the per-second window and a slow one does not', async () => {
    const fast = await testClient(undefined, {
      rateLimit: { enabled: true, requestsPerSecond: 10, serviceTimeMs: 50 },
    });
    fast.core.clock.advance(60_000 - (fast.core.clock.now() % 60_000));
    const t0 = fast.core.clock.now();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await fast.call('GET', `/workspaces/${fast.wsId}`)).status);
    expect(fast.core.clock.now() - t0).toBe(25 * 50); // refused requests take their service time too
    expect(statuses.filter((s) => s === 429).length).toBe(10); // 20 arrive in the first second, 10 pass
    const slow = await testClient(undefined, {
      rateLimit: { enabled: true, requestsPerSecond: 10, serviceTimeMs: 100 },
    });
    for (let i = 0; i < 25; i++) expect((await slow.call('GET', `/workspaces/${slow.wsId}`)).status).toBe(200);
  });

  it('service time applies with rate limiting off and is 0 by default', async () => {
    const c = await testClient(undefined, { rateLimit: { serviceTimeMs: 7 } });
    const t0 = c.core.clock.now();
    await c.call('GET', `/workspaces/${c.wsId}`);
    expect(c.core.clock.now() - t0).toBe(7);
    const d = await testClient();
    const t1 = d.core.clock.now();
    await d.call('GET', `/workspaces/${d.wsId}`);
    expect(d.core.clock.now()).toBe(t1);
  });

  it('can be switched on at run time', async () => {
    const c = await testClient();
    c.core.rateLimit.enabled = true;
    c.core.rateLimit.requestsPerMinute = 1;
    c.core.clock.advance(60_000 - (c.core.clock.now() % 60_000));
    expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(200);
    expect((await c.call('GET', `/workspaces/${c.wsId}`)).status).toBe(429);
  });
});
