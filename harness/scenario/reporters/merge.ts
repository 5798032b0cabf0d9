/**
 * Merging the JSON reports of a sharded run (`harness run --shard i/n --reporter json --out shard-i/`) into one result
 * list, which any reporter then renders (`harness merge-reports`). The merged duration is the longest shard's, as
 * shards run side by side on separate machines.
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import { checkJsonDepth } from '../../../lib/limits.ts';
import type { ScenarioResult } from '../run.ts';
import { type RunSummary, summarize } from './summary.ts';

/** One JSON report to merge: its file name (for errors) and text. */
export interface ReportText {
  file: string;
  text: string;
}

/** Reads JSON reports and merges their scenarios (sorted by file, then name); throws HarnessError naming a bad file. */
export function mergeJsonReports(reports: readonly ReportText[]): { results: ScenarioResult[]; summary: RunSummary } {
  const results: ScenarioResult[] = [];
  let durationMs = 0;
  for (const { file, text } of reports) {
    let doc: unknown;
    checkJsonDepth(text, { file });
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new HarnessError('merge.report', `${file} is not valid JSON (${(e as Error).message})`, { file });
    }
    const d = doc as { summary?: { durationMs?: unknown }; scenarios?: unknown };
    if (typeof doc !== 'object' || doc === null || !Array.isArray(d.scenarios))
      throw new HarnessError(
        'merge.report',
        `${file} is not a harness JSON report: expected an object with a "scenarios" array`,
        { file, path: ['scenarios'] },
        'Write shard reports with `harness run --shard i/n --reporter json --out <dir>` (report.json).',
      );
    d.scenarios.forEach((s, i) => {
      const r = s as Partial<ScenarioResult>;
      if (typeof r?.file !== 'string' || typeof r.name !== 'string' || typeof r.status !== 'string')
        throw new HarnessError(
          'merge.report',
          `${file}: scenarios[${i}] is not a scenario result (expected file, name and status)`,
          { file, path: ['scenarios', i] },
        );
      results.push(r as ScenarioResult);
    });
    const ms = Number(d.summary?.durationMs ?? 0);
    if (Number.isFinite(ms)) durationMs = Math.max(durationMs, ms);
  }
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.name.localeCompare(b.name) || (a.variant ?? '').localeCompare(b.variant ?? ''),
  );
  return { results, summary: summarize(results, durationMs) };
}
