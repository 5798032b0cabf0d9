/** Groovy runtime semantics over the value model: operators, property and index access, casts, iteration. */
import { bitwise as bitwise_, shift as shift_ } from './bitwise.ts';
import type { Ctx } from './context.ts';
import { fail as fail_ } from './errors.ts';
import {
  arith as arith_,
  integral as integral_,
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
  power as power_,
  toBigDecimal as toBigDecimal_,
  toBigInt as toBigInt_,
  toDouble as toDouble_,
  toInt as toInt_,
  toLong as toLong_,
} from './numbers.ts';
import { simpleType as simpleType_ } from './policy.ts';
import { javaFindAll as javaFindAll_, javaMatches as javaMatches_ } from './regex.ts';
import {
  CALENDAR_FIELDS,
  dateArithmetic as dateArithmetic_,
  JTime as JTime_,
  timeProperty as timeProperty_,
} from './time.ts';
import { ValueSet as ValueSet_ } from './value-set.ts';
import {
  asCollection as asCollection_,
  asJavaArray as asJavaArray_,
  COLLECTION_CLASS as COLLECTION_CLASS_,
  formatValue as formatValue_,
  GClosure as GClosure_,
  GMap as GMap_,
  groovyCompare as groovyCompare_,
  groovyEquals as groovyEquals_,
  isSetLike as isSetLike_,
  JAVA_ARRAYS as JAVA_ARRAYS_,
  JBean as JBean_,
  JBytes as JBytes_,
  JChar as JChar_,
  JClassRef as JClassRef_,
  JException as JException_,
  JMapEntry as JMapEntry_,
  JObject as JObject_,
  JRange as JRange_,
  javaEquals as javaEquals_,
  LAZY_MAP,
  OBJECT_ARRAY,
  STRING_ARRAY,
  similarMapKind as similarMapKind_,
  truthy as truthy_,
  typeName as typeName_,
  type Value,
} from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const fail = fail_;
const arith = arith_;
const bitwise = bitwise_;
const integral = integral_;
const isNumber = isNumber_;
const JBigDecimal = JBigDecimal_;
const JBigInteger = JBigInteger_;
const JDouble = JDouble_;
const JFloat = JFloat_;
const JLong = JLong_;
const negate = negate_;
const numberClass = numberClass_;
const numberToString = numberToString_;
const parseBigDecimal = parseBigDecimal_;
const power = power_;
const shift = shift_;
const toBigDecimal = toBigDecimal_;
const toBigInt = toBigInt_;
const toDouble = toDouble_;
const toInt = toInt_;
const toLong = toLong_;
const simpleType = simpleType_;
const javaFindAll = javaFindAll_;
const ValueSet = ValueSet_;
const JTime = JTime_;
const timeProperty = timeProperty_;
const dateArithmetic = dateArithmetic_;
const javaMatches = javaMatches_;
const asCollection = asCollection_;
const asJavaArray = asJavaArray_;
const isSetLike = isSetLike_;
const COLLECTION_CLASS = COLLECTION_CLASS_;
const formatValue = formatValue_;
const GClosure = GClosure_;
type GClosure = GClosure_;
const GMap = GMap_;
const groovyCompare = groovyCompare_;
const groovyEquals = groovyEquals_;
const javaEquals = javaEquals_;
const similarMapKind = similarMapKind_;
const JAVA_ARRAYS = JAVA_ARRAYS_;
const JBytes = JBytes_;
const JChar = JChar_;
const JClassRef = JClassRef_;
const JException = JException_;
const JMapEntry = JMapEntry_;
const JObject = JObject_;
const JRange = JRange_;
const JBean = JBean_;
type JRange = JRange_;
const truthy = truthy_;
const typeName = typeName_;

/** Renders argument values the way MissingMethodException does: `[1, x]`. */
function argValues(args: Value[]): string {
  return `[${args.map((a) => formatValue(a)).join(', ')}]`;
}

/** Throws groovy.lang.MissingMethodException for a receiver and arguments. */
export function missingMethod(recv: Value, name: string, args: Value[]): never {
  const cls = recv instanceof JClassRef ? `static ${recv.name}` : typeName(recv);
  const types = args.map((a) => (a === null ? 'null' : typeName(a))).join(', ');
  return fail(
    'groovy.lang.MissingMethodException',
    `No signature of method: ${cls}.${name}() is applicable for argument types: (${types}) values: ${argValues(args)}`,
  );
}

/** Throws groovy.lang.MissingPropertyException. */
export function missingProperty(name: string, cls: string): never {
  return fail('groovy.lang.MissingPropertyException', `No such property: ${name} for class: ${cls}`);
}

