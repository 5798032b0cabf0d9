/**
 * The allow-listed methods, by receiver type: Java String/List/Map/Number methods with Java behaviour plus the common
 * Groovy additions, and the static methods of the few known classes. Anything else is a MissingMethodException.
 */
import type { Ctx } from './context.ts';
import { fail as fail_, npeMethod as npeMethod_, unsupported as unsupported_ } from './errors.ts';
import { javaFormat as javaFormat_ } from './format.ts';
import { parseJson as parseJson_, toJson as toJson_ } from './json.ts';
import {
  absNumber as absNumber_,
  arith as arith_,
  bigDecimalToPlain as bigDecimalToPlain_,
  compareNumbers as compareNumbers_,
  exactOp as exactOp_,
  isNumber as isNumber_,
  JBigDecimal as JBigDecimal_,
  JBigInteger as JBigInteger_,
  JDouble as JDouble_,
  JFloat as JFloat_,
  JLong as JLong_,
  type JNumber,
  negate as negate_,
  numberClass as numberClass_,
  numberToString as numberToString_,
  parseBigDecimal as parseBigDecimal_,
  parseJavaInteger as parseJavaInteger_,
  setScale as setScale_,
  stripTrailingZeros as stripTrailingZeros_,
  toBigDecimal as toBigDecimal_,
  toBigInt as toBigInt_,
  toDouble as toDouble_,
  toInt as toInt_,
  toLong as toLong_,
} from './numbers.ts';
import { javaMatches as javaMatches_, javaReplace as javaReplace_, javaSplit as javaSplit_ } from './regex.ts';
import {
  bitOp as bitOp_,
  castTo as castTo_,
  getIndex as getIndex_,
  intArg as intArg_,
  isCase as isCase_,
  iterate as iterate_,
  minus as minus_,
  missingMethod as missingMethod_,
  multiply as multiply_,
  numericOp as numericOp_,
  plus as plus_,
  similarCollection as similarCollection_,
} from './runtime.ts';
import {
  asCollection as asCollection_,
  asJavaArray as asJavaArray_,
  COLLECTION_CLASS as COLLECTION_CLASS_,
  formatValue as formatValue_,
  GClosure as GClosure_,
  GMap as GMap_,
  groovyCompare as groovyCompare_,
  groovyEquals as groovyEquals_,
  JAVA_ARRAYS as JAVA_ARRAYS_,
  JBytes as JBytes_,
  JChar as JChar_,
  JClassRef as JClassRef_,
  JException as JException_,
  JMapEntry as JMapEntry_,
  JObject as JObject_,
  JRange as JRange_,
  javaEquals as javaEquals_,
  javaToString as javaToString_,
  OBJECT_ARRAY,
  sortCompare as sortCompare_,
  stringHash as stringHash_,
  truthy as truthy_,
  typeName as typeName_,
  type Value,
} from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const fail = fail_;
const npeMethod = npeMethod_;
const unsupported = unsupported_;
const javaFormat = javaFormat_;
const parseJson = parseJson_;
const toJson = toJson_;
const absNumber = absNumber_;
const arith = arith_;
const bigDecimalToPlain = bigDecimalToPlain_;
const compareNumbers = compareNumbers_;
const exactOp = exactOp_;
const isNumber = isNumber_;
const JBigDecimal = JBigDecimal_;
type JBigDecimal = JBigDecimal_;
const JBigInteger = JBigInteger_;
const JDouble = JDouble_;
const JFloat = JFloat_;
const JLong = JLong_;
const negate = negate_;
const numberClass = numberClass_;
const numberToString = numberToString_;
const parseBigDecimal = parseBigDecimal_;
const parseJavaInteger = parseJavaInteger_;
const setScale = setScale_;
const stripTrailingZeros = stripTrailingZeros_;
const toBigDecimal = toBigDecimal_;
const toBigInt = toBigInt_;
const toDouble = toDouble_;
const toInt = toInt_;
const toLong = toLong_;
const javaMatches = javaMatches_;
const javaReplace = javaReplace_;
const javaSplit = javaSplit_;
const bitOp = bitOp_;
const castTo = castTo_;
const getIndex = getIndex_;
const intArg = intArg_;
const isCase = isCase_;
const iterate = iterate_;
const minus = minus_;
const missingMethod = missingMethod_;
const multiply = multiply_;
const numericOp = numericOp_;
const plus = plus_;
const similarCollection = similarCollection_;
const asCollection = asCollection_;
const asJavaArray = asJavaArray_;
const COLLECTION_CLASS = COLLECTION_CLASS_;
const formatValue = formatValue_;
const GClosure = GClosure_;
type GClosure = GClosure_;
const GMap = GMap_;
type GMap = GMap_;
const groovyCompare = groovyCompare_;
const groovyEquals = groovyEquals_;
const JAVA_ARRAYS = JAVA_ARRAYS_;
const JBytes = JBytes_;
const JChar = JChar_;
const JClassRef = JClassRef_;
const JException = JException_;
const JMapEntry = JMapEntry_;
type JMapEntry = JMapEntry_;
const JObject = JObject_;
type JObject = JObject_;
const JRange = JRange_;
const javaEquals = javaEquals_;
const javaToString = javaToString_;
const sortCompare = sortCompare_;
const stringHash = stringHash_;
const truthy = truthy_;
const typeName = typeName_;

type Fn = (ctx: Ctx, recv: never, args: Value[]) => Value | undefined;
const NO = undefined;

/** Calls a closure with one item (map entries spread to key, value for two-parameter closures). */
export function call1(c: GClosure, x: Value): Value {
  if (x instanceof JMapEntry && c.paramCount === 2) return c.invoke([x.key, x.value]);
  return c.invoke([x]);
}

function isStr(v: Value | undefined): v is string {
  return typeof v === 'string';
}
function strArg(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof JChar) return v.c;
  return undefined;
}
function closureArg(v: Value | undefined): GClosure | undefined {
  return v instanceof GClosure ? v : undefined;
}
function strIOOBE(begin: number, end: number, len: number): never {
  return fail('java.lang.StringIndexOutOfBoundsException', `begin ${begin}, end ${end}, length ${len}`);
}
function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Java's URLEncoder.encode(s, "UTF-8"). */
export function urlEncode(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[a-zA-Z0-9.\-*_]/.test(c)) out += c;
    else if (b === 32) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return fail('java.lang.IllegalArgumentException', 'URLDecoder: Illegal hex characters in escape (%) pattern');
  }
}

