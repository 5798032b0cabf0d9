/**
 * Dates and times as EIC's JVM sees them (time zone UTC): java.util.Date / GregorianCalendar and the java.time
 * basics (LocalDate, LocalDateTime, Instant, ZonedDateTime) as one value type holding epoch milliseconds, with
 * their toString forms, SimpleDateFormat and DateTimeFormatter patterns (format and numeric parse), and calendar
 * arithmetic. Only UTC exists here; another zone is harness.Unsupported.
 */
import { fail, unsupported } from './errors.ts';
import { JLong } from './numbers.ts';

/** The Java classes a JTime can be. */
export type TimeClass =
  | 'java.util.Date'
  | 'java.util.GregorianCalendar'
  | 'java.time.LocalDate'
  | 'java.time.LocalDateTime'
  | 'java.time.Instant'
  | 'java.time.ZonedDateTime';

/**
 * A point in time (UTC epoch milliseconds) of one Java class. LocalDate/LocalDateTime hold their UTC wall time;
 * ZonedDateTime's `zone` is `UTC` (a region id, printed `Z[UTC]`) or `Z` (ZoneOffset.UTC, printed `Z`).
 */
export class JTime {
  constructor(
    readonly cls: TimeClass,
    public ms: number,
    readonly zone: 'UTC' | 'Z' = 'UTC',
  ) {}
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_MS = 86_400_000;

/** Broken-down UTC fields of an epoch-ms time. */
export interface Fields {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 0 = Sunday */
  weekday: number;
  dayOfYear: number;
}

/** The UTC fields of a time. */
export function fieldsOf(ms: number): Fields {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) fail('java.time.DateTimeException', `Instant exceeds minimum or maximum instant`);
  const year = d.getUTCFullYear();
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    dayOfYear: Math.floor((ms - Date.UTC(year, 0, 1)) / DAY_MS) + 1,
  };
}

