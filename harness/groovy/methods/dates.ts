/**
 * Dates, times and ids: java.util.Date (with Groovy's format/plus/minus), Calendar, java.text.SimpleDateFormat,
 * TimeZone (UTC only), the java.time basics (LocalDate, LocalDateTime, Instant, ZonedDateTime, DateTimeFormatter,
 * ZoneId/ZoneOffset), UUID and System.currentTimeMillis(). "Now" is the render's clock and UUID.randomUUID() its id
 * source (renderTemplate options), so runs are repeatable. EIC's JVM runs in UTC [INF: saviynt-rest-connector.md
 * Fidelity addendum, "Groovy date APIs"]; so does this module.
 */
import type { Ctx } from '../context.ts';
import { fail, unsupported } from '../errors.ts';
import { isNumber, JLong, toInt, toLong } from '../numbers.ts';
import { intArg } from '../runtime.ts';
import {
  addMonths,
  dateArithmetic,
  epochOf,
  fieldsOf,
  formatJavaTime,
  formatSimple,
  JTime,
  parseSimple,
  type TimeClass,
  timeToString,
} from '../time.ts';
import { JObject, type Value } from '../values.ts';
import { NO } from './common.ts';

const DAY_MS = 86_400_000;
const UUID_RE = /^[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}$/;

const isTime = (v: Value | undefined, cls?: TimeClass): v is JTime =>
  v instanceof JTime && (cls === undefined || v.cls === cls);

function asTime(cls: TimeClass, ms: number, zone: 'UTC' | 'Z' = 'UTC'): JTime {
  return new JTime(cls, ms, zone);
}

/** A zone argument: only UTC exists in the harness. */
function utcZone(v: Value | undefined): 'UTC' | 'Z' | undefined {
  if (v instanceof JObject && (v.cls === 'java.time.ZoneOffset' || v.cls === 'java.time.ZoneRegion'))
    return v.state === 'Z' ? 'Z' : 'UTC';
  return undefined;
}

function zoneOrUnsupported(id: string): string {
  if (id === 'UTC' || id === 'GMT' || id === 'Z' || id === 'Etc/UTC' || id === 'UCT') return id;
  return unsupported(`time zone ${id} (EIC and the harness run in UTC)`);
}

/** `new Date()`, `new Date(long)`, `new java.text.SimpleDateFormat(pattern)`; undefined for other classes. */
export function constructDate(ctx: Ctx, cls: string, a: Value[]): Value | undefined {
  if (cls === 'java.util.Date') {
    if (a.length === 0) return asTime('java.util.Date', ctx.now());
    if (a.length === 1 && isNumber(a[0])) return asTime('java.util.Date', Number(toLong(a[0])));
    return NO;
  }
  if (cls === 'java.text.SimpleDateFormat') {
    if (a.length === 1 && typeof a[0] === 'string') {
      formatSimple(a[0], 0); // validates the pattern like the constructor
      return new JObject(cls, a[0]);
    }
    return NO;
  }
  return NO;
}

/** Static methods: Calendar.getInstance, UUID, System.currentTimeMillis, TimeZone, the java.time factories. */
export function dateStatic(ctx: Ctx, cls: string, name: string, a: Value[]): Value | undefined {
  switch (cls) {
    case 'java.lang.System':
      if (name === 'currentTimeMillis' && a.length === 0) return new JLong(BigInt(ctx.now()));
      return NO;
    case 'java.util.Calendar':
      if (name === 'getInstance' && (a.length === 0 || (a.length === 1 && a[0] instanceof JObject)))
        return asTime('java.util.GregorianCalendar', ctx.now());
      return NO;
    case 'java.util.UUID':
      if (name === 'randomUUID' && a.length === 0) return new JObject('java.util.UUID', ctx.uuid());
      if (name === 'fromString' && a.length === 1 && typeof a[0] === 'string') {
        if (!UUID_RE.test(a[0])) fail('java.lang.IllegalArgumentException', `Invalid UUID string: ${a[0]}`);
        const parts = a[0].split('-');
        const widths = [8, 4, 4, 4, 12];
        return new JObject('java.util.UUID', parts.map((p, i) => p.toLowerCase().padStart(widths[i]!, '0')).join('-'));
      }
      return NO;
    case 'java.util.TimeZone':
      if (name === 'getTimeZone' && a.length === 1 && typeof a[0] === 'string')
        return new JObject('sun.util.calendar.ZoneInfo', zoneOrUnsupported(a[0]));
      if (name === 'getDefault' && a.length === 0) return new JObject('sun.util.calendar.ZoneInfo', 'UTC');
      return NO;
    case 'java.time.ZoneId':
      if (name === 'of' && a.length === 1 && typeof a[0] === 'string') {
        const z = zoneOrUnsupported(a[0]);
        return new JObject(z === 'Z' ? 'java.time.ZoneOffset' : 'java.time.ZoneRegion', z === 'Z' ? 'Z' : 'UTC');
      }
      if (name === 'systemDefault' && a.length === 0) return new JObject('java.time.ZoneRegion', 'UTC');
      return NO;
    case 'java.time.format.DateTimeFormatter':
      if (name === 'ofPattern' && a.length >= 1 && typeof a[0] === 'string') {
        formatJavaTime(a[0], new JTime('java.time.ZonedDateTime', 0)); // validates letters like ofPattern
        return new JObject('java.time.format.DateTimeFormatter', a[0]);
      }
      return NO;
    case 'java.time.LocalDate':
    case 'java.time.LocalDateTime':
    case 'java.time.Instant':
    case 'java.time.ZonedDateTime':
      return javaTimeStatic(ctx, cls, name, a);
  }
  return NO;
}

