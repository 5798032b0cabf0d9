/**
 * Running many scenarios from code, as `harness run` does from the command line: files, folders or globs (default
 * `scenarios/**\/*.scenario.yaml`) and scenarios already loaded or defined, each variant in its own fresh world, with
 * the same selection by text and tags. The public `runScenarios` and the vitest bridge (harness/vitest.ts) use it.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import { findScenarioFiles } from './discover.ts';
import { type LoadedScenario, loadScenario } from './load.ts';
import { type RunSummary, summarize } from './reporters/summary.ts';
import { type RunOptions, runLoadedScenario, type ScenarioResult } from './run.ts';
import { type RunSelection, selectRuns } from './select.ts';
import { expandVariants } from './variants.ts';

export { isExcluded, type RunSelection, selectRuns, tagList } from './select.ts';

/** Options of runScenarios. */
export interface RunScenariosOptions extends RunSelection, RunOptions {
  /** Folder that relative paths and the default glob resolve against (default the current directory). */
  cwd?: string;
  /** Stop after the first scenario that does not pass. */
  bail?: boolean;
}

/** What runScenarios returns: one result per run (a scenario with variants gives one per variant) and the totals. */
export interface ScenariosRun {
  results: ScenarioResult[];
  summary: RunSummary;
}

/**
 * Loads scenarios given as files, folders or globs (relative to `cwd`), or already loaded (`defineScenario`,
 * `loadScenario`), and expands their variants. Every file is checked first: the first bad one throws its HarnessError
 * (file, line and JSON path); a path that matches nothing throws too.
 */
export async function loadScenarioRuns(
  inputs: readonly (string | LoadedScenario)[] = [],
  cwd: string = process.cwd(),
): Promise<LoadedScenario[]> {
  const paths = inputs.filter((i): i is string => typeof i === 'string');
  const files = paths.length > 0 || inputs.length === 0 ? findScenarioFiles(paths, cwd) : [];
  const problems: Diagnostic[] = [];
  const loaded: LoadedScenario[] = [];
  for (const f of files) {
    try {
      loaded.push(await loadScenario(f));
    } catch (e) {
      if (!isHarnessError(e)) throw e;
      problems.push(e.toDiagnostic());
    }
  }
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more file problem(s))` : '';
    throw new HarnessError(first.code, `${first.message}${more}`, first.location, first.hint);
  }
  const given = inputs.filter((i): i is LoadedScenario => typeof i !== 'string');
  return [...loaded, ...given].flatMap(expandVariants);
}

/**
 * Runs scenarios (see loadScenarioRuns for what `inputs` may be; none: `scenarios/**\/*.scenario.yaml` under `cwd`),
 * each variant in its own fresh fake LeanIX and EIC emulator, one after another; returns their results and the totals
 * that `prettyReport`, `junitReport`, `jsonReport` and `htmlReport` render. A failing scenario never throws.
 */
export async function runScenarios(
  inputs: readonly (string | LoadedScenario)[] = [],
  options: RunScenariosOptions = {},
): Promise<ScenariosRun> {
  const { cwd, bail, grep, excludeTags, ...runOptions } = options;
  const runs = selectRuns(await loadScenarioRuns(inputs, cwd), { grep, excludeTags });
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const run of runs) {
    const r = await runLoadedScenario(run, runOptions);
    results.push(r);
    if (bail && r.status !== 'passed') break;
  }
  return { results, summary: summarize(results, performance.now() - started) };
}