/** A value as a list for iteration and collection methods (null → empty, map → entries, string → chars). */
export function iterate(v: Value): Value[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof GMap) return v.entries().map(([k, x]) => new JMapEntry(k, x));
  if (v instanceof JRange) return v.toList();
  if (typeof v === 'string') return [...v].flatMap((c) => (c.length > 1 ? [...c.split('')] : [c]));
  if (v instanceof JBytes) return [...v.b].map((b) => (b > 127 ? b - 256 : b));
  if (v instanceof JObject && v.cls === 'java.util.regex.Matcher') return (v.state as Value[]).map((x) => x);
  return [v];
}

const STATIC_FIELDS: Record<string, Record<string, Value>> = {
  'java.lang.Integer': { MAX_VALUE: 2147483647, MIN_VALUE: -2147483648 },
  'java.lang.Long': { MAX_VALUE: new JLong((1n << 63n) - 1n), MIN_VALUE: new JLong(-(1n << 63n)) },
  'java.lang.Math': { PI: new JDouble(Math.PI), E: new JDouble(Math.E) },
  'java.math.BigDecimal': {
    ZERO: new JBigDecimal(0n, 0),
    ONE: new JBigDecimal(1n, 0),
    TEN: new JBigDecimal(10n, 0),
    ROUND_UP: 0,
    ROUND_DOWN: 1,
    ROUND_CEILING: 2,
    ROUND_FLOOR: 3,
    ROUND_HALF_UP: 4,
    ROUND_HALF_DOWN: 5,
    ROUND_HALF_EVEN: 6,
    ROUND_UNNECESSARY: 7,
  },
  'java.lang.Boolean': { TRUE: true, FALSE: false },
  'java.util.Calendar': CALENDAR_FIELDS,
  'java.time.ZoneOffset': { UTC: new JObject('java.time.ZoneOffset', 'Z') },
  'java.time.format.DateTimeFormatter': {
    ISO_LOCAL_DATE: new JObject('java.time.format.DateTimeFormatter', '#ISO_LOCAL_DATE'),
    ISO_DATE: new JObject('java.time.format.DateTimeFormatter', '#ISO_LOCAL_DATE'),
    ISO_LOCAL_DATE_TIME: new JObject('java.time.format.DateTimeFormatter', '#ISO_LOCAL_DATE_TIME'),
    ISO_INSTANT: new JObject('java.time.format.DateTimeFormatter', '#ISO_INSTANT'),
    BASIC_ISO_DATE: new JObject('java.time.format.DateTimeFormatter', 'yyyyMMdd'),
  },
};

/** `obj.name` (not null-safe: the caller handles `?.`). */
export function getProperty(ctx: Ctx, obj: Value, name: string): Value {
  if (obj instanceof GMap) {
    const v = obj.get(name);
    return v === undefined ? null : v;
  }
  if (obj instanceof JBean) return obj.has(name) ? obj.get(name) : missingProperty(name, obj.cls);
  if (obj === null) return fail('java.lang.NullPointerException', `Cannot get property '${name}' on null object`);
  if (typeof obj === 'string') {
    if (name === 'bytes') return new JBytes(new TextEncoder().encode(obj));
    if (name === 'empty') return obj.length === 0;
    return missingProperty(name, 'java.lang.String');
  }
  if (Array.isArray(obj)) {
    if (name === 'empty') return obj.length === 0;
    if (JAVA_ARRAYS.has(obj) && name === 'length') return obj.length;
    return spreadProperty(ctx, obj, name);
  }
  if (obj instanceof JMapEntry) {
    if (name === 'key') return obj.key;
    if (name === 'value') return obj.value;
  }
  if (obj instanceof JClassRef) {
    const f = STATIC_FIELDS[obj.name];
    if (f && Object.hasOwn(f, name)) return f[name]!;
    return missingProperty(name, obj.name);
  }
  if (obj instanceof JRange) {
    if (name === 'from') return obj.from;
    if (name === 'to') return obj.to;
    if (name === 'empty') return false;
    return spreadProperty(ctx, obj.toList(), name);
  }
  if (obj instanceof JBytes && name === 'length') return obj.b.length;
  if (obj instanceof JException && name === 'message') return obj.message;
  if (obj instanceof JTime) {
    const v = timeProperty(obj, name);
    if (v !== undefined) return v;
  }
  return missingProperty(name, typeName(obj));
}

function spreadProperty(ctx: Ctx, list: Value[], name: string): Value {
  const out: Value[] = [];
  for (const x of list) {
    ctx.step();
    if (x !== null) {
      try {
        out.push(getProperty(ctx, x, name));
      } catch (e) {
        if (
          e instanceof Error &&
          'type' in e &&
          (e as { type: string }).type === 'groovy.lang.MissingPropertyException'
        )
          fail(
            'groovy.lang.MissingPropertyException',
            `Exception evaluating property '${name}' for ${typeName(list)}, Reason: groovy.lang.MissingPropertyException: ${e.message}`,
          );
        throw e;
      }
    }
  }
  return out;
}

