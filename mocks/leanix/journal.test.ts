import { describe, expect, it } from 'vitest';
import { REDACTED, SecretSet } from '../../lib/redact.ts';
import { createClock } from './clock.ts';
import { createFaults } from './faults.ts';
import { createJournal } from './journal.ts';

const BASE = 'https://acme-eu.leanix.net/services/mtm/v1';
// A JWT-shaped string and an API token: neither may survive into the journal.
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXNlY3JldA';
const API_TOKEN = 'demo-api-token-Zq8rTt3vXk';

/** A stand-in router: the token endpoint echoes the API token and returns a JWT; others answer by path. */
async function router(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname.endsWith('/oauth2/token')) {
    return Response.json({
      scope: '',
      expired: false,
      access_token: JWT,
      token_type: 'bearer',
      expires_in: 3599,
      note: `issued for ${API_TOKEN}`,
    });
  }
  if (url.pathname.endsWith('/missing')) return Response.json({ status: 'ERROR' }, { status: 404 });
  if (req.method === 'POST') {
    const body = await req.text();
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }
  return Response.json({ status: 'OK', path: url.pathname });
}

const basic = `Basic ${Buffer.from(`apitoken:${API_TOKEN}`).toString('base64')}`;

describe('journal', () => {
  it('records every exchange with method, path, status, fake time and bodies, and hands the body on intact', async () => {
    const clock = createClock(1_000);
    const journal = createJournal({ clock });
    const h = journal.wrap(router);
    const res = await h(new Request(`${BASE}/users?page=2`));
    expect(await res.json()).toEqual({ status: 'OK', path: '/services/mtm/v1/users' });
    clock.advance(500);
    await h(new Request(`${BASE}/permissions`, { method: 'POST', body: '{"role":"ADMIN"}' }));
    const [a, b] = journal.entries();
    expect(a).toMatchObject({ id: 1, at: 1_000, method: 'GET', path: '/services/mtm/v1/users' });
    expect(a.response.status).toBe(200);
    expect(a.response.body).toContain('/services/mtm/v1/users');
    expect(b).toMatchObject({ id: 2, at: 1_500, method: 'POST' });
    expect(b.request.body).toBe('{"role":"ADMIN"}');
    expect(b.request.bodySize).toBe(16);
  });

  it('is a bounded ring buffer: keeps the newest, ids keep counting', async () => {
    const journal = createJournal({ clock: createClock(), size: 3 });
    const h = journal.wrap(router);
    expect(journal.newestId).toBe(0);
    for (let i = 1; i <= 5; i++) await h(new Request(`${BASE}/users/${i}`));
    expect(journal.size).toBe(3);
    expect(journal.recorded).toBe(5);
    expect(journal.entries().map((e) => e.id)).toEqual([3, 4, 5]);
    expect(journal.entries().map((e) => e.path.split('/').pop())).toEqual(['3', '4', '5']);
    expect(journal.newestId).toBe(5);
    journal.clear();
    expect(journal.entries()).toEqual([]);
    expect(journal.newestId).toBe(0);
  });

  it('answers queries by method, path pattern, status, status class, time range, sinceId and limit', async () => {
    const clock = createClock(0);
    const journal = createJournal({ clock });
    const h = journal.wrap(router);
    await h(new Request(`${BASE}/workspaces/w1/users`));
    clock.advance(1000);
    await h(new Request(`${BASE}/missing`));
    clock.advance(1000);
    await h(new Request(`${BASE}/permissions`, { method: 'POST', body: '{}' }));
    expect(journal.query({ method: 'post' }).map((e) => e.id)).toEqual([3]);
    expect(journal.query({ path: '/workspaces/:id/users' }).map((e) => e.id)).toEqual([1]);
    expect(journal.query({ status: 404 }).map((e) => e.id)).toEqual([2]);
    expect(journal.query({ status: '2xx' }).map((e) => e.id)).toEqual([1, 3]);
    expect(journal.query({ from: 500, to: new Date(2000).toISOString() }).map((e) => e.id)).toEqual([2, 3]);
    expect(journal.query({ sinceId: 1 }).map((e) => e.id)).toEqual([2, 3]);
    expect(journal.query({ limit: 2 }).map((e) => e.id)).toEqual([2, 3]);
    expect(() => journal.query({ status: 'teapot' })).toThrow(/status/);
  });

  it('never keeps a secret: Authorization, API token echoes, JWTs, password fields, secret query params', async () => {
    const journal = createJournal({ clock: createClock() });
    const h = journal.wrap(router);
    await h(
      new Request(`${BASE}/oauth2/token?grant_type=client_credentials&client_secret=${API_TOKEN}`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&password=hunter2&note=${API_TOKEN}`,
      }),
    );
    await h(
      new Request(`${BASE}/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${JWT}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userName: 'x', password: 'hunter2', nested: { apiKey: 'k-123456' }, echo: JWT }),
      }),
    );
    const dump = JSON.stringify(journal.entries());
    for (const secret of [API_TOKEN, JWT, 'hunter2', 'k-123456', basic.split(' ')[1]])
      expect(dump).not.toContain(secret);
    const [tok, user] = journal.entries();
    expect(tok.request.headers.authorization).toBe('Basic [REDACTED]');
    expect(user.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(tok.response.body).toContain('"token_type":"bearer"');
    expect(tok.url).toContain('grant_type=client_credentials');
  });

  it("blanks the world's secret values anywhere, also in entries read before a secret was added", async () => {
    const clock = createClock(1_000);
    const secrets = new SecretSet();
    secrets.add(API_TOKEN);
    const journal = createJournal({ clock, secrets: () => secrets });
    const h = journal.wrap(router);
    const bearer = { authorization: 'Bearer other-token-1' };
    await h(new Request(`${BASE}/workspaces?note=${API_TOKEN}`, { headers: { ...bearer, 'x-trace': API_TOKEN } }));
    const password = 'Later-Pa55word';
    await h(
      new Request(`${BASE}/users`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json', 'x-custom': password },
        body: JSON.stringify({ firstName: `pw ${password}`, lastName: `tok ${API_TOKEN}` }),
      }),
    );
    const first = JSON.stringify(journal.entries());
    expect(first).not.toContain(API_TOKEN);
    expect(first).toContain(password); // not a secret yet
    secrets.add(password);
    const entries = journal.entries();
    const text = JSON.stringify(entries);
    expect(text).not.toContain(password);
    expect(entries[0].url).toBe(`${BASE}/workspaces?note=${REDACTED}`);
    expect(entries[1].request.headers['x-custom']).toBe(REDACTED);
    expect(JSON.parse(entries[1].response.body!)).toEqual({ firstName: `pw ${REDACTED}`, lastName: `tok ${REDACTED}` });
  });

  it('keeps response headers (Retry-After, Link), blanking credential-named ones and secret values', async () => {
    const secrets = new SecretSet();
    secrets.add('sess-secret-value');
    const journal = createJournal({ clock: createClock(), secrets: () => secrets });
    const h = journal.wrap(
      async () =>
        new Response('{}', {
          status: 429,
          headers: {
            'Retry-After': '2',
            Link: '<https://x/users?page=2>; rel="next"',
            'X-Auth-Token': 'tok-abcdef',
            'X-Trace': 'trace sess-secret-value',
          },
        }),
    );
    await h(new Request(`${BASE}/users`));
    const { headers } = journal.entries()[0].response;
    expect(headers['retry-after']).toBe('2');
    expect(headers.link).toBe('<https://x/users?page=2>; rel="next"');
    expect(headers['x-auth-token']).toBe(REDACTED);
    expect(headers['x-trace']).toBe(`trace ${REDACTED}`);
  });

  it('cuts long bodies to maxBodyBytes and flags them', async () => {
    const journal = createJournal({ clock: createClock(), maxBodyBytes: 8 });
    await journal.wrap(router)(new Request(`${BASE}/users`));
    const e = journal.entries()[0];
    expect(e.response.body).toHaveLength(8);
    expect(e.response.truncated).toBe(true);
    expect(e.response.bodySize).toBeGreaterThan(8);
  });

  it('redacts a password in a JSON body cut to maxBodyBytes (the cut text is no longer valid JSON)', async () => {
    const journal = createJournal({ clock: createClock(), maxBodyBytes: 40 });
    const body = JSON.stringify({ userName: 'a', password: 'hunter2-long-secret', pad: 'x'.repeat(100) });
    await journal.wrap(router)(
      new Request(`${BASE}/users`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
    );
    const e = journal.entries()[0];
    expect(e.request.truncated).toBe(true);
    expect(JSON.stringify(e)).not.toContain('hunter2');
  });

  it('offers the whole body bytes of the responses it hands on (for the HTTP adapter), once', async () => {
    const { knownBody } = await import('./journal.ts');
    const journal = createJournal({ clock: createClock() });
    const res = await journal.wrap(router)(new Request(`${BASE}/users`));
    const known = knownBody(res)!;
    const text = typeof known === 'string' ? known : new TextDecoder().decode(known);
    expect(text).toBe(JSON.stringify({ status: 'OK', path: '/services/mtm/v1/users' }));
    await res.arrayBuffer();
    expect(knownBody(res)).toBeUndefined(); // a consumed response is not offered again
    expect(knownBody(new Response('x'))).toBeUndefined();
  });

  it("keeps the router's own bytes (bytesJsonResponse) as they are, intact after the client read the response", async () => {
    const { knownBody } = await import('./journal.ts');
    const { bytesJsonResponse } = await import('./envelope.ts');
    const page = Buffer.from(JSON.stringify({ status: 'OK', data: [{ id: 'u1' }, { id: 'u2' }] }));
    const journal = createJournal({ clock: createClock() });
    const res = await journal.wrap(async () => bytesJsonResponse(200, page))(new Request(`${BASE}/users`));
    expect(knownBody(res)).toBe(page); // handed on without a copy (what the HTTP adapter writes)
    expect(await res.text()).toBe(page.toString()); // the client reads the whole body
    expect(journal.entries()[0].response.body).toBe(page.toString()); // and the journal still has it all
    expect(journal.entries()[0].response.bodySize).toBe(page.length);
  });

  it('cuts router bytes longer than maxBodyBytes (a copy of the head), flagging the entry', async () => {
    const { bytesJsonResponse } = await import('./envelope.ts');
    const page = Buffer.from(JSON.stringify({ status: 'OK', data: 'x'.repeat(200) }));
    const journal = createJournal({ clock: createClock(), maxBodyBytes: 50 });
    const res = await journal.wrap(async () => bytesJsonResponse(200, page))(new Request(`${BASE}/users`));
    expect((await res.text()).length).toBe(page.length);
    const e = journal.entries()[0].response;
    expect(e.truncated).toBe(true);
    expect(e.body).toBe(page.subarray(0, 50).toString());
    expect(e.bodySize).toBe(page.length);
  });

  it('keeps a cut body in memory of its own, so the whole body can be freed (a Buffer slice would be a view)', async () => {
    const { keep, keepText } = await import('./journal.ts');
    const page = Buffer.from('x'.repeat(4096));
    for (const kept of [keep(page, 50), keepText(page.toString(), 50)]) {
      expect(kept.size).toBe(4096);
      expect(kept.bytes?.byteLength).toBe(50);
      expect(kept.bytes?.buffer.byteLength).toBe(50); // not a view into the 4 KiB page (or into Buffer's pool)
    }
    expect(keep(page, 8192).bytes).toBe(page); // not cut: kept as it is
  });

  it('takes a string- or byte-built body without reading the response, which goes on intact', async () => {
    const { bodySourceOf } = await import('./journal.ts');
    const res = new Response('{"a":1}', { headers: { 'content-type': 'application/json' } });
    expect(bodySourceOf(res)).toBe('{"a":1}');
    expect(bodySourceOf(new Response(new Uint8Array([1])))).toEqual(new Uint8Array([1]));
    expect(bodySourceOf(new Response(new Blob(['x']).stream()))).toBeUndefined();
    const journal = createJournal({ clock: createClock() });
    const out = await journal.wrap(async () => res)(new Request(`${BASE}/users`));
    expect(out.bodyUsed).toBe(false);
    expect(await out.json()).toEqual({ a: 1 });
    expect(journal.entries()[0].response).toMatchObject({ body: '{"a":1}', bodySize: 7 });
  });

  it('keeps to its byte budget: the oldest entries lose their bodies, not their metadata', async () => {
    const journal = createJournal({ clock: createClock(), maxTotalBodyBytes: 100 });
    const h = journal.wrap(async () => new Response('x'.repeat(40)));
    for (let i = 0; i < 5; i++) await h(new Request(`${BASE}/users/${i}`));
    const entries = journal.entries();
    expect(entries).toHaveLength(5);
    expect(entries.map((e) => e.response.body !== undefined)).toEqual([false, false, false, true, true]);
    expect(entries[0]).toMatchObject({ bodiesDropped: true, response: { status: 200, bodySize: 40 } });
    // with ring eviction as well: 3 slots, 100 bytes
    const small = createJournal({ clock: createClock(), size: 3, maxTotalBodyBytes: 100 });
    const h2 = small.wrap(async () => new Response('y'.repeat(40)));
    for (let i = 0; i < 7; i++) await h2(new Request(`${BASE}/users/${i}`));
    expect(small.entries().map((e) => [e.path.split('/').pop(), e.response.body !== undefined])).toEqual([
      ['4', false],
      ['5', true],
      ['6', true],
    ]);
  });

  it('records faults and dropped connections', async () => {
    const clock = createClock();
    const faults = createFaults({ clock });
    const journal = createJournal({ clock });
    faults.add({ id: 'down', path: '/users', drop: true });
    faults.add({ id: 'slow', path: '/accounts/:id', status: 503 });
    const h = journal.wrap(faults.wrap(router));
    expect((await h(new Request(`${BASE}/users`))).type).toBe('error');
    await h(new Request(`${BASE}/accounts/a1`));
    await h(new Request(`${BASE}/workspaces`));
    const [drop, slow, plain] = journal.entries();
    expect(drop).toMatchObject({ fault: 'down', error: 'connection dropped', response: { status: 0 } });
    expect(slow).toMatchObject({ fault: 'slow', response: { status: 503 } });
    expect(plain.fault).toBeUndefined();
    expect(journal.query({ fault: true }).map((e) => e.fault)).toEqual(['down', 'slow']);
  });

  it('refuses a nonsense size', () => {
    expect(() => createJournal({ clock: createClock(), size: 0 })).toThrow(/positive integer/);
  });
});
