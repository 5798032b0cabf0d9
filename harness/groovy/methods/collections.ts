/** Methods of lists, Java arrays, ranges and sets, and the iteration methods shared with maps and strings. */
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { type JNumber, toInt } from '../numbers.ts';
import {
  bitOp,
  castTo,
  getIndex,
  intArg,
  isCase,
  iterate,
  minus,
  missingMethod,
  multiply,
  plus,
  similarCollection,
} from '../runtime.ts';
import { ValueSet } from '../value-set.ts';
import {
  asJavaArray,
  formatValue,
  GClosure,
  GMap,
  groovyEquals,
  JAVA_ARRAYS,
  JMapEntry,
  JRange,
  javaEquals,
  OBJECT_ARRAY,
  similarMapKind,
  sortCompare,
  truthy,
  type Value,
} from '../values.ts';
import { call1, closureArg, type Fn, NO, strArg } from './common.ts';

/** A sorted copy (natural order, a comparator closure or a key closure). */
export function sorted(list: Value[], c: GClosure | undefined): Value[] {
  const copy = [...list];
  if (!c) copy.sort(sortCompare);
  else if (c.paramCount === 2) copy.sort((x, y) => toInt(c.invoke([x, y]) as JNumber));
  else {
    const keys = new Map<Value, Value>();
    copy.sort((x, y) => {
      if (!keys.has(x)) keys.set(x, call1(c, x));
      if (!keys.has(y)) keys.set(y, call1(c, y));
      return sortCompare(keys.get(x)!, keys.get(y)!);
    });
  }
  return copy;
}

function flatten(c: Ctx, list: Value[], out: Value[], depth: number): Value[] {
  c.steps_(1 + (list.length >> 4));
  for (const x of list) {
    if ((Array.isArray(x) || x instanceof JRange) && depth < 1000) flatten(c, iterate(x), out, depth + 1);
    else out.push(x);
  }
  return out;
}

function checkMutable(list: Value[], name: string, args: Value[]): void {
  if (JAVA_ARRAYS.has(list)) missingMethod(list, name, args);
}

function listIOOBE(i: number, len: number): never {
  return fail('java.lang.IndexOutOfBoundsException', `Index ${i} out of bounds for length ${len}`);
}

function sumOf(c: Ctx, items: Value[]): Value {
  if (items.length === 0) return null;
  let acc: Value = items[0]!;
  for (let i = 1; i < items.length; i++) acc = plus(c, acc, items[i]!);
  return acc;
}

function entryOf(v: Value): [Value, Value] {
  if (v instanceof JMapEntry) return [v.key, v.value];
  if (Array.isArray(v) && v.length === 2) return [v[0]!, v[1]!];
  return fail('java.lang.IllegalArgumentException', `Cannot create map entry from ${formatValue(v)}`);
}

/**
 * Collection max (sign 1) / min (sign -1) as Groovy 2.4's DGM: without a closure nulls are skipped; a one-parameter
 * closure gives the key (first element wins ties, nulls kept); a two-parameter closure is a Comparator.
 */
function extreme(l: Value[], a: Value[], sign: 1 | -1): Value {
  const f = closureArg(a[0]);
  const byComparator = f !== undefined && f.paramCount === 2;
  let best: Value = null;
  let bestKey: Value = null;
  let first = true;
  for (const x of iterate(l)) {
    if (!f && x === null) continue;
    if (byComparator) {
      if (first || toInt(f.invoke([x, best]) as JNumber) * sign > 0) best = x;
      first = false;
      continue;
    }
    const k = f ? call1(f, x) : x;
    if (first || sortCompare(k, bestKey) * sign > 0) {
      best = x;
      bestKey = k;
      first = false;
    }
  }
  return best;
}