/** `obj.name = v`. */
export function setProperty(_ctx: Ctx, obj: Value, name: string, v: Value): undefined {
  if (obj instanceof GMap) {
    obj.set(name, v);
    return;
  }
  if (obj === null) fail('java.lang.NullPointerException', `Cannot set property '${name}' on null object`);
  if (obj instanceof JMapEntry && name === 'value') {
    obj.value = v;
    return;
  }
  if (obj instanceof JBean && obj.has(name)) {
    obj.set(name, v);
    return;
  }
  return missingProperty(name, typeName(obj));
}

function normIndex(i: number, size: number, kind: 'list' | 'array' | 'string'): number {
  if (i < 0) {
    const j = i + size;
    if (j < 0) {
      if (kind === 'string')
        fail('java.lang.StringIndexOutOfBoundsException', `begin ${j}, end ${j + 1}, length ${size}`);
      fail('java.lang.ArrayIndexOutOfBoundsException', `Negative array index [${i}] too large for array size ${size}`);
    }
    return j;
  }
  return i;
}

function indexNumber(idx: Value): number | undefined {
  if (typeof idx === 'number') return idx;
  if (isNumber(idx) && !(idx instanceof JBigDecimal) && !(idx instanceof JDouble)) return toInt(idx);
  if (idx instanceof JChar) return idx.c.charCodeAt(0);
  return undefined;
}

function rangeIndices(r: JRange, size: number, kind: 'list' | 'array' | 'string'): number[] {
  let from = normIndex(r.from, size, kind);
  let to = normIndex(r.to, size, kind);
  const reverse = from > to;
  if (reverse) [from, to] = [to, from];
  if (r.exclusive) {
    if (reverse) from++;
    else to--;
  }
  if (from > size || to >= size) {
    if (kind === 'string')
      fail('java.lang.StringIndexOutOfBoundsException', `begin ${from}, end ${to + 1}, length ${size}`);
    fail('java.lang.IndexOutOfBoundsException', `toIndex = ${to + 1}`);
  }
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return reverse ? out.reverse() : out;
}

/** `obj[idx]` (Groovy getAt). */
export function getIndex(ctx: Ctx, obj: Value, idx: Value): Value {
  if (obj instanceof GMap) {
    const v = obj.get(idx);
    return v === undefined ? null : v;
  }
  // obj['name'] on an object is its property (DGM getAt(Object, String))
  if (obj instanceof JBean && typeof idx === 'string') return getProperty(ctx, obj, idx);
  if (obj === null) {
    if (typeof idx === 'string')
      return fail('java.lang.NullPointerException', `Cannot get property '${idx}' on null object`);
    return fail('java.lang.NullPointerException', 'Cannot invoke method getAt() on null object');
  }
  if (Array.isArray(obj) || typeof obj === 'string' || obj instanceof JRange || obj instanceof JBytes) {
    const isStr = typeof obj === 'string';
    const list: Value[] | string = isStr
      ? obj
      : obj instanceof JRange
        ? obj.toList()
        : obj instanceof JBytes
          ? iterate(obj)
          : obj;
    const kind = isStr ? 'string' : Array.isArray(obj) && JAVA_ARRAYS.has(obj) ? 'array' : 'list';
    const n = indexNumber(idx);
    if (n !== undefined && Array.isArray(obj) && COLLECTION_CLASS.has(obj)) {
      // Iterable.getAt: out of range (either side) is null
      const i = n < 0 ? n + obj.length : n;
      return i < 0 || i >= obj.length ? null : obj[i]!;
    }
    if (n !== undefined) {
      const i = normIndex(n, list.length, kind);
      if (isStr) {
        if (i >= list.length)
          fail('java.lang.StringIndexOutOfBoundsException', `begin ${i}, end ${i + 1}, length ${list.length}`);
        return (list as string)[i]!;
      }
      if (i >= list.length) {
        if (kind === 'array')
          fail('java.lang.ArrayIndexOutOfBoundsException', `Index ${i} out of bounds for length ${list.length}`);
        return null;
      }
      return (list as Value[])[i]!;
    }
    let indices: number[] | undefined;
    if (idx instanceof JRange) indices = rangeIndices(idx, list.length, kind);
    else if (Array.isArray(idx)) {
      indices = [];
      for (const x of idx) {
        if (x instanceof JRange) indices.push(...rangeIndices(x, list.length, kind));
        else {
          const k = indexNumber(x);
          if (k === undefined) return missingMethod(obj, 'getAt', [idx]);
          indices.push(normIndex(k, list.length, kind));
        }
      }
    }
    if (indices) {
      ctx.steps_(indices.length);
      if (isStr) return indices.map((i) => (list as string)[i] ?? '').join('');
      return indices.map((i) => (list as Value[])[i] ?? null);
    }
    if (typeof idx === 'string') return getProperty(ctx, obj, idx);
    return missingMethod(obj, 'getAt', [idx]);
  }
  if (typeof idx === 'string') return getProperty(ctx, obj, idx);
  if (obj instanceof JObject && obj.cls === 'java.util.regex.Matcher') {
    const groups = obj.state as Value[];
    const n = indexNumber(idx);
    if (n === undefined) return missingMethod(obj, 'getAt', [idx]);
    const i = normIndex(n, groups.length, 'list');
    if (i >= groups.length)
      fail('java.lang.IndexOutOfBoundsException', `index is out of range 0..${groups.length - 1} (index = ${i})`);
    return groups[i]!;
  }
  return missingMethod(obj, 'getAt', [idx]);
}

