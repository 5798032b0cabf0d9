import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY, TINY_TOKEN } from './contract/tiny-tenant.ts';
import { createFakeLeanIX, type FakeLeanIX } from './fake.ts';
import { createMswHandlers } from './msw.ts';

const BASE = 'https://acme-eu.leanix.net/services/mtm/v1';
const basic = (t: string) => `Basic ${Buffer.from(`apitoken:${t}`).toString('base64')}`;

async function token(fake: FakeLeanIX): Promise<string> {
  const res = await fake.fetch(`${BASE}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: basic(TINY_TOKEN), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('createFakeLeanIX', () => {
  it('wraps the router once: faults answer before it, the journal records what the client saw', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    const jwt = await token(fake);
    fake.faults.add({ id: 'boom', path: '/workspaces/:id/users', status: 503 });
    const auth = { authorization: `Bearer ${jwt}` };
    const first = await fake.fetch(`${BASE}/workspaces/ws-1/users`, { headers: auth });
    expect(first.status).toBe(503);
    const second = await fake.fetch(`${BASE}/workspaces/ws-1/users`, { headers: auth });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { total: number }).total).toBe(2);
    const entries = fake.journal.entries();
    expect(entries.map((e) => [e.response.status, e.fault])).toEqual([
      [200, undefined],
      [503, 'boom'],
      [200, undefined],
    ]);
    expect(fake.faults.list()[0]).toMatchObject({ fired: 1, matched: 2 });
  });

  it('fetch rejects like real fetch on a dropped connection, and resolves relative URLs', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY, baseUrl: 'https://acme-eu.leanix.net' });
    fake.faults.add({ path: '/oauth2/token', drop: true });
    await expect(fake.fetch('/services/mtm/v1/oauth2/token', { method: 'POST' })).rejects.toThrow(
      new TypeError('fetch failed'),
    );
    expect(fake.journal.entries()[0]).toMatchObject({ error: 'connection dropped', url: `${BASE}/oauth2/token` });
    expect((await fake.fetch('/services/mtm/v1/nope')).status).toBe(404);
  });

  it('reset brings back the seed and clears faults, journal and quirk changes; snapshot/restore round-trips', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    const jwt = await token(fake);
    const snap = fake.snapshot();
    const post = (role: string) =>
      fake.fetch(`${BASE}/permissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: 'u-ann' }, workspace: { id: 'ws-1' }, role }),
      });
    expect((await post('ADMIN')).status).toBe(200);
    expect(fake.store.permission('p-2')?.role).toBe('ADMIN');
    fake.restore(snap);
    expect(fake.store.permission('p-2')?.role).toBe('MEMBER');
    fake.setQuirks({ linkHeaders: true });
    fake.faults.add({ status: 500, times: 'always' });
    fake.core.rateLimit.enabled = true;
    expect(fake.quirks.linkHeaders).toBe(true);
    fake.reset();
    expect(fake.core.rateLimit.enabled).toBe(false);
    expect(fake.quirks.linkHeaders).toBe(false);
    expect(fake.faults.list()).toEqual([]);
    expect(fake.journal.size).toBe(0);
    expect(fake.counts().users).toBe(3);
    expect(fake.store.user('u-tech')?.lastLogin).toBeNull(); // the token call's lastLogin write is undone
  });

  it('reports a bad initial fault rule with its index', async () => {
    await expect(createFakeLeanIX({ tenant: TINY, faults: [{ status: 500 }, { status: 42 }] })).rejects.toMatchObject({
      code: 'fault.invalid',
      location: { path: ['faults', 1, 'status'] },
    });
  });

  it('keeps no secret in the journal or HAR after a real token flow', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    const jwt = await token(fake);
    await fake.fetch(`${BASE}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        userName: 'x@acme.example',
        email: 'x@acme.example',
        password: 'pa55word!',
        account: { id: 'acc-1' },
      }),
    });
    await fake.fetch(`${BASE}/workspaces/ws-1/users?access_token=${jwt}`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    const { toHar } = await import('./har.ts');
    const dump = JSON.stringify(fake.journal.entries()) + JSON.stringify(toHar(fake.journal.entries()));
    expect(dump).toContain('oauth2/token');
    for (const secret of [jwt, TINY_TOKEN, 'pa55word!', Buffer.from(`apitoken:${TINY_TOKEN}`).toString('base64')])
      expect(dump).not.toContain(secret);
  });
});

describe('msw adapter', () => {
  let fake: FakeLeanIX;
  const server = setupServer();
  beforeAll(async () => {
    fake = await createFakeLeanIX({ tenant: TINY });
    server.use(...createMswHandlers(fake.handle));
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => server.close());

  it('serves any host through global fetch, token variants included', async () => {
    for (const url of [
      'https://acme-eu.leanix.net/services/mtm/v1/oauth2/token?grant_type=client_credentials',
      'https://app.leanix.net/services/mtm/v1/oauth2/token/?grant_type=client_credentials',
    ]) {
      const res = await fetch(url, { method: 'POST', headers: { authorization: basic(TINY_TOKEN) } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { token_type: string }).token_type).toBe('bearer');
    }
    expect(fake.journal.query({ path: '/oauth2/token' })).toHaveLength(2);
  });

  it('makes global fetch reject on a dropped connection, and leaves other URLs unhandled', async () => {
    fake.faults.add({ path: '/workspaces', drop: true });
    await expect(fetch('https://app.leanix.net/services/mtm/v1/workspaces')).rejects.toThrow(TypeError);
    await expect(fetch('https://example.com/other')).rejects.toThrow();
  });
});
