/**
 * The allow-listed methods, dispatched by receiver type to the tables in methods/ (strings, collections, maps, numbers,
 * regex, JSON objects), plus `new T(...)`. Anything else is a MissingMethodException.
 */
import type { Ctx } from './context.ts';
import { fail as fail_, npeMethod as npeMethod_, unsupported as unsupported_ } from './errors.ts';
import {
  ARRAY_EXCLUDED as ARRAY_EXCLUDED_,
  COLLECTION_EXCLUDED as COLLECTION_EXCLUDED_,
  ITER as ITER_,
  LIST as LIST_,
} from './methods/collections.ts';
import {
  constructDate as constructDate_,
  DATE_OBJECT_CLASSES as DATE_OBJECT_CLASSES_,
  dateObjectMethods as dateObjectMethods_,
  dateParseStatic as dateParseStatic_,
  dateStatic as dateStatic_,
  timeMethods as timeMethods_,
} from './methods/dates.ts';
import { jsonObjectMethods as jsonObjectMethods_, jsonStatic as jsonStatic_ } from './methods/json.ts';
import { MAP as MAP_ } from './methods/maps.ts';
import { NUMBER as NUMBER_, numberStatic as numberStatic_ } from './methods/numbers.ts';
import { matcherMethods as matcherMethods_ } from './methods/regex.ts';
import {
  builderMethods as builderMethods_,
  STRING as STRING_,
  STRING_NULL_ARG as STRING_NULL_ARG_,
  stringStatic as stringStatic_,
} from './methods/strings.ts';
import { isNumber as isNumber_ } from './numbers.ts';
import { bitOp as bitOp_, iterate as iterate_, missingMethod as missingMethod_ } from './runtime.ts';
import {
  COLLECTION_CLASS as COLLECTION_CLASS_,
  formatValue as formatValue_,
  GClosure as GClosure_,
  GMap as GMap_,
  groovyCompare as groovyCompare_,
  groovyEquals as groovyEquals_,
  inspectValue as inspectValue_,
  JAVA_ARRAYS as JAVA_ARRAYS_,
  JBean as JBean_,
  JBytes as JBytes_,
  JChar as JChar_,
  JClassRef as JClassRef_,
  JException as JException_,
  JMapEntry as JMapEntry_,
  JObject as JObject_,
  type JObject as JObjectT,
  JRange as JRange_,
  JTime as JTime_,
  javaEquals as javaEquals_,
  truthy as truthy_,
  typeName as typeName_,
  type Value,
} from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const fail = fail_;
const npeMethod = npeMethod_;
const unsupported = unsupported_;
const ARRAY_EXCLUDED = ARRAY_EXCLUDED_;
const COLLECTION_EXCLUDED = COLLECTION_EXCLUDED_;
const ITER = ITER_;
const LIST = LIST_;
const constructDate = constructDate_;
const DATE_OBJECT_CLASSES = DATE_OBJECT_CLASSES_;
const dateObjectMethods = dateObjectMethods_;
const dateParseStatic = dateParseStatic_;
const dateStatic = dateStatic_;
const timeMethods = timeMethods_;
const jsonObjectMethods = jsonObjectMethods_;
const jsonStatic = jsonStatic_;
const MAP = MAP_;
const NUMBER = NUMBER_;
const numberStatic = numberStatic_;
const matcherMethods = matcherMethods_;
const builderMethods = builderMethods_;
const STRING = STRING_;
const STRING_NULL_ARG = STRING_NULL_ARG_;
const stringStatic = stringStatic_;
const isNumber = isNumber_;
const bitOp = bitOp_;
const iterate = iterate_;
const missingMethod = missingMethod_;
const COLLECTION_CLASS = COLLECTION_CLASS_;
const formatValue = formatValue_;
const GClosure = GClosure_;
const GMap = GMap_;
const groovyCompare = groovyCompare_;
const groovyEquals = groovyEquals_;
const JAVA_ARRAYS = JAVA_ARRAYS_;
const JBytes = JBytes_;
const JChar = JChar_;
const JClassRef = JClassRef_;
const JException = JException_;
const JMapEntry = JMapEntry_;
const JObject = JObject_;
const JRange = JRange_;
const JTime = JTime_;
const JBean = JBean_;
const javaEquals = javaEquals_;
const truthy = truthy_;
const inspectValue = inspectValue_;
const typeName = typeName_;

