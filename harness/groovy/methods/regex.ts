/** The String methods that run a user pattern, and java.util.regex.Matcher (the result of `=~`). */
import type { Ctx } from '../context.ts';
import { javaFind, javaFindAll, javaMatches, javaReplace, javaSplit } from '../regex.ts';
import { getIndex, intArg, iterate } from '../runtime.ts';
import { asJavaArray, formatValue, GClosure, JObject, type Value } from '../values.ts';
import { ITER } from './collections.ts';
import { type Fn, isStr, NO } from './common.ts';

/** A regex argument: a String or a java.util.regex.Pattern (`~/.../`). */
function patternArg(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof JObject && v.cls === 'java.util.regex.Pattern') return v.state as string;
  return undefined;
}

/** Calls a find/findAll closure with a match: the whole match, or [whole, group1, ...] when the pattern has groups. */
function callWithMatch(f: GClosure, m: (string | null)[]): Value {
  if (m.length === 1) return f.invoke([m[0]!]);
  return f.paramCount > 1 ? f.invoke(m) : f.invoke([m]);
}

/**
 * replaceAll / replaceFirst with a replacement string, or with a closure: called per match as find's closure is, its
 * result printed and put in literally (DefaultGroovyMethods.replaceAll(CharSequence, Pattern, Closure)).
 */
function replace(c: Ctx, s: string, a: Value[], all: boolean): Value | undefined {
  const re = patternArg(a[0]);
  const rep = a[1];
  if (a.length !== 2 || re === undefined) return NO;
  if (isStr(rep)) return c.str(javaReplace(s, re, rep, all, c, c.maxOut));
  if (!(rep instanceof GClosure)) return NO;
  return c.str(javaReplace(s, re, (m) => formatValue(callWithMatch(rep, m)), all, c, c.maxOut));
}

/** String methods over a regex (String's replaceAll/replaceFirst/split/matches, Groovy's find/findAll). */
export const STRING_REGEX: Record<string, Fn> = {
  replaceAll: (c, s: string, a) => replace(c, s, a, true),
  replaceFirst: (c, s: string, a) => replace(c, s, a, false),
  split: (c, s: string, a) => {
    if (a.length === 0) return asJavaArray(s.split(/\s+/).filter((x) => x !== ''));
    if (!isStr(a[0]) || a.length > 2) return NO;
    const limit = a.length === 2 ? intArg(a[1]) : 0;
    if (limit === undefined) return NO;
    const parts = javaSplit(s, a[0], limit, c);
    c.steps_(parts.length);
    return asJavaArray(parts);
  },
  matches: (c, s: string, a) => {
    const re = patternArg(a[0]);
    return a.length === 1 && re !== undefined ? javaMatches(s, re, c) : NO;
  },
  find: (c, s: string, a) => {
    const re = patternArg(a[0]);
    if (re === undefined) return a.length <= 1 ? ITER.find!(c, iterate(s) as never, a) : NO;
    const f = a[1];
    if (a.length > 2 || (a.length === 2 && !(f instanceof GClosure))) return NO;
    const m = javaFind(s, re, c);
    if (m === null) return null;
    return f instanceof GClosure ? callWithMatch(f, m) : m[0]!;
  },
  findAll: (c, s: string, a) => {
    const re = patternArg(a[0]);
    if (re === undefined) return a.length <= 1 ? ITER.findAll!(c, iterate(s) as never, a) : NO;
    const f = a[1];
    if (a.length > 2 || (a.length === 2 && !(f instanceof GClosure))) return NO;
    const all = javaFindAll(s, re, c);
    c.steps_(all.length);
    return all.map((m) => (f instanceof GClosure ? callWithMatch(f, m) : m[0]!));
  },
};

/** Matcher methods: find(), size()/getCount(), getAt(i). */
export function matcherMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  const groups = o.state as Value[];
  if (name === 'find' && a.length === 0) return groups.length > 0;
  if ((name === 'size' || name === 'getCount') && a.length === 0) return groups.length;
  if (name === 'getAt' && a.length === 1) return getIndex(c, o, a[0]!);
  return NO;
}