function javaTimeStatic(ctx: Ctx, cls: TimeClass, name: string, a: Value[]): Value | undefined {
  if (name === 'now') {
    // a LocalDate is the day only
    const now = cls === 'java.time.LocalDate' ? Math.floor(ctx.now() / DAY_MS) * DAY_MS : ctx.now();
    if (a.length === 0) return asTime(cls, now);
    const z = utcZone(a[0]);
    if (a.length === 1 && z && cls !== 'java.time.Instant') return asTime(cls, now, z);
    return NO;
  }
  if (name === 'of' && cls === 'java.time.LocalDate' && a.length === 3 && a.every(isNumber))
    return asTime(cls, epochOf(toInt(a[0]!), toInt(a[1]!), toInt(a[2]!)));
  if (name === 'of' && cls === 'java.time.LocalDateTime' && a.length >= 5 && a.length <= 6 && a.every(isNumber)) {
    const n = a.map((x) => toInt(x as never));
    return asTime(cls, epochOf(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5] ?? 0));
  }
  if (name === 'ofEpochMilli' && cls === 'java.time.Instant' && a.length === 1 && isNumber(a[0]))
    return asTime(cls, Number(toLong(a[0])));
  if (name === 'ofEpochSecond' && cls === 'java.time.Instant' && a.length === 1 && isNumber(a[0]))
    return asTime(cls, Number(toLong(a[0])) * 1000);
  if (name === 'parse' && a.length === 1 && typeof a[0] === 'string') {
    const s = a[0];
    const re =
      cls === 'java.time.LocalDate'
        ? /^(\d{4})-(\d{2})-(\d{2})$/
        : cls === 'java.time.LocalDateTime'
          ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/
          : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z$/;
    const m = re.exec(s);
    if (!m) fail('java.time.format.DateTimeParseException', `Text '${s}' could not be parsed at index 0`);
    const n = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    return asTime(cls, epochOf(n[0]!, n[1]!, n[2]!, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0, ms));
  }
  return NO;
}

/** Groovy's static Date.parse(pattern, text). */
export function dateParseStatic(name: string, a: Value[]): Value | undefined {
  if (name === 'parse' && a.length === 2 && typeof a[0] === 'string' && typeof a[1] === 'string')
    return asTime('java.util.Date', parseSimple(a[0], a[1]));
  return NO;
}

function compareTimes(t: JTime, o: Value | undefined): number | undefined {
  if (!isTime(o)) return undefined;
  return t.ms < o.ms ? -1 : t.ms > o.ms ? 1 : 0;
}

const PLUS_UNITS: Record<string, string[]> = {
  'java.time.Instant': ['Nanos', 'Millis', 'Seconds'],
  'java.time.LocalDate': ['Days', 'Weeks', 'Months', 'Years'],
  'java.time.LocalDateTime': ['Nanos', 'Seconds', 'Minutes', 'Hours', 'Days', 'Weeks', 'Months', 'Years'],
  'java.time.ZonedDateTime': ['Nanos', 'Seconds', 'Minutes', 'Hours', 'Days', 'Weeks', 'Months', 'Years'],
};

const UNIT_MS: Record<string, number> = {
  Nanos: 0,
  Millis: 1,
  Seconds: 1000,
  Minutes: 60_000,
  Hours: 3_600_000,
  Days: DAY_MS,
  Weeks: 7 * DAY_MS,
};

