/**
 * The report of a step as the reporters show it: the import report (counts, then the changed records with the columns
 * that changed, old → new, then warnings with their hints), the WSRETRY job report (each attempt with its status
 * change and reason) and an `explain` step's rendered requests with its findings, as text and as data whose record
 * lists are cut to REPORT_RECORDS each (counts stay whole).
 */
import { type Diagnostic, formatDiagnostic } from '../../lib/diagnostic.ts';
import { formatExplain } from '../dry-run.ts';
import type { Exchange } from '../http/types.ts';
import type { ImportReport } from '../jobs/import/report.ts';
import { renderImportReport } from '../jobs/import/report.ts';
import type { JobReport } from '../jobs/provision/wsretry.ts';
import { taskStatusName } from './views.ts';

/** A step's report in a scenario result. */
export interface StepReport {
  kind: 'import' | 'wsretry' | 'explain';
  /** The report as text (terminal, JUnit system-out, HTML); at most TEXT_RECORDS records per section. */
  text: string;
  /** The report's data, each record list cut to REPORT_RECORDS (`omitted` says how many were left out where). */
  data: unknown;
}

/** Records per section in the text. */
export const TEXT_RECORDS = 10;
/** Records per list in the data. */
export const REPORT_RECORDS = 50;

const isImportReport = (r: unknown): r is ImportReport =>
  typeof r === 'object' &&
  r !== null &&
  'counts' in r &&
  ((r as ImportReport).kind === 'account' || (r as ImportReport).kind === 'access');
const isJobReport = (r: unknown): r is JobReport =>
  typeof r === 'object' && r !== null && 'jobId' in r && Array.isArray((r as JobReport).attempts);

/** The report of an `explain` step (steps/explain.ts). */
export interface ExplainReport {
  task: Record<string, unknown>;
  exchanges: Exchange[];
  findings: Diagnostic[];
}

const isExplainReport = (r: unknown): r is ExplainReport =>
  typeof r === 'object' &&
  r !== null &&
  Array.isArray((r as ExplainReport).exchanges) &&
  Array.isArray((r as ExplainReport).findings);

/** Cuts every list inside `value` (two levels of objects deep) to `max` entries; records what it left out. */
function capLists(value: Record<string, unknown>, max: number): Record<string, unknown> {
  const omitted: Record<string, number> = {};
  const cap = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) {
      if (v.length > max) omitted[path] = v.length - max;
      return v.slice(0, max);
    }
    if (typeof v === 'object' && v !== null && path.split('.').length < 2)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cap(x, `${path}.${k}`)]));
    return v;
  };
  const out = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'warnings' || k === 'counts' ? v : cap(v, k)]),
  );
  return Object.keys(omitted).length > 0 ? { ...out, omitted } : out;
}

/** The text of a WSRETRY job report: one line per attempt with its status change and reason. */
export function renderJobReport(r: JobReport): string {
  const lines = [
    `${r.jobId}: ${r.attempts.length} task attempt(s): ${r.completed} completed, ${r.retryable} to retry, ${r.failed} failed`,
  ];
  for (const a of r.attempts.slice(0, TEXT_RECORDS)) {
    lines.push(
      `  task ${a.taskId} ${a.type}: ${taskStatusName(a.from)} → ${taskStatusName(a.to)}, try ${a.tries}${a.reason ? `: ${a.reason}` : ''}`,
    );
    if (a.error) lines.push(`    error: ${a.error}`);
  }
  if (r.attempts.length > TEXT_RECORDS) lines.push(`  … ${r.attempts.length - TEXT_RECORDS} more`);
  return lines.join('\n');
}

/** The StepReport of what a step's action returned, for imports and WSRETRY runs (undefined for other reports). */
export function stepReport(report: unknown): StepReport | undefined {
  if (isImportReport(report))
    return {
      kind: 'import',
      text: renderImportReport(report, TEXT_RECORDS),
      data: capLists(report as unknown as Record<string, unknown>, REPORT_RECORDS),
    };
  if (isJobReport(report))
    return {
      kind: 'wsretry',
      text: renderJobReport(report),
      data: capLists(report as unknown as Record<string, unknown>, REPORT_RECORDS),
    };
  if (isExplainReport(report))
    return {
      kind: 'explain',
      text: [
        formatExplain(report.exchanges.slice(0, TEXT_RECORDS)),
        ...report.findings.map((d) => formatDiagnostic(d)),
      ].join('\n'),
      data: { task: report.task, findings: report.findings, requests: report.exchanges.length },
    };
  return undefined;
}