/** `obj[idx] = v` (Groovy putAt). */
export function setIndex(ctx: Ctx, obj: Value, idx: Value, v: Value): undefined {
  if (obj instanceof GMap) {
    obj.set(idx, v);
    return;
  }
  if (obj === null) fail('java.lang.NullPointerException', 'Cannot invoke method putAt() on null object');
  if (Array.isArray(obj)) {
    const n = indexNumber(idx);
    if (n === undefined) return missingMethod(obj, 'putAt', [idx, v]);
    const arr = JAVA_ARRAYS.has(obj);
    const i = normIndex(n, obj.length, arr ? 'array' : 'list');
    if (i >= obj.length) {
      if (arr) fail('java.lang.ArrayIndexOutOfBoundsException', `Index ${i} out of bounds for length ${obj.length}`);
      ctx.steps_(i - obj.length);
      while (obj.length < i) obj.push(null);
    }
    obj[i] = arr && JAVA_ARRAYS.get(obj) === STRING_ARRAY && v !== null && typeof v !== 'string' ? formatValue(v) : v;
    return;
  }
  if (typeof idx === 'string') return setProperty(ctx, obj, idx, v);
  return missingMethod(obj, 'putAt', [idx, v]);
}

function listOf(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof JRange) return v.toList();
  return undefined;
}

/** A derived collection of the same kind: arrays stay arrays of their class, sets stay (linked hash) sets, others are lists. */
export function similarCollection(src: Value[], out: Value[]): Value[] {
  const arrayClass = JAVA_ARRAYS.get(src);
  if (arrayClass) return asJavaArray(out, arrayClass);
  if (isSetLike(src)) return asCollection(out, 'java.util.LinkedHashSet');
  return out;
}

/** The result of `array + x` / `array - x` (DGM goes through a List and toArray(): an Object[]), else similarCollection. */
function arithmeticCollection(src: Value[], out: Value[]): Value[] {
  return JAVA_ARRAYS.has(src) ? asJavaArray(out, OBJECT_ARRAY) : similarCollection(src, out);
}

/** Groovy `+`. */
export function plus(ctx: Ctx, a: Value, b: Value): Value {
  if (typeof a === 'string') {
    const bs = typeof b === 'string' ? b : formatValue(b);
    ctx.reserve(a.length + bs.length);
    return a + bs;
  }
  if (isNumber(a)) {
    if (isNumber(b)) return arith('+', a, b);
    if (b === null) return ambiguousNull(a, 'plus');
    if (typeof b === 'string') return ctx.str(numberToString(a) + b);
    if (b instanceof JChar) return arith('+', a, b.c.charCodeAt(0));
    return missingMethod(a, 'plus', [b]);
  }
  if (a === null) {
    if (typeof b === 'string') return `null${b}`;
    return fail('java.lang.NullPointerException', `Cannot execute null+${formatValue(b)}`);
  }
  const la = listOf(a);
  if (la) {
    const arrayLeft = JAVA_ARRAYS.has(la);
    // a Collection plus an array adds the array as one element; array plus array concatenates
    const lb = Array.isArray(b) && JAVA_ARRAYS.has(b) && !arrayLeft ? undefined : listOf(b);
    let out = lb ? la.concat(lb) : [...la, b];
    ctx.steps_(out.length);
    if (isSetLike(la)) {
      const seen = new ValueSet('java', (n) => ctx.compared(n));
      out = out.filter((x) => seen.add(x));
    }
    return arithmeticCollection(la, out);
  }
  if (a instanceof GMap) {
    if (!(b instanceof GMap)) return missingMethod(a, 'plus', [b]);
    const m = new GMap(similarMapKind(a.kind));
    for (const [k, v] of a.entries()) m.set(k, v);
    for (const [k, v] of b.entries()) m.set(k, v);
    return m;
  }
  if (a instanceof JChar) {
    if (isNumber(b)) return arith('+', a.c.charCodeAt(0), b);
  }
  if (a instanceof JObject && a.cls === 'java.lang.StringBuilder' && typeof b === 'string')
    return ctx.str((a.state as string) + b);
  if (a instanceof JTime) {
    const r = dateArithmetic('plus', a, b);
    if (r !== undefined) return r;
  }
  return missingMethod(a, 'plus', [b]);
}

