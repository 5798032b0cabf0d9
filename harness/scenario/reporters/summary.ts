/** Counts of a run and the summary line every reporter ends with. */
import type { ScenarioResult } from '../run.ts';

/** Totals of a run. */
export interface RunSummary {
  passed: number;
  failed: number;
  errors: number;
  durationMs: number;
}

/** Adds up results (an errored scenario counts as failed in the line, and separately in `errors`). */
export function summarize(results: readonly ScenarioResult[], durationMs: number): RunSummary {
  return {
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status !== 'passed').length,
    errors: results.filter((r) => r.status === 'error').length,
    durationMs,
  };
}

/** The last line of every run: `N passed, M failed`. */
export function summaryLine(s: RunSummary): string {
  return `${s.passed} passed, ${s.failed} failed`;
}
