/**
 * The scenario runner: one scenario = a fresh world (fake LeanIX + EIC emulator, see world.ts); its steps run in
 * order, each followed by its expectations. The first failing step fails the scenario and the rest are skipped.
 * The result is plain data (`ScenarioResult`) for the reporters, redacted: each step and the HAR of a failed scenario
 * pass through the run's SecretSet (the API token, access tokens, task and identity passwords, ConnectionJSON
 * credentials, secret headers of `http` steps: lib/redact.ts), which the fake's journal and the emulator share.
 */
import { type Diagnostic, formatDiagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { SecretSet, secretValuesIn } from '../../lib/redact.ts';
import { type Har, toHar } from '../../mocks/leanix/har.ts';
import { type Identity, TASK_STATUS } from '../eic/types.ts';
import type { Exchange } from '../http/types.ts';
import { validatePackage } from '../validate/index.ts';
import { runHttpStep } from './http-step.ts';
import { type LoadedScenario, loadScenario } from './load.ts';
import { formatMismatches, matchValue } from './match.ts';
import { formatRecordFailure, matchRecords } from './records.ts';
import { durationMs, type ScenarioExpect, type ScenarioStep, STEP_ACTIONS } from './schema.ts';
import { exchangeView, journalView, KEYS, leanixView, taskView } from './views.ts';
import { createWorld, interpolate, type World } from './world.ts';

/** The outcome of one step. */
export interface StepResult {
  name: string;
  /** The step's action key (`import`, `provision`, ...). */
  action: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** Why it failed: the expectation failures and diffs, or an unexpected error (text, secrets redacted). */
  failure?: string;
  /** The step's own error, when it failed (expected or not). */
  error?: Diagnostic;
  /** The emulator's HTTP exchanges during this step (kept for failed steps only; redacted, with bindings). */
  exchanges?: Exchange[];
  /** Requests the fake LeanIX received during this step. */
  requests: number;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  file: string;
  name: string;
  description?: string;
  status: 'passed' | 'failed' | 'error';
  durationMs: number;
  steps: StepResult[];
  /** Set when the scenario could not start (bad package, bad given); status is then `error`. */
  error?: Diagnostic;
  /** The fake's journal as HAR, for a failed scenario. */
  har?: Har;
}

/** What a step produced, for its expectations. */
export interface Outcome {
  error?: Diagnostic;
  report?: unknown;
  diagnostics?: Diagnostic[];
  /** An `http` step's answer (`tokenRequest: true`: its own token request was refused, see http-step.ts). */
  response?: { status: number; headers: Record<string, string>; body: unknown; tokenRequest?: true };
}

/** Per-run mutable context. */
export interface RunCtx {
  world: World;
  snapshots: Map<
    string,
    { fake: ReturnType<World['fake']['snapshot']>; eic: ReturnType<World['emu']['state']['snapshot']> }
  >;
  taskSteps: Map<string, string>;
  accessToken?: string;
}

const diag = (code: string, message: string, hint?: string): Diagnostic => ({
  code,
  severity: 'error',
  message,
  ...(hint ? { hint } : {}),
});

const toDiag = (e: unknown): Diagnostic =>
  isHarnessError(e) ? e.toDiagnostic() : diag('scenario.internal', e instanceof Error ? e.message : String(e));

/** Runs one step's action (no expectations); returns what it produced. Used by the runner and the fault sweep. */
export async function runAction(step: ScenarioStep, ctx: RunCtx, stepName: string): Promise<Outcome> {
  const { fake, emu, vars } = ctx.world;
  if (step.import) {
    const opts = { sleep: async (ms: number) => fake.clock.advance(ms) };
    const report = step.import === 'accounts' ? await emu.runAccountImport(opts) : await emu.runAccessImport(opts);
    return { report, error: report.outcome === 'completed' ? undefined : report.error };
  }
  if (step.provision) {
    const p = interpolate(step.provision, vars);
    ctx.world.secrets.addAll([p.password, ...secretValuesIn(p.attributes)]);
    const input = {
      type: p.task,
      identity: p.identity ?? null,
      accountName: p.account ?? null,
      entitlement: p.entitlement ? { type: p.entitlement.type, entitlementID: p.entitlement.id } : null,
      attributes: p.attributes ?? {},
      password: p.password ?? null,
    };
    let task = p.run === 'instant' ? await emu.runTask(input) : await emu.submitTask(input);
    ctx.taskSteps.set(task.id, stepName);
    let report: unknown;
    if (p.run === 'wsretry' && task.status !== TASK_STATUS.COMPLETE) {
      report = await emu.runProvisioningJob();
      task = emu.state.getTask(task.id) ?? task;
    }
    const view = taskView(task, stepName);
    // a task moved on as COMPLETE after its last try failed still failed the step (its lastError says why)
    const provisioned = task.status === TASK_STATUS.COMPLETE && task.lastError?.severity !== 'error';
    if (p.run === 'none' || provisioned) return { report: report ?? view };
    return {
      report: report ?? view,
      error: task.lastError ?? diag('scenario.task', `task ${task.id} ended ${view.status}`),
    };
  }
  if (step.wsretry !== undefined) {
    const runs = step.wsretry?.runs ?? 1;
    let report: unknown;
    for (let i = 0; i < runs; i++) report = await emu.runProvisioningJob();
    return { report };
  }
  if (step.clock) {
    if ('advance' in step.clock) fake.clock.advance(durationMs(step.clock.advance));
    else {
      const t = Date.parse(step.clock.set);
      if (Number.isNaN(t)) return { error: diag('scenario.clock', `clock.set: not a date: ${step.clock.set}`) };
      fake.clock.set(t);
    }
    return {};
  }
  if (step.faults) {
    if (step.faults.clear) fake.faults.clear();
    for (const r of interpolate(step.faults.add ?? [], vars)) {
      const { delay, truncate, invalidJson, ...rest } = r;
      fake.faults.add({
        ...rest,
        ...(delay !== undefined ? { delayMs: durationMs(delay) } : {}),
        ...(truncate ? { corrupt: 'truncate' as const } : invalidJson ? { corrupt: 'invalid-json' as const } : {}),
      });
    }
    return {};
  }
  if (step.http) return runHttpStep(step.http, ctx);
  if (step.snapshot !== undefined) {
    if (typeof step.snapshot === 'string') {
      ctx.snapshots.set(step.snapshot, { fake: fake.snapshot(), eic: emu.state.snapshot() });
      return {};
    }
    const s = ctx.snapshots.get(step.snapshot.restore);
    if (!s)
      return {
        error: diag(
          'scenario.snapshot',
          `no snapshot named ${JSON.stringify(step.snapshot.restore)}`,
          `take it first with a step \`snapshot: ${step.snapshot.restore}\``,
        ),
      };
    fake.restore(s.fake);
    emu.state.restore(s.eic);
    return {};
  }
  if (step.identity) {
    const identity = interpolate(step.identity, vars) as Identity;
    ctx.world.secrets.addAll(secretValuesIn(identity));
    emu.state.upsertIdentity(identity);
    return {};
  }
  if (step.tokenServer) {
    const server = ctx.world.tokenServer;
    if (!server) return { error: diag('scenario.step', 'a tokenServer step needs given.tokenServer') };
    const t = interpolate(step.tokenServer, vars);
    if (t.set) server.reconfigure(t.set);
    if (t.revokeAll) server.revokeAll();
    for (const v of t.revoke ?? []) server.revoke(v);
    return {};
  }
  if (step.testConnection !== undefined) {
    const report = await emu.testConnection(step.testConnection ?? {});
    return { report, error: report.status === 'failed' ? report.error : undefined };
  }
  if (step.validate !== undefined) {
    const diagnostics = validatePackage(emu.package);
    const first = diagnostics.find((d) => d.severity === 'error');
    return { diagnostics, error: first };
  }
  return { error: diag('scenario.step', 'the step has no action') };
}

/** What a step's requests expectations are checked against: the fake's journal, the token server, the exchanges. */
export interface StepRequests {
  journal: Record<string, unknown>[];
  tokenServer: Record<string, unknown>[];
  exchanges: Record<string, unknown>[];
}

/** Checks `count`, `requests` and `inOrder` of a requests expectation against what `where` saw. */
function checkRequestList(
  where: string,
  spec: NonNullable<ScenarioExpect['journal']>,
  seen: Record<string, unknown>[],
  line: (r: Record<string, unknown>) => string,
): string[] {
  const fails: string[] = [];
  if (spec.count !== undefined && spec.count !== seen.length)
    fails.push(
      `${where}: expected ${spec.count} request(s), there were ${seen.length}:\n${seen.map((r) => `    ${line(r)}`).join('\n')}`,
    );
  if (!spec.requests) return fails;
  if (spec.inOrder) {
    let from = 0;
    spec.requests.forEach((pat, i) => {
      const k = seen.findIndex((r, idx) => idx >= from && matchValue(pat, r).length === 0);
      if (k < 0)
        fails.push(
          `${where}.requests[${i}]: no request matching ${JSON.stringify(pat)}${i > 0 ? ' after the previous one' : ''}`,
        );
      else from = k + 1;
    });
  } else for (const f of matchRecords(`${where}.requests`, spec.requests, seen, [])) fails.push(formatRecordFailure(f));
  return fails;
}

/** Checks one step's expectations; returns failure texts (empty = all hold). */
function checkExpect(exp: ScenarioExpect, out: Outcome, ctx: RunCtx, seen: StepRequests): string[] {
  const { fake, emu } = ctx.world;
  const fails: string[] = [];
  const records = (
    where: string,
    kind: string,
    pats: Record<string, unknown>[] | undefined,
    recs: () => Record<string, unknown>[],
    strict?: boolean,
  ) => {
    if (!pats) return;
    for (const f of matchRecords(where, pats, recs(), KEYS[kind], strict)) fails.push(formatRecordFailure(f));
  };
  if (exp.leanix) {
    const view = leanixView(fake.exportJson());
    for (const kind of ['users', 'workspaces', 'permissions'] as const)
      records(`leanix.${kind}`, kind, exp.leanix[kind], () => view[kind], exp.leanix.strict);
  }
  if (exp.eic) {
    const e = exp.eic;
    records('eic.accounts', 'accounts', e.accounts, () => emu.state.listAccounts() as never, e.strict);
    records(
      'eic.entitlements',
      'entitlements',
      e.entitlements,
      () => emu.state.listEntitlementValues() as never,
      e.strict,
    );
    records('eic.links', 'links', e.links, () => emu.state.listLinks() as never, e.strict);
    records(
      'eic.tasks',
      'tasks',
      e.tasks,
      () => emu.state.listTasks().map((t) => taskView(t, ctx.taskSteps.get(t.id))),
      e.strict,
    );
  }
  if (exp.report) {
    const m = out.report === undefined ? [] : matchValue(exp.report, out.report);
    if (out.report === undefined) fails.push('report: this step produced no report');
    else if (m.length > 0) fails.push(`report differs:\n${formatMismatches(m)}`);
  }
  const line = (r: Record<string, unknown>) =>
    `${r.label ? `${r.label} ` : ''}${r.method} ${r.path} → ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
  if (exp.journal) fails.push(...checkRequestList('journal', exp.journal, seen.journal, line));
  if (exp.tokenServer) {
    if (!ctx.world.tokenServer) fails.push('tokenServer: this scenario has no given.tokenServer');
    else fails.push(...checkRequestList('tokenServer', exp.tokenServer, seen.tokenServer, line));
  }
  if (exp.exchanges) fails.push(...checkRequestList('exchanges', exp.exchanges, seen.exchanges, line));
  if (exp.diagnostics)
    for (const f of matchRecords('diagnostics', exp.diagnostics, (out.diagnostics ?? []) as never, KEYS.diagnostics))
      fails.push(formatRecordFailure(f));
  if (exp.response) {
    if (!out.response) fails.push('response: this step made no HTTP call');
    else {
      const m = matchValue(exp.response, out.response);
      if (m.length > 0) fails.push(`response differs:\n${formatMismatches(m)}`);
    }
  }
  return fails;
}

function checkError(expected: ScenarioExpect['error'], err: Diagnostic | undefined): string[] {
  if (expected === undefined) return err ? [`unexpected error: ${formatDiagnostic(err)}`] : [];
  if (!err) return [`expected the step to fail (${JSON.stringify(expected)}), but it succeeded`];
  if (typeof expected === 'string')
    return err.code === expected || err.message.includes(expected)
      ? []
      : [
          `the step failed, but not as expected: wanted code or message containing ${JSON.stringify(expected)}, got ${formatDiagnostic(err)}`,
        ];
  const m = matchValue(expected, err);
  return m.length === 0 ? [] : [`the step failed, but not as expected:\n${formatMismatches(m)}`];
}

function formatExchanges(list: readonly Exchange[]): string {
  return list
    .map((e) => {
      const lines = [`  #${e.seq} ${e.label} ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`];
      if (e.request.body) lines.push(`      request:  ${e.request.body.slice(0, 500)}`);
      if (e.response?.body) lines.push(`      response: ${e.response.body.slice(0, 500)}`);
      if (e.bindings && Object.keys(e.bindings).length > 0)
        for (const [k, v] of Object.entries(e.bindings)) lines.push(`      ${k} = ${String(v).slice(0, 300)}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** Options of a run. */
export interface RunOptions {
  /** Called after each step (reporters streaming progress). */
  onStep?: (step: StepResult) => void;
  /** Called once the scenario's world (fake and emulator) exists, before the first step (the inspector keeps it). */
  onWorld?: (world: World) => void;
  /** Called as a step starts (`index` counts from 0; skipped steps are not started). */
  onStepStart?: (index: number, name: string, action: string) => void;
}

/** Runs a loaded scenario in a fresh world; never throws (problems become a failed or errored result). */
export async function runLoadedScenario(loaded: LoadedScenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const { scenario, file } = loaded;
  const started = performance.now();
  const result: ScenarioResult = {
    file,
    name: scenario.name,
    description: scenario.description,
    status: 'passed',
    durationMs: 0,
    steps: [],
  };
  // every secret the run meets goes here; whatever the result reports passes through it
  const secrets = new SecretSet();
  let world: World;
  try {
    world = await createWorld(loaded, { secrets });
  } catch (e) {
    const d = secrets.redactValue(toDiag(e));
    result.error = { ...d, location: { file, ...d.location } };
    result.status = 'error';
    result.durationMs = performance.now() - started;
    return result;
  }
  options.onWorld?.(world);
  const ctx: RunCtx = { world, snapshots: new Map(), taskSteps: new Map() };
  let failed = false;
  for (const [index, raw] of scenario.steps.entries()) {
    const action = STEP_ACTIONS.find((k) => k in raw) ?? 'unknown';
    if (failed) {
      result.steps.push({ name: raw.name, action, status: 'skipped', durationMs: 0, requests: 0 });
      continue;
    }
    options.onStepStart?.(index, raw.name, action);
    const t0 = performance.now();
    const journalMark = world.fake.journal.query({ limit: 1 })[0]?.id ?? 0;
    const exchangeMark = world.emu.recorder.list().length;
    const tokenServerMark = world.tokenServer?.log.length ?? 0;
    let out: Outcome;
    try {
      out = await runAction(raw, ctx, raw.name);
    } catch (e) {
      out = { error: toDiag(e) };
    }
    const journal = world.fake.journal.query({ sinceId: journalMark }).map(journalView);
    const exp = interpolate(raw.expect ?? {}, world.vars);
    const { error: expectedError, ...rest } = exp;
    let fails = checkError(expectedError, out.error);
    // Expectations of a validate step with diagnostics listed decide by themselves; an error is then not a failure.
    if (raw.validate !== undefined && exp.diagnostics && expectedError === undefined) fails = [];
    fails.push(
      ...checkExpect(rest, out, ctx, {
        journal,
        tokenServer: (world.tokenServer?.log.slice(tokenServerMark) ?? []) as unknown as Record<string, unknown>[],
        exchanges: world.emu.recorder.list().slice(exchangeMark).map(exchangeView),
      }),
    );
    let step: StepResult = {
      name: raw.name,
      action,
      status: fails.length > 0 ? 'failed' : 'passed',
      durationMs: performance.now() - t0,
      requests: journal.length,
      ...(out.error ? { error: out.error } : {}),
    };
    if (fails.length > 0) {
      failed = true;
      const exchanges = world.emu.recorder.list().slice(exchangeMark);
      step.exchanges = exchanges;
      const parts = [`step "${raw.name}" (${action}) failed:`, ...fails];
      if (exchanges.length > 0)
        parts.push(`HTTP exchanges of this step (${exchanges.length}):`, formatExchanges(exchanges));
      step.failure = parts.join('\n');
    }
    step = secrets.redactValue(step);
    result.steps.push(step);
    options.onStep?.(step);
  }
  result.status = failed ? 'failed' : 'passed';
  if (failed) result.har = secrets.redactValue(toHar(world.fake.journal.entries(), `scenario ${scenario.name}`));
  result.durationMs = performance.now() - started;
  return result;
}

/** Loads and runs one scenario file (file errors throw HarnessError with file and line). */
export async function runScenarioFile(file: string, options: RunOptions = {}): Promise<ScenarioResult> {
  return runLoadedScenario(await loadScenario(file), options);
}
