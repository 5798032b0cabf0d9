/**
 * Scenarios for the inspector: the catalog (the project's bundled `scenarios/**\/*.scenario.yaml` and uploaded ones)
 * and the run queue (one run at a time, each in a fresh world kept as `run-<n>`, progress published as `run` events).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findScenarioFiles } from '../../harness/scenario/discover.ts';
import { type LoadedScenario, loadScenario, parseScenario } from '../../harness/scenario/load.ts';
import { runLoadedScenario, type ScenarioResult, type StepResult } from '../../harness/scenario/run.ts';
import { type Scenario, STEP_ACTIONS } from '../../harness/scenario/schema.ts';
import { type Diagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { readRegularFileSync } from '../../lib/files.ts';
import { LIMITS } from '../../lib/limits.ts';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import type { Notifier } from './events.ts';
import { apiError } from './respond.ts';
import type { WorldRegistry } from './worlds.ts';

/** The folder of the bundled scenarios. */
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');

/** A scenario as the catalog lists it. */
export interface ScenarioEntry {
  id: string;
  name: string;
  description?: string;
  tags: string[];
  /** Bundled: the path below the project root; uploaded: the uploaded file name. */
  file: string;
  source: 'bundled' | 'uploaded';
  steps: { name: string; action: string }[];
  /** Why the file cannot run (its first problem). */
  error?: Diagnostic;
}

interface Cached {
  mtimeMs: number;
  entry: ScenarioEntry;
}

const stepsOf = (s: Scenario) =>
  s.steps.map((step) => ({ name: step.name, action: STEP_ACTIONS.find((k) => k in step) ?? 'unknown' }));

function entryOf(
  id: string,
  file: string,
  source: ScenarioEntry['source'],
  parsed: ReturnType<typeof parseScenario>,
): ScenarioEntry {
  if (!parsed.ok) return { id, name: id, tags: [], file, source, steps: [], error: parsed.diagnostics[0] };
  const s = parsed.scenario;
  return {
    id,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags ?? [],
    file,
    source,
    steps: stepsOf(s),
  };
}

/** The scenario catalog: bundled files (re-read when they change) and uploads (kept in memory). */
export class ScenarioCatalog {
  private readonly cache = new Map<string, Cached>();
  private readonly uploaded = new Map<string, { entry: ScenarioEntry; loaded: LoadedScenario }>();

  /**
   * @param dir the bundled scenarios folder
   * @param uploads files uploaded to this server, which uploaded scenarios may name (`package: customer.zip`)
   */
  constructor(
    readonly dir: string = SCENARIOS_DIR,
    private readonly uploads?: { resolve(name: string): string | undefined },
  ) {}

  private bundled(): ScenarioEntry[] {
    let files: string[];
    try {
      files = findScenarioFiles([this.dir]);
    } catch {
      return [];
    }
    const out: ScenarioEntry[] = [];
    for (const abs of files) {
      const mtimeMs = statSync(abs, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      const hit = this.cache.get(abs);
      if (hit && hit.mtimeMs === mtimeMs) {
        out.push(hit.entry);
        continue;
      }
      const id = relative(this.dir, abs)
        .split(sep)
        .join('/')
        .replace(/\.scenario\.ya?ml$/, '');
      const file = relative(PROJECT_ROOT, abs).split(sep).join('/');
      let parsed: ReturnType<typeof parseScenario>;
      try {
        parsed = parseScenario(
          readRegularFileSync(abs, { max: LIMITS.scenarioBytes, what: 'scenario file' }).toString('utf8'),
          file,
        );
      } catch (e) {
        const d: Diagnostic = isHarnessError(e)
          ? e.toDiagnostic()
          : { code: 'scenario.read', severity: 'error', message: `cannot read scenario file ${file}` };
        parsed = { ok: false, diagnostics: [{ ...d, location: { ...d.location, file } }] };
      }
      const entry = entryOf(id, file, 'bundled', parsed);
      this.cache.set(abs, { mtimeMs, entry });
      out.push(entry);
    }
    return out;
  }

  /** Every scenario: bundled ones (sorted by file), then uploaded ones in upload order. */
  list(): ScenarioEntry[] {
    return [...this.bundled(), ...[...this.uploaded.values()].map((u) => u.entry)];
  }

  /** The scenario with this id. */
  get(id: string): ScenarioEntry | undefined {
    return this.uploaded.get(id)?.entry ?? this.bundled().find((e) => e.id === id);
  }

  /**
   * Adds (or replaces) an uploaded scenario. Returns it, or the problems found (each with line and column). A
   * relative path in it names a file uploaded to this server when one has that name, else resolves against the
   * bundled scenarios folder.
   */
  upload(name: string, text: string): { ok: true; scenario: ScenarioEntry } | { ok: false; diagnostics: Diagnostic[] } {
    const parsed = parseScenario(text, name);
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
    const id = `uploaded/${name.replace(/\.(scenario\.)?ya?ml$/i, '')}`;
    const entry = entryOf(id, name, 'uploaded', parsed);
    const base = this.dir;
    const loaded: LoadedScenario = {
      file: name,
      scenario: parsed.scenario,
      resolvePath: (p) => (isAbsolute(p) ? p : (this.uploads?.resolve(p) ?? resolve(base, p))),
    };
    this.uploaded.delete(id);
    this.uploaded.set(id, { entry, loaded });
    return { ok: true, scenario: entry };
  }

  /** The scenario ready to run: uploaded as stored, bundled read afresh. Throws HarnessError for a bad file. */
  async load(id: string): Promise<LoadedScenario> {
    const up = this.uploaded.get(id);
    if (up) return up.loaded;
    const entry = this.bundled().find((e) => e.id === id);
    if (!entry) throw apiError(404, 'inspector.scenario', `no scenario with id ${JSON.stringify(id)}`);
    return loadScenario(join(PROJECT_ROOT, entry.file));
  }
}

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

  /** Queues a run of a catalog scenario; HttpError 404 for an unknown id, 400 for a scenario that cannot run. */
  start(scenarioId: string): RunInfo {
    const entry = this.options.catalog.get(scenarioId);
    if (!entry) throw apiError(404, 'inspector.scenario', `no scenario with id ${JSON.stringify(scenarioId)}`);
    if (entry.error)
      throw apiError(400, 'inspector.scenario', `scenario ${scenarioId} cannot run: ${entry.error.message}`, {
        location: entry.error.location,
      });
    const run: RunInfo = {
      id: `run-${this.next++}`,
      scenarioId,
      name: entry.name,
      file: entry.file,
      status: 'queued',
      steps: entry.steps.map((s) => ({ ...s, status: 'pending' })),
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
      const loaded = await catalog.load(run.scenarioId);
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
