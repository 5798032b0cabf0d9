/**
 * Concurrency benchmark of `harness serve` (`npm run bench:http`), not a test.
 *
 * Two server processes run side by side: `harness serve` as the CLI starts it (startServe: auth, paging, journal,
 * control API and inspector API mounted; no page build) over a 10,001-user workspace, and a FLOOR: a bare node:http
 * server answering the very bytes the fake answered (status, headers, body) from memory. autocannon, in this process,
 * drives each with 1, 10 and 50 connections, in slices that alternate fake / floor so load bursts on a shared machine
 * hit both alike. Two loads: `read` (GET one 100-user page, 59 KB) and `mixed` (4 GETs of that page, 1 PUT of a user
 * that changes the page each time). Per cell: req/s, ratio to the floor, p50 / p99 latency and server CPU per request
 * (medians over the slices).
 *
 * A third process measures the in-process mode: 10 concurrent fetch loops through msw to the fake's handlers, against
 * an msw handler that answers the same bytes (alternating slices, the same ratio).
 *
 * Environment: BENCH_SECONDS (per slice, default 2), BENCH_ROUNDS (slices per server and cell, default 3),
 * BENCH_CONNECTIONS (default 1,10,50), BENCH_LOADS (default read,mixed), BENCH_INPROC=0 skips the in-process row,
 * BENCH_CPU_PROF=<dir> writes the fake process's CPU profile there (`tsx bench/cpu-profile.ts <file>` summarises it).
 * Prints a table, writes .harness-out/bench-http.json and exits 0.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../lib/reference.ts';
import { accessToken } from '../mocks/leanix/testing.ts';
import { median } from './lib/stats.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const LOADS = (process.env.BENCH_LOADS ?? 'read,mixed').split(',') as Load[];
const INPROC = process.env.BENCH_INPROC !== '0';
/** When set, the fake's process writes a V8 CPU profile there (summarise it with bench/cpu-profile.ts). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const USERS = 10_000;
const SELF = fileURLToPath(import.meta.url);

type Load = 'read' | 'mixed';

/** One recorded answer: what the floor replays. */
interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Messages between this process and a server child. */
type ChildMessage =
  | { kind: 'ready'; url: string; apiToken?: string }
  | { kind: 'cpu'; micros: number }
  | { kind: 'inproc'; result: InprocResult };

interface InprocResult {
  fakeRps: number;
  floorRps: number;
  ratio: number;
}

const cpuMicros = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/** The child side: a server that reports its URL and answers CPU queries over IPC. */
async function child(role: string): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  process.on('message', (m: { kind: string; recorded?: Record<string, Recorded> }) => {
    if (m.kind === 'cpu') send({ kind: 'cpu', micros: cpuMicros() });
    if (m.kind === 'stop') process.exit(0);
    if (m.kind === 'floor' && m.recorded) startFloor(m.recorded).then((url) => send({ kind: 'ready', url }));
  });
  if (role === 'fake') {
    const { startServe } = await import('../harness/cli/commands/serve.ts');
    const s = await startServe({ users: USERS, workspaces: 1, seed: 1, port: 0, page: false });
    send({ kind: 'ready', url: s.server.url, apiToken: s.demoToken?.token });
  }
  if (role === 'inproc') send({ kind: 'inproc', result: await inproc() });
}

