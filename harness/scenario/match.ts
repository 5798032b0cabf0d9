/**
 * Partial matching of expected values (from a scenario) against actual data, with matchers:
 * - the string `"{{any}}"`: any value that is present;
 * - `{ $regex: '...' }` (optionally `$flags`): a string (or number, as text) matching the regular expression;
 * - `{ $type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' }`: a value of that JSON type;
 * - `{ $absent: true }`: the field is missing (or null);
 * - `{ $count: n }`: a list of exactly n elements.
 * Objects match when every expected key matches (strict: and no other keys); arrays when every expected element
 * matches a distinct actual element (strict: same length, same order). Scalars compare by value; a number and a string
 * with the same text are equal (`status: 1` matches `'1'`), as YAML authors write them either way.
 * Lists are exact where written: `[]` is an empty list; an element `{ $exact: true }` makes the list hold exactly the
 * listed elements (any order); an element with `$count: n` says exactly n elements match the rest of it, one with
 * `$absent: true` that none does (these two do not use up elements; `{ $count: 0 }` alone: the list is empty).
 */
import { formatPath } from '../../lib/diagnostic.ts';

/** One difference between expected and actual. */
export interface Mismatch {
  /** JSON path from the root of the compared value. */
  path: (string | number)[];
  expected: unknown;
  actual: unknown;
  /** What went wrong when it is not a plain value difference. */
  note?: string;
}

const MATCHER_KEYS = new Set(['$regex', '$flags', '$type', '$absent', '$count']);

/** The list marker `{ $exact: true }`: the list holds exactly the listed elements. */
export const EXACT = '$exact';

/** True for an object that is a matcher (`$regex`, `$type`, `$absent`, `$count`). */
export function isMatcher(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => MATCHER_KEYS.has(k));
}

/** The JSON type name of a value (`array` and `null` apart from `object`). */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function matchMatcher(m: Record<string, unknown>, actual: unknown, path: (string | number)[]): Mismatch[] {
  if (m.$absent === true)
    return actual === undefined || actual === null ? [] : [{ path, expected: m, actual, note: 'expected no value' }];
  if (m.$absent === false && (actual === undefined || actual === null))
    return [{ path, expected: m, actual, note: 'expected a value' }];
  if (typeof m.$type === 'string' && jsonType(actual) !== m.$type)
    return [{ path, expected: m, actual, note: `expected a ${m.$type}, got ${jsonType(actual)}` }];
  if (typeof m.$count === 'number' && (!Array.isArray(actual) || actual.length !== m.$count))
    return [
      {
        path,
        expected: m,
        actual,
        note: Array.isArray(actual)
          ? `expected ${m.$count} element(s), got ${actual.length}`
          : `expected a list of ${m.$count}, got ${jsonType(actual)}`,
      },
    ];
  if (typeof m.$regex === 'string') {
    const re = new RegExp(m.$regex, typeof m.$flags === 'string' ? m.$flags : '');
    if ((typeof actual !== 'string' && typeof actual !== 'number') || !re.test(String(actual)))
      return [{ path, expected: m, actual, note: `expected to match /${m.$regex}/` }];
  }
  return [];
}

