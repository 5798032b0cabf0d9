/**
 * Watch mode (`harness run --watch`): runs the scenarios once, then reruns those whose files changed: the scenario
 * file, or anything its `given`, its variants and its `use` steps reference (dependencies.ts). A burst of changes (an
 * editor's save: temporary file, rename, attribute change) is one rerun after a quiet time. Scenario files that
 * appear in a watched folder are loaded and run; deleted ones are dropped. A file that does not load (invalid YAML, a
 * schema error) prints its typed error and waits for the next save; a package that does not load fails its
 * scenarios' runs with the package's error, as `harness run` reports it. Only the scenario files that changed are
 * read again; each run builds its world afresh, as every run does. A save that leaves a file's content as the
 * scenario's last run read it (an editor saving on focus loss, `touch`) reruns nothing: each run keeps a hash of the
 * content of every file it read.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { type Diagnostic, formatDiagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { type Dependency, scenarioDependencies } from './dependencies.ts';
import { DirectoryWatcher, nearestDirectory } from './dir-watcher.ts';
import { DEFAULT_SCENARIO_GLOB, findScenarioFiles, globBase, scenarioFolders } from './discover.ts';
import { type LoadedScenario, loadScenario } from './load.ts';
import { ms, prettyScenario } from './reporters/pretty.ts';
import { summarize, summaryLine } from './reporters/summary.ts';
import type { ScenarioResult } from './run.ts';
import { expandVariants } from './variants.ts';

/** Options of watchScenarios. */
export interface WatchOptions {
  /** Scenario files, folders or globs, as `harness run` takes them (default `scenarios/**\/*.scenario.yaml`). */
  paths: readonly string[];
  /** Where relative paths start and what output is relative to (default the current directory). */
  cwd?: string;
  /** Runs a scenario run (one variant); by default the scenario runner. */
  run?: (loaded: LoadedScenario) => Promise<ScenarioResult>;
  /** Keeps the runs to run (the CLI's --grep and --exclude-tag); default all. */
  select?: (runs: LoadedScenario[]) => LoadedScenario[];
  /** Where output goes (default stdout). */
  write?: (text: string) => void;
  /** The quiet time that ends a burst of changes, in ms (default 100). */
  debounceMs?: number;
  /** Ends watch mode: no new round starts; the promise resolves once the round in progress has ended. */
  signal?: AbortSignal;
  /** Called after each round (tests and tools). */
  onRound?: (round: WatchRound) => void;
}

/** One round: the first run of everything (`changed` null), or a rerun after changes. */
export interface WatchRound {
  index: number;
  changed: string[] | null;
  results: ScenarioResult[];
  /** Scenario files that did not load this round. */
  problems: Diagnostic[];
  /** Scenario files dropped because they were deleted. */
  removed: string[];
}

interface Known {
  loaded?: LoadedScenario;
  deps: Dependency[];
  /** The content hash of each file its last run read (its own file and its dependencies' files), taken before reading. */
  seen: Map<string, string>;
}

/** True when `changed` is `path`, lies inside it, or contains it (a folder deleted or renamed). */
const touches = (changed: string, path: string) =>
  changed === path || changed.startsWith(path + sep) || path.startsWith(changed + sep);

/** The files behind a dependency: the file itself, or the files directly in a folder (a package, connector files). */
function filesOf(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isFile()) return [path];
  if (!st?.isDirectory()) return [];
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(path, e.name));
  } catch {
    return [];
  }
}

