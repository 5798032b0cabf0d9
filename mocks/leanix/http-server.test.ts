import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { TINY, TINY_TOKEN } from './contract/tiny-tenant.ts';
import { createFakeLeanIX, type FakeLeanIX } from './fake.ts';
import { type FakeServer, isLoopback, startFakeServer } from './http-server.ts';

const basic = `Basic ${Buffer.from(`apitoken:${TINY_TOKEN}`).toString('base64')}`;

/** A raw node:http request, for what fetch hides (chunked uploads, socket errors). */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('HTTP server', () => {
  let fake: FakeLeanIX;
  let server: FakeServer;
  beforeAll(async () => {
    fake = await createFakeLeanIX({ tenant: TINY });
    server = await startFakeServer(fake, { port: 0 });
  });
  afterAll(() => server.close());

  it('binds loopback on a free port and serves the MTM API (token flow, then a list)', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const tok = await fetch(`${server.url}/services/mtm/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(tok.status).toBe(200);
    expect(tok.headers.get('content-type')).toContain('application/json');
    const { access_token } = (await tok.json()) as { access_token: string };
    const list = await fetch(`${server.url}/services/mtm/v1/workspaces/ws-1/users`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(list.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toMatchObject({ status: 'OK', total: 2 });
  });

  it('writes list pages (built without a body stream for the adapter) whole, in the journal too, and through faults', async () => {
    const token = await fake.core.mintAccessToken(TINY_TOKEN);
    const url = `${server.url}/services/mtm/v1/workspaces/ws-1/users?size=1`;
    const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
    // the in-process answer to the same request is the reference
    const inProcess = await (
      await fake.handle(
        new Request(`http://${server.url.slice(7)}/services/mtm/v1/workspaces/ws-1/users?size=1`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      )
    ).text();
    const plain = await get();
    const text = await plain.text();
    expect(text).toBe(inProcess);
    expect(JSON.parse(text)).toMatchObject({ status: 'OK', total: 2, data: [{ id: expect.any(String) }] });
    expect(plain.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(fake.journal.query({ limit: 1 })[0].response.body).toBe(text);
    // a fault that re-wraps the page (extra header) and one that truncates it
    fake.faults.add({ id: 'hdr', method: 'GET', path: '/workspaces/:id/users', headers: { 'x-extra': '1' }, times: 1 });
    const wrapped = await get();
    expect(wrapped.headers.get('x-extra')).toBe('1');
    expect(await wrapped.text()).toBe(text);
    fake.faults.add({
      id: 'cut',
      method: 'GET',
      path: '/workspaces/:id/users',
      corrupt: 'truncate',
      truncateAt: 10,
      times: 1,
    });
    expect(await (await get()).text()).toBe(text.slice(0, 10));
    fake.faults.clear();
  });

  it('answers 413 for a body over 1 MiB (declared or chunked) through the router envelope', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const declared = await fetch(`${server.url}/services/mtm/v1/permissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ status: 'ERROR', errors: [{ value: 'body' }] });
    // chunked: no Content-Length, the server must count while reading
    const chunked = await raw(`${server.url}/services/mtm/v1/permissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: [big.subarray(0, 600_000), big.subarray(600_000)],
    });
    expect(chunked.status).toBe(413);
    expect(chunked.headers.connection).toBe('close');
    const entry = fake.journal.query({ status: 413 }).at(-1)!;
    expect(entry.request.bodySize).toBeLessThanOrEqual(1024 * 1024 + 600_000); // stopped reading past the limit
  });

  it('destroys the socket for a dropped-connection fault', async () => {
    fake.faults.add({ path: '/accounts/:id', drop: true });
    await expect(fetch(`${server.url}/services/mtm/v1/accounts/acc-1`)).rejects.toThrow(TypeError);
    await expect(raw(`${server.url}/services/mtm/v1/accounts/acc-1`, {})).resolves.toMatchObject({ status: 401 });
  });

  it('passes repeated headers and the status text through, and names unknown routes', async () => {
    fake.faults.add({ path: '/workspaces', status: 418, headers: { 'x-one': 'a' } });
    const res = await raw(`${server.url}/services/mtm/v1/workspaces`, {});
    expect(res.status).toBe(418);
    expect(res.headers['x-one']).toBe('a');
    const miss = await fetch(`${server.url}/services/mtm/v1/workspace`);
    expect(miss.status).toBe(404);
    expect(((await miss.json()) as { message: string }).message).toContain('/services/mtm/v1/workspaces');
  });

  it('streams a multi-chunk body chunked and passes a null body as an empty one', async () => {
    const parts = ['{"a":', '"ä"', '}'];
    const handle = async (req: Request) => {
      if (new URL(req.url).pathname === '/empty') return new Response(null, { status: 204, headers: { 'x-k': 'v' } });
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (const p of parts) c.enqueue(new TextEncoder().encode(p));
          c.close();
        },
      });
      return new Response(stream, { status: 201, statusText: 'Made', headers: { 'content-type': 'application/json' } });
    };
    const bare = await startFakeServer({ handle } as unknown as FakeLeanIX, { port: 0, control: false });
    try {
      const res = await raw(`${bare.url}/stream`, {});
      expect(res.status).toBe(201);
      expect(res.body).toBe('{"a":"ä"}');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['content-length']).toBeUndefined();
      const empty = await raw(`${bare.url}/empty`, {});
      expect(empty).toMatchObject({ status: 204, body: '' });
      expect(empty.headers['x-k']).toBe('v');
    } finally {
      await bare.close();
    }
  });

  it('asks mounts first, in order, with their own body limit, before the control API and the MTM API', async () => {
    const seen: string[] = [];
    const mounted = await startFakeServer(fake, {
      port: 0,
      mounts: [
        {
          match: (p) => p === '/' || p.startsWith('/__harness/worlds'),
          handler: async (req) => {
            seen.push(`${req.method} ${new URL(req.url).pathname} ${(await req.text()).length}`);
            return new Response('mounted', { headers: { 'content-type': 'text/plain' } });
          },
          bodyLimit: 10,
        },
        { match: () => true, handler: async () => new Response('never') },
      ],
    });
    try {
      expect(await (await fetch(`${mounted.url}/`)).text()).toBe('mounted');
      expect(await (await fetch(`${mounted.url}/__harness/worlds?x=1`)).text()).toBe('mounted');
      const big = await fetch(`${mounted.url}/__harness/worlds`, { method: 'POST', body: 'x'.repeat(50) });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('control.body-limit');
      await fetch(`${mounted.url}/__harness/worlds`, { method: 'POST', body: 'x'.repeat(10) });
      expect(seen).toEqual(['GET / 0', 'GET /__harness/worlds 0', 'POST /__harness/worlds 10']);
      // the second mount takes everything else
      expect(await (await fetch(`${mounted.url}/__harness/state`)).text()).toBe('never');
    } finally {
      await mounted.close();
    }
  });

  it('writes an event stream chunk by chunk as it comes and cancels it when the client goes away', async () => {
    let push: ((text: string) => void) | undefined;
    let cancelled!: () => void;
    const gone = new Promise<void>((r) => {
      cancelled = r;
    });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        push = (t) => c.enqueue(new TextEncoder().encode(t));
        push('event: hello\ndata: {}\n\n');
      },
      cancel: () => cancelled(),
    });
    const sse = await startFakeServer(fake, {
      port: 0,
      mounts: [
        {
          match: (p) => p === '/events',
          handler: async () => new Response(stream, { headers: { 'content-type': 'text/event-stream' } }),
        },
      ],
    });
    try {
      const ac = new AbortController();
      const res = await fetch(`${sse.url}/events`, { signal: ac.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const reader = res.body!.getReader();
      // The first event arrives while the stream is still open (nothing else has been sent yet) ...
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: hello\ndata: {}\n\n');
      // ... and the next one only once it is pushed.
      push!('event: change\ndata: 1\n\n');
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: change\ndata: 1\n\n');
      ac.abort();
      await gone;
    } finally {
      await sse.close();
    }
  });

  it('refuses a non-loopback address without an admin token', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('127.5.6.7')).toBe(true);
    expect(isLoopback('[::ffff:127.0.0.1]')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.5')).toBe(false);
    // names are not addresses: a prefix proves nothing
    for (const name of ['127.evil.example', '127.0.0.1.nip.io', 'localhost.evil.example', '::ffff:10.0.0.1'])
      expect(isLoopback(name), name).toBe(false);
    try {
      await startFakeServer(fake, { host: '0.0.0.0', port: 0 });
      expect.unreachable('bound 0.0.0.0 without an admin token');
    } catch (e) {
      expect(isHarnessError(e) && e.code).toBe('serve.admin-token');
    }
  });

  it('reports a port in use as a clear error', async () => {
    await expect(startFakeServer(fake, { port: server.port })).rejects.toMatchObject({ code: 'serve.listen' });
  });
});