/** Iteration methods shared by lists, arrays, ranges and (most of them) maps and strings. */
export const ITER: Record<string, Fn> = {
  each: (c, l: Value[], a) => {
    const f = closureArg(a[0]);
    if (!f || a.length !== 1) return NO;
    for (const x of iterate(l)) call1(f, x);
    void c;
    return l;
  },
  eachWithIndex: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    if (!f || a.length !== 1) return NO;
    let i = 0;
    for (const x of iterate(l)) {
      if (x instanceof JMapEntry && f.paramCount === 3) f.invoke([x.key, x.value, i++]);
      else f.invoke([x, i++]);
    }
    return l;
  },
  collect: (_c, l: Value[], a) => {
    if (a.length === 0) return [...iterate(l)];
    const f = closureArg(a[a.length - 1]);
    if (!f) return NO;
    const out: Value[] = a.length === 2 && Array.isArray(a[0]) ? a[0] : [];
    for (const x of iterate(l)) out.push(call1(f, x));
    return out;
  },
  collectEntries: (_c, l: Value[], a) => {
    const f = closureArg(a[a.length - 1]);
    const out = a.length === 2 && a[0] instanceof GMap ? a[0] : new GMap('java.util.LinkedHashMap');
    for (const x of iterate(l)) {
      const r = f ? call1(f, x) : x;
      if (r instanceof GMap) for (const [k, v] of r.entries()) out.set(k, v);
      else {
        const [k, v] = entryOf(r);
        out.set(k, v);
      }
    }
    return out;
  },
  find: (_c, l: Value[], a) => {
    if (a.length > 1) return NO;
    const f = closureArg(a[0]);
    for (const x of iterate(l)) if (f ? truthy(call1(f, x)) : truthy(x)) return x;
    return null;
  },
  findAll: (_c, l: Value[], a) => {
    if (a.length > 1) return NO;
    const f = closureArg(a[0]);
    if (l instanceof GMap) {
      const out = new GMap(similarMapKind(l.kind));
      for (const x of iterate(l))
        if (f ? truthy(call1(f, x)) : truthy(x)) out.set((x as JMapEntry).key, (x as JMapEntry).value);
      return out;
    }
    return iterate(l).filter((x) => (f ? truthy(call1(f, x)) : truthy(x)));
  },
  findIndexOf: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    if (!f) return NO;
    const items = iterate(l);
    for (let i = 0; i < items.length; i++) if (truthy(call1(f, items[i]!))) return i;
    return -1;
  },
  findResult: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    if (!f) return NO;
    for (const x of iterate(l)) {
      const r = call1(f, x);
      if (r !== null) return r;
    }
    return null;
  },
  any: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    for (const x of iterate(l)) if (f ? truthy(call1(f, x)) : truthy(x)) return true;
    return false;
  },
  every: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    for (const x of iterate(l)) if (!(f ? truthy(call1(f, x)) : truthy(x))) return false;
    return true;
  },
  count: (_c, l: Value[], a) => {
    if (a.length !== 1) return NO;
    const f = closureArg(a[0]);
    let n = 0;
    for (const x of iterate(l)) if (f ? truthy(call1(f, x)) : groovyEquals(x, a[0]!)) n++;
    return n;
  },
  inject: (_c, l: Value[], a) => {
    const f = closureArg(a[a.length - 1]);
    if (!f || a.length > 2) return NO;
    const items = iterate(l);
    let acc: Value;
    let start = 0;
    if (a.length === 2) acc = a[0]!;
    else {
      if (items.length === 0)
        fail(
          'java.util.NoSuchElementException',
          'Cannot call inject() on an empty collection without passing an initial value.',
        );
      acc = items[0]!;
      start = 1;
    }
    for (let i = start; i < items.length; i++) acc = f.invoke([acc, items[i]!]);
    return acc;
  },
  sum: (c, l: Value[], a) => {
    const f = closureArg(a[0]);
    const items = iterate(l);
    if (a.length === 0) return sumOf(c, items);
    if (f)
      return sumOf(
        c,
        items.map((x) => call1(f, x)),
      );
    if (a.length === 1) return sumOf(c, [a[0]!, ...items]);
    return NO;
  },
  max: (_c, l: Value[], a) => extreme(l, a, 1),
  min: (_c, l: Value[], a) => extreme(l, a, -1),
  groupBy: (_c, l: Value[], a) => {
    const f = closureArg(a[0]);
    if (!f) return NO;
    const out = new GMap('java.util.LinkedHashMap');
    for (const x of iterate(l)) {
      const k = call1(f, x);
      const g = out.get(k);
      if (Array.isArray(g)) g.push(x);
      else out.set(k, [x]);
    }
    return out;
  },
  join: (c, l: Value[], a) => {
    if (a.length > 1) return NO;
    const sep = a.length === 0 ? '' : strArg(a[0]);
    if (sep === undefined) return NO;
    const items = iterate(l);
    c.steps_(items.length);
    return c.str(items.map((x) => formatValue(x)).join(sep));
  },
};

