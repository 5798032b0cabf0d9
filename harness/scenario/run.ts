/**
 * The scenario runner: one scenario = a fresh world (fake LeanIX + EIC emulator, see world.ts); its steps run in
 * order, each followed by its expectations. The first failing step fails the scenario and the rest are skipped.
 * The result is plain data (`ScenarioResult`) for the reporters, redacted: each step and the HAR of a failed scenario
 * pass through the run's SecretSet (the API token, access tokens, task and identity passwords, ConnectionJSON
 * credentials, secret headers of `http` steps: lib/redact.ts), which the fake's journal and the emulator share.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { SecretSet, secretValuesIn } from '../../lib/redact.ts';
import type { Har } from '../../mocks/leanix/har.ts';
import { type Identity, TASK_STATUS } from '../eic/types.ts';
import type { Exchange } from '../http/types.ts';
import { validatePackage } from '../validate/index.ts';
import { diag, type Outcome, type RunCtx, toDiag } from './context.ts';
import { formatStepExchanges } from './exchanges.ts';
import { checkStep } from './expect.ts';
import { runHttpStep } from './http-step.ts';
import { type LoadedScenario, loadScenario } from './load.ts';
import { durationMs, type ScenarioStep, STEP_ACTIONS } from './schema.ts';
import { type StepReport, stepReport } from './step-report.ts';
import { runExplainStep } from './steps/explain.ts';
import { taskInputOf } from './steps/task-input.ts';
import { runUseStep } from './steps/use.ts';
import { scenarioHar } from './token-traffic.ts';
import { expandVariants } from './variants.ts';
import { exchangeView, journalView, taskView } from './views.ts';
import { createWorld, interpolate, type World } from './world.ts';

export type { Outcome, RunCtx } from './context.ts';

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
  /** The import or WSRETRY report of the step: counts, changed records (old → new), warnings with hints. */
  report?: StepReport;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  file: string;
  name: string;
  /** The variant this run is (scenarios with `variants:` run once per variant). */
  variant?: string;
  description?: string;
  status: 'passed' | 'failed' | 'error';
  durationMs: number;
  steps: StepResult[];
  /** Set when the scenario could not start (bad package, bad given); status is then `error`. */
  error?: Diagnostic;
  /** The fake's journal as HAR, for a failed scenario. */
  har?: Har;
}

/** Runs one step's action (no expectations); returns what it produced. Used by the runner and the fault sweep. */
export async function runAction(step: ScenarioStep, ctx: RunCtx, stepName: string): Promise<Outcome> {
  const { fake, emu, vars } = ctx.world;
  if (step.use) return runUseStep(step.use, ctx);
  if (step.explain) return runExplainStep(step.explain, ctx, stepName);
  if (step.import) {
    const opts = { sleep: async (ms: number) => fake.clock.advance(ms) };
    const report = step.import === 'accounts' ? await emu.runAccountImport(opts) : await emu.runAccessImport(opts);
    return { report, error: report.outcome === 'completed' ? undefined : report.error };
  }
  if (step.provision) {
    const p = interpolate(step.provision, vars);
    ctx.world.secrets.addAll([p.password, ...secretValuesIn(p.attributes)]);
    const input = taskInputOf(p);
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

/** Options of a run. */
export interface RunOptions {
  /** Called after each step (reporters streaming progress). */
  onStep?: (step: StepResult) => void;
  /** Called once the scenario's world (fake and emulator) exists, before the first step (the inspector keeps it). */
  onWorld?: (world: World) => void;
  /** Called as a step starts (`index` counts from 0; skipped steps are not started). */
  onStepStart?: (index: number, name: string, action: string) => void;
  /** Show every HTTP exchange of a failed step in full (default: the failing one and its neighbours, the rest in one line each). */
  verbose?: boolean;
  /** Run the steps after a failed one, as the scenario's `keepGoing: true` does, whatever the scenario says. */
  keepGoing?: boolean;
  /**
   * Called after each step's expectations were checked, before the next step runs, with a function that checks other
   * expectations (a changed copy of the step) against the same outcome and world (the mutation check).
   */
  onStepChecked?: (index: number, recheck: (step: ScenarioStep) => string[]) => void;
}

/**
 * Runs a loaded scenario in a fresh world; never throws (problems become a failed or errored result). A scenario with
 * variants that was not expanded (expandVariants) runs its first variant.
 */
export async function runLoadedScenario(input: LoadedScenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const loaded = expandVariants(input)[0];
  const { scenario, file } = loaded;
  const started = performance.now();
  const result: ScenarioResult = {
    file,
    name: scenario.name,
    ...(loaded.variant !== undefined ? { variant: loaded.variant } : {}),
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
  const keepGoing = options.keepGoing || scenario.keepGoing;
  for (const [index, raw] of scenario.steps.entries()) {
    const action = STEP_ACTIONS.find((k) => k in raw) ?? 'unknown';
    if (failed && !keepGoing) {
      result.steps.push({ name: raw.name, action, status: 'skipped', durationMs: 0, requests: 0 });
      continue;
    }
    options.onStepStart?.(index, raw.name, action);
    const t0 = performance.now();
    const journalMark = world.fake.journal.newestId;
    const exchangeMark = world.emu.recorder.list().length;
    const tokenServerMark = world.tokenServer?.log.length ?? 0;
    let out: Outcome;
    try {
      out = await runAction(raw, ctx, raw.name);
    } catch (e) {
      out = { error: toDiag(e) };
    }
    const journal = world.fake.journal.query({ sinceId: journalMark }).map(journalView);
    const exchanges = out.exchanges ?? world.emu.recorder.list().slice(exchangeMark);
    const seen = {
      journal,
      tokenServer: (world.tokenServer?.log.slice(tokenServerMark) ?? []) as unknown as Record<string, unknown>[],
      exchanges: exchanges.map(exchangeView),
    };
    const fails = checkStep(raw, loaded.variant, out, ctx, seen);
    options.onStepChecked?.(index, (changed) => checkStep(changed, loaded.variant, out, ctx, seen));
    const report = stepReport(out.report);
    let step: StepResult = {
      name: raw.name,
      action,
      status: fails.length > 0 ? 'failed' : 'passed',
      durationMs: performance.now() - t0,
      requests: journal.length,
      ...(out.error ? { error: out.error } : {}),
      ...(report ? { report } : {}),
    };
    if (fails.length > 0) {
      failed = true;
      step.exchanges = exchanges;
      const parts = [`step "${raw.name}" (${action}) failed:`, ...fails];
      if (exchanges.length > 0) parts.push(formatStepExchanges(exchanges, options.verbose));
      step.failure = parts.join('\n');
    }
    step = secrets.redactValue(step);
    result.steps.push(step);
    options.onStep?.(step);
  }
  result.status = failed ? 'failed' : 'passed';
  if (failed)
    result.har = secrets.redactValue(scenarioHar(world.fake, world.tokenTraffic, `scenario ${scenario.name}`));
  result.durationMs = performance.now() - started;
  return result;
}

/** Runs every variant of a loaded scenario (one result each; one result for a scenario without variants). */
export async function runScenarioVariants(loaded: LoadedScenario, options: RunOptions = {}): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  for (const v of expandVariants(loaded)) out.push(await runLoadedScenario(v, options));
  return out;
}

/** Loads and runs one scenario file (file errors throw HarnessError with file and line); the first variant only. */
export async function runScenarioFile(file: string, options: RunOptions = {}): Promise<ScenarioResult> {
  return runLoadedScenario(await loadScenario(file), options);
}