/** A file's content hash; undefined when it is gone, unreadable or not a file. */
function contentHash(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the scenarios, then reruns the affected ones on every change until `signal` aborts. */
export async function watchScenarios(options: WatchOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((t: string) => process.stdout.write(t));
  const select = options.select ?? ((r: LoadedScenario[]) => r);
  const runOne = options.run ?? (async (l: LoadedScenario) => (await import('./run.ts')).runLoadedScenario(l, {}));
  const debounceMs = options.debounceMs ?? 100;
  const known = new Map<string, Known>();
  const rel = (p: string) => relative(cwd, p) || '.';

  // Changes collect in `pending`; a burst ends after `debounceMs` without a change (`ready`), which wakes the loop.
  // A burst that ends during a round is taken when the round is over.
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let ready = false;
  let wake: (() => void) | undefined;
  const watcher = new DirectoryWatcher((path) => {
    pending.add(path);
    ready = false;
    clearTimeout(timer);
    timer = setTimeout(() => {
      ready = true;
      wake?.();
    }, debounceMs);
  });
  const stop = () => wake?.();
  options.signal?.addEventListener('abort', stop, { once: true });
  const quiet = () =>
    new Promise<void>((resolve) => {
      if (ready || options.signal?.aborted) resolve();
      else wake = resolve;
    });

  /** The scenario files the paths match now (none when a glob matches nothing or a folder is gone). */
  const discover = (): { files: string[]; problem?: Diagnostic } => {
    try {
      return { files: findScenarioFiles(options.paths, cwd) };
    } catch (e) {
      if (!isHarnessError(e)) throw e;
      return { files: [], problem: e.toDiagnostic() };
    }
  };

  /**
   * Watches the folders scenario files can appear in (for a path that does not exist yet, its nearest existing
   * parent, where it would appear), and those holding (or being) each dependency.
   */
  const syncWatches = () => {
    const dirs = new Set(scenarioFolders(options.paths, cwd));
    for (const arg of options.paths.length > 0 ? options.paths : [DEFAULT_SCENARIO_GLOB]) {
      const abs = resolve(cwd, arg);
      dirs.add(nearestDirectory(/[*?]/.test(arg) ? globBase(abs.split(sep).join('/')) : abs));
    }
    for (const k of known.values())
      for (const d of k.deps) {
        const dir = nearestDirectory(d.path);
        dirs.add(dir);
        // a dependency that is a folder (a package) is watched itself and in its parent (deleted and re-created)
        if (dir === d.path) dirs.add(nearestDirectory(`${d.path}${sep}..`));
      }
    watcher.set(dirs);
  };

  const round = async (index: number, changed: string[] | null): Promise<WatchRound> => {
    const started = performance.now();
    const { files, problem } = discover();
    const removed = [...known.keys()].filter((f) => !files.includes(f));
    for (const f of removed) known.delete(f);
    // Content hashes, each taken once a round and before the round reads the file: a save during the round then differs
    // from what the run read, and reruns it. A change counts for a scenario only when the file's content is not the one
    // its last run read (an editor saving on focus loss, `touch`), or the path is no file (a folder, a deleted file).
    const hashes = new Map<string, string | undefined>();
    const hashOf = (path: string) => {
      if (!hashes.has(path)) hashes.set(path, contentHash(path));
      return hashes.get(path);
    };
    const differs = (k: Known, c: string) => {
      const h = hashOf(c);
      return h === undefined || k.seen.get(c) !== h;
    };
    // the changed paths that count: new to every scenario, or with content a scenario did not read
    const counted = new Set(
      (changed ?? []).filter((c) => ![...known.values()].some((k) => k.deps.some((d) => touches(c, d.path)))),
    );
    const affected = files.filter((f) => {
      const k = known.get(f);
      if (!k || changed === null) return true;
      let hit = false;
      for (const c of changed)
        if (k.deps.some((d) => touches(c, d.path)) && differs(k, c)) {
          counted.add(c);
          hit = true;
        }
      return hit;
    });
    const problems: Diagnostic[] = [];
    for (const f of affected) hashOf(f); // before loading them
    for (const f of affected) {
      const k = known.get(f);
      if (k?.loaded && changed !== null && !changed.some((c) => touches(c, f))) continue; // only a dependency changed
      try {
        const loaded = await loadScenario(f);
        known.set(f, { loaded, deps: scenarioDependencies(loaded), seen: new Map() });
      } catch (e) {
        if (!isHarnessError(e)) throw e;
        problems.push(e.toDiagnostic());
        // keep watching what it depended on while it was good, and the file itself
        known.set(f, { deps: k?.deps ?? [{ path: f, kind: 'scenario' }], seen: new Map() });
      }
    }
    syncWatches();
    // what this round's runs read: the scenario files (hashed before loading) and their dependencies' files (before the
    // runs below read them)
    for (const f of affected) {
      const k = known.get(f)!;
      k.seen = new Map();
      for (const path of [f, ...k.deps.flatMap((d) => filesOf(d.path))]) {
        const h = hashOf(path);
        if (h !== undefined) k.seen.set(path, h);
      }
    }
    // a file created in a new folder between the discovery and the new folder's watch: taken in the next round
    for (const f of discover().files)
      if (!known.has(f)) {
        pending.add(f);
        ready = true;
      }
    const runs = select(affected.flatMap((f) => (known.get(f)?.loaded ? expandVariants(known.get(f)!.loaded!) : [])));
    if (changed !== null && runs.length === 0 && problems.length === 0 && removed.length === 0)
      return { index, changed, results: [], problems, removed }; // nothing of ours changed (a temporary file)
    const time = new Date().toTimeString().slice(0, 8);
    // name what changed that matters (not an editor's temporary files)
    const deps = [...known.values()].flatMap((k) => k.deps.map((d) => d.path));
    const named = (changed ?? []).filter(
      (c) => removed.includes(c) || (counted.has(c) && deps.some((d) => touches(c, d))),
    );
    const what =
      changed === null
        ? `watch mode: ${files.length} scenario file${files.length === 1 ? '' : 's'}`
        : `${named.slice(0, 3).map(rel).join(', ')}${named.length > 3 ? ` and ${named.length - 3} more` : ''} changed`;
    write(`\n── ${time} ${what}: ${runs.length} run${runs.length === 1 ? '' : 's'}\n`);
    if (problem && files.length === 0) write(`${formatDiagnostic(problem)}\n`);
    for (const f of removed) write(`removed ${rel(f)}\n`);
    for (const d of problems) write(`${formatDiagnostic(d)}\n    (fix it and save: the file is read again)\n`);
    const results: ScenarioResult[] = [];
    for (const l of runs) {
      const r = await runOne(l);
      results.push(r);
      write(`${prettyScenario(r, cwd)}\n`);
    }
    const summary = summarize(results, performance.now() - started);
    const broken = [...known.values()].filter((k) => !k.loaded).length;
    write(
      `${summaryLine(summary)} (${ms(summary.durationMs)})${broken > 0 ? `, ${broken} scenario file${broken === 1 ? '' : 's'} not loaded` : ''} · watching ${known.size} scenario file${known.size === 1 ? '' : 's'}; Ctrl+C to stop\n`,
    );
    return { index, changed, results, problems, removed };
  };

  try {
    // (`onRound?.(await round())` would skip the round itself when there is no onRound)
    let index = 0;
    const first = await round(index++, null);
    options.onRound?.(first);
    while (!options.signal?.aborted) {
      await quiet();
      if (options.signal?.aborted) break;
      const changed = [...pending].sort();
      pending.clear();
      ready = false;
      if (changed.length === 0) continue;
      const next = await round(index++, changed);
      options.onRound?.(next);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    watcher.close();
  }
}