function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

function isBigDecimalString(s: string): boolean {
  return parseBigDecimal(s.trim()) !== undefined;
}

function pad(
  ctx: Ctx,
  s: string,
  n: Value | undefined,
  p: Value | undefined,
  side: 'left' | 'right' | 'center',
): Value | undefined {
  const width = intArg(n);
  const padding = p === undefined ? ' ' : strArg(p);
  if (width === undefined || padding === undefined) return NO;
  if (width <= s.length) return s;
  ctx.reserve(width);
  if (padding.length === 0) return fail('java.lang.IllegalArgumentException', 'padding must not be empty');
  const fill = (k: number) => padding.repeat(Math.ceil(k / padding.length)).slice(0, k);
  const total = width - s.length;
  if (side === 'left') return fill(total) + s;
  if (side === 'right') return s + fill(total);
  const left = Math.floor(total / 2);
  return fill(left) + s + fill(total - left);
}

const STRING: Record<string, Fn> = {
  length: (_c, s: string, a) => (a.length === 0 ? s.length : NO),
  size: (_c, s: string, a) => (a.length === 0 ? s.length : NO),
  isEmpty: (_c, s: string, a) => (a.length === 0 ? s.length === 0 : NO),
  substring: (_c, s: string, a) => {
    const b = intArg(a[0]);
    if (b === undefined || a.length > 2) return NO;
    const e = a.length === 2 ? intArg(a[1]) : s.length;
    if (e === undefined) return NO;
    if (b < 0 || e > s.length || b > e) strIOOBE(b, e, s.length);
    return s.slice(b, e);
  },
  subSequence: (c, s: string, a) => STRING.substring!(c, s as never, a),
  charAt: (_c, s: string, a) => {
    const i = intArg(a[0]);
    if (i === undefined || a.length !== 1) return NO;
    if (i < 0 || i >= s.length) fail('java.lang.StringIndexOutOfBoundsException', `String index out of range: ${i}`);
    return new JChar(s[i]!);
  },
  indexOf: (_c, s: string, a) => {
    const x = strArg(a[0]) ?? (typeof a[0] === 'number' ? String.fromCharCode(a[0]) : undefined);
    if (x === undefined || a.length > 2) return NO;
    const from = a.length === 2 ? intArg(a[1]) : 0;
    if (from === undefined) return NO;
    return s.indexOf(x, Math.max(0, from));
  },
  lastIndexOf: (_c, s: string, a) => {
    const x = strArg(a[0]) ?? (typeof a[0] === 'number' ? String.fromCharCode(a[0]) : undefined);
    if (x === undefined || a.length > 2) return NO;
    const from = a.length === 2 ? intArg(a[1]) : s.length;
    if (from === undefined) return NO;
    return from < 0 ? -1 : s.lastIndexOf(x, from);
  },
  contains: (_c, s: string, a) => {
    if (a.length !== 1) return NO;
    if (a[0] === null)
      return fail(
        'java.lang.NullPointerException',
        'Cannot invoke "java.lang.CharSequence.toString()" because "s" is null',
      );
    const x = strArg(a[0]) ?? (a[0] instanceof JObject && typeof a[0].state === 'string' ? a[0].state : undefined);
    return x === undefined ? NO : s.includes(x);
  },
  startsWith: (_c, s: string, a) => {
    const x = strArg(a[0]);
    if (x === undefined || a.length > 2) return NO;
    const off = a.length === 2 ? intArg(a[1]) : 0;
    return off === undefined ? NO : s.startsWith(x, off);
  },
  endsWith: (_c, s: string, a) => {
    const x = strArg(a[0]);
    return x === undefined || a.length !== 1 ? NO : s.endsWith(x);
  },
  equals: (_c, s: string, a) => (a.length === 1 ? javaEquals(s, a[0]!) : NO),
  equalsIgnoreCase: (_c, s: string, a) => {
    if (a.length !== 1) return NO;
    const x = a[0];
    return (
      typeof x === 'string' && x.length === s.length && x.toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase()
    );
  },
  compareTo: (_c, s: string, a) => {
    const x = strArg(a[0]);
    if (x === undefined || a.length !== 1) return NO;
    const n = Math.min(s.length, x.length);
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== x.charCodeAt(i)) return s.charCodeAt(i) - x.charCodeAt(i);
    return s.length - x.length;
  },
  compareToIgnoreCase: (c, s: string, a) => {
    const x = strArg(a[0]);
    return x === undefined ? NO : STRING.compareTo!(c, s.toLowerCase() as never, [x.toLowerCase()]);
  },
  toLowerCase: (_c, s: string, a) => (a.length === 0 ? s.toLowerCase() : NO),
  toUpperCase: (_c, s: string, a) => (a.length === 0 ? s.toUpperCase() : NO),
  trim: (_c, s: string, a) => (a.length === 0 ? javaTrim(s) : NO),
  strip: (_c, s: string, a) => (a.length === 0 ? s.trim() : NO),
  replace: (c, s: string, a) => {
    if (a.length !== 2) return NO;
    if (a[0] === null || a[1] === null)
      return fail(
        'java.lang.NullPointerException',
        `Cannot invoke "java.lang.CharSequence.toString()" because "${a[0] === null ? 'target' : 'replacement'}" is null`,
      );
    const x = strArg(a[0]);
    const y = strArg(a[1]);
    if (x === undefined || y === undefined) return NO;
    if (x === '') return c.str(`${y}${[...s].join(y)}${s.length ? y : ''}`);
    return c.str(s.split(x).join(y));
  },
  replaceAll: (c, s: string, a) => {
    if (a.length !== 2 || !isStr(a[0]) || !isStr(a[1])) return NO;
    return c.str(javaReplace(s, a[0], a[1], true));
  },
  replaceFirst: (c, s: string, a) => {
    if (a.length !== 2 || !isStr(a[0]) || !isStr(a[1])) return NO;
    return c.str(javaReplace(s, a[0], a[1], false));
  },
  split: (c, s: string, a) => {
    if (a.length === 0) return asJavaArray(s.split(/\s+/).filter((x) => x !== ''));
    if (!isStr(a[0]) || a.length > 2) return NO;
    const limit = a.length === 2 ? intArg(a[1]) : 0;
    if (limit === undefined) return NO;
    const parts = javaSplit(s, a[0], limit);
    c.steps_(parts.length);
    return asJavaArray(parts);
  },
  matches: (_c, s: string, a) => (a.length === 1 && isStr(a[0]) ? javaMatches(s, a[0]) : NO),
  repeat: (c, s: string, a) => {
    const n = intArg(a[0]);
    if (n === undefined || a.length !== 1) return NO;
    if (n < 0) return fail('java.lang.IllegalArgumentException', `count is negative: ${n}`);
    c.reserve(s.length * n);
    return s.repeat(n);
  },
  concat: (c, s: string, a) => {
    if (a.length === 1 && a[0] === null)
      return fail('java.lang.NullPointerException', 'Cannot invoke "String.isEmpty()" because "str" is null');
    return a.length === 1 && isStr(a[0]) ? c.str(s + a[0]) : NO;
  },
  format: (c, _s: string, a) => (a.length >= 1 && isStr(a[0]) ? c.str(javaFormat(a[0], a.slice(1))) : NO),
  toString: (_c: Ctx, s: string, a: Value[]) => (a.length === 0 ? s : NO),
  hashCode: (_c, s: string, a) => (a.length === 0 ? stringHash(s) : NO),
  toCharArray: (_c, s: string, a) =>
    a.length === 0
      ? asJavaArray(
          [...s].map((x) => new JChar(x)),
          '[C',
        )
      : NO,
  getBytes: (_c, s: string, a) => (a.length <= 1 ? new JBytes(utf8(s)) : NO),
  tokenize: (_c, s: string, a) => {
    if (a.length > 1) return NO;
    const delims = a.length === 0 ? ' \t\n\r\f' : strArg(a[0]);
    if (delims === undefined) return NO;
    const out: Value[] = [];
    let cur = '';
    for (const ch of s) {
      if (delims.includes(ch)) {
        if (cur) out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  },
  take: (_c, s: string, a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : s.slice(0, Math.max(0, n));
  },
  drop: (_c, s: string, a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : s.slice(Math.max(0, n));
  },
  padLeft: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'left') : NO),
  padRight: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'right') : NO),
  center: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'center') : NO),
  capitalize: (_c, s: string, a) => (a.length === 0 ? (s ? s[0]!.toUpperCase() + s.slice(1) : s) : NO),
  uncapitalize: (_c, s: string, a) => (a.length === 0 ? (s ? s[0]!.toLowerCase() + s.slice(1) : s) : NO),
  reverse: (_c, s: string, a) => (a.length === 0 ? [...s].reverse().join('') : NO),
  toInteger: (_c, s: string, a) => (a.length === 0 ? parseJavaInteger(javaTrim(s), 'int') : NO),
  toLong: (_c, s: string, a) => (a.length === 0 ? parseJavaInteger(javaTrim(s), 'long') : NO),
  toBigInteger: (_c, s: string, a) =>
    a.length === 0 ? new JBigInteger(toBigInt(parseJavaInteger(javaTrim(s), 'long'))) : NO,
  toBigDecimal: (_c, s: string, a) => (a.length === 0 ? castTo(javaTrim(s), 'BigDecimal', 0, 'as') : NO),
  toDouble: (_c, s: string, a) => (a.length === 0 ? castTo(javaTrim(s), 'Double', 0, 'as') : NO),
  toBoolean: (_c, s: string, a) => {
    if (a.length !== 0) return NO;
    const t = javaTrim(s).toLowerCase();
    return t === 'true' || t === 'y' || t === '1';
  },
  isNumber: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isBigDecimal: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isDouble: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isInteger: (_c, s: string, a) => {
    if (a.length !== 0) return NO;
    const t = javaTrim(s);
    return /^[+-]?\d+$/.test(t) && BigInt(t) >= -2147483648n && BigInt(t) <= 2147483647n;
  },
  isLong: (_c, s: string, a) => (a.length === 0 ? /^[+-]?\d+$/.test(javaTrim(s)) : NO),
  isAllWhitespace: (_c, s: string, a) => (a.length === 0 ? /^\s*$/.test(s) : NO),
  plus: (c, s: string, a) => (a.length === 1 ? plus(c, s, a[0]!) : NO),
  minus: (c, s: string, a) => (a.length === 1 ? minus(c, s, a[0]!) : NO),
  multiply: (c, s: string, a) => (a.length === 1 ? multiply(c, s, a[0]!) : NO),
  getAt: (c, s: string, a) => (a.length === 1 ? getIndex(c, s, a[0]!) : NO),
  count: (_c, s: string, a) => {
    const x = strArg(a[0]);
    if (x === undefined || a.length !== 1) return NO;
    if (x === '') return s.length + 1;
    let n = 0;
    for (let i = s.indexOf(x); i >= 0; i = s.indexOf(x, i + 1)) n++;
    return n;
  },
  toList: (_c, s: string, a) => (a.length === 0 ? iterate(s) : NO),
  decodeBase64: (_c, s: string, a) => (a.length === 0 ? new JBytes(new Uint8Array(Buffer.from(s, 'base64'))) : NO),
  encodeAsBase64: (_c, s: string, a) => (a.length === 0 ? Buffer.from(utf8(s)).toString('base64') : NO),
  asBoolean: (_c, s: string, a) => (a.length === 0 ? s.length > 0 : NO),
  isCase: (c, s: string, a) => (a.length === 1 ? isCase(c, s, a[0]!, (k, x) => k.invoke(x)) : NO),
};

