/**
 * The interpreter's value model (plain data only, never host objects): null, boolean, string (java.lang.String),
 * Java numbers (numbers.ts), lists (JS arrays; Java arrays are arrays marked in JAVA_ARRAYS), maps (GMap),
 * characters (JChar) and a few allow-listed Java objects. Also Groovy's rendering, truth, equality and ordering.
 */
import { BUDGET, fail as fail_ } from './errors.ts';
import {
  compareNumbers as compareNumbers_,
  fromJsNumber as fromJsNumber_,
  integral as integral_,
  isNumber as isNumber_,
  JBigDecimal as JBigDecimal_,
  JBigInteger as JBigInteger_,
  JDouble as JDouble_,
  JLong as JLong_,
  type JNumber,
  numberClass as numberClass_,
  numberToJs as numberToJs_,
  numberToString as numberToString_,
} from './numbers.ts';

import { JTime as JTime_, timeToString as timeToString_ } from './time.ts';
import { DomainObject as DomainObject_ } from './types.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const JTime = JTime_;
type JTime = JTime_;
const DomainObject = DomainObject_;
const timeToString = timeToString_;
const fail = fail_;
const compareNumbers = compareNumbers_;
const fromJsNumber = fromJsNumber_;
const integral = integral_;
const isNumber = isNumber_;
const JBigDecimal = JBigDecimal_;
type JBigDecimal = JBigDecimal_;
const JBigInteger = JBigInteger_;
type JBigInteger = JBigInteger_;
const JDouble = JDouble_;
type JDouble = JDouble_;
const JLong = JLong_;
type JLong = JLong_;
const numberClass = numberClass_;
const numberToJs = numberToJs_;
const numberToString = numberToString_;

/** java.lang.Character. */
export class JChar {
  constructor(readonly c: string) {}
}

/** java.util.Map.Entry (from entrySet / map iteration). */
export class JMapEntry {
  constructor(
    readonly key: Value,
    public value: Value,
  ) {}
}

/** An allow-listed Java object with mutable state held in `state` (StringBuilder, ObjectMapper, JsonBuilder ...). */
export class JObject {
  constructor(
    readonly cls: string,
    public state: Value | string,
  ) {}
}

/** byte[] (from getBytes()). */
export class JBytes {
  constructor(readonly b: Uint8Array) {}
}

/** A reference to an allow-listed class used statically (`Math`, `String`, `Integer` ...). */
export class JClassRef {
  constructor(readonly name: string) {}
}

/** groovy.lang.IntRange `from..to` / `from..<to` (kept lazy so `s[1..-1]` indexes from the end). */
export class JRange {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly exclusive: boolean,
  ) {}

  /** The range's elements as a list (throws when above `max`). */
  toList(max = 10_000_000): Value[] {
    const out: Value[] = [];
    const { from, to, exclusive } = this;
    const step = to >= from ? 1 : -1;
    const end = exclusive ? to : to + step;
    if (Math.abs(end - from) > max) fail('harness.Budget', `range ${from}..${to} is larger than the output limit`);
    for (let i = from; i !== end; i += step) out.push(i);
    return out;
  }
}

/** An object of a Java class with a fixed property set (a DomainObject binding): unknown properties throw. */
export class JBean {
  private own: Map<string, Value> | null = null;
  readonly props: ReadonlySet<string>;

  constructor(
    readonly cls: string,
    properties: readonly string[],
    private readonly src: Readonly<Record<string, unknown>>,
    private readonly conv: Converter,
  ) {
    this.props = new Set([...properties, ...Object.keys(src)]);
  }

  /** True for a property of the class. */
  has(name: string): boolean {
    return this.props.has(name);
  }

  /** A property's value (null when the column is empty). */
  get(name: string): Value {
    if (this.own?.has(name)) return this.own.get(name)!;
    return Object.hasOwn(this.src, name) ? this.conv.value(this.src[name]) : null;
  }

  /** Sets a property (the caller's bindings are never written). */
  set(name: string, v: Value): void {
    this.own ??= new Map();
    this.own.set(name, v);
  }

  /** The property values in order (for toPlain). */
  entries(): [string, Value][] {
    return [...this.props].map((k) => [k, this.get(k)]);
  }
}

/** A caught exception (`catch (Exception e)`): its Java class and message. */
export class JException {
  constructor(
    readonly type: string,
    readonly message: string,
  ) {}
}

