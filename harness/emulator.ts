/**
 * The EIC emulator facade: one connection package, one EIC state, one auth manager (shared by every task and job,
 * so a refreshed token is reused), one exchange journal.
 *
 *   const emu = createEmulator({ package: pkg, transport: { fetch: fake.fetch, now: fake.clock.now, inProcess: true } });
 *   const task = await emu.submitTask({ type: 'NEWACCOUNT', identity: 'jdoe' });  // instant provisioning if enabled
 *   await emu.runProvisioningJob();                                              // WSRETRY
 *
 * It reaches the target only through `transport.fetch` (real fetch by default) and never imports mocks/.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { HarnessError } from '../lib/diagnostic.ts';
import type { SecretSet } from '../lib/redact.ts';
import type { EicState, TaskInput } from './eic/state.ts';
import { createEicState } from './eic/state.ts';
import type { Identity, SecuritySystemSettings, Task } from './eic/types.ts';
import { seededUuids } from './groovy/index.ts';
import { AuthManager, tokenRefreshMaxTryCountOf } from './http/auth/index.ts';
import { type CallOptions, type CallResult, type CallRuntime, type CallSpec, executeCall } from './http/call.ts';
import { ExchangeRecorder } from './http/recorder.ts';
import { groovyRendererWith, type Renderer } from './http/render.ts';
import { type TestConnectionOptions, type TestConnectionResult, testConnection } from './http/test-connection.ts';
import { type RetryAfterMode, type RetryBackoff, readConnectionTimeoutConfig, uniformLimits } from './http/timeouts.ts';
import type { Exchange, NetworkConditions, Transport } from './http/types.ts';
import type { UrlWhitespaceMode } from './http/url.ts';
import {
  type ImportOptions,
  type ImportReport,
  runAccessImport,
  runAccountImport,
  runtimeCallRunner,
} from './jobs/import/index.ts';
import {
  type JobReport,
  type ProvisioningContext,
  type ProvisioningOptions,
  runProvisioningJob,
  runTaskAttempt,
} from './jobs/provision/index.ts';
import type { ConnectionPackage } from './package/types.ts';

/** Options of `createEmulator`. */
export interface EmulatorOptions {
  package: ConnectionPackage;
  /** How to reach the target; missing parts default to global fetch, Date.now and setTimeout. */
  transport?: Partial<Transport>;
  settings?: Partial<SecuritySystemSettings>;
  identities?: Identity[];
  provisioning?: ProvisioningOptions;
  /** Defaults of every import run (each run's own options win). */
  imports?: ImportOptions;
  /** One request timeout for every phase in ms, overriding ConfigJSON connectionTimeoutConfig (default: 60 s each). */
  timeoutMs?: number;
  /** Growth of connectionTimeoutConfig retry waits (default: exponential when retryWaitMaxValue is set, else fixed). */
  retryBackoff?: RetryBackoff;
  /** A retried answer's Retry-After: `ignore` (default; no source says EIC reads it) or `honour` (harness/http/retry.ts). */
  retryAfter?: RetryAfterMode;
  /** Simulated connect/upload latency on the transport's clock (shows connectionTimeout and writeTimeout). */
  network?: NetworkConditions;
  /** Leading/trailing whitespace in rendered URLs: `trim` (default) or `reject`; see harness/http/url.ts. */
  urlWhitespace?: UrlWhitespaceMode;
  /**
   * Template renderer override (default: harness/groovy on the transport's clock, so `new Date()` and friends read
   * fake time in scenarios, with UUID.randomUUID() from a generator seeded with `idSeed`).
   */
  render?: Renderer;
  /** Seed of the repeatable UUID.randomUUID() source of the default renderer (default 1). */
  idSeed?: number;
  /**
   * EIC's "Connector Files" folder, where SignedHeaders key files are read by name [DOC S3 note on v23.8]; default the
   * package folder (the folder holding the export or zip).
   */
  connectorFiles?: string;
  /** The secret values of the run, shared with whatever else reports on it (default: a set of its own). */
  secrets?: SecretSet;
}

