/** The JSON reporter: every result (without HAR, which goes to its own file) and the summary. */
import type { ScenarioResult } from '../run.ts';
import type { RunSummary } from './summary.ts';

/** The JSON report document. */
export function jsonReport(results: readonly ScenarioResult[], summary: RunSummary): string {
  return `${JSON.stringify({ summary, scenarios: results.map(({ har: _har, ...r }) => r) }, null, 2)}\n`;
}