function sorted(list: Value[], c: GClosure | undefined): Value[] {
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

function flatten(list: Value[], out: Value[], depth: number): Value[] {
  for (const x of list) {
    if ((Array.isArray(x) || x instanceof JRange) && depth < 1000) flatten(iterate(x), out, depth + 1);
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

/** Methods shared by lists, arrays, ranges and (for iteration methods) maps and strings. */
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

const ITER: Record<string, Fn> = {
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
      const out = new GMap(l.kind);
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

const LIST: Record<string, Fn> = {
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
  removeAll: (_c, l: Value[], a) => {
    checkMutable(l, 'removeAll', a);
    const other = a[0];
    if (a.length !== 1) return NO;
    const f = closureArg(other);
    const before = l.length;
    const keep = l.filter((x) => (f ? !truthy(call1(f, x)) : !iterate(other!).some((y) => javaEquals(x, y))));
    l.splice(0, l.length, ...keep);
    return l.length !== before;
  },
  retainAll: (_c, l: Value[], a) => {
    checkMutable(l, 'retainAll', a);
    if (a.length !== 1) return NO;
    const f = closureArg(a[0]);
    const before = l.length;
    const keep = l.filter((x) => (f ? truthy(call1(f, x)) : iterate(a[0]!).some((y) => javaEquals(x, y))));
    l.splice(0, l.length, ...keep);
    return l.length !== before;
  },
  clear: (_c, l: Value[], a) => {
    checkMutable(l, 'clear', a);
    if (a.length !== 0) return NO;
    l.length = 0;
    return null;
  },
  contains: (_c, l: Value[], a) => (a.length === 1 ? l.some((x) => javaEquals(x, a[0]!)) : NO),
  containsAll: (_c, l: Value[], a) =>
    a.length === 1 && Array.isArray(a[0]) ? a[0].every((y) => l.some((x) => javaEquals(x, y))) : NO,
  indexOf: (_c, l: Value[], a) => (a.length === 1 ? l.findIndex((x) => javaEquals(x, a[0]!)) : NO),
  lastIndexOf: (_c, l: Value[], a) => {
    if (a.length !== 1) return NO;
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
    c.steps_(l.length * l.length);
    const out: Value[] = [];
    const keys: Value[] = [];
    for (const x of l) {
      const k = f ? call1(f, x) : x;
      if (!keys.some((y) => groovyEquals(y, k))) {
        keys.push(k);
        out.push(x);
      }
    }
    if (!mutate) return out;
    l.splice(0, l.length, ...out);
    return l;
  },
  reverse: (_c, l: Value[], a) =>
    a.length === 0 ? (JAVA_ARRAYS.has(l) ? asJavaArray([...l].reverse(), OBJECT_ARRAY) : [...l].reverse()) : NO,
  flatten: (c, l: Value[], a) => {
    if (a.length !== 0) return NO;
    const out = flatten(l, [], 0);
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
  intersect: (_c, l: Value[], a) =>
    a.length === 1 && Array.isArray(a[0]) ? l.filter((x) => (a[0] as Value[]).some((y) => groovyEquals(x, y))) : NO,
  disjoint: (_c, l: Value[], a) =>
    a.length === 1 && Array.isArray(a[0]) ? !l.some((x) => (a[0] as Value[]).some((y) => groovyEquals(x, y))) : NO,
  equals: (_c, l: Value[], a) => (a.length === 1 ? groovyEquals(l, a[0]!) : NO),
  isCase: (c, l: Value[], a) => (a.length === 1 ? isCase(c, l, a[0]!, (k, x) => k.invoke(x)) : NO),
  asBoolean: (_c, l: Value[], a) => (a.length === 0 ? l.length > 0 : NO),
  push: (c, l: Value[], a) => LIST.add!(c, l as never, a),
};

/** A map's keySet()/values()/entrySet() view, with the Java class HashMap or LinkedHashMap would return. */
function mapView(m: GMap, items: Value[], view: 'KeySet' | 'Values' | 'EntrySet'): Value[] {
  return asCollection(
    items,
    m.kind === 'java.util.HashMap' ? `java.util.HashMap$${view}` : `java.util.LinkedHashMap$Linked${view}`,
  );
}

const MAP: Record<string, Fn> = {
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

function bd(v: JNumber): JBigDecimal {
  return toBigDecimal(v);
}

const NUMBER: Record<string, Fn> = {
  toString: (_c: Ctx, n: JNumber, a: Value[]) => (a.length === 0 ? numberToString(n) : NO),
  equals: (_c, n: JNumber, a) => (a.length === 1 ? javaEquals(n, a[0]!) : NO),
  compareTo: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? compareNumbers(n, a[0]) : NO),
  hashCode: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  intValue: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  toInteger: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  longValue: (_c, n: JNumber, a) => (a.length === 0 ? new JLong(toLong(n)) : NO),
  toLong: (_c, n: JNumber, a) => (a.length === 0 ? new JLong(toLong(n)) : NO),
  doubleValue: (_c, n: JNumber, a) => (a.length === 0 ? new JDouble(toDouble(n)) : NO),
  // DGM toDouble(Float) reads the Float's toString: 0.1f gives 0.1, not 0.10000000149011612
  toDouble: (_c, n: JNumber, a) =>
    a.length === 0 ? new JDouble(n instanceof JFloat ? Number(numberToString(n)) : toDouble(n)) : NO,
  toBigDecimal: (_c, n: JNumber, a) => (a.length === 0 ? bd(n) : NO),
  toBigInteger: (_c, n: JNumber, a) => (a.length === 0 ? new JBigInteger(toBigInt(n)) : NO),
  abs: (_c, n: JNumber, a) => (a.length === 0 ? absNumber(n) : NO),
  negate: (_c, n: JNumber, a) => (a.length === 0 ? negate(n) : NO),
  signum: (_c, n: JNumber, a) => (a.length === 0 ? compareNumbers(n, 0) : NO),
  plus: (c, n: JNumber, a) => (a.length === 1 ? plus(c, n, a[0]!) : NO),
  minus: (c, n: JNumber, a) => (a.length === 1 ? minus(c, n, a[0]!) : NO),
  multiply: (c, n: JNumber, a) => (a.length === 1 ? multiply(c, n, a[0]!) : NO),
  div: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('/', n, a[0]!) : NO),
  mod: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('%', n, a[0]!) : NO),
  power: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('**', n, a[0]!) : NO),
  intdiv: (_c, n: JNumber, a) => {
    const d = a[0];
    if (a.length === 1 && d === null)
      return fail(
        'groovy.lang.GroovyRuntimeException',
        `Ambiguous method overloading for method ${numberClass(n)}#intdiv.`,
      );
    if (a.length !== 1 || !isNumber(d)) return NO;
    if (n instanceof JBigDecimal || n instanceof JDouble || d instanceof JBigDecimal || d instanceof JDouble)
      return fail(
        'java.lang.UnsupportedOperationException',
        `Cannot use intdiv() on this number type: ${numberClass(n)} with value: ${numberToString(n)}`,
      );
    const y = toBigInt(d);
    if (y === 0n) fail('java.lang.ArithmeticException', '/ by zero');
    const q = toBigInt(n) / y;
    return typeof n === 'number' && typeof d === 'number'
      ? Number(BigInt.asIntN(32, q))
      : new JLong(BigInt.asIntN(64, q));
  },
  times: (_c, n: JNumber, a) => {
    const f = closureArg(a[0]);
    if (!f) return NO;
    const k = toInt(n);
    for (let i = 0; i < k; i++) f.invoke([i]);
    return null;
  },
  upto: (_c, n: JNumber, a) => {
    const f = closureArg(a[1]);
    const to = intArg(a[0]);
    if (!f || to === undefined) return NO;
    for (let i = toInt(n); i <= to; i++) f.invoke([i]);
    return null;
  },
  downto: (_c, n: JNumber, a) => {
    const f = closureArg(a[1]);
    const to = intArg(a[0]);
    if (!f || to === undefined) return NO;
    for (let i = toInt(n); i >= to; i--) f.invoke([i]);
    return null;
  },
  setScale: (_c, n: JNumber, a) => {
    if (!(n instanceof JBigDecimal)) return NO;
    const s = intArg(a[0]);
    if (s === undefined || a.length > 2) return NO;
    if (a.length === 2 && a[1] !== 4) return unsupported('setScale with a rounding mode other than ROUND_HALF_UP (4)');
    if (a.length === 1 && s < n.s) {
      const r = setScale(n, s);
      if (compareNumbers(r, n) !== 0) fail('java.lang.ArithmeticException', 'Rounding necessary');
      return r;
    }
    return setScale(n, s);
  },
  scale: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? n.s : NO),
  precision: (_c, n: JNumber, a) =>
    n instanceof JBigDecimal && a.length === 0 ? (n.u < 0n ? -n.u : n.u).toString().length : NO,
  stripTrailingZeros: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? stripTrailingZeros(n) : NO),
  toPlainString: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? bigDecimalToPlain(n) : NO),
  round: (_c, n: JNumber, a) => {
    if (a.length === 0) {
      if (n instanceof JDouble) return new JLong(BigInt(Math.floor(n.v + 0.5)));
      return NO;
    }
    const p = intArg(a[0]);
    if (p === undefined || a.length !== 1) return NO;
    if (n instanceof JDouble) return new JDouble(toDouble(setScale(bd(n), p)));
    return NO;
  },
  asBoolean: (_c, n: JNumber, a) => (a.length === 0 ? truthy(n) : NO),
  isCase: (c, n: JNumber, a) => (a.length === 1 ? isCase(c, n, a[0]!, (k, x) => k.invoke(x)) : NO),
};