type Fn = (ctx: Ctx, recv: never, args: Value[]) => Value | undefined;
const NO = undefined;

const OBJECT: Record<string, Fn> = {
  toString: (_c: Ctx, v: Value, a: Value[]) => (a.length === 0 ? formatValue(v) : NO),
  equals: (_c, v: Value, a) => (a.length === 1 ? groovyEquals(v, a[0]!) : NO),
  hashCode: (_c, _v: Value, a) => (a.length === 0 ? 0 : NO),
  asBoolean: (_c, v: Value, a) => (a.length === 0 ? truthy(v) : NO),
  inspect: (_c, v: Value, a) => (a.length === 0 ? inspectValue(v) : NO),
};

function objectMethods(c: Ctx, o: JObjectT, name: string, a: Value[]): Value | undefined {
  switch (o.cls) {
    case 'java.lang.StringBuilder':
    case 'java.lang.StringBuffer':
      return builderMethods(c, o, name, a);
    case 'com.fasterxml.jackson.databind.ObjectMapper':
    case 'groovy.json.JsonBuilder':
    case 'groovy.json.JsonSlurper':
      return jsonObjectMethods(c, o, name, a);
    case 'java.util.regex.Matcher':
      return matcherMethods(c, o, name, a);
  }
  if (DATE_OBJECT_CLASSES.has(o.cls)) return dateObjectMethods(o, name, a);
  return NO;
}

function staticMethod(c: Ctx, cls: string, name: string, a: Value[]): Value | undefined {
  switch (cls) {
    case 'java.lang.Math':
    case 'java.lang.Integer':
    case 'java.lang.Long':
    case 'java.lang.Double':
    case 'java.lang.Boolean':
    case 'java.math.BigDecimal':
      return numberStatic(cls, name, a);
    case 'java.lang.String':
    case 'java.lang.Character':
    case 'java.net.URLEncoder':
    case 'java.net.URLDecoder':
      return stringStatic(c, cls, name, a);
    case 'groovy.json.JsonOutput':
      return jsonStatic(c, name, a);
    case 'java.util.Date':
      return dateParseStatic(name, a);
    case 'java.lang.System':
    case 'java.util.Calendar':
    case 'java.util.UUID':
    case 'java.util.TimeZone':
    case 'java.time.ZoneId':
    case 'java.time.format.DateTimeFormatter':
    case 'java.time.LocalDate':
    case 'java.time.LocalDateTime':
    case 'java.time.Instant':
    case 'java.time.ZonedDateTime':
      return dateStatic(c, cls, name, a);
  }
  return NO;
}

/** Calls `recv.name(args)` (recv not null; safe navigation is the caller's business). */
export function callMethod(ctx: Ctx, recv: Value, name: string, args: Value[]): Value {
  ctx.step();
  let r: Value | undefined;
  if (recv === null) {
    if (name === 'toString' && args.length === 0) return 'null';
    if (name === 'inspect' && args.length === 0) return 'null';
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
    if (recv instanceof JRange) ctx.steps_(Math.abs(recv.to - recv.from) >> 4);
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
  } else if (recv instanceof JBean) {
    // a bean's getters: getFirstname() is the property firstname
    const m = /^get([A-Z].*)$/.exec(name);
    if (m && args.length === 0) {
      const prop = m[1]![0]!.toLowerCase() + m[1]!.slice(1);
      if (recv.has(prop)) return recv.get(prop);
      if (recv.has(m[1]!)) return recv.get(m[1]!);
    }
  } else if (recv instanceof JTime) {
    r = timeMethods(ctx, recv, name, args);
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
    case 'java.util.Date':
    case 'java.text.SimpleDateFormat': {
      const d = constructDate(ctx, cls, args);
      if (d !== undefined) return d;
      break;
    }
    default:
      return unsupported(`new ${cls}()`);
  }
  const types = args.map((a) => (a === null ? 'null' : typeName(a))).join(', ');
  return fail('groovy.lang.GroovyRuntimeException', `Could not find matching constructor for: ${cls}(${types})`);
}
