/** Formatting helpers: times as ISO 8601 in UTC, diagnostic locations, counts. */
import { formatLocation } from '../../../lib/diagnostic.ts';
import type { Diagnostic, Location, Summary } from './types.ts';

/** A time (epoch ms or a date string) as ISO 8601 UTC; '' for none. */
export function iso(t: number | string | null | undefined): string {
  if (t === null || t === undefined || t === '') return '';
  const d = new Date(typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}

/** A duration in ms, rounded. */
export function ms(n: number | undefined): string {
  if (n === undefined) return '';
  return n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`;
}

/**
 * A diagnostic location as the CLI prints it (`file:line:column attribute $.path`, lib/diagnostic.ts); an API error's
 * path comes already rendered as a string.
 */
export function where(loc: (Omit<Location, 'path'> & { path?: Location['path'] | string }) | undefined): string {
  if (!loc) return '';
  const { path, ...rest } = loc;
  if (typeof path !== 'string') return formatLocation({ ...rest, path });
  return [formatLocation(rest), path].filter(Boolean).join(' ');
}

/** Text of a value for a table cell. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Case-insensitive "does any of these values contain the query". */
export function matches(query: string, ...values: unknown[]): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return values.some((v) => v !== null && v !== undefined && String(v).toLowerCase().includes(q));
}

/** "1 user", "2 users": a number with its noun, plural unless it is 1 (`plural` for irregular nouns). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "N errors, N warnings, N info". */
export function summaryText(s: Summary): string {
  return `${s.error} errors, ${s.warning} warnings, ${s.info} info`;
}

/** Counts diagnostics by severity. */
export function summarize(diagnostics: Diagnostic[]): Summary {
  const s: Summary = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) if (d.severity in s) s[d.severity]++;
  return s;
}