const OBJECT: Record<string, Fn> = {
  toString: (_c: Ctx, v: Value, a: Value[]) => (a.length === 0 ? formatValue(v) : NO),
  equals: (_c, v: Value, a) => (a.length === 1 ? groovyEquals(v, a[0]!) : NO),
  hashCode: (_c, _v: Value, a) => (a.length === 0 ? 0 : NO),
  asBoolean: (_c, v: Value, a) => (a.length === 0 ? truthy(v) : NO),
  inspect: (_c, v: Value, a) => (a.length === 0 ? formatValue(v) : NO),
};

function builderMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  const s = o.state as string;
  switch (name) {
    case 'append':
      if (a.length !== 1) return NO;
      o.state = c.str(s + (a[0] instanceof JChar ? a[0].c : javaToString(a[0]!)));
      return o;
    case 'leftShift':
      return a.length === 1 ? bitOp(c, '<<', o, a[0]!) : NO;
    case 'toString':
      return a.length === 0 ? s : NO;
    case 'length':
    case 'size':
      return a.length === 0 ? s.length : NO;
    case 'isEmpty':
      return a.length === 0 ? s.length === 0 : NO;
    case 'charAt':
      return STRING.charAt!(c, s as never, a);
    case 'indexOf':
      return STRING.indexOf!(c, s as never, a);
    case 'substring':
      return STRING.substring!(c, s as never, a);
    case 'reverse':
      if (a.length !== 0) return NO;
      o.state = [...s].reverse().join('');
      return o;
    case 'insert': {
      const i = intArg(a[0]);
      if (i === undefined || a.length !== 2) return NO;
      if (i < 0 || i > s.length) fail('java.lang.StringIndexOutOfBoundsException', `offset ${i}, length ${s.length}`);
      o.state = c.str(s.slice(0, i) + javaToString(a[1]!) + s.slice(i));
      return o;
    }
    case 'deleteCharAt': {
      const i = intArg(a[0]);
      if (i === undefined || a.length !== 1) return NO;
      if (i < 0 || i >= s.length) fail('java.lang.StringIndexOutOfBoundsException', `index ${i},length ${s.length}`);
      o.state = s.slice(0, i) + s.slice(i + 1);
      return o;
    }
    case 'equals':
      return a.length === 1 ? o === a[0] : NO;
  }
  return NO;
}

function objectMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  switch (o.cls) {
    case 'java.lang.StringBuilder':
    case 'java.lang.StringBuffer':
      return builderMethods(c, o, name, a);
    case 'com.fasterxml.jackson.databind.ObjectMapper':
      if (name === 'writeValueAsString' && a.length === 1) return c.str(toJson(a[0]!, 'jackson'));
      return NO;
    case 'groovy.json.JsonBuilder':
      if (name === 'toString' && a.length === 0) return c.str(toJson(o.state as Value, 'groovy'));
      if (name === 'call' && a.length === 1) {
        o.state = a[0]!;
        return a[0]!;
      }
      return NO;
    case 'groovy.json.JsonSlurper':
      if (name === 'parseText' && a.length === 1) {
        if (typeof a[0] !== 'string') return NO;
        return parseJson(a[0]);
      }
      return NO;
    case 'java.util.regex.Matcher': {
      const groups = o.state as Value[];
      if (name === 'find' && a.length === 0) return groups.length > 0;
      if ((name === 'size' || name === 'getCount') && a.length === 0) return groups.length;
      if (name === 'getAt' && a.length === 1) return getIndex(c, o, a[0]!);
      return NO;
    }
  }
  return NO;
}

function mathStatic(name: string, a: Value[]): Value | undefined {
  const nums = a.every(isNumber) ? (a as JNumber[]) : undefined;
  if (!nums) return NO;
  const hasBig = nums.some((n) => n instanceof JBigDecimal || n instanceof JBigInteger);
  const hasDouble = nums.some((n) => n instanceof JDouble);
  const hasLong = nums.some((n) => n instanceof JLong);
  const hasInt = nums.some((n) => typeof n === 'number' || n instanceof JLong);
  const ambiguous = (): never =>
    fail('groovy.lang.GroovyRuntimeException', `Ambiguous method overloading for method java.lang.Math#${name}.`);
  switch (name) {
    case 'max':
    case 'min': {
      if (a.length !== 2) return NO;
      if (hasBig && hasInt) return ambiguous();
      const c = compareNumbers(nums[0]!, nums[1]!);
      const pick = name === 'max' ? (c >= 0 ? nums[0]! : nums[1]!) : c <= 0 ? nums[0]! : nums[1]!;
      // Math.max(float, float) when no argument is a Double or BigDecimal
      if (hasDouble && !hasBig && !nums.some((n) => n instanceof JDouble && !(n instanceof JFloat)))
        return new JFloat(toDouble(pick));
      if (hasDouble || hasBig) return new JDouble(toDouble(pick));
      if (hasLong) return new JLong(toLong(pick));
      return pick;
    }
    case 'abs':
      if (a.length !== 1) return NO;
      if (hasBig) return new JDouble(Math.abs(toDouble(nums[0]!)));
      return absNumber(nums[0]!);
    case 'addExact':
    case 'subtractExact':
    case 'multiplyExact': {
      if (a.length !== 2) return NO;
      if (hasBig || hasDouble) return NO;
      const op = name === 'addExact' ? '+' : name === 'subtractExact' ? '-' : '*';
      return exactOp(op, nums[0]!, nums[1]!, hasLong);
    }
    case 'incrementExact':
    case 'decrementExact':
    case 'negateExact':
      if (a.length !== 1 || hasBig || hasDouble) return NO;
      if (name === 'negateExact') return exactOp('-', 0, nums[0]!, hasLong);
      return exactOp(name === 'incrementExact' ? '+' : '-', nums[0]!, 1, hasLong);
    case 'toIntExact':
      if (a.length !== 1 || !(nums[0] instanceof JLong)) return NO;
      return exactOp('+', nums[0], 0, false);
    case 'floor':
    case 'ceil':
    case 'sqrt':
    case 'log':
    case 'log10':
    case 'exp':
      if (a.length !== 1) return NO;
      return new JDouble((Math as unknown as Record<string, (x: number) => number>)[name]!(toDouble(nums[0]!)));
    case 'pow':
      return a.length === 2 ? new JDouble(toDouble(nums[0]!) ** toDouble(nums[1]!)) : NO;
    case 'round': {
      if (a.length !== 1) return NO;
      const x = toDouble(nums[0]!);
      const r = Math.floor(x + 0.5);
      return nums[0] instanceof JDouble ? new JLong(BigInt(r)) : r | 0;
    }
    case 'floorDiv':
    case 'floorMod': {
      if (a.length !== 2 || hasBig || hasDouble) return NO;
      const x = toBigInt(nums[0]!);
      const y = toBigInt(nums[1]!);
      if (y === 0n) fail('java.lang.ArithmeticException', '/ by zero');
      let q = x / y;
      if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
      const r = name === 'floorDiv' ? q : x - q * y;
      return hasLong ? new JLong(r) : Number(r);
    }
    case 'random':
      return unsupported('Math.random() (non-deterministic)');
  }
  return NO;
}

