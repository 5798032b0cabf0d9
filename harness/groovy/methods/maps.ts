/** Methods of java.util.Map (LinkedHashMap, HashMap and JsonSlurper's LazyMap). */
import { bitOp, isCase, iterate, minus, plus } from '../runtime.ts';
import {
  asCollection,
  GMap,
  groovyEquals,
  type JMapEntry,
  javaEquals,
  javaToString,
  LAZY_MAP,
  sortCompare,
  type Value,
} from '../values.ts';
import { sorted } from './collections.ts';
import { closureArg, type Fn, NO } from './common.ts';

/** A map's keySet()/values()/entrySet() view, with the Java class HashMap or LinkedHashMap would return. */
function mapView(m: GMap, items: Value[], view: 'KeySet' | 'Values' | 'EntrySet'): Value[] {
  return asCollection(
    items,
    m.kind === 'java.util.HashMap' ? `java.util.HashMap$${view}` : `java.util.LinkedHashMap$Linked${view}`,
  );
}

/** Map methods. */
export const MAP: Record<string, Fn> = {
  // a JsonSlurper map's own toString() is its inner map's: `{a=1, b=2}` (GStrings still print `[a:1, b:2]`)
  toString: (_c: unknown, m: GMap, a: Value[]) => (a.length === 0 && m.kind === LAZY_MAP ? javaToString(m) : NO),
  size: (_c, m: GMap, a) => (a.length === 0 ? m.size : NO),
  isEmpty: (_c, m: GMap, a) => (a.length === 0 ? m.size === 0 : NO),
  get: (_c, m: GMap, a) => {
    if (a.length === 1) return m.get(a[0]) ?? null;
    if (a.length === 2) {
      const v = m.get(a[0]);
      if (v !== undefined) return v;
      m.set(a[0]!, a[1]!);
      return a[1]!;
    }
    return NO;
  },
  getOrDefault: (_c, m: GMap, a) => (a.length === 2 ? (m.has(a[0]) ? (m.get(a[0]) ?? null) : a[1]!) : NO),
  getAt: (_c, m: GMap, a) => (a.length === 1 ? (m.get(a[0]) ?? null) : NO),
  put: (c, m: GMap, a) => {
    c.step();
    return a.length === 2 ? m.set(a[0]!, a[1]!) : NO;
  },
  putAt: (_c, m: GMap, a) => {
    if (a.length !== 2) return NO;
    m.set(a[0]!, a[1]!);
    return null;
  },
  putIfAbsent: (_c, m: GMap, a) => {
    if (a.length !== 2) return NO;
    const v = m.get(a[0]);
    if (v !== undefined && v !== null) return v;
    m.set(a[0]!, a[1]!);
    return null;
  },
  putAll: (c, m: GMap, a) => {
    if (a.length !== 1 || !(a[0] instanceof GMap)) return NO;
    const e = a[0].entries();
    c.steps_(e.length);
    for (const [k, v] of e) m.set(k, v);
    return null;
  },
  remove: (_c, m: GMap, a) => (a.length === 1 ? m.delete(a[0]) : NO),
  clear: (_c, m: GMap, a) => {
    if (a.length !== 0) return NO;
    m.clear();
    return null;
  },
  containsKey: (_c, m: GMap, a) => (a.length === 1 ? m.has(a[0]) : NO),
  containsValue: (_c, m: GMap, a) => (a.length === 1 ? m.values().some((v) => javaEquals(v, a[0]!)) : NO),
  keySet: (_c, m: GMap, a) => (a.length === 0 ? mapView(m, m.keys(), 'KeySet') : NO),
  values: (_c, m: GMap, a) => (a.length === 0 ? mapView(m, m.values(), 'Values') : NO),
  entrySet: (_c, m: GMap, a) => (a.length === 0 ? mapView(m, iterate(m), 'EntrySet') : NO),
  sort: (_c, m: GMap, a) => {
    const f = closureArg(a[0]);
    if (a.length > 1 || (a.length === 1 && !f)) return NO;
    const entries = iterate(m) as JMapEntry[];
    const s = f ? (sorted(entries, f) as JMapEntry[]) : entries.sort((x, y) => sortCompare(x.key, y.key));
    const out = new GMap('java.util.LinkedHashMap');
    for (const e of s) out.set(e.key, e.value);
    return out;
  },
  subMap: (_c, m: GMap, a) => {
    if (a.length !== 1 || !Array.isArray(a[0])) return NO;
    const out = new GMap('java.util.LinkedHashMap');
    for (const k of a[0]) if (m.has(k)) out.set(k, m.get(k)!);
    return out;
  },
  plus: (c, m: GMap, a) => (a.length === 1 ? plus(c, m, a[0]!) : NO),
  minus: (c, m: GMap, a) => (a.length === 1 ? minus(c, m, a[0]!) : NO),
  leftShift: (c, m: GMap, a) => (a.length === 1 ? bitOp(c, '<<', m, a[0]!) : NO),
  equals: (_c, m: GMap, a) => (a.length === 1 ? groovyEquals(m, a[0]!) : NO),
  isCase: (c, m: GMap, a) => (a.length === 1 ? isCase(c, m, a[0]!, (k, x) => k.invoke(x)) : NO),
  asBoolean: (_c, m: GMap, a) => (a.length === 0 ? m.size > 0 : NO),
};
