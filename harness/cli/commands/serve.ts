/**
 * `harness serve`: the fake LeanIX on a real HTTP port (loopback by default), with the `/__harness/` control API and
 * the inspector (its API under `/__harness/` and its page at `/`; `--no-inspector` leaves only the control API).
 * Prints the URL, a demo API token and a ready-to-paste curl that fetches an access token; runs until SIGINT/SIGTERM.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { TenantSpec } from '../../../fixtures/tenant/generate.ts';
import type { InspectorApi } from '../../../inspector/server/api.ts';
import { HarnessError, isHarnessError } from '../../../lib/diagnostic.ts';
import type { FakeLeanIX } from '../../../mocks/leanix/fake.ts';
import type { FakeServer, Mount } from '../../../mocks/leanix/http-server.ts';
import type { ApiToken, TenantData } from '../../../mocks/leanix/model.ts';
import { type ParentGone, watchParent } from '../parent-watch.ts';

// The fake, msw, jose and faker load only when `serve` runs, so other commands start fast.

/** Options of `harness serve` (also the programmatic entry used by tests). */
export interface ServeOptions {
  port?: number;
  host?: string;
  seed?: number;
  users?: number;
  workspaces?: number;
  tenant?: string;
  adminToken?: string;
  linkHeaders?: boolean;
  rateLimit?: number;
  /** Fake milliseconds each MTM request takes (rateLimit.serviceTimeMs), so rate-limit windows roll over. */
  serviceTime?: number;
  journalSize?: number;
  tokenLifetime?: number;
  /** Serve the inspector: its API under /__harness/ and its page at / (default true; `--no-inspector`). */
  inspector?: boolean;
  /** With the inspector on, also build and serve its page (default true; tests of the API alone turn it off). */
  page?: boolean;
  /** More Host names the `/__harness/` API answers without an admin token (`--allowed-host`, repeatable). */
  allowedHost?: string[];
  /**
   * The scenario files the inspector lists (`--scenarios`, repeatable; files, folders, globs as `harness run` takes
   * them, relative to the current directory). Default: what `harness run` would run here, `scenarios/**\/*.scenario.yaml`.
   */
  scenarios?: string[];
}

/** A started `serve`: the fake, its server, the token printed, and a stop function. */
export interface Serving {
  fake: FakeLeanIX;
  server: FakeServer;
  demoToken: ApiToken | undefined;
  /** Where the tenant came from, for the banner. */
  label: string;
  /** The inspector API (worlds, scenarios, runs, events), or null with `--no-inspector`. */
  inspector: InspectorApi | null;
  /** True when the inspector page is served at `/`. */
  page: boolean;
  /** Ends the event streams and timers, then stops the server. */
  stop(): Promise<void>;
}

/** Reads and checks a tenant file (fixtures/tenant/file.ts); HarnessError names the file and the problem. */
export async function loadTenantFile(file: string): Promise<TenantData> {
  const { readTenantFile } = await import('../../../fixtures/tenant/file.ts');
  return readTenantFile(file);
}

/** The tenant `serve` starts with: a file, a generated spec, or the built-in demo tenant. */
export async function tenantFor(opts: ServeOptions): Promise<{ data: TenantData; label: string }> {
  if (opts.tenant) {
    if (opts.seed !== undefined || opts.users !== undefined || opts.workspaces !== undefined)
      throw new HarnessError('serve.options', '--tenant cannot be combined with --seed, --users or --workspaces');
    return { data: await loadTenantFile(opts.tenant), label: opts.tenant };
  }
  const { DEMO_TENANT_SPEC, generateTenant } = await import('../../../fixtures/tenant/generate.ts');
  if (opts.seed === undefined && opts.users === undefined && opts.workspaces === undefined)
    return { data: generateTenant(DEMO_TENANT_SPEC), label: 'built-in demo tenant' };
  const spec: TenantSpec = { ...DEMO_TENANT_SPEC };
  if (opts.seed !== undefined) spec.seed = opts.seed;
  if (opts.users !== undefined) spec.users = opts.users;
  if (opts.workspaces !== undefined) spec.workspacesPerAccount = opts.workspaces;
  return { data: generateTenant(spec), label: `generated tenant ${JSON.stringify(spec)}` };
}

/** The first usable API token (not revoked, not expired at fake time `now`), preferring the first workspace's. */
export function pickDemoToken(data: TenantData, now: number): ApiToken | undefined {
  return data.apiTokens.find((t) => !t.revoked && Date.parse(t.expiresAt) > now);
}