function staticMethod(c: Ctx, cls: string, name: string, a: Value[]): Value | undefined {
  switch (cls) {
    case 'java.lang.Math':
      return mathStatic(name, a);
    case 'java.lang.String':
      if (name === 'valueOf' && a.length === 1) return a[0] instanceof JChar ? a[0].c : javaToString(a[0]!);
      if (name === 'format' && a.length >= 1 && isStr(a[0])) {
        const rest = a.length === 2 && Array.isArray(a[1]) && JAVA_ARRAYS.has(a[1]) ? a[1] : a.slice(1);
        return c.str(javaFormat(a[0], rest));
      }
      if (name === 'join' && a.length >= 2 && isStr(a[0])) {
        const items = a.length === 2 && (Array.isArray(a[1]) || a[1] instanceof JRange) ? iterate(a[1]) : a.slice(1);
        return c.str(items.map((x) => javaToString(x)).join(a[0]));
      }
      return NO;
    case 'java.lang.Integer':
    case 'java.lang.Long': {
      const kind = cls === 'java.lang.Integer' ? 'int' : 'long';
      if ((name === 'parseInt' || name === 'parseLong' || name === 'valueOf') && a.length >= 1 && a.length <= 2) {
        if (name === 'parseInt' && kind === 'long') return NO;
        if (name === 'parseLong' && kind === 'int') return NO;
        if (name === 'valueOf' && isNumber(a[0]) && a.length === 1)
          return kind === 'int' ? (typeof a[0] === 'number' ? a[0] : NO) : new JLong(toLong(a[0]));
        if (a[0] === null) return fail('java.lang.NumberFormatException', 'Cannot parse null string');
        if (!isStr(a[0])) return NO;
        const radix = a.length === 2 ? intArg(a[1]) : 10;
        if (radix === undefined) return NO;
        return parseJavaInteger(a[0], kind, radix);
      }
      if (name === 'toString' && a.length >= 1 && isNumber(a[0])) {
        const radix = a.length === 2 ? intArg(a[1]) : 10;
        return toBigInt(a[0]).toString(radix ?? 10);
      }
      if (name === 'toHexString' && a.length === 1 && isNumber(a[0]))
        return (kind === 'int' ? BigInt.asUintN(32, toBigInt(a[0])) : BigInt.asUintN(64, toBigInt(a[0]))).toString(16);
      if (
        (name === 'max' || name === 'min' || name === 'sum' || name === 'compare') &&
        a.length === 2 &&
        a.every(isNumber)
      ) {
        const [x, y] = a as JNumber[];
        if (name === 'sum') return arith('+', x!, y!);
        if (name === 'compare') return compareNumbers(x!, y!);
        const cmp = compareNumbers(x!, y!);
        return name === 'max' ? (cmp >= 0 ? x! : y!) : cmp <= 0 ? x! : y!;
      }
      return NO;
    }
    case 'java.lang.Double':
      if ((name === 'parseDouble' || name === 'valueOf') && a.length === 1) {
        if (isNumber(a[0])) return new JDouble(toDouble(a[0]));
        if (!isStr(a[0])) return NO;
        return castTo(a[0], 'Double', 0, 'as');
      }
      return NO;
    case 'java.lang.Boolean':
      if ((name === 'parseBoolean' || name === 'valueOf') && a.length === 1) {
        if (typeof a[0] === 'boolean') return a[0];
        return a[0] === null ? false : isStr(a[0]) ? a[0].toLowerCase() === 'true' : NO;
      }
      return NO;
    case 'java.math.BigDecimal':
      if (name === 'valueOf' && a.length >= 1 && isNumber(a[0])) {
        if (a.length === 2) {
          const s = intArg(a[1]);
          return s === undefined ? NO : new JBigDecimal(toBigInt(a[0]), s);
        }
        return a[0] instanceof JDouble ? toBigDecimal(a[0]) : new JBigDecimal(toBigInt(a[0]), 0);
      }
      return NO;
    case 'java.lang.Character': {
      const ch = a[0] instanceof JChar ? a[0].c : isStr(a[0]) && a[0].length === 1 ? a[0] : undefined;
      if (ch === undefined || a.length !== 1) return NO;
      switch (name) {
        case 'isDigit':
          return /\p{Nd}/u.test(ch);
        case 'isLetter':
          return /\p{L}/u.test(ch);
        case 'isLetterOrDigit':
          return /[\p{L}\p{Nd}]/u.test(ch);
        case 'isWhitespace':
          return /[\s]/.test(ch);
        case 'isUpperCase':
          return ch !== ch.toLowerCase();
        case 'isLowerCase':
          return ch !== ch.toUpperCase();
        case 'toUpperCase':
          return new JChar(ch.toUpperCase());
        case 'toLowerCase':
          return new JChar(ch.toLowerCase());
      }
      return NO;
    }
    case 'java.net.URLEncoder':
      if (name === 'encode' && (a.length === 1 || a.length === 2) && isStr(a[0])) {
        if (a.length === 2 && !(isStr(a[1]) && a[1].toUpperCase().replace('-', '') === 'UTF8'))
          return isStr(a[1]) ? fail('java.io.UnsupportedEncodingException', a[1]) : NO;
        return c.str(urlEncode(a[0]));
      }
      if (name === 'encode' && a[0] === null)
        return fail('java.lang.NullPointerException', 'Cannot invoke "String.length()" because "s" is null');
      return NO;
    case 'java.net.URLDecoder':
      if (name === 'decode' && (a.length === 1 || a.length === 2) && isStr(a[0])) return urlDecode(a[0]);
      return NO;
    case 'groovy.json.JsonOutput':
      if (name === 'toJson' && a.length === 1) return c.str(toJson(a[0]!, 'groovy'));
      return NO;
  }
  return NO;
}

