/**
 * Benchmark of the fake LeanIX (`npm run bench:fake`), not a test:
 * 1. page through a 10,000-user workspace at size=100 (101 requests a pass) in three modes: `fake.handle` directly,
 *    in-process through msw + global fetch, and over HTTP (node:http + fetch). Each mode is compared with a FLOOR
 *    measured in the same run with the same requests: a handler (bare function / msw handler / plain node:http server)
 *    that answers a precomputed body of the same size. Requests alternate fake/floor; the figure is the median per
 *    request; target ratio ≤ 1.5 for the msw and HTTP modes. An extra HTTP row compares against the same node:http
 *    adapter serving the precomputed body, to split the adapter's cost from the fake's.
 * 2. seeding a 100,000-user tenant, in a fresh child process: generation time, seeding time, resident memory
 *    (targets < 3 s, < 500 MB RSS).
 * Prints a table and writes .harness-out/bench-fake.json. Environment: BENCH_USERS, BENCH_PASSES, BENCH_WARMUP (passes, default 3), BENCH_SEED_USERS;
 * BENCH_MODES=handle,http,msw runs only those paging modes; BENCH_SEED=0 skips seeding, BENCH_SEED_RUNS=n (default 3)
 * seeds n times, each in a fresh process, and reports the medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';
import { createFakeLeanIX, type FakeLeanIX } from '../mocks/leanix/fake.ts';
import { startFakeServer } from '../mocks/leanix/http-server.ts';
import { createMswHandlers } from '../mocks/leanix/msw.ts';
import { sharedKeyPair } from '../mocks/leanix/tokens.ts';
import { median } from './lib/stats.ts';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 7);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SEED_USERS = Number(process.env.BENCH_SEED_USERS ?? 100_000);
const TOKEN = 'bench-api-token-0000';
const MODES = new Set((process.env.BENCH_MODES ?? 'handle,http,msw').split(','));
const SEED = process.env.BENCH_SEED !== '0';
const SEED_RUNS = Number(process.env.BENCH_SEED_RUNS ?? 3);

/** The seeding figures, measured in a fresh process (so RSS is the tenant's, not this process's). */
async function seedChild(): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  const k0 = performance.now();
  await sharedKeyPair(); // the per-process RSA key, generated once; timed apart from seeding
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const tenant = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 2, users: SEED_USERS });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const fake = await createFakeLeanIX({ tenant });
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  // CPU time is less disturbed than wall time by other load on a shared machine
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user + b.system - a.user - a.system) / 1000;
  const rss = process.memoryUsage().rss;
  process.stdout.write(
    JSON.stringify({
      users: fake.counts().users,
      permissions: fake.counts().permissions,
      keyMs: t0 - k0,
      generateMs: t1 - t0,
      seedMs: t2 - t1,
      generateCpuMs: cpuMs(c0, c1),
      seedCpuMs: cpuMs(c1, c2),
      totalMs: t2 - t0,
      rssMB: rss / 2 ** 20,
      rssDeltaMB: (rss - rss0) / 2 ** 20,
    }),
  );
}

interface ModeResult {
  mode: string;
  requests: number;
  fakeMedianMs: number;
  floorMedianMs: number;
  ratio: number;
  /** The same from process CPU time per request (client and server share this process): steadier under load. */
  fakeCpuMedianMs: number;
  floorCpuMedianMs: number;
  cpuRatio: number;
}

/** Per-request wall and CPU milliseconds. */
interface Timings {
  wall: number[];
  cpu: number[];
}

/** Times each request of `urls` through `send` (which must read the whole body), appending to `into`. */
async function pass(urls: string[], send: (url: string) => Promise<number>, into?: Timings): Promise<void> {
  let bytes = 0;
  for (const u of urls) {
    const c = process.cpuUsage();
    const t = performance.now();
    bytes += await send(u);
    const wall = performance.now() - t;
    const d = process.cpuUsage(c);
    into?.wall.push(wall);
    into?.cpu.push((d.user + d.system) / 1000);
  }
  if (bytes === 0) throw new Error('no bytes read');
}

/**
 * After WARMUP warm-up passes each (so both sides run JIT-compiled code), runs PASSES passes in which every request goes to the fake and then the same request to
 * the floor (alternating request by request, so load bursts on a shared machine hit both alike); returns the medians.
 */