/** Epoch ms of UTC fields (months may overflow, as Calendar's lenient set). */
export function epochOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Adds calendar months, clamping the day to the target month's length (Calendar.add / plusMonths). */
export function addMonths(ms: number, n: number): number {
  const f = fieldsOf(ms);
  const total = f.year * 12 + (f.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const lengthOfMonth = month === 2 ? (isLeap(year) ? 29 : 28) : last;
  return epochOf(year, month, Math.min(f.day, lengthOfMonth), f.hour, f.minute, f.second, f.ms);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const pad = (n: number, w: number): string => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? `-${s}` : s;
};

/** ISO time of day: HH:mm, HH:mm:ss or HH:mm:ss.SSS (java.time's LocalTime.toString). */
function isoTime(f: Fields, alwaysSeconds: boolean): string {
  let s = `${pad(f.hour, 2)}:${pad(f.minute, 2)}`;
  if (alwaysSeconds || f.second !== 0 || f.ms !== 0) s += `:${pad(f.second, 2)}`;
  if (f.ms !== 0) s += `.${pad(f.ms, 3)}`;
  return s;
}

function isoDate(f: Fields): string {
  const y = f.year > 9999 ? `+${f.year}` : pad(f.year, 4);
  return `${y}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
}

/** Java's toString of each class. */
export function timeToString(t: JTime): string {
  const f = fieldsOf(t.ms);
  switch (t.cls) {
    case 'java.util.Date':
      return `${DAYS[f.weekday]!.slice(0, 3)} ${MONTHS[f.month - 1]!.slice(0, 3)} ${pad(f.day, 2)} ${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)} UTC ${f.year}`;
    case 'java.time.LocalDate':
      return isoDate(f);
    case 'java.time.LocalDateTime':
      return `${isoDate(f)}T${isoTime(f, false)}`;
    case 'java.time.Instant':
      return `${isoDate(f)}T${isoTime(f, true)}Z`;
    case 'java.time.ZonedDateTime':
      return `${isoDate(f)}T${isoTime(f, false)}Z${t.zone === 'UTC' ? '[UTC]' : ''}`;
    case 'java.util.GregorianCalendar':
      return calendarToString(t.ms, f);
  }
}

/** Groovy's Date + days, Date - days and Date - Date (whole days between); undefined for other operands. */
export function dateArithmetic(op: 'plus' | 'minus', t: JTime, b: unknown): JTime | number | undefined {
  if (t.cls !== 'java.util.Date') return undefined;
  if (op === 'minus' && b instanceof JTime && b.cls === 'java.util.Date') return Math.floor((t.ms - b.ms) / DAY_MS);
  if (typeof b !== 'number') return undefined;
  return new JTime('java.util.Date', t.ms + (op === 'plus' ? b : -b) * DAY_MS);
}

/**
 * WEEK_OF_YEAR with Java's US defaults (weeks start on Sunday, the week holding January 1 is week 1): the last days
 * of December that share a week with the next January 1 are week 1.
 */
function weekOfYear(f: Fields): number {
  const daysInYear = isLeap(f.year) ? 366 : 365;
  if (f.dayOfYear + (6 - f.weekday) > daysInYear) return 1;
  const jan1 = new Date(Date.UTC(f.year, 0, 1)).getUTCDay();
  return Math.floor((f.dayOfYear - 1 + jan1) / 7) + 1;
}

/** GregorianCalendar.toString() in UTC with Java's default (US) week rules. */
function calendarToString(ms: number, f: Fields): string {
  const first = new Date(Date.UTC(f.year, f.month - 1, 1)).getUTCDay();
  const weekOfMonth = Math.floor((f.day - 1 + first) / 7) + 1;
  return (
    `java.util.GregorianCalendar[time=${ms},areFieldsSet=true,areAllFieldsSet=true,lenient=true,` +
    'zone=sun.util.calendar.ZoneInfo[id="UTC",offset=0,dstSavings=0,useDaylight=false,transitions=0,lastRule=null],' +
    `firstDayOfWeek=1,minimalDaysInFirstWeek=1,ERA=1,YEAR=${f.year},MONTH=${f.month - 1},WEEK_OF_YEAR=${weekOfYear(f)},` +
    `WEEK_OF_MONTH=${weekOfMonth},DAY_OF_MONTH=${f.day},DAY_OF_YEAR=${f.dayOfYear},DAY_OF_WEEK=${f.weekday + 1},` +
    `DAY_OF_WEEK_IN_MONTH=${Math.floor((f.day - 1) / 7) + 1},AM_PM=${f.hour >= 12 ? 1 : 0},HOUR=${f.hour % 12},` +
    `HOUR_OF_DAY=${f.hour},MINUTE=${f.minute},SECOND=${f.second},MILLISECOND=${f.ms},ZONE_OFFSET=0,DST_OFFSET=0]`
  );
}

/** A pattern split into letter runs and literal text. */
type Token = { letter: string; count: number } | { text: string };

function tokenize(pattern: string, illegal: (c: string) => never): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ text: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j++;
          } else break;
        } else text += pattern[j];
      }
      if (j >= pattern.length) fail('java.lang.IllegalArgumentException', 'Unterminated quote');
      out.push({ text });
      i = j + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letter: c, count: j - i });
      i = j;
      continue;
    }
    if (c === '[' || c === ']' || c === '{' || c === '}' || c === '#') illegal(c);
    out.push({ text: c });
    i++;
  }
  return out;
}

/** SimpleDateFormat.format in UTC (Groovy's Date.format(pattern) too). */
export function formatSimple(pattern: string, ms: number): string {
  const tokens = tokenize(pattern, (c) =>
    fail('java.lang.IllegalArgumentException', `Illegal pattern character '${c}'`),
  );
  const f = fieldsOf(ms);
  let out = '';
  for (const t of tokens) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += 'AD';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(f.dayOfYear, n);
        break;
      case 'F':
        out += pad(Math.floor((f.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[f.weekday] : DAYS[f.weekday]!.slice(0, 3);
        break;
      case 'u':
        out += pad(f.weekday === 0 ? 7 : f.weekday, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.ms, n);
        break;
      case 'z':
        out += n >= 4 ? 'Coordinated Universal Time' : 'UTC';
        break;
      case 'Z':
        out += '+0000';
        break;
      case 'X':
        if (n > 3) fail('java.lang.IllegalArgumentException', 'invalid ISO 8601 format: length=' + n);
        out += 'Z';
        break;
      case 'w':
        out += pad(weekOfYear(f), n);
        break;
      case 'W': {
        const first = new Date(Date.UTC(f.year, f.month - 1, 1)).getUTCDay();
        out += pad(Math.floor((f.day - 1 + first) / 7) + 1, n);
        break;
      }
      default:
        fail('java.lang.IllegalArgumentException', `Illegal pattern character '${t.letter}'`);
    }
  }
  return out;
}

/** SimpleDateFormat.parse for numeric patterns in UTC (lenient like Java: fields overflow into the next). */
export function parseSimple(pattern: string, text: string): number {
  const tokens = tokenize(pattern, (c) =>
    fail('java.lang.IllegalArgumentException', `Illegal pattern character '${c}'`),
  );
  const v = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: -1 };
  let i = 0;
  const unparseable = (): never => fail('java.text.ParseException', `Unparseable date: "${text}"`);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if ('text' in t) {
      if (!text.startsWith(t.text, i)) unparseable();
      i += t.text.length;
      continue;
    }
    if (t.letter === 'M' && t.count >= 3) {
      const m = MONTHS.findIndex((x) =>
        text
          .slice(i)
          .toLowerCase()
          .startsWith(t.count >= 4 ? x.toLowerCase() : x.slice(0, 3).toLowerCase()),
      );
      if (m < 0) unparseable();
      i += t.count >= 4 ? MONTHS[m]!.length : 3;
      v.month = m + 1;
      continue;
    }
    if (t.letter === 'E') {
      const d = DAYS.findIndex((x) => text.slice(i).startsWith(t.count >= 4 ? x : x.slice(0, 3)));
      if (d < 0) unparseable();
      i += t.count >= 4 ? DAYS[d]!.length : 3;
      continue;
    }
    if (t.letter === 'a') {
      const ap = text.slice(i, i + 2).toUpperCase();
      if (ap !== 'AM' && ap !== 'PM') unparseable();
      v.pm = ap === 'PM' ? 1 : 0;
      i += 2;
      continue;
    }
    if (t.letter === 'z' || t.letter === 'Z' || t.letter === 'X') {
      const m = /^(UTC|GMT|Z|[+-]00:?00)/.exec(text.slice(i));
      if (!m) return unsupported(`parsing a time zone other than UTC ("${text.slice(i)}")`);
      i += m[0].length;
      continue;
    }
    // numbers: adjacent numeric fields take exactly their width; the last one takes all digits
    const next = tokens[k + 1];
    const adjacent = next !== undefined && 'letter' in next;
    const m = (adjacent ? new RegExp(`^[-+]?\\d{1,${t.count}}`) : /^[-+]?\d+/).exec(text.slice(i));
    if (!m) return unparseable();
    const n = Number(m[0]);
    i += m[0].length;
    switch (t.letter) {
      case 'y':
      case 'Y':
        v.year = t.count <= 2 && m[0].length <= 2 ? twoDigitYear(n) : n;
        break;
      case 'M':
      case 'L':
        v.month = n;
        break;
      case 'd':
        v.day = n;
        break;
      case 'H':
      case 'k':
        v.hour = t.letter === 'k' && n === 24 ? 0 : n;
        break;
      case 'h':
      case 'K':
        v.hour = n % 12;
        break;
      case 'm':
        v.minute = n;
        break;
      case 's':
        v.second = n;
        break;
      case 'S':
        v.ms = n;
        break;
      default:
        return unsupported(`parsing the pattern letter '${t.letter}'`);
    }
  }
  if (v.pm === 1) v.hour += 12;
  return epochOf(v.year, v.month, v.day, v.hour, v.minute, v.second, v.ms);
}

/** SimpleDateFormat's two-digit years: within 80 years before and 20 after now (taken as 2000-based). */
function twoDigitYear(n: number): number {
  return n < 100 ? (n + 2000 > new Date().getUTCFullYear() + 20 ? 1900 + n : 2000 + n) : n;
}

/** DateTimeFormatter.ofPattern(p).format(t) for the java.time classes (UTC). */
export function formatJavaTime(pattern: string, t: JTime): string {
  const tokens = tokenize(pattern, (c) =>
    c === '[' || c === ']'
      ? unsupported('optional sections in DateTimeFormatter patterns')
      : fail('java.lang.IllegalArgumentException', `Unknown pattern letter: ${c}`),
  );
  const f = fieldsOf(t.ms);
  const hasTime = t.cls !== 'java.time.LocalDate';
  const hasDate = t.cls !== 'java.time.Instant';
  const hasZone = t.cls === 'java.time.ZonedDateTime';
  const field = (name: string, need: boolean): void => {
    if (!need) fail('java.time.temporal.UnsupportedTemporalTypeException', `Unsupported field: ${name}`);
  };
  let out = '';
  for (const tk of tokens) {
    if ('text' in tk) {
      out += tk.text;
      continue;
    }
    const n = tk.count;
    switch (tk.letter) {
      case 'y':
      case 'u':
        field(tk.letter === 'y' ? 'YearOfEra' : 'Year', hasDate);
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        field('MonthOfYear', hasDate);
        out += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        field('DayOfMonth', hasDate);
        out += pad(f.day, n);
        break;
      case 'D':
        field('DayOfYear', hasDate);
        out += pad(f.dayOfYear, n);
        break;
      case 'E':
        field('DayOfWeek', hasDate);
        out += n >= 4 ? DAYS[f.weekday] : DAYS[f.weekday]!.slice(0, 3);
        break;
      case 'a':
        field('AmPmOfDay', hasTime);
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        field('HourOfDay', hasTime);
        out += pad(f.hour, n);
        break;
      case 'k':
        field('ClockHourOfDay', hasTime);
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        field('HourOfAmPm', hasTime);
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        field('ClockHourOfAmPm', hasTime);
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        field('MinuteOfHour', hasTime);
        out += pad(f.minute, n);
        break;
      case 's':
        field('SecondOfMinute', hasTime);
        out += pad(f.second, n);
        break;
      case 'S':
        field('NanoOfSecond', hasTime);
        out += pad(f.ms, 3).padEnd(9, '0').slice(0, n);
        break;
      case 'n':
        field('NanoOfSecond', hasTime);
        out += pad(f.ms * 1_000_000, n);
        break;
      case 'X':
      case 'x':
      case 'Z':
      case 'z':
      case 'V':
      case 'O':
        if (!hasZone && 'XxZO'.includes(tk.letter))
          fail('java.time.temporal.UnsupportedTemporalTypeException', 'Unsupported field: OffsetSeconds');
        if (!hasZone)
          fail(
            'java.time.DateTimeException',
            `Unable to extract ZoneId from temporal ${timeToString(t)}${t.cls === 'java.time.Instant' ? '' : ` of type ${t.cls}`}`,
          );
        if (tk.letter === 'X') out += 'Z';
        else if (tk.letter === 'x') out += n === 1 ? '+00' : n === 2 ? '+0000' : '+00:00';
        else if (tk.letter === 'Z') out += n <= 3 ? '+0000' : n === 4 ? 'GMT' : 'Z';
        else if (tk.letter === 'O') out += 'GMT';
        else out += t.zone === 'UTC' ? 'UTC' : 'Z';
        break;
      default:
        fail('java.lang.IllegalArgumentException', `Unknown pattern letter: ${tk.letter}`);
    }
  }
  return out;
}

/** Groovy property access on a time (`date.time`, `cal.time`, `ldt.year` ...): the getter's value, or undefined. */
export function timeProperty(t: JTime, name: string): JTime | JLong | number | undefined {
  const f = fieldsOf(t.ms);
  const javaTime = t.cls.startsWith('java.time.') && t.cls !== 'java.time.Instant';
  switch (name) {
    case 'time':
      if (t.cls === 'java.util.Date') return new JLong(BigInt(t.ms));
      if (t.cls === 'java.util.GregorianCalendar') return new JTime('java.util.Date', t.ms);
      return undefined;
    case 'timeInMillis':
      return t.cls === 'java.util.GregorianCalendar' ? new JLong(BigInt(t.ms)) : undefined;
    case 'epochSecond':
      return t.cls === 'java.time.Instant' ? new JLong(BigInt(Math.floor(t.ms / 1000))) : undefined;
    case 'year':
      return javaTime ? f.year : t.cls === 'java.util.Date' ? f.year - 1900 : undefined;
    case 'monthValue':
      return javaTime ? f.month : undefined;
    case 'dayOfMonth':
      return javaTime ? f.day : undefined;
    case 'dayOfYear':
      return javaTime ? f.dayOfYear : undefined;
    case 'hour':
      return javaTime && t.cls !== 'java.time.LocalDate' ? f.hour : undefined;
    case 'minute':
      return javaTime && t.cls !== 'java.time.LocalDate' ? f.minute : undefined;
    case 'second':
      return javaTime && t.cls !== 'java.time.LocalDate' ? f.second : undefined;
  }
  return undefined;
}

/** java.util.Calendar field numbers and month/day constants. */
export const CALENDAR_FIELDS: Record<string, number> = {
  ERA: 0,
  YEAR: 1,
  MONTH: 2,
  WEEK_OF_YEAR: 3,
  WEEK_OF_MONTH: 4,
  DATE: 5,
  DAY_OF_MONTH: 5,
  DAY_OF_YEAR: 6,
  DAY_OF_WEEK: 7,
  DAY_OF_WEEK_IN_MONTH: 8,
  AM_PM: 9,
  HOUR: 10,
  HOUR_OF_DAY: 11,
  MINUTE: 12,
  SECOND: 13,
  MILLISECOND: 14,
  JANUARY: 0,
  FEBRUARY: 1,
  MARCH: 2,
  APRIL: 3,
  MAY: 4,
  JUNE: 5,
  JULY: 6,
  AUGUST: 7,
  SEPTEMBER: 8,
  OCTOBER: 9,
  NOVEMBER: 10,
  DECEMBER: 11,
  SUNDAY: 1,
  MONDAY: 2,
  TUESDAY: 3,
  WEDNESDAY: 4,
  THURSDAY: 5,
  FRIDAY: 6,
  SATURDAY: 7,
};
