/**
 * The inspector's run queue: scenario runs one at a time, each in a fresh world kept as `run-<n>`, progress published
 * as `run` events. A scenario with variants runs once per variant (a run each), as with `harness run`.
 */
import { runLoadedScenario, type ScenarioResult, type StepResult } from '../../harness/scenario/run.ts';
import { expandVariants, runTitle } from '../../harness/scenario/variants.ts';
import { type Diagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import type { Notifier } from './events.ts';
import { apiError } from './respond.ts';
import type { ScenarioCatalog, ScenarioEntry, StepEntry } from './scenarios.ts';
import type { WorldRegistry } from './worlds.ts';

/** One step of a run. */
export interface RunStep {
  name: string;
  action: string;
  status: 'pending' | 'running' | 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  requests?: number;
  failure?: string;
  error?: Diagnostic;
  exchanges?: StepResult['exchanges'];
}

/** A scenario run as the inspector reports it. */
export interface RunInfo {
  id: string;
  scenarioId: string;
  /** The variant run (scenarios with `variants:`); `name` then ends with ` [<variant>]`. */
  variant?: string;
  name: string;
  file: string;
  status: 'queued' | 'running' | 'passed' | 'failed' | 'error';
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  worldId?: string;
  steps: RunStep[];
  error?: Diagnostic;
}

const toDiag = (e: unknown): Diagnostic =>
  isHarnessError(e)
    ? e.toDiagnostic()
    : { code: 'inspector.run', severity: 'error', message: e instanceof Error ? e.message : String(e) };

/** Options of the run queue. */
export interface RunQueueOptions {
  catalog: ScenarioCatalog;
  worlds: WorldRegistry;
  events: Notifier;
  /** Runs listed (default 50). */
  keep?: number;
}

/** Runs scenarios one at a time, each in its own world (kept in the registry as `run-<n>`). */
export class RunQueue {
  private readonly runs: RunInfo[] = [];
  private next = 1;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: RunQueueOptions) {}

  /**
   * Queues runs of a catalog scenario: the given variant, or every variant of a scenario with variants (one run
   * each), or the scenario. HttpError 404 for an unknown id, 400 for a scenario that cannot run or an unknown variant.
   */
  start(scenarioId: string, variant?: string): RunInfo[] {
    const entry = this.options.catalog.get(scenarioId);
    if (!entry) throw apiError(404, 'inspector.scenario', `no scenario with id ${JSON.stringify(scenarioId)}`);
    if (entry.error)
      throw apiError(400, 'inspector.scenario', `scenario ${scenarioId} cannot run: ${entry.error.message}`, {
        location: entry.error.location,
      });
    return this.plan(entry, variant).map((p) => this.queue(entry, p.variant, p.steps));
  }

  /** The runs a start makes: one per variant asked for (all by default), or the scenario itself. */
  private plan(entry: ScenarioEntry, variant: string | undefined): { variant?: string; steps: StepEntry[] }[] {
    const variants = entry.variants ?? [];
    if (variant === undefined)
      return variants.length > 0
        ? variants.map((v) => ({ variant: v.name, steps: v.steps }))
        : [{ steps: entry.steps }];
    const v = variants.find((x) => x.name === variant);
    if (!v)
      throw apiError(
        400,
        'inspector.variant',
        variants.length === 0
          ? `scenario ${entry.id} has no variants`
          : `scenario ${entry.id} has no variant ${JSON.stringify(variant)}`,
        {
          path: ['variant'],
          ...(variants.length > 0 ? { hint: `variants: ${variants.map((x) => x.name).join(', ')}` } : {}),
        },
      );
    return [{ variant: v.name, steps: v.steps }];
  }

  private queue(entry: ScenarioEntry, variant: string | undefined, steps: StepEntry[]): RunInfo {
    const run: RunInfo = {
      id: `run-${this.next++}`,
      scenarioId: entry.id,
      ...(variant !== undefined ? { variant } : {}),
      name: runTitle({ name: entry.name, variant }),
      file: entry.file,
      status: 'queued',
      steps: steps.map((s) => ({ ...s, status: 'pending' })),
    };
    this.runs.unshift(run);
    this.runs.splice(this.options.keep ?? 50);
    this.publish(run);
    this.chain = this.chain.then(() => (this.closed ? undefined : this.execute(run)));
    return run;
  }

  /** The runs, newest first. */
  list(): RunInfo[] {
    return [...this.runs];
  }

  /** The run with this id. */
  get(id: string): RunInfo | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Resolves when every queued run has ended. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Starts no more queued runs. */
  close(): void {
    this.closed = true;
  }

  private publish(run: RunInfo): void {
    this.options.events.send('run', run);
  }

  private async execute(run: RunInfo): Promise<void> {
    const { catalog, worlds, events } = this.options;
    const t0 = performance.now();
    run.status = 'running';
    run.startedAt = new Date().toISOString();
    this.publish(run);
    let current = -1;
    let result: ScenarioResult;
    try {
      const all = expandVariants(await catalog.load(run.scenarioId));
      const loaded = run.variant === undefined ? all[0] : all.find((l) => l.variant === run.variant);
      if (!loaded || loaded.variant !== run.variant)
        throw apiError(400, 'inspector.variant', `${run.file} no longer has the variant ${run.variant ?? '(none)'}`);
      result = await runLoadedScenario(loaded, {
        onWorld: (world) => {
          const dropped = worlds.addRun(run.id, run.scenarioId, run.name, world);
          run.worldId = run.id;
          events.notify(run.id, []); // the world's counters as they start
          for (const d of dropped) {
            const r = this.get(d.id);
            if (r) delete r.worldId;
          }
          events.send('worlds', {});
        },
        onStepStart: (index) => {
          current = index;
          if (run.steps[index]) run.steps[index].status = 'running';
          this.publish(run);
        },
        onStep: (step) => {
          if (current >= 0) run.steps[current] = stepOf(step);
          events.notify(run.id, ['eic']);
          this.publish(run);
        },
      });
    } catch (e) {
      result = { file: run.file, name: run.name, status: 'error', durationMs: 0, steps: [], error: toDiag(e) };
    }
    result.steps.forEach((s, i) => {
      run.steps[i] = stepOf(s);
    });
    run.status = result.status;
    if (result.error) run.error = result.error;
    run.finishedAt = new Date().toISOString();
    run.durationMs = performance.now() - t0;
    this.publish(run);
  }
}

function stepOf(s: StepResult): RunStep {
  return {
    name: s.name,
    action: s.action,
    status: s.status,
    durationMs: s.durationMs,
    requests: s.requests,
    ...(s.failure !== undefined ? { failure: s.failure } : {}),
    ...(s.error ? { error: s.error } : {}),
    ...(s.exchanges ? { exchanges: s.exchanges } : {}),
  };
}