/**
 * Opens a socket, writes `bytes` (maybe nothing), and resolves with what the server wrote once the connection closes
 * (a reset included).
 */
function hangUp(port: number, bytes = ''): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (bytes) socket.write(bytes);
    });
    const parts: Buffer[] = [];
    socket.on('data', (c) => parts.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(parts).toString()));
  });
}

describe('HTTP server protections', () => {
  let fake: FakeLeanIX;
  let server: FakeServer;
  beforeAll(async () => {
    fake = await createFakeLeanIX({ tenant: TINY });
    server = await startFakeServer(fake, {
      port: 0,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      maxConnections: 200,
    });
  });
  afterAll(() => server.close());
  const alive = async () => expect((await fetch(`${server.url}/__harness/state`)).status).toBe(200);

  it("answers Node's own parser errors with the JSON error envelope of the API asked (and closes)", async () => {
    const cases: [string, number, (body: Record<string, unknown>) => void][] = [
      [
        `GET /services/mtm/v1/workspaces HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        (b) => expect(b).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', total: 0 }),
      ],
      [
        `GET /__harness/state HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        (b) => expect(b).toMatchObject({ error: { code: 'control.http' } }),
      ],
      [
        'FOO /__harness/state HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n',
        400,
        (b) =>
          expect(b).toMatchObject({
            error: { code: 'control.http', message: expect.stringContaining('unknown HTTP method') },
          }),
      ],
      [
        'POST /services/mtm/v1/permissions HTTP/1.1\r\nhost: 127.0.0.1\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n',
        400,
        (b) => expect(b).toMatchObject({ status: 'ERROR', message: expect.stringContaining('bad chunked encoding') }),
      ],
      [
        'GET /services/mtm/v1 HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n',
        400,
        (b) => expect(b).toMatchObject({ status: 'ERROR' }),
      ],
    ];
    for (const [bytes, status, check] of cases) {
      const answer = await hangUp(server.port, bytes);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toContain('content-type: application/json');
      check(JSON.parse(body));
    }
    await alive();
  });

  it('closes connections that send nothing or stop halfway (408 within the header timeout)', async () => {
    const silent = Array.from({ length: 150 }, () => hangUp(server.port));
    const half = Array.from({ length: 40 }, () =>
      hangUp(server.port, 'GET /__harness/state HTTP/1.1\r\nhost: 127.0.0.1\r\n'),
    );
    const slowBody = hangUp(
      server.port,
      'POST /__harness/reset HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 10\r\n\r\n{',
    );
    const answers = await Promise.all([...silent, ...half, slowBody]);
    for (const a of [...answers.slice(150), answers.at(-1)!]) expect(a).toMatch(/^HTTP\/1.1 408 /);
    expect(answers.at(-1)).toContain('"code":"control.http"');
    await alive();
  });

  it('closes connections beyond maxConnections at once, and serves again when they are gone', async () => {
    const open = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect(server.port, '127.0.0.1', () => resolve(s));
            s.on('error', () => {});
          }),
      ),
    );
    const refused = await hangUp(server.port, 'GET /__harness/state HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    expect(refused).toBe('');
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    await alive();
  });
});
