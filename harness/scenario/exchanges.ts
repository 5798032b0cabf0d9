/**
 * The HTTP exchanges of a failed step, as the failure text shows them: the failing exchange (an error, a timeout or a
 * status of 400 and above; else the last one) and its neighbours in full, then one line per other exchange, runs of
 * alike lines folded (`#4–#98 call1 GET https://…/users → 200 (95 exchanges)`). `verbose` shows every exchange in full.
 */
import type { Exchange } from '../http/types.ts';

/** Exchanges a step may have before the failure text shows only the failing ones in full. */
export const FULL_EXCHANGES = 6;
/** Failing exchanges shown in full (with one neighbour each side); later ones are summed up in one line each. */
const FOCUS_MAX = 3;

/** One exchange in full: request line, bodies (cut), evaluated bindings. */
export function formatExchange(e: Exchange): string {
  const lines = [`  #${e.seq} ${e.label} ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`];
  if (e.request.body) lines.push(`      request:  ${e.request.body.slice(0, 500)}`);
  if (e.response?.body) lines.push(`      response: ${e.response.body.slice(0, 500)}`);
  if (e.bindings && Object.keys(e.bindings).length > 0)
    for (const [k, v] of Object.entries(e.bindings)) lines.push(`      ${k} = ${String(v).slice(0, 300)}`);
  return lines.join('\n');
}

const failing = (e: Exchange) => e.error !== undefined || e.timeout !== undefined || (e.response?.status ?? 0) >= 400;

/** The indexes shown in full: the first failing exchanges (else the last one) and their neighbours. */
export function focusOf(list: readonly Exchange[]): number[] {
  let focus = list.flatMap((e, i) => (failing(e) ? [i] : [])).slice(0, FOCUS_MAX);
  if (focus.length === 0) focus = [list.length - 1];
  const shown = new Set<number>();
  for (const i of focus) for (const k of [i - 1, i, i + 1]) if (k >= 0 && k < list.length) shown.add(k);
  return [...shown].sort((a, b) => a - b);
}

/**
 * Folds runs of 3+ consecutive lines alike but for their `#seq`, page number and query into one line:
 * `#4–#98 … (95 alike)`.
 */
export function summarizeLines(lines: readonly string[], indent = '    '): string[] {
  const out: string[] = [];
  const show = (l: string) =>
    l
      .replace(/^#\d+ /, '')
      .replace(/\bpage \d+/, 'page …')
      .replace(/\?[^ ]*/, '?…');
  const key = (l: string) => show(l).replace('?…', '');
  const seq = (l: string) => Number(/^#(\d+)/.exec(l)?.[1] ?? Number.NaN);
  // a gap in the numbering (exchanges shown in full) ends a run
  const next = (a: string, b: string) => key(a) === key(b) && !(seq(b) - seq(a) > 1);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && next(lines[j - 1], lines[j])) j++;
    if (j - i < 3) for (const l of lines.slice(i, j)) out.push(`${indent}${l}`);
    else {
      const first = /^#\d+/.exec(lines[i])?.[0];
      const last = /^#\d+/.exec(lines[j - 1])?.[0];
      out.push(`${indent}${first ? `${first}–${last} ` : ''}${show(lines[i])} (${j - i} alike)`);
    }
    i = j;
  }
  return out;
}

const oneLine = (e: Exchange) =>
  `#${e.seq} ${e.label} ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`;

/** The exchanges part of a failure text (see the module comment). */
export function formatStepExchanges(list: readonly Exchange[], verbose = false): string {
  if (list.length === 0) return '';
  if (verbose || list.length <= FULL_EXCHANGES)
    return `HTTP exchanges of this step (${list.length}):\n${list.map(formatExchange).join('\n')}`;
  const shown = focusOf(list);
  const rest = list.filter((_, i) => !shown.includes(i));
  return [
    `HTTP exchanges of this step (${list.length}; the failing one and its neighbours, the others in one line each, all with --verbose):`,
    ...shown.map((i) => formatExchange(list[i])),
    `  the other ${rest.length}:`,
    ...summarizeLines(rest.map(oneLine)),
  ].join('\n');
}