/** Methods of Date, GregorianCalendar and the java.time classes. */
export function timeMethods(ctx: Ctx, t: JTime, name: string, a: Value[]): Value | undefined {
  ctx.step();
  switch (name) {
    case 'toString':
      return a.length === 0 ? timeToString(t) : NO;
    case 'equals':
      return a.length === 1 ? isTime(a[0], t.cls) && a[0].ms === t.ms : NO;
    case 'compareTo':
      return a.length === 1 ? (compareTimes(t, a[0]) ?? NO) : NO;
    case 'before':
    case 'isBefore':
      return a.length === 1 && compareTimes(t, a[0]) !== undefined ? compareTimes(t, a[0])! < 0 : NO;
    case 'after':
    case 'isAfter':
      return a.length === 1 && compareTimes(t, a[0]) !== undefined ? compareTimes(t, a[0])! > 0 : NO;
    case 'hashCode':
      return a.length === 0 ? Number(BigInt.asIntN(32, BigInt(t.ms) ^ (BigInt(t.ms) >> 32n))) : NO;
  }
  if (t.cls === 'java.util.Date') return dateMethods(t, name, a);
  if (t.cls === 'java.util.GregorianCalendar') return calendarMethods(t, name, a);
  return javaTimeMethods(t, name, a);
}

function dateMethods(t: JTime, name: string, a: Value[]): Value | undefined {
  switch (name) {
    case 'getTime':
      return a.length === 0 ? new JLong(BigInt(t.ms)) : NO;
    case 'setTime':
      if (a.length !== 1 || !isNumber(a[0])) return NO;
      t.ms = Number(toLong(a[0]));
      return null;
    case 'format':
      if (a.length === 1 && typeof a[0] === 'string') return formatSimple(a[0], t.ms);
      if (a.length === 2 && typeof a[0] === 'string' && a[1] instanceof JObject) return formatSimple(a[0], t.ms);
      return NO;
    case 'plus':
    case 'minus':
      return a.length === 1 ? (dateArithmetic(name, t, a[0]!) ?? NO) : NO;
    case 'next':
      return a.length === 0 ? asTime('java.util.Date', t.ms + DAY_MS) : NO;
    case 'previous':
      return a.length === 0 ? asTime('java.util.Date', t.ms - DAY_MS) : NO;
    case 'clearTime':
      if (a.length !== 0) return NO;
      t.ms = Math.floor(t.ms / DAY_MS) * DAY_MS;
      return t;
    case 'toInstant':
      return a.length === 0 ? asTime('java.time.Instant', t.ms) : NO;
    case 'getYear':
      return a.length === 0 ? fieldsOf(t.ms).year - 1900 : NO;
    case 'getMonth':
      return a.length === 0 ? fieldsOf(t.ms).month - 1 : NO;
    case 'getDate':
      return a.length === 0 ? fieldsOf(t.ms).day : NO;
    case 'getHours':
      return a.length === 0 ? fieldsOf(t.ms).hour : NO;
    case 'getMinutes':
      return a.length === 0 ? fieldsOf(t.ms).minute : NO;
    case 'getSeconds':
      return a.length === 0 ? fieldsOf(t.ms).second : NO;
  }
  return NO;
}

function calendarGet(ms: number, field: number): number | undefined {
  const f = fieldsOf(ms);
  switch (field) {
    case 0:
      return 1;
    case 1:
      return f.year;
    case 2:
      return f.month - 1;
    case 5:
      return f.day;
    case 6:
      return f.dayOfYear;
    case 7:
      return f.weekday + 1;
    case 9:
      return f.hour >= 12 ? 1 : 0;
    case 10:
      return f.hour % 12;
    case 11:
      return f.hour;
    case 12:
      return f.minute;
    case 13:
      return f.second;
    case 14:
      return f.ms;
  }
  return undefined;
}

/** Calendar.add(field, amount) in UTC. */
function calendarAdd(ms: number, field: number, n: number): number {
  switch (field) {
    case 1:
      return addMonths(ms, n * 12);
    case 2:
      return addMonths(ms, n);
    case 3:
    case 4:
    case 8:
      return ms + n * 7 * DAY_MS;
    case 5:
    case 6:
    case 7:
      return ms + n * DAY_MS;
    case 9:
      return ms + n * 12 * 3_600_000;
    case 10:
    case 11:
      return ms + n * 3_600_000;
    case 12:
      return ms + n * 60_000;
    case 13:
      return ms + n * 1000;
    case 14:
      return ms + n;
  }
  return fail('java.lang.IllegalArgumentException', `${field}`);
}