/** A Groovy closure: the interpreter supplies `invoke`. */
export class GClosure {
  constructor(
    readonly paramCount: number,
    readonly invoke: (args: Value[]) => Value,
    readonly id: number,
  ) {}
}

export type Value =
  | null
  | boolean
  | string
  | JNumber
  | Value[]
  | GMap
  | JChar
  | JMapEntry
  | JObject
  | JBytes
  | JClassRef
  | JRange
  | JException
  | JTime
  | JBean
  | GClosure;

/** Lists that are Java arrays (String[] from split, `as String[]` ...), with their JVM class name. */
export const JAVA_ARRAYS = new WeakMap<Value[], string>();

/** JVM class names of the arrays the engine makes. */
export const STRING_ARRAY = '[Ljava.lang.String;';
export const OBJECT_ARRAY = '[Ljava.lang.Object;';

/** Marks a list as a Java array (by default a String[]) and returns it. */
export function asJavaArray(a: Value[], cls: string = STRING_ARRAY): Value[] {
  JAVA_ARRAYS.set(a, cls);
  return a;
}

/** Collections that are not java.util.ArrayList (key sets, value collections, sets), with their Java class. */
export const COLLECTION_CLASS = new WeakMap<Value[], string>();

/** Marks a list as a non-List Java collection (a Set or a map's values()) and returns it. */
export function asCollection(a: Value[], cls: string): Value[] {
  COLLECTION_CLASS.set(a, cls);
  return a;
}

/** True for a set-like collection (equality with a List is false). */
export function isSetLike(a: Value[]): boolean {
  return (COLLECTION_CLASS.get(a) ?? '').includes('Set');
}

/** Java String.hashCode (int32). */
export function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java hashCode of a value where it matters (map ordering, sort fallback). */
export function javaHash(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'string') return stringHash(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (v instanceof JLong) return Number(BigInt.asIntN(32, v.v ^ (v.v >> 32n)));
  if (v instanceof JChar) return v.c.charCodeAt(0);
  return 0;
}

/** Converts plain JSON-like host data into interpreter values, once per render (keeps identities stable). */
export class Converter {
  /** Small identity cache: [source0, value0, source1, value1, ...]; becomes a Map when it grows. */
  private list: unknown[] | null = null;
  private map: Map<object, Value> | null = null;

  private cached(x: object): Value | undefined {
    if (this.map) return this.map.get(x);
    const l = this.list;
    if (l) for (let i = 0; i < l.length; i += 2) if (l[i] === x) return l[i + 1] as Value;
    return undefined;
  }

  private remember(x: object, v: Value): void {
    if (this.map) {
      this.map.set(x, v);
      return;
    }
    if (!this.list) this.list = [];
    const l = this.list;
    l.push(x, v);
    if (l.length > 32) {
      this.map = new Map();
      for (let i = 0; i < l.length; i += 2) this.map.set(l[i] as object, l[i + 1] as Value);
      this.list = null;
    }
  }

  /** The interpreter value of a plain data value. */
  value(x: unknown): Value {
    switch (typeof x) {
      case 'string':
      case 'boolean':
        return x;
      case 'number':
        return fromJsNumber(x);
      case 'undefined':
        return null;
      case 'bigint':
        return integral(x);
      case 'object': {
        if (x === null) return null;
        const hit = this.cached(x);
        if (hit !== undefined) return hit;
        if (Array.isArray(x)) {
          const arr: Value[] = [];
          this.remember(x, arr);
          for (let i = 0; i < x.length; i++) arr.push(this.value(x[i]));
          return arr;
        }
        const proto = Object.getPrototypeOf(x);
        if (proto === Object.prototype || proto === null) {
          const out = GMap.view(x as Record<string, unknown>, this);
          this.remember(x, out);
          return out;
        }
        if (x instanceof Date) return x.toISOString();
        if (x instanceof Map) {
          const m = new GMap('java.util.LinkedHashMap');
          this.remember(x, m);
          for (const [k, v] of x) m.set(this.value(k), this.value(v));
          return m;
        }
        if (x instanceof DomainObject) {
          const bean = new JBean(DomainObject.classNameOf(x), DomainObject.propertiesOf(x), x, this);
          this.remember(x, bean);
          return bean;
        }
        if (x instanceof GMap || x instanceof JChar || isNumber(x)) return x as Value;
        return fail('harness.Unsupported', 'a binding value is not plain data (only JSON-like values are allowed)');
      }
      default:
        return fail('harness.Unsupported', `a binding value of type ${typeof x} is not plain data`);
    }
  }
}