/** Starts the fake and its server with the given options. */
export async function startServe(opts: ServeOptions): Promise<Serving> {
  const { data, label } = await tenantFor(opts);
  const { createFakeLeanIX } = await import('../../../mocks/leanix/fake.ts');
  const { startFakeServer } = await import('../../../mocks/leanix/http-server.ts');
  const fake = await createFakeLeanIX({
    tenant: data,
    quirks: opts.linkHeaders ? { linkHeaders: true } : undefined,
    rateLimit: {
      ...(opts.rateLimit ? { enabled: true, requestsPerMinute: opts.rateLimit } : {}),
      ...(opts.serviceTime !== undefined ? { serviceTimeMs: opts.serviceTime } : {}),
    },
    journalSize: opts.journalSize,
    tokenLifetimeSeconds: opts.tokenLifetime,
    delayMode: 'wall',
  });
  let inspector: InspectorApi | null = null;
  const mounts: Mount[] = [];
  let page = false;
  if (opts.inspector !== false) {
    if (opts.scenarios) {
      // explicit paths that match nothing are a usage error, as with `harness run`
      const { findScenarioFiles } = await import('../../scenario/discover.ts');
      findScenarioFiles(opts.scenarios);
    }
    const { createInspectorApi } = await import('../../../inspector/server/api.ts');
    inspector = createInspectorApi(fake, {
      adminToken: opts.adminToken,
      ...(opts.scenarios ? { scenarios: { paths: opts.scenarios, cwd: process.cwd() } } : {}),
    });
    mounts.push(inspector.mount);
    if (opts.page !== false) {
      const { createPageMount, ensureInspectorBuilt } = await import('../../../inspector/server/static.ts');
      let dir: string;
      try {
        dir = await ensureInspectorBuilt();
      } catch (e) {
        inspector.close();
        if (isHarnessError(e))
          throw new HarnessError(
            e.code,
            e.message,
            e.location,
            [e.hint, 'or serve without it: --no-inspector'].filter(Boolean).join('; '),
          );
        throw e;
      }
      mounts.push(createPageMount(dir));
      page = true;
    }
  }
  let server: FakeServer;
  try {
    server = await startFakeServer(fake, {
      host: opts.host,
      port: opts.port,
      adminToken: opts.adminToken,
      allowedHosts: opts.allowedHost,
      mounts,
      // The inspector's mount answers the control API too (one snapshot list for /__harness/ and the live world).
      control: inspector === null,
    });
  } catch (e) {
    inspector?.close();
    throw e;
  }
  const demoToken = pickDemoToken(data, fake.clock.now());
  return {
    fake,
    server,
    demoToken,
    label,
    inspector,
    page,
    stop: async () => {
      inspector?.close();
      await server.close();
    },
  };
}

/** What the inspector lists: how many scenario files, from where (or why none). */
function scenarioLine(inspector: InspectorApi): string {
  const n = inspector.scenarios.list().length;
  const { paths, cwd, problem } = inspector.scenarios.info();
  if (problem)
    return `none: ${problem.message} in ${cwd} (serve where your scenarios/ folder is, or --scenarios <path>)`;
  return `${n} file${n === 1 ? '' : 's'} from ${paths.join(' ')} in ${cwd}`;
}

