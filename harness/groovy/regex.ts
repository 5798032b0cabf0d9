/**
 * Java regular expressions with Java semantics: String.split / replaceAll / replaceFirst / matches, Groovy's find /
 * findAll / `=~`. Patterns are compiled by regex-compile.ts (cached) and matched by regex-vm.ts, whose work is
 * bounded (linear without backreferences) and charged to a budget: a runaway pattern fails with harness.Budget.
 */
import { BUDGET, fail } from './errors.ts';
import { compileJavaRegex, type PatternFlags, type Program } from './regex-compile.ts';
import { type RegexMatch, RegexSearch, regexBudget, type Work } from './regex-vm.ts';

export type { Work } from './regex-vm.ts';

type Compiled = Program;

const CACHE = new Map<string, Compiled>();
const CACHE_SIZE = 500;

/** The compiled form of a Java pattern (cached by source and flags); throws PatternSyntaxException. */
export function compilePattern(pattern: string, flags?: PatternFlags): Compiled {
  const key = flags
    ? `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}${flags.x ? 'x' : ''}/${pattern}`
    : pattern;
  const hit = CACHE.get(key);
  if (hit) return hit;
  const c = compileJavaRegex(pattern, flags);
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, c);
  return c;
}

/** Java Matcher.find() repeated: each match, the next search starting at its end (one further after an empty one). */
function* eachMatch(search: RegexSearch): Generator<RegexMatch> {
  let from = 0;
  let lastEnd = 0;
  for (;;) {
    const m = search.find(from, lastEnd);
    if (m === null) return;
    yield m;
    lastEnd = m.end;
    from = m.end === m.start ? m.end + 1 : m.end;
  }
}

function group(s: string, m: RegexMatch, g: number): string | null {
  const a = m.caps[2 * g]!;
  const b = m.caps[2 * g + 1]!;
  return a < 0 || b < 0 ? null : s.slice(a, b);
}

/** Java's String.split(regex, limit) (Pattern.split, with String's single-character fast path). */
export function javaSplit(s: string, pattern: string, limit = 0, work: Work = regexBudget()): string[] {
  const out: string[] = [];
  let index = 0;
  if (pattern.length === 1 && !'.$|()[{^?*+\\'.includes(pattern)) {
    let j = s.indexOf(pattern);
    if (j < 0) return [s];
    while (j >= 0) {
      if (limit > 0 && out.length === limit - 1) break;
      out.push(s.slice(index, j));
      index = j + 1;
      j = s.indexOf(pattern, index);
    }
    out.push(s.slice(index));
  } else {
    const search = new RegexSearch(compilePattern(pattern), s, work);
    const limited = limit > 0;
    for (const m of eachMatch(search)) {
      if (!limited || out.length < limit - 1) {
        // no empty leading substring for a zero-width match at the beginning
        if (index === 0 && m.start === 0 && m.end === 0) continue;
        out.push(s.slice(index, m.start));
        index = m.end;
      } else if (out.length === limit - 1) {
        out.push(s.slice(index));
        index = m.end;
        break;
      }
    }
    if (index === 0) return [s];
    if (!limited || out.length < limit) out.push(s.slice(index));
  }
  if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Appends a Java replacement string (`$1`, `${name}`, `\$`) for one match (Matcher.appendReplacement). */
function expandReplacement(rep: string, s: string, m: RegexMatch, search: RegexSearch): string {
  let out = '';
  const groups = search.groupCount;
  let i = 0;
  while (i < rep.length) {
    const c = rep[i]!;
    if (c === '\\') {
      i++;
      if (i >= rep.length) fail('java.lang.IllegalArgumentException', 'character to be escaped is missing');
      out += rep[i];
      i++;
    } else if (c === '$') {
      i++;
      if (i >= rep.length)
        fail('java.lang.IllegalArgumentException', 'Illegal group reference: group index is missing');
      let ref: number;
      if (rep[i] === '{') {
        i++;
        let name = '';
        while (i < rep.length && /[a-zA-Z0-9]/.test(rep[i]!)) name += rep[i++];
        if (name.length === 0) fail('java.lang.IllegalArgumentException', 'named capturing group has 0 length name');
        if (rep[i] !== '}') fail('java.lang.IllegalArgumentException', "named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(name))
          fail('java.lang.IllegalArgumentException', `capturing group name {${name}} starts with digit character`);
        const g = search.names.get(name);
        if (g === undefined) fail('java.lang.IllegalArgumentException', `No group with name {${name}}`);
        ref = g;
        i++;
      } else {
        ref = rep.charCodeAt(i) - 48;
        if (ref < 0 || ref > 9) fail('java.lang.IllegalArgumentException', 'Illegal group reference');
        i++;
        while (i < rep.length) {
          const d = rep.charCodeAt(i) - 48;
          if (d < 0 || d > 9 || ref * 10 + d > groups) break;
          ref = ref * 10 + d;
          i++;
        }
      }
      if (ref > groups) fail('java.lang.IndexOutOfBoundsException', `No group ${ref}`);
      out += group(s, m, ref) ?? '';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Java's replaceAll / replaceFirst: `rep` is a replacement string (`$1` and `\\` expanded), or a function of the match
 * as [whole, group1, ...] whose text goes in literally (Groovy's replaceAll with a closure). Fails with harness.Budget
 * once the result would pass `maxLength`.
 */
export function javaReplace(
  s: string,
  pattern: string,
  rep: string | ((groups: (string | null)[]) => string),
  all: boolean,
  work: Work = regexBudget(),
  maxLength = Number.POSITIVE_INFINITY,
): string {
  const search = new RegexSearch(compilePattern(pattern), s, work);
  let out = '';
  let last = 0;
  for (const m of eachMatch(search)) {
    const text =
      typeof rep === 'string'
        ? expandReplacement(rep, s, m, search)
        : rep(Array.from({ length: search.groupCount + 1 }, (_, g) => group(s, m, g)));
    out += s.slice(last, m.start) + text;
    if (out.length > maxLength)
      fail(BUDGET, `string of more than ${maxLength} characters exceeds the output limit of ${maxLength}`);
    last = m.end;
    if (!all) break;
  }
  return out + s.slice(last);
}

/** Java's String.matches / Pattern.matches (the whole string). */
export function javaMatches(s: string, pattern: string, work: Work = regexBudget()): boolean {
  return new RegexSearch(compilePattern(pattern), s, work).matchAll() !== null;
}

/** All matches of a pattern, each as [whole, group1, ...] (for `=~` and findAll). */
export function javaFindAll(s: string, pattern: string, work: Work = regexBudget()): (string | null)[][] {
  const search = new RegexSearch(compilePattern(pattern), s, work);
  const out: (string | null)[][] = [];
  for (const m of eachMatch(search)) {
    const row: (string | null)[] = [];
    for (let g = 0; g <= search.groupCount; g++) row.push(group(s, m, g));
    out.push(row);
  }
  return out;
}

/** The first match as [whole, group1, ...], or null (Groovy's String.find). */
export function javaFind(s: string, pattern: string, work: Work = regexBudget()): (string | null)[] | null {
  const search = new RegexSearch(compilePattern(pattern), s, work);
  const m = search.find(0);
  if (m === null) return null;
  const row: (string | null)[] = [];
  for (let g = 0; g <= search.groupCount; g++) row.push(group(s, m, g));
  return row;
}