async function compare(
  mode: string,
  urls: string[],
  fake: (u: string) => Promise<number>,
  floor: (u: string) => Promise<number>,
): Promise<ModeResult> {
  for (let i = 0; i < WARMUP; i++) {
    await pass(urls, fake);
    await pass(urls, floor);
  }
  const f: Timings = { wall: [], cpu: [] };
  const g: Timings = { wall: [], cpu: [] };
  for (let i = 0; i < PASSES; i++) {
    for (const u of urls) {
      await pass([u], fake, f);
      await pass([u], floor, g);
    }
  }
  const fakeMedianMs = median(f.wall);
  const floorMedianMs = median(g.wall);
  const fakeCpuMedianMs = median(f.cpu);
  const floorCpuMedianMs = median(g.cpu);
  return {
    mode,
    requests: f.wall.length,
    fakeMedianMs,
    floorMedianMs,
    ratio: fakeMedianMs / floorMedianMs,
    fakeCpuMedianMs,
    floorCpuMedianMs,
    cpuRatio: fakeCpuMedianMs / floorCpuMedianMs,
  };
}

async function main(): Promise<void> {
  // --- the 10,000-user workspace ---
  const tenant = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 1, users: USERS, demoApiToken: TOKEN });
  const fake = await createFakeLeanIX({ tenant });
  const wsId = tenant.apiTokens.find((t) => t.token === TOKEN)!.workspaceId;
  const jwt = await fake.core.mintAccessToken(TOKEN);
  const auth = { authorization: `Bearer ${jwt}` };
  const path = `/services/mtm/v1/workspaces/${wsId}/users`;
  const first = await fake.handle(new Request(`https://app.leanix.net${path}?page=1&size=100`, { headers: auth }));
  const firstText = await first.text();
  const total = JSON.parse(firstText).total as number;
  const pages = Math.ceil(total / 100);
  const rel = Array.from({ length: pages }, (_, i) => `${path}?page=${i + 1}&size=100`);
  // The floor's body: the fake's own first page, precomputed, with the same headers.
  const floorBody = firstText;
  const floorHeaders = Object.fromEntries(first.headers);
  process.stdout.write(
    `workspace: ${total} users, ${pages} pages of 100, page body ${(Buffer.byteLength(floorBody) / 1024).toFixed(1)} KiB\n`,
  );
  const results: ModeResult[] = [];

  // 1. handle: the fake's wrapped router called directly vs a bare function answering the precomputed body.
  if (MODES.has('handle')) {
    const urls = rel.map((p) => `https://app.leanix.net${p}`);
    const read = async (res: Response) => (await res.arrayBuffer()).byteLength;
    const floor = async (_req: Request) => new Response(floorBody, { status: 200, headers: floorHeaders });
    results.push(
      await compare(
        'in-process: fake.handle',
        urls,
        async (u) => read(await fake.handle(new Request(u, { headers: auth }))),
        async (u) => read(await floor(new Request(u, { headers: auth }))),
      ),
    );
  }

  // 2. HTTP (before msw, whose interceptors would otherwise sit in front of every fetch): `harness serve`'s server
  //    vs a plain node:http server writing the precomputed body.
  if (MODES.has('http')) {
    const served = await startFakeServer(fake, { port: 0 });
    const floorBytes = Buffer.from(floorBody);
    const floorServer = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { ...floorHeaders, 'content-length': floorBytes.length });
      res.end(floorBytes);
    });
    await new Promise<void>((r) => floorServer.listen(0, '127.0.0.1', r));
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}`;
    const get = async (u: string) => (await (await fetch(u, { headers: auth })).arrayBuffer()).byteLength;
    results.push(
      await compare(
        'HTTP: node:http + fetch',
        rel.map((p) => `${served.url}${p}`),
        get,
        (u) => get(`${floorUrl}${new URL(u).pathname}${new URL(u).search}`),
      ),
    );
    // The same adapter serving a bare handler with the precomputed body: splits adapter cost from the fake's.
    const adapterFloor = await startFakeServer(
      { handle: async () => new Response(floorBody, { status: 200, headers: floorHeaders }) } as unknown as FakeLeanIX,
      { port: 0, control: false },
    );
    results.push(
      await compare(
        'HTTP: vs adapter floor',
        rel.map((p) => `${served.url}${p}`),
        get,
        (u) => get(`${adapterFloor.url}${new URL(u).pathname}${new URL(u).search}`),
      ),
    );
    await adapterFloor.close();
    await served.close();
    await new Promise<void>((r) => floorServer.close(() => r()));
  }

  // 3. msw + global fetch: the fake's handlers vs one msw handler answering the precomputed body.
  if (MODES.has('msw')) {
    const urls = rel.map((p) => `https://acme-eu.leanix.net${p}`);
    const floorUrls = rel.map((p) => `https://floor.example${p}`);
    const server = setupServer(
      ...createMswHandlers(fake.handle),
      http.all('https://floor.example/*', () => new HttpResponse(floorBody, { status: 200, headers: floorHeaders })),
    );
    server.listen({ onUnhandledRequest: 'error' });
    const get = async (u: string) => (await (await fetch(u, { headers: auth })).arrayBuffer()).byteLength;
    let j = 0;
    results.push(
      await compare(
        'in-process: msw + fetch',
        urls,
        (u) => get(u),
        () => get(floorUrls[j++ % floorUrls.length]),
      ),
    );
    server.close();
  }

  // --- seeding 100,000 users, each run in a fresh process; medians per figure ---
  const seedRuns: Record<string, number>[] = [];
  for (let i = 0; SEED && i < SEED_RUNS; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--seed-child'], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`seed child failed: ${child.stderr}`);
    seedRuns.push(JSON.parse(child.stdout) as Record<string, number>);
  }
  const seed: Record<string, number> = {};
  for (const k of Object.keys(seedRuns[0] ?? {})) seed[k] = median(seedRuns.map((r) => r[k]));

  const fmt = (n: number, d = 3) => n.toFixed(d);
  const rows = results.map(
    (r) =>
      `| ${r.mode.padEnd(26)} | ${String(r.requests).padStart(8)} | ${fmt(r.fakeMedianMs).padStart(9)} | ${fmt(r.floorMedianMs).padStart(9)} | ${fmt(r.ratio, 2).padStart(5)} | ${r.mode.startsWith('in-process: fake') || r.mode.includes('adapter') ? 'info' : r.ratio <= 1.5 ? 'OK' : 'OVER'} | ${fmt(r.fakeCpuMedianMs).padStart(8)} | ${fmt(r.floorCpuMedianMs).padStart(9)} | ${fmt(r.cpuRatio, 2).padStart(9)} |`,
  );
  process.stdout.write(
    [
      '',
      `Paging ${total} users at size=100 (${PASSES} passes after ${WARMUP} warm-up passes; median per request)`,
      '| mode                       | requests | fake (ms) | floor(ms) | ratio | ≤1.5 | CPU fake | CPU floor | CPU ratio |',
      '|----------------------------|----------|-----------|-----------|-------|------|----------|-----------|-----------|',
      ...rows,
      '',
      ...(seedRuns.length === 0
        ? []
        : [
            `Seeding ${seed.users} users / ${seed.permissions} permissions (median of ${seedRuns.length} fresh processes):`,
            `  generate ${fmt(seed.generateMs, 0)} ms (CPU ${fmt(seed.generateCpuMs, 0)}) + seed (check + index, createFakeLeanIX) ${fmt(seed.seedMs, 0)} ms (CPU ${fmt(seed.seedCpuMs, 0)}) = ${fmt(seed.totalMs, 0)} ms`,
            `  runs (generate+seed ms): ${seedRuns.map((r) => `${fmt(r.generateMs, 0)}+${fmt(r.seedMs, 0)}`).join(', ')}`,
            `  seed target < 3000 ms: ${seed.seedMs < 3000 ? 'OK' : 'OVER'}; with generation: ${seed.totalMs < 3000 ? 'OK' : 'OVER'} (RSA key, once per process: ${fmt(seed.keyMs, 0)} ms, not counted)`,
            `  RSS ${fmt(seed.rssMB, 0)} MB (delta ${fmt(seed.rssDeltaMB, 0)} MB; target < 500: ${seed.rssMB < 500 ? 'OK' : 'OVER'})`,
            '',
          ]),
    ].join('\n'),
  );
  const outDir = join(PROJECT_ROOT, '.harness-out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'bench-fake.json'),
    JSON.stringify({ total, pages, passes: PASSES, results, seed, seedRuns }, null, 2),
  );
}

if (process.argv.includes('--seed-child')) void seedChild();
else
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`bench/fake.ts failed: ${e instanceof Error ? e.stack : e}\n`);
      process.exit(1);
    },
  );