/** Compares `expected` with `actual`; returns every mismatch (empty = match). */
export function matchValue(
  expected: unknown,
  actual: unknown,
  strict = false,
  path: (string | number)[] = [],
): Mismatch[] {
  if (expected === '{{any}}')
    return actual === undefined ? [{ path, expected, actual, note: 'expected a value, found none' }] : [];
  if (isMatcher(expected)) return matchMatcher(expected, actual, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, note: `expected an array, got ${jsonType(actual)}` }];
    if (strict) {
      const out: Mismatch[] = [];
      if (expected.length !== actual.length)
        out.push({ path, expected: expected.length, actual: actual.length, note: 'array length differs' });
      expected.forEach((e, i) => {
        if (i < actual.length) out.push(...matchValue(e, actual[i], strict, [...path, i]));
      });
      return out;
    }
    return matchList(expected, actual, path);
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return [{ path, expected, actual, note: `expected an object, got ${jsonType(actual)}` }];
    const a = actual as Record<string, unknown>;
    const out: Mismatch[] = [];
    for (const [k, e] of Object.entries(expected)) out.push(...matchValue(e, a[k], strict, [...path, k]));
    if (strict)
      for (const k of Object.keys(a))
        if (!(k in expected))
          out.push({ path: [...path, k], expected: undefined, actual: a[k], note: 'unexpected key' });
    return out;
  }
  if (expected === actual) return [];
  if (
    (typeof expected === 'number' && typeof actual === 'string') ||
    (typeof expected === 'string' && typeof actual === 'number')
  )
    if (String(expected) === String(actual)) return [];
  return [{ path, expected, actual }];
}

/** True for the list marker `{ $exact: true }`. */
export function isExactMarker(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    (v as Record<string, unknown>)[EXACT] === true
  );
}

/** A list element with `$count` or `$absent: true` (a quantifier over the list, not an element of its own). */
export function quantifierOf(
  v: unknown,
): { count?: number; absent?: true; pattern: Record<string, unknown> } | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { $count, $absent, ...pattern } = v as Record<string, unknown>;
  if (typeof $count === 'number') return { count: $count, pattern };
  if ($absent === true) return { absent: true, pattern };
  return undefined;
}

/** An element pattern of a quantifier: its fields, or any element when it has none. */
const elementMatches = (pattern: Record<string, unknown>, a: unknown) =>
  Object.keys(pattern).length === 0 ? a !== undefined : matchValue(pattern, a).length === 0;

/** A (non-strict) list: `[]` empty, `$exact` marker, `$count` / `$absent` quantifiers, other elements each somewhere. */
function matchList(expected: unknown[], actual: unknown[], path: (string | number)[]): Mismatch[] {
  if (expected.length === 0)
    return actual.length === 0
      ? []
      : [{ path, expected, actual, note: `expected an empty list, got ${actual.length} element(s)` }];
  const exact = expected.some(isExactMarker);
  const used = new Set<number>();
  const covered = new Set<number>();
  const out: Mismatch[] = [];
  expected.forEach((e, i) => {
    if (isExactMarker(e)) return;
    const q = quantifierOf(e);
    if (q) {
      const hits = actual.flatMap((a, k) => (elementMatches(q.pattern, a) ? [k] : []));
      for (const k of hits) covered.add(k);
      if (q.absent && hits.length > 0)
        out.push({ path: [...path, i], expected: e, actual: actual[hits[0]], note: 'expected no element like this' });
      if (q.count !== undefined && hits.length !== q.count)
        out.push({
          path: [...path, i, '$count'],
          expected: q.count,
          actual: hits.length,
          note: `expected ${q.count} element(s) like this, found ${hits.length}`,
        });
      return;
    }
    const j = actual.findIndex((a, k) => !used.has(k) && matchValue(e, a).length === 0);
    if (j >= 0) used.add(j);
    else out.push({ path: [...path, i], expected: e, actual: undefined, note: 'no matching element' });
  });
  if (exact)
    actual.forEach((a, k) => {
      if (!used.has(k) && !covered.has(k))
        out.push({ path: [...path, k], expected: undefined, actual: a, note: 'element not in the $exact list' });
    });
  return out;
}

const show = (v: unknown): string => (v === undefined ? '(missing)' : JSON.stringify(v));

/** Renders mismatches as a readable diff: one `- expected` / `+ actual` pair per JSON path. */
export function formatMismatches(ms: readonly Mismatch[]): string {
  return ms
    .map((m) => {
      const p = formatPath(m.path);
      const lines = [`  at ${p}${m.note ? ` (${m.note})` : ''}`, `    - expected ${show(m.expected)}`];
      lines.push(`    + actual   ${show(m.actual)}`);
      return lines.join('\n');
    })
    .join('\n');
}
