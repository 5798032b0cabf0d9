/**
 * Benchmark of the import job (`npm run bench:import`): full account and access import of a generated tenant
 * (1 account, 10 workspaces; default sizes 10,000 and 100,000 users) through the corrected LeanIX package with paging
 * configured (size 100), against the fake LeanIX in-process.
 *
 * For each size a fresh child process first imports a small tenant of its own (1,000 users) to warm the JIT up, so
 * that every size is measured warm, then measures, in the same process:
 * - floor: the same sequence of HTTP round trips the import makes (the token request, then the same page URLs with
 *   that bearer), each body read as text, no import processing. Reading the body is in the floor on purpose: an HTTP
 *   client cannot import a page it has not read, and the in-process fake has already built the bytes, so the read is
 *   one copy and one UTF-8 decode per page. The token request is in it because it is one of the import's round trips
 *   (and, in the fake, a write that drops its listing caches, which the import's first pages then rebuild).
 *   For comparison, the "bare floor" leaves the bodies unread (status only);
 * - import: account import + access import into an empty EIC, through the emulator (auth, journal, mapping,
 *   reconciliation).
 * Also shown: the floor plus JSON.parse of each body (no import can avoid parsing); that plus keeping a flat row of
 * every item (its top-level strings) in a Map by id, the least an import that keeps its rows can pay (the young
 * generation then copies the kept rows, which slows every later allocation, fetch and parse included); the time
 * spent inside the call runtime (send, auth, journal, parse) and the rest (mapping, reconciliation, state).
 * Every size is measured alike: the first import on the measured tenant (timed, and the one the import's peak RSS is
 * taken through), then BENCH_RUNS rounds (default 3) of floor runs and one more import each. Medians of those rounds:
 * the ratio import / (floor + JSON.parse) (wall time), the ratio to the plain floor, the CPU-time ratio (steadier when
 * other work shares the machine); also the peak RSS through the first import (setup, the fake with its tenant, the
 * import) and the child's peak RSS with every run.
 * After the timed rounds, one more floor + JSON.parse run and one more import under V8's GC profiler give the GC pause
 * time of each (young and full collections): what keeping the import's results costs the collector.
 * Targets (issue 17): each size <= 1.5x floor + JSON.parse; 100,000 users within 11x the 10,000-user time; peak RSS
 * through the import <= 700 MB. Prints a table, the 100,000 / 10,000 growth of the import (the repeated imports', and
 * the first import's) and of floor + JSON.parse (how far from linear the fake, fetch and parsing are themselves), and
 * writes .harness-out/bench-import.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler } from 'node:v8';
import { LEANIX_PACKAGE_DIR, leanixPatches } from '../fixtures/packages/leanix/index.ts';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { createEmulator } from '../harness/emulator.ts';
import { runAccessImport, runAccountImport, runtimeCallRunner } from '../harness/jobs/import/index.ts';
import type { Patch } from '../harness/package/index.ts';
import { loadPackage } from '../harness/package/index.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
import { median } from './lib/stats.ts';

const paging = (path: string): Patch => ({
  attribute: 'ImportAccountEntJSON',
  path,
  value: {
    page: {
      pageNumberParam: 'page',
      pageSizeParam: 'size',
      pageSize: 100,
      totalCountPath: 'completeResponseMap.total',
    },
  },
});

interface ChildResult {
  users: number;
  accounts: number;
  links: number;
  roundTrips: number;
  floorMs: number[];
  /** The imports after the first on the measured tenant (the bench's import figure). */
  importMs: number[];
  /** The first import on the measured tenant (after the JIT warm-up on a tenant of its own). */
  firstImportMs: number;
  /** Time inside the call runtime (send, auth, exchange recording with redaction, body parsing). */
  callMs: number[];
  /** The floor plus JSON.parse of every body (what no import can avoid), for information. */
  parseFloorMs: number[];
  /**
   * Floor + JSON.parse + keep: also keeps one flat row per item (its top-level strings, as EIC's columns are) in a Map
   * by id until the run ends. The least an import that keeps its rows pays, the young generation's copying included.
   */
  keepFloorMs: number[];
  /** The floor without reading the bodies (status only), for the second ratio. */
  bareFloorMs: number[];
  /** Process CPU time (user + system, all threads) of the floor and import runs: steadier than wall time on a busy machine. */
  floorCpuMs: number[];
  importCpuMs: number[];
  /** GC pause time (V8's GC callbacks via `v8.GCProfiler`, young and full collections) in one extra floor + JSON.parse run. */
  parseFloorGcMs: number;
  /** The same in one extra import. */
  importGcMs: number;
  /** RSS after setup (tenant seeded into the fake, its listing caches warm, package loaded), before any import. */
  baselineRssMb: number;
  /** Peak RSS of the process up to the end of the first import (the floor runs come after it). */
  importPeakRssMb: number;
  /** Peak RSS of the whole child, floor runs included. */
  peakRssMb: number;
}