/** `1 + null`: Groovy cannot choose between the Number and String overloads. */
function ambiguousNull(a: JNumber, method: string): never {
  return fail(
    'groovy.lang.GroovyRuntimeException',
    `Ambiguous method overloading for method ${numberClass(a)}#${method}.`,
  );
}

/** Groovy `-`. */
export function minus(ctx: Ctx, a: Value, b: Value): Value {
  if (isNumber(a) && isNumber(b)) return arith('-', a, b);
  if (isNumber(a) && b === null) return ambiguousNull(a, 'minus');
  if (typeof a === 'string') {
    const s = formatValue(b);
    const i = a.indexOf(s);
    return i < 0 ? a : a.slice(0, i) + a.slice(i + s.length);
  }
  if (a === null) return fail('java.lang.NullPointerException', 'Cannot invoke method minus() on null object');
  const la = listOf(a);
  if (la) {
    const lb = listOf(b);
    ctx.steps_((la.length + (lb ? lb.length : 0)) >> 4);
    const drop = lb ? new ValueSet('groovy', (n) => ctx.compared(n), lb) : undefined;
    const out = drop ? la.filter((x) => !drop.has(x)) : la.filter((x) => !groovyEquals(x, b));
    return arithmeticCollection(la, out);
  }
  if (a instanceof GMap && b instanceof GMap) {
    const m = new GMap(similarMapKind(a.kind));
    for (const [k, v] of a.entries()) if (!(b.has(k) && groovyEquals(b.get(k)!, v))) m.set(k, v);
    return m;
  }
  if (a instanceof JChar && isNumber(b)) return arith('-', a.c.charCodeAt(0), b);
  if (a instanceof JTime) {
    const r = dateArithmetic('minus', a, b);
    if (r !== undefined) return r;
  }
  return missingMethod(a, 'minus', [b]);
}

/** Groovy `*`. */
export function multiply(ctx: Ctx, a: Value, b: Value): Value {
  if (isNumber(a) && isNumber(b)) return arith('*', a, b);
  if (isNumber(a) && b === null) return ambiguousNull(a, 'multiply');
  if (a === null) return fail('java.lang.NullPointerException', 'Cannot invoke method multiply() on null object');
  if (a instanceof JChar && isNumber(b)) return arith('*', a.c.charCodeAt(0), b);
  if (typeof a === 'string' && isNumber(b)) {
    const n = toInt(b);
    if (n < 0)
      fail('java.lang.IllegalArgumentException', `multiply() should be called with a number of 0 or greater not: ${n}`);
    ctx.reserve(a.length * n);
    return a.repeat(n);
  }
  const la = listOf(a);
  if (la && isNumber(b)) {
    const n = toInt(b);
    ctx.steps_(la.length * Math.max(n, 0));
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(...la);
    return out;
  }
  return missingMethod(a, 'multiply', [b]);
}

/** Groovy arithmetic `/`, `%`, `**`. */
export function numericOp(op: '/' | '%' | '**', a: Value, b: Value): Value {
  if (isNumber(a) && isNumber(b)) {
    if (op === '**') return power(a, b);
    return arith(op, a, b);
  }
  if (isNumber(a) && b === null) {
    if (op === '/') return ambiguousNull(a, 'div');
    return fail(
      'java.lang.NullPointerException',
      op === '%'
        ? 'Cannot invoke "java.lang.Number.intValue()" because "right" is null'
        : 'Cannot invoke "java.lang.Number.doubleValue()" because "exponent" is null',
    );
  }
  if (a === null) {
    const n = op === '/' ? 'div' : op === '%' ? 'mod' : 'power';
    return fail('java.lang.NullPointerException', `Cannot invoke method ${n}() on null object`);
  }
  return missingMethod(a, op === '/' ? 'div' : op === '%' ? 'mod' : 'power', [b]);
}

/** Unary minus. */
export function unaryMinus(a: Value): Value {
  if (isNumber(a)) return negate(a);
  if (a === null) return fail('java.lang.NullPointerException', 'Cannot invoke method negative() on null object');
  if (Array.isArray(a)) return a.map(unaryMinus);
  return missingMethod(a, 'negative', []);
}