function calendarMethods(t: JTime, name: string, a: Value[]): Value | undefined {
  switch (name) {
    case 'getTime':
      return a.length === 0 ? asTime('java.util.Date', t.ms) : NO;
    case 'getTimeInMillis':
      return a.length === 0 ? new JLong(BigInt(t.ms)) : NO;
    case 'setTime':
      if (a.length !== 1 || !isTime(a[0], 'java.util.Date')) return NO;
      t.ms = a[0].ms;
      return null;
    case 'setTimeInMillis':
      if (a.length !== 1 || !isNumber(a[0])) return NO;
      t.ms = Number(toLong(a[0]));
      return null;
    case 'add': {
      const field = intArg(a[0]);
      const n = intArg(a[1]);
      if (a.length !== 2 || field === undefined || n === undefined) return NO;
      t.ms = calendarAdd(t.ms, field, n);
      return null;
    }
    case 'get': {
      const field = intArg(a[0]);
      if (a.length !== 1 || field === undefined) return NO;
      const v = calendarGet(t.ms, field);
      return v === undefined ? unsupported(`Calendar.get(${field})`) : v;
    }
    case 'set': {
      const n = a.map((x) => intArg(x));
      if (n.some((x) => x === undefined)) return NO;
      const f = fieldsOf(t.ms);
      if (a.length === 3 || a.length === 5 || a.length === 6) {
        t.ms = epochOf(n[0]!, n[1]! + 1, n[2]!, n[3] ?? f.hour, n[4] ?? f.minute, n[5] ?? f.second, f.ms);
        return null;
      }
      if (a.length !== 2) return NO;
      const [field, v] = n as [number, number];
      const cur = calendarGet(t.ms, field);
      if (cur === undefined) return unsupported(`Calendar.set(${field}, ...)`);
      t.ms =
        field === 1 || field === 2
          ? addMonths(t.ms, field === 1 ? (v - cur) * 12 : v - cur)
          : calendarAdd(t.ms, field === 10 ? 11 : field, v - cur);
      return null;
    }
    case 'toInstant':
      return a.length === 0 ? asTime('java.time.Instant', t.ms) : NO;
  }
  return NO;
}

function javaTimeMethods(t: JTime, name: string, a: Value[]): Value | undefined {
  const f = fieldsOf(t.ms);
  const same = (ms: number): Value => asTime(t.cls, ms, t.zone);
  const m = /^(plus|minus)(Nanos|Millis|Seconds|Minutes|Hours|Days|Weeks|Months|Years)$/.exec(name);
  if (m) {
    if (a.length !== 1 || !isNumber(a[0])) return NO;
    const n = Number(toLong(a[0])) * (m[1] === 'plus' ? 1 : -1);
    const unit = m[2]!;
    // which plusX/minusX methods each class has (Instant: Nanos/Millis/Seconds; LocalDate: Days and longer)
    if (!PLUS_UNITS[t.cls]!.includes(unit)) return NO;
    if (unit === 'Months') return same(addMonths(t.ms, n));
    if (unit === 'Years') return same(addMonths(t.ms, n * 12));
    if (unit === 'Nanos') return same(t.ms + Math.trunc(n / 1_000_000));
    return same(t.ms + n * UNIT_MS[unit]!);
  }
  switch (name) {
    case 'format': {
      if (a.length !== 1 || !(a[0] instanceof JObject) || a[0].cls !== 'java.time.format.DateTimeFormatter') return NO;
      const p = a[0].state as string;
      if (p === '#ISO_LOCAL_DATE') return formatJavaTime('yyyy-MM-dd', t);
      if (p === '#ISO_LOCAL_DATE_TIME') return timeToString(new JTime('java.time.LocalDateTime', t.ms));
      if (p === '#ISO_INSTANT') return timeToString(new JTime('java.time.Instant', t.ms));
      return formatJavaTime(p, t);
    }
    case 'toEpochMilli':
      return a.length === 0 && t.cls === 'java.time.Instant' ? new JLong(BigInt(t.ms)) : NO;
    case 'getEpochSecond':
      return a.length === 0 && t.cls === 'java.time.Instant' ? new JLong(BigInt(Math.floor(t.ms / 1000))) : NO;
    case 'getYear':
      return a.length === 0 && t.cls !== 'java.time.Instant' ? f.year : NO;
    case 'getMonthValue':
      return a.length === 0 && t.cls !== 'java.time.Instant' ? f.month : NO;
    case 'getDayOfMonth':
      return a.length === 0 && t.cls !== 'java.time.Instant' ? f.day : NO;
    case 'getDayOfYear':
      return a.length === 0 && t.cls !== 'java.time.Instant' ? f.dayOfYear : NO;
    case 'getHour':
      return a.length === 0 && t.cls !== 'java.time.Instant' && t.cls !== 'java.time.LocalDate' ? f.hour : NO;
    case 'getMinute':
      return a.length === 0 && t.cls !== 'java.time.Instant' && t.cls !== 'java.time.LocalDate' ? f.minute : NO;
    case 'getSecond':
      return a.length === 0 && t.cls !== 'java.time.Instant' && t.cls !== 'java.time.LocalDate' ? f.second : NO;
    case 'toLocalDate':
      return a.length === 0 && (t.cls === 'java.time.LocalDateTime' || t.cls === 'java.time.ZonedDateTime')
        ? asTime('java.time.LocalDate', Math.floor(t.ms / DAY_MS) * DAY_MS)
        : NO;
    case 'toLocalDateTime':
      return a.length === 0 && t.cls === 'java.time.ZonedDateTime' ? asTime('java.time.LocalDateTime', t.ms) : NO;
    case 'toInstant':
      return a.length === 0 && t.cls === 'java.time.ZonedDateTime' ? asTime('java.time.Instant', t.ms) : NO;
    case 'atStartOfDay':
      return a.length === 0 && t.cls === 'java.time.LocalDate' ? asTime('java.time.LocalDateTime', t.ms) : NO;
  }
  return NO;
}