/** Users of the small tenant that warms the JIT up before every size is measured. */
const WARM_UP_USERS = 1_000;

/** A fresh fake seeded with a generated tenant, and the paged LeanIX package pointed at its first workspace. */
async function setup(users: number) {
  // The generated tenant's lists are dropped once seeded (the fake keeps the records), so peak RSS is the fake + the
  // import.
  let tenant: ReturnType<typeof generateTenant> | undefined = generateTenant({
    seed: 1,
    accounts: 1,
    workspacesPerAccount: 10,
    users,
  });
  const fake = await createFakeLeanIX({ tenant, journalSize: 100, journalBodyBytes: 1024 });
  const ws = tenant.workspaces[0];
  const apiToken = tenant.apiTokens.find((t) => t.workspaceId === ws.id)!.token;
  tenant = undefined;
  const pkg = await loadPackage(LEANIX_PACKAGE_DIR, {
    patches: [
      ...leanixPatches({ host: 'bench', workspaceId: ws.id, accountId: ws.accountId, apiToken }),
      paging('accountParams.call.call1.pagination'),
      paging('entitlementParams.entTypes.Permission.call.call1.pagination'),
      paging('acctEntParams.entTypes.Permission.call.call1.pagination'),
    ],
  });
  // in-process, as the scenario world's transport (harness/scenario/world.ts fakeTransport)
  const transport = {
    fetch: (r: Request) => fake.fetch(r),
    now: fake.clock.now,
    sleep: async () => {},
    inProcess: true,
  };
  return { fake, ws, apiToken, pkg, transport };
}

/** One account + access import into an empty EIC through the emulator: times, the page URLs read, counts. */
async function importOnce({ pkg, transport }: Awaited<ReturnType<typeof setup>>) {
  const emu = createEmulator({ package: pkg, transport });
  const inner = runtimeCallRunner(emu.runtime, { kind: 'job', id: 'bench' });
  let callMs = 0;
  const runner: typeof inner = async (req) => {
    const c0 = performance.now();
    try {
      return await inner(req);
    } finally {
      callMs += performance.now() - c0;
    }
  };
  const ctx = { state: emu.state, runner };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const a = await runAccountImport(ctx, pkg);
  const b = await runAccessImport(ctx, pkg);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (a.outcome !== 'completed' || b.outcome !== 'completed')
    throw new Error(`import failed: ${a.error?.message ?? b.error?.message}`);
  const urls = emu
    .exchanges()
    .filter((e) => e.label !== 'token' && e.response?.status === 200)
    .map((e) => e.request.url);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    callMs,
    urls,
    accounts: emu.state.accountCount,
    links: emu.state.listLinks().length,
  };
}

