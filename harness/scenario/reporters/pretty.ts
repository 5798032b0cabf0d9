/**
 * The terminal reporter: one line per step (✓ ✗ -), under it the step's import or WSRETRY report (counts, changed
 * records old → new, warnings with hints), failures in full, a summary line at the end.
 */
import { relative } from 'node:path';
import { formatDiagnostic } from '../../../lib/diagnostic.ts';
import type { ScenarioResult } from '../run.ts';
import { runTitle } from '../variants.ts';
import { type RunSummary, summaryLine } from './summary.ts';

/** A duration as the reports print it: `340 ms`, `1.25 s`. */
export const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/** Renders one scenario's result for a terminal. */
export function prettyScenario(r: ScenarioResult, cwd = process.cwd()): string {
  const head = `${r.status === 'passed' ? '✓' : '✗'} ${runTitle(r)}  (${relative(cwd, r.file)}, ${ms(r.durationMs)})`;
  const lines = [head];
  if (r.error) lines.push(`    ${formatDiagnostic(r.error)}`);
  for (const s of r.steps) {
    lines.push(`    ${MARK[s.status]} ${s.name}${s.status === 'skipped' ? ' (skipped)' : ` (${ms(s.durationMs)})`}`);
    if (s.report) lines.push(s.report.text.replace(/^/gm, '        '));
    if (s.failure) lines.push(s.failure.replace(/^/gm, '        '));
  }
  return lines.join('\n');
}

/** Renders a whole run: every scenario, then the summary line on its own line. */
export function prettyReport(results: readonly ScenarioResult[], summary: RunSummary, cwd = process.cwd()): string {
  return `${results.map((r) => prettyScenario(r, cwd)).join('\n')}\n\n${summaryLine(summary)} (${ms(summary.durationMs)})\n`;
}