export type MapKind = 'java.util.LinkedHashMap' | 'java.util.HashMap' | typeof LAZY_MAP;

/**
 * JsonSlurper's maps in Groovy 2.4 (`groovy.json.internal.LazyMap`): on EIC's Java 8 a LinkedHashMap inside, so keys
 * keep document order (a JDK 17 oracle sorts them: README "Calibration note"); no LinkedHashMap or HashMap to
 * `instanceof`; `toString()` is Java's `{k=v}`.
 */
export const LAZY_MAP = 'groovy.json.internal.LazyMap';

/** The kind of map Groovy's createSimilarMap gives for one of `kind` (findAll, plus, minus): a LazyMap gives a LinkedHashMap. */
export function similarMapKind(kind: MapKind): MapKind {
  return kind === LAZY_MAP ? 'java.util.LinkedHashMap' : kind;
}

/**
 * java.util.Map: LinkedHashMap (insertion order), HashMap (Java's bucket order) or JsonSlurper's LazyMap (insertion
 * order); may be a lazy view of JSON.
 */
export class GMap {
  private m: Map<unknown, Value> | null = null;
  private src: Record<string, unknown> | null = null;
  private conv: Converter | null = null;
  /** HashMap table capacity (grows like Java's, never shrinks). */
  private cap = 16;

  constructor(readonly kind: MapKind) {}

  /** A read-through view of a plain object; copied on first write or iteration. */
  static view(src: Record<string, unknown>, conv: Converter): GMap {
    const g = new GMap('java.util.LinkedHashMap');
    g.src = src;
    g.conv = conv;
    return g;
  }

  private own(): Map<unknown, Value> {
    if (this.m) return this.m;
    const m = new Map<unknown, Value>();
    if (this.src) {
      const conv = this.conv!;
      for (const k of Object.keys(this.src)) m.set(k, conv.value(this.src[k]));
      this.src = null;
      this.conv = null;
    }
    this.m = m;
    return m;
  }

  /** The value for a key, or undefined when absent. */
  get(k: unknown): Value | undefined {
    if (this.m) return this.m.get(normKey(k));
    if (this.src) {
      if (typeof k === 'string' && Object.hasOwn(this.src, k)) return this.conv!.value(this.src[k]);
      return undefined;
    }
    return undefined;
  }

  /** True when the key is present. */
  has(k: unknown): boolean {
    if (this.m) return this.m.has(normKey(k));
    if (this.src) return typeof k === 'string' && Object.hasOwn(this.src, k);
    return false;
  }

  /** Puts a value; returns the previous value (null when absent). */
  set(k: Value, v: Value): Value {
    const m = this.own();
    const key = normKey(k);
    const prev = m.get(key);
    m.set(key, v);
    if (this.kind === 'java.util.HashMap') while (m.size > this.cap * 0.75) this.cap *= 2;
    return prev === undefined ? null : prev;
  }

  /** Removes a key; returns the previous value (null when absent). */
  delete(k: unknown): Value {
    const m = this.own();
    const key = normKey(k);
    const prev = m.get(key);
    m.delete(key);
    return prev === undefined ? null : prev;
  }

  /** Removes every entry. */
  clear(): void {
    this.own().clear();
  }

  /** Number of entries. */
  get size(): number {
    if (this.m) return this.m.size;
    if (this.src) return Object.keys(this.src).length;
    return 0;
  }

  /** Entries in Java iteration order. */
  entries(): [Value, Value][] {
    const list = [...this.own().entries()] as [Value, Value][];
    if (this.kind !== 'java.util.HashMap' || list.length < 2) return list;
    const mask = this.cap - 1;
    const idx = list.map(([k], i) => {
      const h = javaHash(k);
      return { b: (h ^ (h >>> 16)) & mask, i };
    });
    idx.sort((a, b) => a.b - b.b || a.i - b.i);
    return idx.map((x) => list[x.i]!);
  }

  /** Keys in iteration order. */
  keys(): Value[] {
    return this.entries().map((e) => e[0]);
  }

  /** Values in iteration order. */
  values(): Value[] {
    return this.entries().map((e) => e[1]);
  }
}

function normKey(k: unknown): unknown {
  if (k instanceof JChar) return k.c;
  return k;
}