/** Groovy 2.4's NoSuchElementException for first()/last()/tail() of an empty List or array, in its exact wording. */
function emptyAccess(l: Value[], what: 'first' | 'last' | 'tail'): never {
  const kind = !JAVA_ARRAYS.has(l) ? (what === 'tail' ? 'iterable' : 'List') : what === 'last' ? 'Array' : 'array';
  return fail(
    'java.util.NoSuchElementException',
    what === 'tail'
      ? `Cannot access tail() for an empty ${kind}`
      : `Cannot access ${what}() element from an empty ${kind}`,
  );
}

/** The `(boolean mutate, Closure)` arguments of sort/unique, in any order; undefined when another argument is given. */
function mutateAndClosure(a: Value[]): { mutate: boolean; f: GClosure | undefined } | undefined {
  let mutate = true;
  let f: GClosure | undefined;
  for (const x of a) {
    if (typeof x === 'boolean') mutate = x;
    else if (x instanceof GClosure) f = x;
    else return undefined;
  }
  return { mutate, f };
}

/** List methods (also arrays and collections, minus the excluded ones). */
export const LIST: Record<string, Fn> = {
  size: (_c, l: Value[], a) => (a.length === 0 ? l.length : NO),
  isEmpty: (_c, l: Value[], a) => (a.length === 0 ? l.length === 0 : NO),
  get: (_c, l: Value[], a) => {
    const i = intArg(a[0]);
    if (i === undefined || a.length !== 1) return NO;
    if (i < 0 || i >= l.length) listIOOBE(i, l.length);
    return l[i]!;
  },
  getAt: (c, l: Value[], a) => (a.length === 1 ? getIndex(c, l, a[0]!) : NO),
  set: (_c, l: Value[], a) => {
    const i = intArg(a[0]);
    if (i === undefined || a.length !== 2) return NO;
    if (i < 0 || i >= l.length) listIOOBE(i, l.length);
    const prev = l[i]!;
    l[i] = a[1]!;
    return prev;
  },
  add: (c, l: Value[], a) => {
    checkMutable(l, 'add', a);
    c.step();
    if (a.length === 1) {
      l.push(a[0]!);
      return true;
    }
    const i = intArg(a[0]);
    if (a.length === 2 && i !== undefined) {
      if (i < 0 || i > l.length) listIOOBE(i, l.length);
      l.splice(i, 0, a[1]!);
      return null;
    }
    return NO;
  },
  leftShift: (c, l: Value[], a) => (a.length === 1 ? bitOp(c, '<<', l, a[0]!) : NO),
  addAll: (c, l: Value[], a) => {
    checkMutable(l, 'addAll', a);
    const items = a.length === 1 ? a[0] : a[1];
    if (!(Array.isArray(items) || items instanceof JRange) || a.length > 2) return NO;
    const list = iterate(items);
    c.steps_(list.length);
    if (a.length === 2) {
      const i = intArg(a[0]);
      if (i === undefined) return NO;
      l.splice(i, 0, ...list);
    } else l.push(...list);
    return list.length > 0;
  },
  remove: (_c, l: Value[], a) => {
    checkMutable(l, 'remove', a);
    if (a.length !== 1) return NO;
    const x = a[0]!;
    if (typeof x === 'number') {
      if (x < 0 || x >= l.length) listIOOBE(x, l.length);
      return l.splice(x, 1)[0]!;
    }
    const i = l.findIndex((y) => javaEquals(y, x));
    if (i < 0) return false;
    l.splice(i, 1);
    return true;
  },
  removeAll: (c, l: Value[], a) => {
    checkMutable(l, 'removeAll', a);
    const other = a[0];
    if (a.length !== 1) return NO;
    const f = closureArg(other);
    const before = l.length;
    c.steps_(l.length >> 4);
    const drop = f ? undefined : new ValueSet('java', (n) => c.compared(n), iterate(other!));
    const keep = l.filter((x) => (f ? !truthy(call1(f, x)) : !drop!.has(x)));
    l.splice(0, l.length, ...keep);
    return l.length !== before;
  },
  retainAll: (c, l: Value[], a) => {
    checkMutable(l, 'retainAll', a);
    if (a.length !== 1) return NO;
    const f = closureArg(a[0]);
    const before = l.length;
    c.steps_(l.length >> 4);
    const keepSet = f ? undefined : new ValueSet('java', (n) => c.compared(n), iterate(a[0]!));
    const keep = l.filter((x) => (f ? truthy(call1(f, x)) : keepSet!.has(x)));
    l.splice(0, l.length, ...keep);
    return l.length !== before;
  },
  clear: (_c, l: Value[], a) => {
    checkMutable(l, 'clear', a);
    if (a.length !== 0) return NO;
    l.length = 0;
    return null;
  },
  contains: (c, l: Value[], a) => {
    if (a.length !== 1) return NO;
    c.steps_(l.length >> 4);
    return l.some((x) => javaEquals(x, a[0]!));
  },
  containsAll: (c, l: Value[], a) => {
    if (a.length !== 1 || !Array.isArray(a[0])) return NO;
    c.steps_((l.length + a[0].length) >> 4);
    const all = new ValueSet('java', (n) => c.compared(n), l);
    return a[0].every((y) => all.has(y));
  },
  indexOf: (c, l: Value[], a) => {
    if (a.length !== 1) return NO;
    c.steps_(l.length >> 4);
    return l.findIndex((x) => javaEquals(x, a[0]!));
  },
  lastIndexOf: (c, l: Value[], a) => {
    if (a.length !== 1) return NO;
    c.steps_(l.length >> 4);
    for (let i = l.length - 1; i >= 0; i--) if (javaEquals(l[i]!, a[0]!)) return i;
    return -1;
  },
  first: (_c, l: Value[], a) => (a.length !== 0 ? NO : l.length === 0 ? emptyAccess(l, 'first') : l[0]!),
  head: (_c, l: Value[], a) => (a.length !== 0 ? NO : l.length === 0 ? emptyAccess(l, 'first') : l[0]!),
  last: (_c, l: Value[], a) => (a.length !== 0 ? NO : l.length === 0 ? emptyAccess(l, 'last') : l[l.length - 1]!),
  tail: (_c, l: Value[], a) => (a.length !== 0 ? NO : l.length === 0 ? emptyAccess(l, 'tail') : l.slice(1)),
  sort: (c, l: Value[], a) => {
    const opts = mutateAndClosure(a);
    if (!opts) return NO;
    const { mutate, f } = opts;
    c.steps_(l.length * Math.max(1, Math.ceil(Math.log2(l.length + 1))));
    const s = sorted(l, f);
    if (!mutate) return s;
    l.splice(0, l.length, ...s);
    return l;
  },
  toSorted: (c, l: Value[], a) => LIST.sort!(c, l as never, [false, ...a]),
  unique: (c, l: Value[], a) => {
    const opts = mutateAndClosure(a);
    if (!opts) return NO;
    const { mutate, f } = opts;
    c.steps_(l.length >> 4);
    const out: Value[] = [];
    const keys = new ValueSet('groovy', (n) => c.compared(n));
    for (const x of l) if (keys.add(f ? call1(f, x) : x)) out.push(x);
    if (!mutate) return out;
    l.splice(0, l.length, ...out);
    return l;
  },
  reverse: (_c, l: Value[], a) =>
    a.length === 0 ? (JAVA_ARRAYS.has(l) ? asJavaArray([...l].reverse(), OBJECT_ARRAY) : [...l].reverse()) : NO,
  flatten: (c, l: Value[], a) => {
    if (a.length !== 0) return NO;
    const out = flatten(c, l, [], 0);
    c.steps_(out.length);
    return out;
  },
  plus: (c, l: Value[], a) => (a.length === 1 ? plus(c, l, a[0]!) : NO),
  minus: (c, l: Value[], a) => (a.length === 1 ? minus(c, l, a[0]!) : NO),
  multiply: (c, l: Value[], a) => (a.length === 1 ? multiply(c, l, a[0]!) : NO),
  take: (_c, l: Value[], a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : similarCollection(l, l.slice(0, Math.max(0, n)));
  },
  drop: (_c, l: Value[], a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : similarCollection(l, l.slice(Math.max(0, n)));
  },
  subList: (_c, l: Value[], a) => {
    const from = intArg(a[0]);
    const to = intArg(a[1]);
    if (from === undefined || to === undefined || a.length !== 2) return NO;
    if (from < 0) fail('java.lang.IndexOutOfBoundsException', `fromIndex = ${from}`);
    if (to > l.length) fail('java.lang.IndexOutOfBoundsException', `toIndex = ${to}`);
    if (from > to) fail('java.lang.IllegalArgumentException', `fromIndex(${from}) > toIndex(${to})`);
    return l.slice(from, to);
  },
  toList: (_c, l: Value[], a) => (a.length === 0 ? [...l] : NO),
  withIndex: (_c, l: Value[], a) => (a.length === 0 ? l.map((x, i) => [x, i]) : NO),
  indexed: (_c, l: Value[], a) => {
    if (a.length !== 0) return NO;
    const m = new GMap('java.util.LinkedHashMap');
    for (let i = 0; i < l.length; i++) m.set(i, l[i]!);
    return m;
  },
  step: (c, l: Value[], a) => {
    const n = intArg(a[0]);
    if (n === undefined || a.length !== 1 || n <= 0) return NO;
    c.steps_(l.length);
    return l.filter((_x, i) => i % n === 0);
  },
  asList: (_c, l: Value[], a) => (a.length === 0 ? [...l] : NO),
  toSet: (_c, l: Value[], a) => (a.length === 0 ? castTo(l, 'Set', 0, 'as') : NO),
  toArray: (_c, l: Value[], a) => (a.length === 0 ? asJavaArray([...l], OBJECT_ARRAY) : NO),
  // Groovy 2.4: the larger side goes into a NumberAwareComparator TreeSet, the smaller one is filtered in its order
  intersect: (c, l: Value[], a) => {
    if (a.length !== 1 || !Array.isArray(a[0])) return NO;
    let left = l;
    let right = a[0];
    if (left.length === 0 || right.length === 0) return similarCollection(left, []);
    if (left.length < right.length) [left, right] = [right, left];
    c.steps_((left.length + right.length) >> 4);
    const pick = new ValueSet('groovy', (n) => c.compared(n), left);
    return similarCollection(
      left,
      right.filter((x) => pick.has(x)),
    );
  },
  disjoint: (c, l: Value[], a) => {
    if (a.length !== 1 || !Array.isArray(a[0])) return NO;
    c.steps_((l.length + a[0].length) >> 4);
    const pick = new ValueSet('groovy', (n) => c.compared(n), a[0]);
    return !l.some((x) => pick.has(x));
  },
  equals: (_c, l: Value[], a) => (a.length === 1 ? groovyEquals(l, a[0]!) : NO),
  isCase: (c, l: Value[], a) => (a.length === 1 ? isCase(c, l, a[0]!, (k, x) => k.invoke(x)) : NO),
  asBoolean: (_c, l: Value[], a) => (a.length === 0 ? l.length > 0 : NO),
  push: (c, l: Value[], a) => LIST.add!(c, l as never, a),
};

/** List-interface methods a Java array does not have. */
export const ARRAY_EXCLUDED = new Set([
  'get',
  'set',
  'add',
  'addAll',
  'remove',
  'removeAll',
  'retainAll',
  'clear',
  'subList',
  'indexOf',
  'lastIndexOf',
  'containsAll',
  'push',
  'leftShift',
]);
/** List-only methods that key sets and value collections do not have (add is unsupported on map views). */
export const COLLECTION_EXCLUDED = new Set([
  'get',
  'set',
  'subList',
  'indexOf',
  'lastIndexOf',
  'add',
  'addAll',
  'push',
]);