/** Integer/long bit operations and shifts; `<<` also appends to lists and StringBuilders. */
export function bitOp(ctx: Ctx, op: string, a: Value, b: Value): Value {
  if (op === '<<') {
    if (Array.isArray(a)) {
      ctx.step();
      a.push(b);
      return a;
    }
    if (a instanceof JObject && (a.cls === 'java.lang.StringBuilder' || a.cls === 'java.lang.StringBuffer')) {
      a.state = ctx.str((a.state as string) + formatValue(b));
      return a;
    }
    if (typeof a === 'string') return ctx.str(a + formatValue(b));
    if (a instanceof GMap && b instanceof JMapEntry) {
      a.set(b.key, b.value);
      return a;
    }
    if (a instanceof GMap && b instanceof GMap) {
      for (const [k, v] of b.entries()) a.set(k, v);
      return a;
    }
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (op === '&') return a && b;
    if (op === '|') return a || b;
    if (op === '^') return a !== b;
  }
  if (isNumber(a) && isNumber(b))
    return op === '&' || op === '|' || op === '^' ? bitwise(op, a, b) : shift(op as '<<' | '>>' | '>>>', a, b);
  const names: Record<string, string> = {
    '&': 'and',
    '|': 'or',
    '^': 'xor',
    '<<': 'leftShift',
    '>>': 'rightShift',
    '>>>': 'rightShiftUnsigned',
  };
  if (a === null) return fail('java.lang.NullPointerException', `Cannot invoke method ${names[op]}() on null object`);
  return missingMethod(a, names[op]!, [b]);
}

/** Groovy `in` (isCase of the right operand). */
export function isCase(ctx: Ctx, caseValue: Value, v: Value, call: (c: GClosure, args: Value[]) => Value): boolean {
  if (caseValue === null) return v === null;
  if (Array.isArray(caseValue)) {
    // DefaultGroovyMethods.isCase(Collection, Object) is `contains`: Java equals, so `1 in [1L]` is false
    ctx.steps_(caseValue.length);
    return caseValue.some((x) => javaEquals(x, v));
  }
  if (caseValue instanceof JRange)
    return (
      isNumber(v) &&
      groovyCompare(v, Math.min(caseValue.from, caseValue.to)) >= 0 &&
      groovyCompare(v, Math.max(caseValue.from, caseValue.to) - (caseValue.exclusive ? 1 : 0)) <= 0
    );
  if (caseValue instanceof GMap) {
    const x = caseValue.get(v);
    return x !== undefined && truthy(x);
  }
  if (typeof caseValue === 'string') return v !== null && formatValue(v) === caseValue;
  if (caseValue instanceof GClosure) return truthy(call(caseValue, [v]));
  if (caseValue instanceof JClassRef) return instanceOf(v, caseValue.name);
  if (caseValue instanceof JObject && caseValue.cls === 'java.util.regex.Pattern')
    return v !== null && javaMatches(formatValue(v), caseValue.state as string, ctx);
  return groovyEquals(caseValue, v);
}

/** `=~` (a Matcher whose truth is find()) and `==~` (whole match). */
export function regexOp(ctx: Ctx, op: '=~' | '==~', a: Value, b: Value): Value {
  if (a === null || b === null)
    return fail(
      'java.lang.NullPointerException',
      `Cannot invoke method ${op === '=~' ? 'find' : 'matches'}() on null object`,
    );
  const s = formatValue(a);
  const p = formatValue(b);
  if (op === '==~') return javaMatches(s, p, ctx);
  const groups = javaFindAll(s, p, ctx).map((m) => (m.length === 1 ? m[0]! : (m as Value[])));
  return new JObject('java.util.regex.Matcher', groups);
}

/** Java class names for cast messages. */
const JAVA_TYPE: Record<string, string> = {
  String: 'java.lang.String',
  Integer: 'java.lang.Integer',
  Long: 'java.lang.Long',
  Double: 'java.lang.Double',
  Float: 'java.lang.Float',
  Boolean: 'java.lang.Boolean',
  BigDecimal: 'java.math.BigDecimal',
  BigInteger: 'java.math.BigInteger',
  Number: 'java.lang.Number',
  List: 'java.util.List',
  ArrayList: 'java.util.ArrayList',
  LinkedList: 'java.util.LinkedList',
  Collection: 'java.util.Collection',
  Set: 'java.util.Set',
  HashSet: 'java.util.HashSet',
  Map: 'java.util.Map',
  HashMap: 'java.util.HashMap',
  LinkedHashMap: 'java.util.LinkedHashMap',
  Character: 'java.lang.Character',
  Closure: 'groovy.lang.Closure',
  CharSequence: 'java.lang.CharSequence',
  StringBuilder: 'java.lang.StringBuilder',
};