/** The start banner: URL, tenant, demo token, what the inspector lists and a curl that fetches an access token. */
export function banner(s: Serving): string {
  const { url } = s.server;
  const c = s.fake.counts();
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const lines = [
    `Fake LeanIX MTM API listening on ${url}`,
    `  MTM base URL:  ${url}/services/mtm/v1`,
    `  control API:   ${url}/__harness/`,
    ...(s.page ? [`  inspector:     ${url}/`] : []),
    ...(s.inspector ? [`  scenarios:     ${scenarioLine(s.inspector)}`] : []),
    `  tenant:        ${s.label} (${n(c.accounts, 'account')}, ${n(c.workspaces, 'workspace')}, ${n(c.users, 'user')}, ${n(c.permissions, 'permission')})`,
  ];
  if (s.demoToken) {
    const ws = s.fake.store.workspace(s.demoToken.workspaceId);
    lines.push(`  API token:     ${s.demoToken.token}  (workspace ${ws?.name ?? '?'} ${s.demoToken.workspaceId})`);
    lines.push('', 'Fetch an access token:');
    lines.push(
      `  curl -s -u apitoken:${s.demoToken.token} --data grant_type=client_credentials ${url}/services/mtm/v1/oauth2/token`,
    );
  } else lines.push('  API token:     none usable in this tenant (add one with POST /__harness/seed)');
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** Messages for why a server stops (the parent watch's reasons and the signals). */
const STOP_REASON: Record<ParentGone | 'SIGINT' | 'SIGTERM', string> = {
  SIGINT: 'SIGINT',
  SIGTERM: 'SIGTERM',
  SIGHUP: 'SIGHUP (terminal closed)',
  'parent-exited': 'the process that started harness serve exited',
  'stdin-closed': 'stdin closed (the process that started harness serve went away)',
};

/**
 * Waits until SIGINT or SIGTERM, or (with `exitWithParent`) until the starter goes away (harness/cli/parent-watch.ts:
 * the parent exits, piped stdin ends, SIGHUP); then stops the server. Without `exitWithParent` SIGHUP still stops it
 * unless the process ignores it (nohup).
 */
export async function serveUntilStopped(
  serving: Serving,
  opts: {
    exitWithParent: boolean;
    /** Printed once the stop handlers are in place, so a starter that signals on seeing it is always heard. */
    announce?: string;
  },
): Promise<void> {
  await new Promise<void>((done) => {
    let unwatch = () => {};
    const stop = (why: keyof typeof STOP_REASON) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      unwatch();
      process.stdout.write(`\n${STOP_REASON[why]}: stopping the fake LeanIX\n`);
      serving.stop().then(done, done);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (opts.exitWithParent) unwatch = watchParent(stop);
    if (opts.announce !== undefined) process.stdout.write(opts.announce);
  });
}

const int = (name: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return n;
};

/** Registers `serve` on the program. */
export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the fake LeanIX MTM API over HTTP (loopback by default) with the /__harness/ control API and the inspector page',
    )
    .option('-p, --port <n>', 'port to listen on (0 picks a free port)', int('--port', 0), 8080)
    .option('--host <host>', 'interface to bind; a non-loopback address requires --admin-token', '127.0.0.1')
    .option('--seed <n>', 'generate the tenant from this seed instead of the demo tenant', int('--seed', 0))
    .option('--users <n>', 'number of users of the generated tenant', int('--users', 1))
    .option('--workspaces <n>', 'workspaces per account of the generated tenant', int('--workspaces', 1))
    .option('--tenant <file.json>', 'seed from a tenant JSON file (as exported by GET /__harness/state/export)')
    .option(
      '--admin-token <token>',
      'bearer token the control API demands (required off loopback; or set HARNESS_ADMIN_TOKEN)',
    )
    .option('--link-headers', 'send Link headers on list responses (quirk linkHeaders)')
    .option('--rate-limit <n>', 'enable rate limiting at n requests per user per minute', int('--rate-limit', 1))
    .option(
      '--service-time <ms>',
      'fake milliseconds each MTM request takes (the fake clock advances by it, so rate-limit windows roll over)',
      int('--service-time', 0),
    )
    .option('--journal-size <n>', 'journal ring-buffer capacity', int('--journal-size', 1))
    .option('--token-lifetime <seconds>', 'access-token lifetime in seconds', int('--token-lifetime', 1))
    .option('--no-inspector', 'serve neither the inspector page nor its API (the control API stays)')
    .option(
      '--allowed-host <name>',
      'another Host name the /__harness/ API answers without an admin token (loopback names only by default; repeatable)',
      (v: string, all: string[] = []) => [...all, v.toLowerCase()],
    )
    .option(
      '--scenarios <path>',
      'scenario files, folders or globs the inspector lists (repeatable; default: scenarios/**/*.scenario.yaml here, as harness run)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option(
      '--no-exit-with-parent',
      'keep serving when the process that started this one exits (a daemon, nohup, a server started in one CI step and used in the next)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Runs until Ctrl+C (SIGINT), SIGTERM or SIGHUP (terminal closed), or until the process that started it goes',
        'away (its parent exits, e.g. npx killed with SIGTERM, or its piped stdin ends); --no-exit-with-parent keeps it',
        'running then. Fault delays run on the wall clock in this mode (and advance the fake clock).',
      ].join('\n'),
    )
    .action(async (opts: ServeOptions & { exitWithParent?: boolean }) => {
      if (opts.adminToken === undefined && process.env.HARNESS_ADMIN_TOKEN)
        opts.adminToken = process.env.HARNESS_ADMIN_TOKEN;
      const serving = await startServe(opts);
      await serveUntilStopped(serving, {
        exitWithParent: opts.exitWithParent !== false,
        announce: `${banner(serving)}\n`,
      });
    });
}