/** Java class name of a value, as used in Groovy error messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (isNumber(v)) return numberClass(v);
  if (Array.isArray(v)) return JAVA_ARRAYS.get(v) ?? COLLECTION_CLASS.get(v) ?? 'java.util.ArrayList';
  if (v instanceof GMap) return v.kind;
  if (v instanceof JChar) return 'java.lang.Character';
  if (v instanceof JMapEntry) return 'java.util.LinkedHashMap$Entry';
  if (v instanceof JObject) return v.cls;
  if (v instanceof JBytes) return '[B';
  if (v instanceof JClassRef) return 'java.lang.Class';
  if (v instanceof JRange) return 'groovy.lang.IntRange';
  if (v instanceof JException) return v.type;
  if (v instanceof JTime) return v.cls;
  if (v instanceof JBean) return v.cls;
  return 'Script1$_run_closure1';
}

/** Short class name for `class java.lang.String` style messages. */
export function simpleTypeName(v: Value): string {
  const n = typeName(v);
  return n.slice(n.lastIndexOf('.') + 1);
}

function identity(v: object): string {
  return (stringHash(typeName(v as Value)) >>> 0).toString(16);
}

/** Longest text the renderers build for one value (the render's output limit; set by renderTemplate). */
let buildLimit = 1024 * 1024;

/** Sets the longest text formatValue / toJson build (the output limit of the current render). */
export function setBuildLimit(n: number): void {
  buildLimit = n;
}

/** Fails with harness.Budget when text of `n` characters would pass the build limit (self-similar structures). */
export function checkBuilt(n: number): void {
  if (n > buildLimit)
    fail('harness.Budget', `string of more than ${buildLimit} characters exceeds the output limit of ${buildLimit}`);
}

/** Groovy's rendering of a value inside a GString (InvokerHelper.toString). */
export function formatValue(v: Value, seen?: Set<unknown>): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) {
    if (isCharArray(v)) return v.map((x) => (x as JChar).c).join('');
    return listText(v, seen, formatValue);
  }
  if (v instanceof GMap) return mapText(v, seen, formatValue);
  if (isNumber(v)) return numberToString(v);
  if (v instanceof JChar) return v.c;
  if (v instanceof JMapEntry) return `${formatValue(v.key, seen)}=${formatValue(v.value, seen)}`;
  if (v instanceof JBytes) return `[${[...v.b].map((b) => (b > 127 ? b - 256 : b)).join(', ')}]`;
  if (v instanceof JObject) {
    if (typeof v.state === 'string') return v.state;
    return `${v.cls}@${identity(v)}`;
  }
  if (v instanceof JClassRef) return `class ${v.name}`;
  if (v instanceof JRange) return formatValue(v.toList(), seen);
  if (v instanceof JException) return `${v.type}: ${v.message}`;
  if (v instanceof JTime) return timeToString(v);
  // a Grails domain object's default toString [INF]
  if (v instanceof JBean) return `${v.cls} : ${v.has('id') ? formatValue(v.get('id')) : 'null'}`;
  return `Script1$_run_closure1@${identity(v)}`;
}

type Formatter = (v: Value, seen?: Set<unknown>) => string;

/** A char[] (printed as its characters, also by inspect()). */
function isCharArray(v: Value[]): boolean {
  return JAVA_ARRAYS.has(v) && v.length > 0 && v.every((x) => x instanceof JChar);
}

/** A list as Groovy prints it, `[a, b]`, each element by `item` (a list that contains itself says so). */
function listText(v: Value[], seen: Set<unknown> | undefined, item: Formatter): string {
  const s = seen ?? new Set<unknown>();
  s.add(v);
  const parts: string[] = [];
  let total = 0;
  for (const x of v) {
    const p = x === v ? '(this Collection)' : s.has(x) ? '(this Collection)' : item(x, s);
    total += p.length + 2;
    checkBuilt(total);
    parts.push(p);
  }
  s.delete(v);
  return `[${parts.join(', ')}]`;
}

/** A map as Groovy prints it, `[k:v]` (`[:]` when empty), keys and values by `item`. */
function mapText(v: GMap, seen: Set<unknown> | undefined, item: Formatter): string {
  if (v.size === 0) return '[:]';
  const s = seen ?? new Set<unknown>();
  s.add(v);
  const parts: string[] = [];
  let total = 0;
  for (const [k, x] of v.entries()) {
    const ks = k === v ? '(this Map)' : item(k, s);
    const xs = x === v ? '(this Map)' : s.has(x) ? '(this Map)' : item(x, s);
    total += ks.length + xs.length + 3;
    checkBuilt(total);
    parts.push(`${ks}:${xs}`);
  }
  s.delete(v);
  return `[${parts.join(', ')}]`;
}

