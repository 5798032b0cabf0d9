/**
 * The vitest bridge (`leanix-eic-harness/vitest`): scenario files as vitest tests, so they run in `vitest run` and
 * watch mode beside a team's other tests. One `describe` per scenario file (per variant, for scenarios with variants),
 * one test per step. Each scenario runs once, in its own fresh fake LeanIX and EIC emulator, before its step tests; a
 * step test fails with the runner's message (diff, exchanges, bindings; secrets redacted).
 *
 *   // scenarios.test.ts
 *   import { describeScenarios } from 'leanix-eic-harness/vitest';
 *   await describeScenarios('scenarios');
 */
import { relative, resolve, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../lib/diagnostic.ts';
import type { LoadedScenario } from './scenario/load.ts';
import { type RunOptions, runLoadedScenario, type ScenarioResult } from './scenario/run.ts';
import { isExcluded, loadScenarioRuns, type RunSelection, selectRuns, tagList } from './scenario/run-scenarios.ts';
import { runTitle } from './scenario/variants.ts';

/** Options of describeScenarios. */
export interface DescribeScenariosOptions extends RunSelection {
  /** Scenario files, folders or globs (relative to `cwd`), or loaded scenarios; default `scenarios/**\/*.scenario.yaml`. */
  paths?: readonly (string | LoadedScenario)[];
  /** Folder relative paths resolve against, and that test titles name files relative to (default the current one). */
  cwd?: string;
  /**
   * Scenarios with these tags are reported as skipped (default: the comma-separated `HARNESS_EXCLUDE_TAGS`, e.g.
   * `HARNESS_EXCLUDE_TAGS=slow npx vitest run`).
   */
  excludeTags?: readonly string[];
  /** Time one scenario may take, in ms (default 60,000). */
  timeoutMs?: number;
  /** Passed to each run (`verbose`, `onStep`, ...). */
  run?: RunOptions;
}

/**
 * Declares the vitest suites of scenario files: call it at the top level of a test file, awaited (it loads the files
 * first; a bad file throws its HarnessError with file and line, which fails the test file). Returns the runs declared.
 */
export async function describeScenarios(
  pathsOrOptions: string | readonly string[] | DescribeScenariosOptions = {},
): Promise<LoadedScenario[]> {
  const options: DescribeScenariosOptions =
    typeof pathsOrOptions === 'string'
      ? { paths: [pathsOrOptions] }
      : isStringList(pathsOrOptions)
        ? { paths: pathsOrOptions }
        : pathsOrOptions;
  const cwd = resolve(options.cwd ?? process.cwd());
  const excludeTags = options.excludeTags ?? tagList(process.env.HARNESS_EXCLUDE_TAGS);
  const runs = selectRuns(await loadScenarioRuns(options.paths ?? [], cwd), { grep: options.grep });
  for (const loaded of runs) {
    const title = runTitle({ name: loaded.scenario.name, variant: loaded.variant });
    const file = relative(cwd, loaded.file).split(sep).join('/');
    describe.skipIf(isExcluded(loaded, excludeTags))(`${title} (${file})`, () => {
      let result: ScenarioResult;
      beforeAll(async () => {
        result = await runLoadedScenario(loaded, options.run);
      }, options.timeoutMs ?? 60_000);
      it('sets up its world', () => {
        if (result.error) expect.fail(formatDiagnostic(result.error));
      });
      loaded.scenario.steps.forEach((step, i) => {
        it(step.name, () => {
          const r = result.steps[i];
          if (!r) return expect.fail('not run: the scenario could not start');
          if (r.status === 'skipped') return expect.fail('skipped: an earlier step failed');
          if (r.status === 'failed') expect.fail(r.failure ?? 'failed');
          expect(r.status).toBe('passed');
        });
      });
    });
  }
  return runs;
}

function isStringList(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