/** A running emulator. */
export interface Emulator {
  readonly package: ConnectionPackage;
  readonly state: EicState;
  readonly auth: AuthManager;
  readonly recorder: ExchangeRecorder;
  /** The call runtime (for imports and scenarios): transport, auth, journal, timeout. */
  readonly runtime: CallRuntime;
  /** Creates a task (status NEW); with instant provisioning it is attempted once at once (no retries). */
  submitTask(input: TaskInput): Promise<Task>;
  /** Runs one attempt of a task now (by id, or creates it from input first). */
  runTask(task: string | TaskInput): Promise<Task>;
  /** Runs the WSRETRY job once over the pending tasks. */
  runProvisioningJob(): Promise<JobReport>;
  /** Runs the account import job (ImportAccountEntJSON accountParams) with EIC's reconciliation. */
  runAccountImport(options?: ImportOptions): Promise<ImportReport>;
  /** Runs the access import job (entitlementParams and acctEntParams) with EIC's reconciliation. */
  runAccessImport(options?: ImportOptions): Promise<ImportReport>;
  /** EIC's Save & Test Connection: every auth block's testConnectionParams (or token request); never throws. */
  testConnection(options?: Omit<TestConnectionOptions, 'owner'>): Promise<TestConnectionResult>;
  /** Executes one call object with the shared runtime (import reuses this). */
  executeCall(spec: CallSpec, opts: CallOptions): Promise<CallResult>;
  /** Recorded exchanges (all, or those of one task/job), redacted. */
  exchanges(owner?: { kind: 'task' | 'job'; id: string }): Exchange[];
}

function defaultTransport(t: Partial<Transport> = {}): Transport {
  return {
    fetch: t.fetch ?? ((req: Request) => fetch(req)),
    now: t.now ?? (() => Date.now()),
    sleep: t.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms))),
    inProcess: t.inProcess,
  };
}

/** Creates an emulator for one connection package. */
export function createEmulator(opts: EmulatorOptions): Emulator {
  const pkg = opts.package;
  const transport = defaultTransport(opts.transport);
  const render = opts.render ?? groovyRendererWith({ clock: transport.now, randomUUID: seededUuids(opts.idSeed ?? 1) });
  const recorder = new ExchangeRecorder(opts.secrets);
  const timeouts = readConnectionTimeoutConfig(pkg.attributes.ConfigJSON?.json, {
    backoff: opts.retryBackoff,
    retryAfter: opts.retryAfter,
  });
  const limits = opts.timeoutMs !== undefined ? uniformLimits(opts.timeoutMs) : timeouts.limits;
  const timeoutMs = opts.timeoutMs ?? timeouts.limits.readMs;
  const conn = pkg.attributes.ConnectionJSON;
  const connectorFiles = opts.connectorFiles ?? (pkg.kind === 'folder' ? pkg.origin : dirname(pkg.origin));
  const auth = new AuthManager(conn?.json, {
    transport,
    recorder,
    render,
    timeoutMs,
    tokenRefreshMaxTryCount: tokenRefreshMaxTryCountOf(pkg.attributes.ConfigJSON?.json),
    readConnectorFile: (name) => readFile(resolve(connectorFiles, name), 'utf8'),
    missingReason: pkg.connectionEncrypted
      ? 'it is encrypted in the export; give a plaintext ConnectionJSON'
      : conn
        ? conn.parseError
          ? `it is not valid JSON: ${conn.parseError.message}`
          : undefined
        : 'the package has no ConnectionJSON',
  });
  const state = createEicState(opts.settings, transport.now);
  for (const i of opts.identities ?? []) state.upsertIdentity(i);
  const runtime: CallRuntime = {
    transport,
    auth,
    recorder,
    render,
    timeoutMs,
    limits,
    retry: timeouts.retry,
    network: opts.network,
    urlWhitespace: opts.urlWhitespace,
  };
  const ctx: ProvisioningContext = { state, pkg, runtime, options: opts.provisioning, now: transport.now };
  let jobs = 0;

  const importContext = () => ({
    state,
    runner: runtimeCallRunner(runtime, { kind: 'job', id: `import-${++jobs}` }),
    render,
    now: transport.now,
  });

  const attempt = async (id: string, startedBy: string): Promise<Task> => {
    const task = state.getTask(id);
    if (!task) throw new HarnessError('eic.task-unknown', `no task with id ${id}`);
    await runTaskAttempt(task, ctx, undefined, startedBy);
    return task;
  };

  return {
    package: pkg,
    state,
    auth,
    recorder,
    runtime,
    async submitTask(input) {
      const task = state.createTask(input);
      if (state.settings.instantProvisioning) await attempt(task.id, 'instant provisioning, no retries');
      return task;
    },
    async runTask(t) {
      return attempt(typeof t === 'string' ? t : state.createTask(t).id, 'run now');
    },
    async runProvisioningJob() {
      jobs += 1;
      return runProvisioningJob(ctx, `WSRETRY-${jobs}`);
    },
    runAccountImport: (o) => runAccountImport(importContext(), pkg, { ...opts.imports, ...o }),
    runAccessImport: (o) => runAccessImport(importContext(), pkg, { ...opts.imports, ...o }),
    testConnection: (o) => testConnection(runtime, { ...o, owner: { kind: 'job', id: `test-connection-${++jobs}` } }),
    executeCall: (spec, o) => executeCall(spec, runtime, o),
    exchanges: (owner) => recorder.list(owner),
  };
}
