/**
 * Partial matching of expected values (from a scenario) against actual data, with matchers:
 * - the string `"{{any}}"`: any value that is present;
 * - `{ $regex: '...' }` (optionally `$flags`): a string (or number, as text) matching the regular expression;
 * - `{ $type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' }`: a value of that JSON type;
 * - `{ $absent: true }`: the field is missing (or null).
 * Objects match when every expected key matches (strict: and no other keys); arrays when every expected element
 * matches a distinct actual element (strict: same length, same order). Scalars compare by value; a number and a string
 * with the same text are equal (`status: 1` matches `'1'`), as YAML authors write them either way.
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

const MATCHER_KEYS = new Set(['$regex', '$flags', '$type', '$absent']);

/** True for an object that is a matcher (`$regex`, `$type`, `$absent`). */
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
    const used = new Set<number>();
    const out: Mismatch[] = [];
    expected.forEach((e, i) => {
      const j = actual.findIndex((a, k) => !used.has(k) && matchValue(e, a, strict).length === 0);
      if (j >= 0) used.add(j);
      else out.push({ path: [...path, i], expected: e, actual: undefined, note: 'no matching element' });
    });
    return out;
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