const INSPECT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
};

/** Groovy's `inspect()`: as printed, but strings quoted and escaped (`'it\'s'`), in lists and maps too. */
export function inspectValue(v: Value, seen?: Set<unknown>): string {
  if (typeof v === 'string') return `'${v.replace(/[\\'\n\r\t\f]/g, (c) => INSPECT_ESCAPES[c]!)}'`;
  if (Array.isArray(v) && !isCharArray(v)) return listText(v, seen, inspectValue);
  if (v instanceof GMap) return mapText(v, seen, inspectValue);
  return formatValue(v, seen);
}

/** Java's String.valueOf / Object.toString (maps as `{k=v}`, lists as `[a, b]`). */
export function javaToString(v: Value): string {
  if (v instanceof GMap)
    return `{${v
      .entries()
      .map(([k, x]) => `${javaToString(k)}=${javaToString(x)}`)
      .join(', ')}}`;
  if (Array.isArray(v)) {
    const cls = JAVA_ARRAYS.get(v);
    if (cls) return `${cls}@${identity(v)}`;
    return `[${v.map(javaToString).join(', ')}]`;
  }
  return formatValue(v);
}

/** Groovy truth (asBoolean). */
export function truthy(v: Value): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GMap) return v.size > 0;
  if (isNumber(v)) return compareNumbers(v, 0) !== 0;
  if (v instanceof JChar) return v.c !== '\0';
  if (v instanceof JObject) {
    if (v.cls === 'java.lang.StringBuilder') return (v.state as string).length > 0;
    if (v.cls === 'java.util.regex.Matcher') return (v.state as Value[]).length > 0;
  }
  if (v instanceof JBytes) return v.b.length > 0;
  if (v instanceof JRange) return true;
  return true;
}

function isCharLike(v: Value): string | undefined {
  if (v instanceof JChar) return v.c;
  if (typeof v === 'string' && v.length === 1) return v;
  return undefined;
}

/** Groovy `==` (DefaultTypeTransformation.compareEqual): null-safe, numbers by value, lists and maps deep. */
export function groovyEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (a instanceof JRange) return groovyEquals(a.toList(), b);
  if (b instanceof JRange) return groovyEquals(a, b.toList());
  if (isNumber(a)) {
    if (isNumber(b)) return compareNumbers(a, b) === 0;
    if (b instanceof JChar) return compareNumbers(a, b.c.charCodeAt(0)) === 0;
    return false;
  }
  if (a instanceof JChar || b instanceof JChar) {
    const x = isCharLike(a);
    const y = isCharLike(b);
    if (x !== undefined && y !== undefined) return x === y;
    if (isNumber(b) && a instanceof JChar) return compareNumbers(a.c.charCodeAt(0), b) === 0;
    return false;
  }
  const contents = sameContents(a, b, groovyEquals);
  if (contents !== undefined) return contents;
  if (a instanceof JMapEntry && b instanceof JMapEntry)
    return groovyEquals(a.key, b.key) && groovyEquals(a.value, b.value);
  if (a instanceof JTime && b instanceof JTime) return a.cls === b.cls && a.ms === b.ms;
  if (a instanceof JObject && b instanceof JObject && typeof a.state === 'string' && a.cls === b.cls) return a === b;
  return false;
}

/** Java `equals` (type-strict: `1.equals(1L)` is false; BigDecimal compares scale). */
export function javaEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNumber(a) || isNumber(b)) {
    if (!isNumber(a) || !isNumber(b) || numberClass(a) !== numberClass(b)) return false;
    if (a instanceof JBigDecimal && b instanceof JBigDecimal) return a.u === b.u && a.s === b.s;
    return compareNumbers(a, b) === 0;
  }
  if (a instanceof JChar && b instanceof JChar) return a.c === b.c;
  if (typeof a === 'string' || typeof b === 'string') return false;
  // List.equals and Set.equals compare elements with equals; Map.equals compares values with equals
  return sameContents(a, b, javaEquals) ?? groovyEquals(a, b);
}

/**
 * Equality of two lists, two sets or two maps, with `eq` for their elements and values (keys are the map's own);
 * undefined when `a` and `b` are not two of a kind.
 */