/** List-interface methods a Java array does not have. */
const ARRAY_EXCLUDED = new Set([
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
const COLLECTION_EXCLUDED = new Set(['get', 'set', 'subList', 'indexOf', 'lastIndexOf', 'add', 'addAll', 'push']);

/** Java NPE messages for String methods given a null argument. */
const STRING_NULL_ARG: Record<string, string> = {
  startsWith: 'Cannot invoke "String.length()" because "prefix" is null',
  endsWith: 'Cannot invoke "String.length()" because "suffix" is null',
  indexOf: 'Cannot invoke "String.coder()" because "str" is null',
  lastIndexOf: 'Cannot invoke "String.coder()" because "str" is null',
  split: 'Cannot invoke "String.length()" because "regex" is null',
  replaceAll: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  replaceFirst: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  matches: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  equalsIgnoreCase: '',
};

/** Calls `recv.name(args)` (recv not null; safe navigation is the caller's business). */
export function callMethod(ctx: Ctx, recv: Value, name: string, args: Value[]): Value {
  ctx.step();
  let r: Value | undefined;
  if (recv === null) {
    if (name === 'toString' && args.length === 0) return 'null';
    if (name === 'equals' && args.length === 1) return args[0] === null;
    if (name === 'asBoolean' && args.length === 0) return false;
    if (name === 'plus' && args.length === 1 && typeof args[0] === 'string') return `null${args[0]}`;
    if (args.length === 1 && args[0] instanceof GClosure) {
      // DefaultGroovyMethods on null iterate nothing
      if (name === 'findAll' || name === 'collect') return [];
      if (name === 'each' || name === 'eachWithIndex' || name === 'find') return null;
      if (name === 'any') return false;
      if (name === 'every') return true;
    }
    if (name === 'inject' && args.length === 2 && args[1] instanceof GClosure) return args[0]!;
    return npeMethod(name);
  }
  if (typeof recv === 'string') {
    if (args[0] === null && args.length >= 1 && Object.hasOwn(STRING_NULL_ARG, name) && STRING_NULL_ARG[name])
      return fail('java.lang.NullPointerException', STRING_NULL_ARG[name]!);
    const f = STRING[name];
    if (f && Object.hasOwn(STRING, name)) r = f(ctx, recv as never, args);
    else if (Object.hasOwn(ITER, name) && name !== 'join' && name !== 'sum' && name !== 'max' && name !== 'min') {
      r = ITER[name]!(ctx, iterate(recv) as never, args);
      if (r !== undefined && (name === 'each' || name === 'eachWithIndex')) r = recv;
    }
  } else if (Array.isArray(recv) || recv instanceof JRange) {
    const list = Array.isArray(recv) ? recv : recv.toList();
    const cls = Array.isArray(recv) ? COLLECTION_CLASS.get(recv) : undefined;
    if (
      Array.isArray(recv) &&
      (JAVA_ARRAYS.has(recv) ? ARRAY_EXCLUDED.has(name) : cls !== undefined && COLLECTION_EXCLUDED.has(name))
    ) {
      if ((name === 'add' || name === 'addAll') && !JAVA_ARRAYS.has(recv))
        return fail('java.lang.UnsupportedOperationException', '');
      return missingMethod(recv, name, args);
    }
    if ((name === 'first' || name === 'last') && cls !== undefined && list.length === 0 && args.length === 0)
      return fail('java.util.NoSuchElementException', `Cannot access ${name}() element from an empty Iterable`);
    if (Object.hasOwn(LIST, name)) r = LIST[name]!(ctx, list as never, args);
    else if (Object.hasOwn(ITER, name)) r = ITER[name]!(ctx, list as never, args);
  } else if (recv instanceof GMap) {
    if (Object.hasOwn(MAP, name)) r = MAP[name]!(ctx, recv as never, args);
    else if (Object.hasOwn(ITER, name) && name !== 'join') r = ITER[name]!(ctx, recv as never, args);
    else {
      // a closure stored in a map: `m.f(1)`
      const v = recv.get(name);
      if (v instanceof GClosure) return v.invoke(args);
    }
  } else if (isNumber(recv)) {
    if (Object.hasOwn(NUMBER, name)) r = NUMBER[name]!(ctx, recv as never, args);
  } else if (recv instanceof GClosure) {
    if (name === 'call' || name === 'doCall') return recv.invoke(args);
  } else if (recv instanceof JObject) {
    r = objectMethods(ctx, recv, name, args);
  } else if (recv instanceof JClassRef) {
    r = staticMethod(ctx, recv.name, name, args);
  } else if (recv instanceof JMapEntry) {
    if (name === 'getKey' && args.length === 0) return recv.key;
    if (name === 'getValue' && args.length === 0) return recv.value;
    if (name === 'setValue' && args.length === 1) {
      const prev = recv.value;
      recv.value = args[0]!;
      return prev;
    }
  } else if (recv instanceof JChar) {
    if (name === 'toUpperCase' && args.length === 0) return new JChar(recv.c.toUpperCase());
    if (name === 'toLowerCase' && args.length === 0) return new JChar(recv.c.toLowerCase());
    if (name === 'charValue' && args.length === 0) return recv;
    if (name === 'equals' && args.length === 1) return javaEquals(recv, args[0]!);
    if (name === 'compareTo' && args.length === 1) return groovyCompare(recv, args[0]!);
  } else if (recv instanceof JBytes) {
    if (name === 'encodeBase64' && args.length === 0) return ctx.str(Buffer.from(recv.b).toString('base64'));
    if (name === 'encodeHex' && args.length === 0) return Buffer.from(recv.b).toString('hex');
    if (name === 'size' && args.length === 0) return recv.b.length;
    if (Object.hasOwn(ITER, name)) r = ITER[name]!(ctx, iterate(recv) as never, args);
  } else if (recv instanceof JException) {
    if ((name === 'getMessage' || name === 'getLocalizedMessage') && args.length === 0) return recv.message;
  } else if (typeof recv === 'boolean') {
    if (name === 'booleanValue' && args.length === 0) return recv;
    if ((name === 'and' || name === 'or' || name === 'xor') && args.length === 1 && typeof args[0] === 'boolean')
      return bitOp(ctx, name === 'and' ? '&' : name === 'or' ? '|' : '^', recv, args[0]);
    if (name === 'equals' && args.length === 1) return javaEquals(recv, args[0]!);
  }
  if (r !== undefined) return r;
  if (!(recv instanceof JClassRef) && Object.hasOwn(OBJECT, name)) {
    r = OBJECT[name]!(ctx, recv as never, args);
    if (r !== undefined) return r;
  }
  return missingMethod(recv, name, args);
}

/** `new T(args)` for the allow-listed classes. */
export function construct(ctx: Ctx, cls: string, args: Value[]): Value {
  ctx.step();
  switch (cls) {
    case 'java.util.HashMap':
    case 'java.util.LinkedHashMap': {
      const m = new GMap(cls);
      if (args.length === 0 || (args.length <= 2 && args.every(isNumber))) return m;
      if (args.length === 1 && args[0] instanceof GMap) {
        for (const [k, v] of args[0].entries()) m.set(k, v);
        return m;
      }
      break;
    }
    case 'java.util.ArrayList':
    case 'java.util.LinkedList':
      if (args.length === 0 || (args.length === 1 && isNumber(args[0]))) return [];
      if (args.length === 1 && (Array.isArray(args[0]) || args[0] instanceof JRange || args[0] instanceof GMap)) {
        const items = args[0] instanceof GMap ? args[0].values() : iterate(args[0]);
        return [...items];
      }
      if (args.length === 1 && args[0] === null)
        return fail(
          'java.lang.NullPointerException',
          'Cannot invoke "java.util.Collection.toArray()" because "c" is null',
        );
      break;
    case 'java.lang.StringBuilder':
    case 'java.lang.StringBuffer':
      if (args.length === 0 || (args.length === 1 && isNumber(args[0])))
        return new JObject('java.lang.StringBuilder', '');
      if (args.length === 1 && typeof args[0] === 'string') return new JObject('java.lang.StringBuilder', args[0]);
      break;
    case 'java.lang.String':
      if (args.length === 0) return '';
      if (args.length === 1 && typeof args[0] === 'string') return args[0];
      if (args.length >= 1 && args[0] instanceof JBytes) return new TextDecoder().decode(args[0].b);
      if (args.length === 1 && Array.isArray(args[0]))
        return args[0].map((x) => (x instanceof JChar ? x.c : '')).join('');
      break;
    case 'com.fasterxml.jackson.databind.ObjectMapper':
      if (args.length === 0) return new JObject(cls, null);
      break;
    case 'groovy.json.JsonSlurper':
      if (args.length === 0) return new JObject(cls, null);
      break;
    case 'groovy.json.JsonBuilder':
      if (args.length <= 1) return new JObject(cls, args[0] ?? null);
      break;
    default:
      return unsupported(`new ${cls}()`);
  }
  const types = args.map((a) => (a === null ? 'null' : typeName(a))).join(', ');
  return fail('groovy.lang.GroovyRuntimeException', `Could not find matching constructor for: ${cls}(${types})`);
}

export { JBigDecimal };
