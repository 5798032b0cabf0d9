/** Which scenario runs `harness run --grep` / `--exclude-tag`, `runScenarios` and the vitest bridge keep. */
import type { LoadedScenario } from './load.ts';

/** Which runs to keep (as `harness run --grep` and `--exclude-tag`). */
export interface RunSelection {
  /** Only runs whose name or file contains the text (any case), or with that tag or variant. */
  grep?: string;
  /** Leave out runs with any of these tags (any case), e.g. `['slow']`. */
  excludeTags?: readonly string[];
}

/** Tags as given in options or a comma-separated environment variable: trimmed, lower case, no empties. */
export function tagList(tags: string | readonly string[] | undefined): string[] {
  const list = typeof tags === 'string' ? tags.split(',') : (tags ?? []);
  return list.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}

/** Whether a run is excluded by its tags. */
export function isExcluded(run: LoadedScenario, excludeTags: readonly string[] | undefined): boolean {
  const excluded = tagList(excludeTags);
  return (run.scenario.tags ?? []).some((t) => excluded.includes(t.toLowerCase()));
}

/** The runs a selection keeps, in order. */
export function selectRuns(runs: readonly LoadedScenario[], selection: RunSelection = {}): LoadedScenario[] {
  const grep = selection.grep?.toLowerCase();
  return runs.filter(
    (l) =>
      (!grep ||
        l.scenario.name.toLowerCase().includes(grep) ||
        l.file.toLowerCase().includes(grep) ||
        l.variant?.toLowerCase() === grep ||
        (l.scenario.tags ?? []).some((t) => t.toLowerCase() === grep)) &&
      !isExcluded(l, selection.excludeTags),
  );
}