/** Child mode: one size, floor and import runs alternating, prints a JSON result. */
async function runSize(users: number, runs: number): Promise<void> {
  // JIT warm-up on a small tenant of its own, so that the first import on the measured tenant does not pay the
  // compilation. The later imports raise only the process peak: the import's peak RSS is read right after the first.
  await importOnce(await setup(WARM_UP_USERS));
  const bench = await setup(users);
  const { fake, ws, apiToken } = bench;

  // The floor makes the same round trips as the import, token request included: issuing a token is a write in the
  // fake (the technical user's lastLogin), which drops the fake's listing caches, and the import pays that too.
  const token = async () => {
    const res = await fake.fetch(
      new Request('https://bench.leanix.net/services/mtm/v1/oauth2/token', {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      }),
    );
    return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
  };
  /**
   * One floor run: the token request, then every page GET of the import. `read`: 'text' reads each body as text (the
   * floor of the ratio: any HTTP client must read the body), 'none' leaves the bytes unread (the fake has already
   * built them), 'parse' adds JSON.parse of each body (what no import can avoid), 'keep' adds keeping a flat row of
   * each item (see ChildResult.keepFloorMs).
   */
  const floorCpuMs: number[] = [];
  const floorOnce = async (urls: string[], read: 'text' | 'none' | 'parse' | 'keep' = 'text') => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const bearer = await token();
    let seen = 0;
    const kept = new Map<unknown, Record<string, unknown>>();
    for (const url of urls) {
      const res = await fake.fetch(
        new Request(url, { headers: { Authorization: bearer, Accept: 'application/json' } }),
      );
      if (read === 'none') {
        seen += res.status === 200 ? 1 : 0;
        continue;
      }
      const text = await res.text();
      if (read === 'text') {
        seen += text.length;
        continue;
      }
      const items = (JSON.parse(text) as { data: Record<string, unknown>[] }).data;
      seen += items.length;
      if (read === 'keep')
        for (const item of items) {
          const row: Record<string, unknown> = {};
          for (const k in item) if (typeof item[k] === 'string') row[k] = item[k];
          kept.set(item.id, row);
        }
    }
    if (read === 'keep') seen += kept.size;
    if (seen === 0) throw new Error('floor read nothing');
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (read === 'text') floorCpuMs.push((cpu.user + cpu.system) / 1000);
    return ms;
  };

  /**
   * GC pause time of one run, ms, from V8's GC callbacks (`cost` is µs from a collection's prologue to its epilogue):
   * `gc` performance entries, tried first, reported 24-26 of the 84-85 collections --trace-gc logged in an import.
   */
  const gcPauseMs = async (run: () => Promise<unknown>): Promise<number> => {
    const profiler = new GCProfiler();
    profiler.start();
    await run();
    return profiler.stop().statistics.reduce((sum, s) => sum + s.cost, 0) / 1000;
  };
  const floorMs: number[] = [];
  const importMs: number[] = [];
  const importCpuMs: number[] = [];
  const callMs: number[] = [];
  const parseFloorMs: number[] = [];
  const keepFloorMs: number[] = [];
  const bareFloorMs: number[] = [];
  const warmBearer = await token();
  // Serve every listing once so the fake's own caches (serialised users) are in the baseline.
  for (const what of ['users', 'permissions'])
    for (let page = 1; ; page++) {
      const res = await fake.fetch(
        new Request(`https://bench.leanix.net/services/mtm/v1/workspaces/${ws.id}/${what}?page=${page}&size=100`, {
          headers: { Authorization: warmBearer },
        }),
      );
      const body = (await res.json()) as { total: number; data: unknown[] };
      if (page * 100 >= body.total || body.data.length === 0) break;
    }
  const baselineRssMb = process.memoryUsage().rss / 1048576;
  const first = await importOnce(bench);
  const importPeakRssMb = process.resourceUsage().maxRSS / 1024;
  // The first import's URLs drive the floor runs. The measured imports are the ones after it at every size: measuring
  // the first import at one size and later ones at another compared a tenant's first pass (its rows read and hashed
  // for the first time by this code) with repeated ones. The first import's time is reported on its own.
  await floorOnce(first.urls);
  floorCpuMs.length = 0;
  for (let i = 0; i < runs; i++) {
    floorMs.push(await floorOnce(first.urls));
    parseFloorMs.push(await floorOnce(first.urls, 'parse'));
    keepFloorMs.push(await floorOnce(first.urls, 'keep'));
    bareFloorMs.push(await floorOnce(first.urls, 'none'));
    const run = await importOnce(bench);
    importMs.push(run.ms);
    importCpuMs.push(run.cpuMs);
    callMs.push(run.callMs);
  }
  // GC pauses: one more floor + JSON.parse run and one more import under the profiler, after the timed rounds (it
  // records the heap's statistics at every collection, which would weigh on the timed runs)
  const parseFloorGcMs = await gcPauseMs(() => floorOnce(first.urls, 'parse'));
  const importGcMs = await gcPauseMs(() => importOnce(bench));
  const result: ChildResult = {
    users,
    accounts: first.accounts,
    links: first.links,
    roundTrips: first.urls.length,
    floorMs,
    importMs,
    firstImportMs: first.ms,
    callMs,
    parseFloorMs,
    keepFloorMs,
    bareFloorMs,
    parseFloorGcMs,
    importGcMs,
    floorCpuMs,
    importCpuMs,
    baselineRssMb,
    importPeakRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--size');
  if (at >= 0) {
    const users = Number(process.argv[at + 1]);
    await runSize(users, Number(process.env.BENCH_RUNS ?? 3));
    return;
  }
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const results: (ChildResult & { floor: number; parseFloor: number; import: number; ratio: number })[] = [];
  for (const users of sizes) {
    process.stderr.write(`bench:import ${users} users…\n`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--size', String(users)], {
      encoding: 'utf8',
      cwd: PROJECT_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`run of ${users} users failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as ChildResult;
    const floor = median(r.floorMs);
    const parseFloor = median(r.parseFloorMs);
    const imp = median(r.importMs);
    results.push({ ...r, floor, parseFloor, import: imp, ratio: imp / parseFloor });
  }
  const rows = results.map((r) => ({
    users: r.users,
    'round trips': r.roundTrips,
    accounts: r.accounts,
    links: r.links,
    'floor ms': Math.round(r.floor),
    'bare floor ms': Math.round(median(r.bareFloorMs)),
    'floor+parse ms': Math.round(r.parseFloor),
    'floor+parse+keep ms': Math.round(median(r.keepFloorMs)),
    'import ms': Math.round(r.import),
    'first import ms': Math.round(r.firstImportMs),
    'ratio to floor+parse (≤ 1.5)': Number(r.ratio.toFixed(2)),
    'ratio to floor+parse+keep': Number((r.import / median(r.keepFloorMs)).toFixed(2)),
    'ratio to floor': Number((r.import / r.floor).toFixed(2)),
    'CPU ratio': Number((median(r.importCpuMs) / median(r.floorCpuMs)).toFixed(2)),
    'in calls ms': Math.round(median(r.callMs)),
    'import logic ms': Math.round(r.import - median(r.callMs)),
    'GC pauses ms: import (floor+parse)': `${Math.round(r.importGcMs)} (${Math.round(r.parseFloorGcMs)})`,
    'peak RSS MB through import (≤ 700)': Math.round(r.importPeakRssMb),
    'of which fake+setup MB': Math.round(r.baselineRssMb),
    'process peak MB': Math.round(r.peakRssMb),
  }));
  console.table(rows);
  const base = results.find((r) => r.users === 10_000);
  const big = results.find((r) => r.users === 100_000);
  if (base && big) {
    console.log(`100,000 / 10,000 users import time: ${(big.import / base.import).toFixed(1)}x (target ≤ 11x)`);
    console.log(
      `100,000 / 10,000 users first import on the tenant: ${(big.firstImportMs / base.firstImportMs).toFixed(1)}x`,
    );
    // the same growth of what no import can avoid: how far from linear the fake, fetch and JSON.parse are themselves
    console.log(`100,000 / 10,000 users floor + JSON.parse: ${(big.parseFloor / base.parseFloor).toFixed(1)}x`);
  }
  const out = join(PROJECT_ROOT, '.harness-out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench-import.json'), JSON.stringify({ results }, null, 2));
}

await main();