function castError(v: Value, target: string): never {
  const t = JAVA_TYPE[target] ?? target;
  return fail(
    'org.codehaus.groovy.runtime.typehandling.GroovyCastException',
    `Cannot cast object '${formatValue(v)}' with class '${typeName(v)}' to class '${t}'`,
  );
}

function parseDecimalString(s: string, target: string): JNumber {
  const d = parseBigDecimal(s.trim());
  if (!d)
    return fail(
      'java.lang.NumberFormatException',
      target === 'Double'
        ? `For input string: "${s}"`
        : `Character ${s[0] ?? ''} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    );
  return d;
}

function parseIntString(s: string, kind: 'int' | 'long'): JNumber {
  if (!/^[+-]?\d+$/.test(s)) return fail('java.lang.NumberFormatException', `For input string: "${s}"`);
  const b = BigInt(s);
  if (kind === 'int' && (b < -2147483648n || b > 2147483647n))
    return fail('java.lang.NumberFormatException', `For input string: "${s}"`);
  if (kind === 'long' && (b < -(1n << 63n) || b >= 1n << 63n))
    return fail('java.lang.NumberFormatException', `For input string: "${s}"`);
  return kind === 'int' ? Number(b) : new JLong(b);
}

/** JVM class names of arrays by element type (`String[]` is `[Ljava.lang.String;`). */
const ARRAY_CLASSES: Record<string, string> = {
  String: STRING_ARRAY,
  Object: OBJECT_ARRAY,
  Integer: '[Ljava.lang.Integer;',
  Long: '[Ljava.lang.Long;',
  Boolean: '[Ljava.lang.Boolean;',
  Character: '[Ljava.lang.Character;',
  BigDecimal: '[Ljava.math.BigDecimal;',
  Map: '[Ljava.util.Map;',
  List: '[Ljava.util.List;',
  int: '[I',
  long: '[J',
  char: '[C',
  byte: '[B',
  boolean: '[Z',
  double: '[D',
};

/**
 * Converts a value to a declared or `as` type. `mode` 'as' parses strings to numbers; 'assign' follows Groovy's
 * castToType (a one-char String to int gives its char code).
 */
export function castTo(v: Value, typeName0: string, dims: number, mode: 'as' | 'assign' | 'cast'): Value {
  const t = simpleType(typeName0);
  if (dims > 0) {
    if (v === null) return null;
    const items = Array.isArray(v)
      ? v
      : v instanceof JRange
        ? v.toList()
        : v instanceof GMap
          ? castError(v, `[L${t};`)
          : [v];
    const arrayClass = t === 'String' ? STRING_ARRAY : (ARRAY_CLASSES[t] ?? OBJECT_ARRAY);
    return asJavaArray(
      items.map((x) => (t === 'String' && x !== null ? formatValue(x) : x)),
      arrayClass,
    );
  }
  switch (t) {
    case 'def':
    case 'var':
    case 'Object':
      return v;
    case 'String':
    case 'CharSequence':
    case 'GString':
      if (v === null) return null;
      return typeof v === 'string' ? v : formatValue(v);
    case 'int':
    case 'Integer':
    case 'short':
    case 'Short':
    case 'byte':
    case 'Byte':
    case 'long':
    case 'Long':
    case 'BigInteger': {
      const prim = t === 'int' || t === 'long' || t === 'short' || t === 'byte';
      const long = t === 'long' || t === 'Long';
      if (v === null) return prim ? castError(v, t) : null;
      let n: JNumber;
      if (isNumber(v)) n = v;
      else if (v instanceof JChar) n = v.c.charCodeAt(0);
      else if (typeof v === 'string') {
        if (mode === 'as') {
          if (t === 'BigInteger') return new JBigInteger(BigInt(parseIntString(v, 'long') as never));
          n = parseIntString(v, long ? 'long' : 'int');
        } else if (v.length === 1) n = v.charCodeAt(0);
        else return castError(v, t);
      } else if (typeof v === 'boolean' && mode === 'as') return castError(v, t);
      else return castError(v, t);
      if (t === 'BigInteger') return new JBigInteger(toBigInt(n));
      if (long) return new JLong(toLong(n));
      const i = toInt(n);
      if (t === 'short' || t === 'Short') return (i << 16) >> 16;
      if (t === 'byte' || t === 'Byte') return (i << 24) >> 24;
      return i;
    }
    case 'double':
    case 'Double':
    case 'float':
    case 'Float': {
      if (v === null) return t === 'double' || t === 'float' ? castError(v, t) : null;
      const D = t === 'float' || t === 'Float' ? JFloat : JDouble;
      if (isNumber(v)) return new D(toDouble(v));
      if (typeof v === 'string' && mode === 'as') return new D(toDouble(parseDecimalString(v, 'Double')));
      if (typeof v === 'string' && v.length === 1) return new D(v.charCodeAt(0));
      return castError(v, t);
    }
    case 'BigDecimal':
    case 'Number': {
      if (v === null) return null;
      if (isNumber(v)) return t === 'Number' ? v : toBigDecimal(v);
      if (typeof v === 'string' && mode === 'as' && t === 'BigDecimal') return parseDecimalString(v, t);
      return castError(v, t);
    }
    case 'boolean':
    case 'Boolean':
      if (v === null) return t === 'boolean' ? false : null;
      if (typeof v === 'boolean') return v;
      // `(boolean) x` and `x as boolean` are Groovy truth (DefaultTypeTransformation.castToBoolean)
      return truthy(v);
    case 'char':
    case 'Character':
      if (v === null) return null;
      if (v instanceof JChar) return v;
      if (typeof v === 'string' && v.length === 1) return new JChar(v);
      if (typeof v === 'number') return new JChar(String.fromCharCode(v));
      return castError(v, t);
    case 'List':
    case 'ArrayList':
    case 'LinkedList':
    case 'Collection':
    case 'Iterable':
    case 'Set':
    case 'HashSet': {
      if (v === null) return null;
      let list: Value[];
      if (Array.isArray(v)) list = JAVA_ARRAYS.has(v) ? [...v] : v;
      else if (v instanceof JRange) list = v.toList();
      else if (mode === 'as' && typeof v === 'string') list = iterate(v);
      else if (mode === 'as' && v instanceof GMap) list = iterate(v);
      else return castError(v, t);
      if (t === 'Set' || t === 'HashSet') {
        // java.util.HashSet / LinkedHashSet: Java equals (1 and 1L are two elements)
        const seen = new ValueSet('java');
        const out = list.filter((x) => seen.add(x));
        return asCollection(out, t === 'HashSet' ? 'java.util.HashSet' : 'java.util.LinkedHashSet');
      }
      return list;
    }
    case 'Map':
    case 'HashMap':
    case 'LinkedHashMap':
      if (v === null) return null;
      if (v instanceof GMap) return v;
      return castError(v, t);
    case 'Closure':
      if (v === null || v instanceof GClosure) return v;
      return castError(v, t);
    case 'StringBuilder':
    case 'StringBuffer':
      if (v === null || (v instanceof JObject && v.cls === 'java.lang.StringBuilder')) return v;
      return castError(v, t);
    default:
      if (v === null) return null;
      if (instanceOf(v, typeName0)) return v;
      return castError(v, t);
  }
}

/** `v instanceof T`. */
export function instanceOf(v: Value, type: string): boolean {
  if (v === null) return false;
  const t = simpleType(type);
  switch (t) {
    case 'Object':
      return true;
    case 'String':
      return typeof v === 'string';
    case 'CharSequence':
      return typeof v === 'string' || (v instanceof JObject && v.cls === 'java.lang.StringBuilder');
    case 'GString':
      return false;
    case 'Number':
      return isNumber(v);
    case 'Integer':
    case 'Long':
    case 'BigDecimal':
    case 'BigInteger':
    case 'Double':
    case 'Float':
      return isNumber(v) && numberClass(v).endsWith(`.${t}`);
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Character':
      return v instanceof JChar;
    case 'List':
    case 'ArrayList':
    case 'Collection':
    case 'Iterable':
      return (Array.isArray(v) && !JAVA_ARRAYS.has(v)) || v instanceof JRange;
    case 'Map':
      return v instanceof GMap;
    case 'HashMap':
      return v instanceof GMap && v.kind !== LAZY_MAP;
    case 'LinkedHashMap':
      return v instanceof GMap && v.kind === 'java.util.LinkedHashMap';
    case 'Closure':
      return v instanceof GClosure;
    case 'Exception':
    case 'Throwable':
      return false;
    default:
      if (Array.isArray(v) && JAVA_ARRAYS.has(v)) {
        const cls = JAVA_ARRAYS.get(v)!;
        if (!t.endsWith('[]')) return false;
        const elem = simpleType(t.slice(0, -2));
        return elem === 'Object' ? cls.startsWith('[L') : cls === ARRAY_CLASSES[elem];
      }
      return typeName(v) === type;
  }
}

/** A number for an index-like argument or fail with MissingMethodException. */
export function intArg(v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (v instanceof JLong || v instanceof JBigInteger) return undefined;
  if (v instanceof JChar) return v.c.charCodeAt(0);
  return undefined;
}

export { integral, toBigInt };
