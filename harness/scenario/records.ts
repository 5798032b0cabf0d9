/**
 * Matches a list of expected record patterns against actual records of one kind, finding each record by its natural
 * key (users by email or userName, permissions by user + workspace, accounts by name, ...). Pattern keys:
 * - `$count: n`: exactly n records match the rest of the pattern;
 * - `$absent: true`: no record matches the rest of the pattern.
 * With `strict` (or an element `{ $exact: true }` in the list), every actual record must be matched by one of the
 * patterns; an empty list means no records at all.
 */
import { formatMismatches, isExactMarker, type Mismatch, matchValue } from './match.ts';

/** One failed record expectation, already explained. */
export interface RecordFailure {
  /** Where in the expectation: `leanix.users[0]`. */
  where: string;
  message: string;
  mismatches: Mismatch[];
}

/** Key sets tried in order; the first whose fields are all in the pattern selects the candidates. */
export type NaturalKeys = readonly (readonly string[])[];

const keyText = (p: Record<string, unknown>, keys: readonly string[]) =>
  keys.map((k) => `${k}=${JSON.stringify(p[k])}`).join(', ');

/** Checks patterns against records; returns one failure per pattern that does not hold (and per unmatched record). */
export function matchRecords(
  where: string,
  patterns: readonly Record<string, unknown>[],
  records: readonly Record<string, unknown>[],
  keys: NaturalKeys,
  strict = false,
): RecordFailure[] {
  const failures: RecordFailure[] = [];
  if (patterns.length === 0) {
    if (records.length > 0)
      failures.push({
        where,
        message: `expected no records ([]), found ${records.length}, first: ${JSON.stringify(records[0])}`,
        mismatches: [],
      });
    return failures;
  }
  if (patterns.some(isExactMarker)) strict = true;
  const matchedRecords = new Set<number>();
  patterns.forEach((raw, i) => {
    if (isExactMarker(raw)) return;
    const at = `${where}[${i}]`;
    const { $count, $absent, ...pattern } = raw;
    const hits = records.flatMap((r, k) => (matchValue(pattern, r).length === 0 ? [k] : []));
    for (const k of hits) matchedRecords.add(k);
    if ($absent === true) {
      if (hits.length > 0)
        failures.push({
          where: at,
          message: `expected no record matching ${JSON.stringify(pattern)}, found ${hits.length}`,
          mismatches: [{ path: [], expected: { $absent: true }, actual: records[hits[0]] }],
        });
      return;
    }
    if (typeof $count === 'number') {
      if (hits.length !== $count)
        failures.push({
          where: at,
          message: `expected ${$count} record(s) matching ${JSON.stringify(pattern)}, found ${hits.length}`,
          mismatches: [{ path: ['$count'], expected: $count, actual: hits.length }],
        });
      return;
    }
    if (hits.length > 0) return;
    const keySet = keys.find((ks) => ks.every((k) => k in pattern));
    const candidates = keySet
      ? records.filter((r) => keySet.every((k) => matchValue(pattern[k], r[k]).length === 0))
      : [...records];
    if (candidates.length === 0) {
      failures.push({
        where: at,
        message: keySet
          ? `no record with ${keyText(pattern, keySet)} (${records.length} record(s) present)`
          : `no record matches (${records.length} record(s) present)`,
        mismatches: [],
      });
      return;
    }
    // Explain against the closest candidate (fewest differences).
    let best = matchValue(pattern, candidates[0]);
    for (const c of candidates.slice(1)) {
      const m = matchValue(pattern, c);
      if (m.length < best.length) best = m;
    }
    failures.push({
      where: at,
      message: keySet
        ? `the record with ${keyText(pattern, keySet)} differs`
        : `no record matches; closest differs in ${best.length} field(s)`,
      mismatches: best,
    });
  });
  if (strict) {
    const extra = records.filter((_, k) => !matchedRecords.has(k));
    if (extra.length > 0)
      failures.push({
        where,
        message: `strict: ${extra.length} record(s) not matched by any pattern, first: ${JSON.stringify(extra[0])}`,
        mismatches: [],
      });
  }
  return failures;
}

/** Renders a record failure: where, message and the diff. */
export function formatRecordFailure(f: RecordFailure): string {
  const diff = formatMismatches(f.mismatches);
  return `${f.where}: ${f.message}${diff ? `\n${diff}` : ''}`;
}