function sameContents(a: Value, b: Value, eq: (x: Value, y: Value) => boolean): boolean | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const set = isSetLike(a);
    if (set !== isSetLike(b)) return false;
    return set ? sameMembers(a, b, eq) : sameSequence(a, b, eq);
  }
  if (a instanceof GMap && b instanceof GMap) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.entries()) if (!b.has(k) || !eq(v, b.get(k)!)) return false;
    return true;
  }
  return undefined;
}

/** Element-wise equality of two lists of the same length. */
function sameSequence(a: Value[], b: Value[], eq: (x: Value, y: Value) => boolean): boolean {
  for (let i = 0; i < a.length; i++) if (!eq(a[i]!, b[i]!)) return false;
  return true;
}

/** Element comparisons a set equality may make (a pair of 3,000-element sets in the worst order). */
const SET_EQUALITY_COMPARISONS = 10_000_000;

/**
 * Set equality (Groovy's `equals(Set, Set)`, Java's `Set.equals`) of two sets of the same size: every member of `a`
 * has an equal one in `b`, in any order. Same-order sets answer at once; otherwise the comparisons are bounded.
 */
function sameMembers(a: Value[], b: Value[], eq: (x: Value, y: Value) => boolean): boolean {
  if (sameSequence(a, b, eq)) return true;
  let work = 0;
  for (const x of a) {
    work += b.length;
    if (work > SET_EQUALITY_COMPARISONS)
      fail(BUDGET, `set comparison work exceeded ${SET_EQUALITY_COMPARISONS} comparisons`);
    if (!b.some((y) => eq(x, y))) return false;
  }
  return true;
}

const JAVA_BASE = new Set([
  'java.lang.String',
  'java.lang.Integer',
  'java.lang.Long',
  'java.lang.Boolean',
  'java.lang.Character',
]);

function classCast(from: Value, to: Value): never {
  const f = typeName(from);
  const t = typeName(to);
  const mod =
    JAVA_BASE.has(f) && JAVA_BASE.has(t) ? ` (${f} and ${t} are in module java.base of loader 'bootstrap')` : '';
  return fail('java.lang.ClassCastException', `class ${f} cannot be cast to class ${t}${mod}`);
}

/** Groovy's compareTo for `<`, `>`, `<=>`, sort: numbers by value, strings by UTF-16 units, null smallest. */
export function groovyCompare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isNumber(a)) {
    if (isNumber(b)) return compareNumbers(a, b);
    const c = isCharLike(b);
    if (c !== undefined) return compareNumbers(a, c.charCodeAt(0));
    if (typeof b === 'string') return classCast(b, a);
  }
  if (isNumber(b)) {
    const c = isCharLike(a);
    if (c !== undefined) return compareNumbers(c.charCodeAt(0), b);
    if (typeof a === 'string') return classCast(a, b);
  }
  // Character.compareTo(String) casts: only a one-character String compares (String vs Character always does)
  if (a instanceof JChar && typeof b === 'string' && b.length !== 1) return classCast(b, a);
  const x = a instanceof JChar ? a.c : typeof a === 'string' ? a : undefined;
  const y = b instanceof JChar ? b.c : typeof b === 'string' ? b : undefined;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof JTime && b instanceof JTime) return a.ms < b.ms ? -1 : a.ms > b.ms ? 1 : 0;
  return fail(
    'groovy.lang.GroovyRuntimeException',
    `Cannot compare ${typeName(a)} with value '${formatValue(a)}' and ${typeName(b)} with value '${formatValue(b)}'`,
  );
}

/** Groovy's NumberAwareComparator: compareTo, falling back to hash codes for incomparable values. */
export function sortCompare(a: Value, b: Value): number {
  try {
    return groovyCompare(a, b);
  } catch {
    const x = javaHash(a);
    const y = javaHash(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
}

/** Converts an interpreter value to plain data (for `raw`): maps become plain objects, lists arrays. */
export function toPlain(v: Value, depth = 0): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (depth > 100) return formatValue(v);
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof GMap) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.entries())
      Object.defineProperty(o, formatValue(k), {
        value: toPlain(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return o;
  }
  if (isNumber(v)) return numberToJs(v);
  if (v instanceof JBytes) return [...v.b];
  if (v instanceof JBean) return Object.fromEntries(v.entries().map(([k, x]) => [k, toPlain(x, depth + 1)]));
  return formatValue(v);
}

export { JTime } from './time.ts';
export type { JNumber };
export { isNumber, JBigDecimal, JBigInteger, JDouble, JLong };