/** Methods of SimpleDateFormat, DateTimeFormatter, TimeZone/ZoneId and UUID objects. */
export function dateObjectMethods(o: JObject, name: string, a: Value[]): Value | undefined {
  switch (o.cls) {
    case 'java.text.SimpleDateFormat':
      if (name === 'format' && a.length === 1) {
        if (isTime(a[0], 'java.util.Date')) return formatSimple(o.state as string, a[0].ms);
        if (isNumber(a[0])) return formatSimple(o.state as string, Number(toLong(a[0])));
        return a[0] === null ? fail('java.lang.NullPointerException', '') : NO;
      }
      if (name === 'parse' && a.length === 1 && typeof a[0] === 'string')
        return asTime('java.util.Date', parseSimple(o.state as string, a[0]));
      if (name === 'setTimeZone' && a.length === 1 && a[0] instanceof JObject) return null;
      if (name === 'setLenient' && a.length === 1 && typeof a[0] === 'boolean') return null;
      if (name === 'toPattern' && a.length === 0) return o.state as string;
      return NO;
    case 'java.time.format.DateTimeFormatter':
      if (name === 'format' && a.length === 1 && isTime(a[0])) return javaTimeMethods(a[0], 'format', [o]);
      return NO;
    case 'java.util.UUID':
      if (name === 'toString' && a.length === 0) return o.state as string;
      if (name === 'version' && a.length === 0) return Number.parseInt((o.state as string)[14]!, 16);
      if (name === 'variant' && a.length === 0) return Number.parseInt((o.state as string)[19]!, 16) >> 2 === 2 ? 2 : 0;
      if (name === 'equals' && a.length === 1)
        return a[0] instanceof JObject && a[0].cls === o.cls && a[0].state === o.state;
      return NO;
    case 'sun.util.calendar.ZoneInfo':
    case 'java.time.ZoneRegion':
    case 'java.time.ZoneOffset':
      if ((name === 'getID' || name === 'getId' || name === 'toString') && a.length === 0) return o.state as string;
      return NO;
  }
  return NO;
}

/** The classes this module handles as JObject state. */
export const DATE_OBJECT_CLASSES = new Set([
  'java.text.SimpleDateFormat',
  'java.time.format.DateTimeFormatter',
  'java.util.UUID',
  'sun.util.calendar.ZoneInfo',
  'java.time.ZoneRegion',
  'java.time.ZoneOffset',
]);

/** Repeatable UUID.randomUUID(): version-4 UUIDs from a seeded generator (xorshift128+). */
export function seededUuids(seed: number): () => string {
  let s0 = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  let s1 = BigInt.asUintN(64, s0 ^ 0x6a09e667f3bcc909n);
  const next = (): bigint => {
    let x = s0;
    const y = s1;
    s0 = y;
    x = BigInt.asUintN(64, x ^ (x << 23n));
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return BigInt.asUintN(64, s1 + y);
  };
  return () => {
    const hi = (next() & ~0xf000n) | 0x4000n; // version 4
    const lo = (next() & ~(3n << 62n)) | (2n << 62n); // IETF variant
    const h = hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}