/** The floor: a bare node:http server answering the recorded bytes by method. */
async function startFloor(recorded: Record<string, Recorded>): Promise<string> {
  const bodies = Object.fromEntries(
    Object.entries(recorded).map(([k, r]) => [k, { ...r, bytes: Buffer.from(r.body) }] as const),
  );
  const server = createServer((req, res) => {
    const r = bodies[req.method ?? 'GET'] ?? bodies.GET;
    req.resume();
    req.on('end', () => {
      res.writeHead(r.status, { ...r.headers, 'content-length': r.bytes.length });
      res.end(r.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The in-process row: msw in front of global fetch, the fake's handlers vs a handler replaying the same bytes. */
async function inproc(): Promise<InprocResult> {
  const { generateTenant } = await import('../fixtures/tenant/generate.ts');
  const { createFakeLeanIX } = await import('../mocks/leanix/fake.ts');
  const { createMswHandlers } = await import('../mocks/leanix/msw.ts');
  const { http, HttpResponse } = await import('msw');
  const { setupServer } = await import('msw/node');
  const tenant = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 1, users: USERS });
  const fake = await createFakeLeanIX({ tenant });
  const apiToken = tenant.apiTokens[0].token;
  const ws = tenant.apiTokens[0].workspaceId;
  const access = await fake.core.mintAccessToken(apiToken);
  const path = `/services/mtm/v1/workspaces/${ws}/users?page=2&size=100`;
  const auth = { authorization: `Bearer ${access}` };
  const first = await fake.fetch(`https://app.leanix.net${path}`, { headers: auth });
  const body = await first.text();
  const headers = Object.fromEntries(first.headers);
  const server = setupServer(
    ...createMswHandlers(fake.handle),
    http.get('https://floor.example/*', () => HttpResponse.text(body, { status: 200, headers })),
  );
  server.listen({ onUnhandledRequest: 'error' });
  const run = async (base: string, ms: number) => {
    let n = 0;
    const until = performance.now() + ms;
    const loop = async () => {
      while (performance.now() < until) {
        const r = await fetch(`${base}${path}`, { headers: auth });
        await r.text();
        n++;
      }
    };
    await Promise.all(Array.from({ length: 10 }, loop));
    return n / (ms / 1000);
  };
  await run('https://app.leanix.net', 500);
  await run('https://floor.example', 500);
  const fakeRps: number[] = [];
  const floorRps: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    fakeRps.push(await run('https://app.leanix.net', SECONDS * 1000));
    floorRps.push(await run('https://floor.example', SECONDS * 1000));
  }
  server.close();
  const f = median(fakeRps);
  const g = median(floorRps);
  return { fakeRps: f, floorRps: g, ratio: f / g };
}

/** Starts a child of this script in `role` (with a CPU profile for the fake when BENCH_CPU_PROF is set). */
function spawnChild(role: string): ChildProcess {
  const prof = role === 'fake' && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return fork(SELF, ['--child', role], {
    execArgv: ['--import', 'tsx', ...prof],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<K extends ChildMessage['kind']>(
  c: ChildProcess,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve) => {
    const on = (m: ChildMessage) => {
      if (m.kind === kind) {
        c.off('message', on);
        resolve(m as Extract<ChildMessage, { kind: K }>);
      }
    };
    c.on('message', on);
  });
}

async function cpuOf(c: ChildProcess): Promise<number> {
  const p = nextMessage(c, 'cpu');
  c.send({ kind: 'cpu' });
  return (await p).micros;
}

const headersOf = (h: Headers): Record<string, string> => Object.fromEntries(h.entries());

interface Slice {
  rps: number;
  p50: number;
  p99: number;
  cpuPerReqUs: number;
  non2xx: number;
}

interface Cell {
  load: Load;
  connections: number;
  fake: Slice;
  floor: Slice;
  ratio: number;
}

async function main(): Promise<void> {
  const fakeChild = spawnChild('fake');
  const { url: fakeUrl, apiToken } = await nextMessage(fakeChild, 'ready');
  if (!apiToken) throw new Error('the served tenant has no API token');
  const auth = `Bearer ${await accessToken(fakeUrl, apiToken)}`;
  const wsRes = await fetch(`${fakeUrl}/services/mtm/v1/workspaces`, { headers: { authorization: auth } });
  const ws = ((await wsRes.json()) as { data: { id: string }[] }).data[0].id;
  const pagePath = `/services/mtm/v1/workspaces/${ws}/users?page=2&size=100`;
  const page = await fetch(`${fakeUrl}${pagePath}`, { headers: { authorization: auth } });
  const pageBody = await page.text();
  const pageUsers = (JSON.parse(pageBody) as { data: Record<string, unknown>[] }).data;
  const target = pageUsers[0] as { id: string; firstName: string };
  const putPath = `/services/mtm/v1/users/${target.id}`;
  const putBody = (firstName: string) => JSON.stringify({ ...target, firstName });
  const put = await fetch(`${fakeUrl}${putPath}`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: putBody('Bench'),
  });
  const recorded: Record<string, Recorded> = {
    GET: { status: page.status, headers: headersOf(page.headers), body: pageBody },
    PUT: { status: put.status, headers: headersOf(put.headers), body: await put.text() },
  };
  if (page.status !== 200 || put.status !== 200) throw new Error(`setup failed: GET ${page.status}, PUT ${put.status}`);

  const floorChild = spawnChild('floor');
  const floorReady = nextMessage(floorChild, 'ready');
  floorChild.send({ kind: 'floor', recorded });
  const { url: floorUrl } = await floorReady;
  process.stdout.write(
    `page body ${(Buffer.byteLength(pageBody) / 1024).toFixed(1)} KiB; ${SECONDS} s slices, ${ROUNDS} per server and cell, alternating\n`,
  );

  let flip = 0;
  const requestsFor = (load: Load): autocannon.Request[] => {
    const get: autocannon.Request = { method: 'GET', path: pagePath };
    if (load === 'read') return [get];
    return [
      get,
      get,
      get,
      get,
      {
        method: 'PUT',
        path: putPath,
        headers: { authorization: auth, 'content-type': 'application/json' },
        setupRequest: (r) => ({ ...r, body: putBody(`Bench${flip++ % 2}`) }),
      },
    ];
  };
  const slice = async (url: string, c: ChildProcess, load: Load, connections: number): Promise<Slice> => {
    const cpu0 = await cpuOf(c);
    const r = await autocannon({
      url,
      connections,
      duration: SECONDS,
      headers: { authorization: auth },
      requests: requestsFor(load),
    });
    const cpu1 = await cpuOf(c);
    const total = r.requests.total;
    return {
      rps: total / SECONDS,
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuPerReqUs: total ? (cpu1 - cpu0) / total : 0,
      non2xx: r.non2xx + r.errors + r.timeouts,
    };
  };
  const med = (xs: Slice[]): Slice => ({
    rps: median(xs.map((x) => x.rps)),
    p50: median(xs.map((x) => x.p50)),
    p99: median(xs.map((x) => x.p99)),
    cpuPerReqUs: median(xs.map((x) => x.cpuPerReqUs)),
    non2xx: xs.reduce((a, x) => a + x.non2xx, 0),
  });

  const cells: Cell[] = [];
  for (const load of LOADS) {
    for (const connections of CONNECTIONS) {
      // warm both (JIT, caches), then alternate
      await slice(fakeUrl, fakeChild, load, connections);
      await slice(floorUrl, floorChild, load, connections);
      const f: Slice[] = [];
      const g: Slice[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        f.push(await slice(fakeUrl, fakeChild, load, connections));
        g.push(await slice(floorUrl, floorChild, load, connections));
      }
      const fake = med(f);
      const floor = med(g);
      const cell = { load, connections, fake, floor, ratio: fake.rps / floor.rps };
      cells.push(cell);
      process.stdout.write(
        `${load.padEnd(6)} ${String(connections).padStart(3)} conn  fake ${fake.rps.toFixed(0).padStart(6)} req/s` +
          ` (p50 ${fake.p50} ms, p99 ${fake.p99} ms, ${fake.cpuPerReqUs.toFixed(0)} µs CPU/req)` +
          `  floor ${floor.rps.toFixed(0).padStart(6)} req/s (p50 ${floor.p50} ms, p99 ${floor.p99} ms, ${floor.cpuPerReqUs.toFixed(0)} µs CPU/req)` +
          `  ratio ${cell.ratio.toFixed(2)}${fake.non2xx ? `  (${fake.non2xx} non-2xx/errors!)` : ''}\n`,
      );
    }
  }
  fakeChild.send({ kind: 'stop' });
  floorChild.send({ kind: 'stop' });

  let inprocResult: InprocResult | undefined;
  if (INPROC) {
    const c = spawnChild('inproc');
    inprocResult = (await nextMessage(c, 'inproc')).result;
    c.send({ kind: 'stop' });
    process.stdout.write(
      `in-process (msw, 10 concurrent fetch loops)  fake ${inprocResult.fakeRps.toFixed(0)} req/s` +
        `  floor ${inprocResult.floorRps.toFixed(0)} req/s  ratio ${inprocResult.ratio.toFixed(2)}\n`,
    );
  }
  const out = join(PROJECT_ROOT, '.harness-out');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bench-http.json'),
    `${JSON.stringify({ seconds: SECONDS, rounds: ROUNDS, cells, inproc: inprocResult }, null, 2)}\n`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
