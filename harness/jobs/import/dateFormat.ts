/**
 * Java SimpleDateFormat patterns (the common letters) for `~#~date` and `~#~epochdate` columns:
 * parse a target's date text with `globalSettings.dateFormat`, and render the value EIC stores.
 *
 * Supported letters: y M d H h k K m s S a E z Z X and quoted literals ('T', '' for a quote). Month and day names are
 * English. Without a zone letter the text is read as UTC (EIC's servers run in UTC).
 */

/** The format every date column is stored in (EIC's SQL DATETIME text, UTC). */
export const STORED_DATE_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type Token = { letter: string; count: number } | { literal: string };

/** Splits a SimpleDateFormat pattern into letter runs and literals; throws on an unterminated quote. */
export function tokenizeDatePattern(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ literal: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new Error(`unterminated quote in date pattern "${pattern}"`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      out.push({ literal: text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      if (!'yMdHhkKmsSaEzZXuDLG'.includes(c)) throw new Error(`unsupported letter '${c}' in date pattern "${pattern}"`);
      out.push({ letter: c, count: j - i });
      i = j;
      continue;
    }
    out.push({ literal: c });
    i++;
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Compiled {
  re: RegExp;
  fields: { letter: string; count: number }[];
}
const cache = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let src = '^\\s*';
  const fields: { letter: string; count: number }[] = [];
  for (const t of tokenizeDatePattern(pattern)) {
    if ('literal' in t) {
      src += escapeRe(t.literal);
      continue;
    }
    fields.push(t);
    switch (t.letter) {
      case 'M':
      case 'L':
        src += t.count >= 3 ? '([A-Za-z]+)' : t.count === 2 ? '(\\d{2})' : '(\\d{1,2})';
        break;
      case 'E':
      case 'a':
      case 'G':
        src += '([A-Za-z.]+)';
        break;
      case 'y':
      case 'u':
        src += t.count === 2 ? '(\\d{2})' : '(-?\\d{1,9})';
        break;
      case 'S':
        src += '(\\d{1,9})';
        break;
      case 'z':
        src += '([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2}|GMT[+-]\\d{1,2}:?\\d{2})';
        break;
      case 'Z':
      case 'X':
        src += '(Z|[+-]\\d{2}(?::?\\d{2})?)';
        break;
      default:
        src += t.count >= 2 ? `(\\d{${t.count},${Math.max(t.count, 3)}})` : '(\\d{1,3})';
    }
  }
  const compiled = { re: new RegExp(`${src}\\s*$`), fields };
  cache.set(pattern, compiled);
  return compiled;
}

function zoneOffsetMinutes(text: string): number | null {
  if (text === 'Z' || /^(UTC|GMT|Z)$/i.test(text)) return 0;
  const m = /^(?:GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

/** Parses `text` with a SimpleDateFormat pattern; returns epoch millis, or null when the text does not match. */
export function parseJavaDate(text: string, pattern: string): number | null {
  const { re, fields } = compile(pattern);
  const m = re.exec(text);
  if (!m) return null;
  let year = 1970;
  let month = 0;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let pm: boolean | null = null;
  let hour12 = false;
  let offset = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = m[i + 1];
    const n = Number(v);
    switch (f.letter) {
      case 'y':
      case 'u':
        year = f.count === 2 ? 2000 + n - (n >= 80 ? 100 : 0) : n;
        break;
      case 'M':
      case 'L':
        if (f.count >= 3) {
          const idx = MONTHS.findIndex((name) => name.startsWith(v.toLowerCase()) && v.length >= 3);
          if (idx < 0) return null;
          month = idx;
        } else month = n - 1;
        break;
      case 'd':
        day = n;
        break;
      case 'H':
        hour = n;
        break;
      case 'k':
        hour = n === 24 ? 0 : n;
        break;
      case 'h':
        hour = n === 12 ? 0 : n;
        hour12 = true;
        break;
      case 'K':
        hour = n;
        hour12 = true;
        break;
      case 'm':
        minute = n;
        break;
      case 's':
        second = n;
        break;
      case 'S':
        // SimpleDateFormat reads S as a plain count of milliseconds ("123" = 123 ms, "5" = 5 ms).
        ms = n;
        break;
      case 'a':
        if (/^am$/i.test(v)) pm = false;
        else if (/^pm$/i.test(v)) pm = true;
        else return null;
        break;
      case 'E':
        if (!DAYS.some((d) => d.startsWith(v.toLowerCase()))) return null;
        break;
      case 'z':
      case 'Z':
      case 'X': {
        const off = zoneOffsetMinutes(v);
        if (off === null) return null;
        offset = off;
        break;
      }
      default:
        break;
    }
  }
  if (hour12 && pm) hour += 12;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month, day, hour, minute, second, 0) + ms;
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCDate() !== day) return null; // e.g. 31 February: SimpleDateFormat is lenient, EIC data is not
  return utc - offset * 60_000;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Tokenized format patterns (a handful per package), so formatting 100,000 dates tokenizes each pattern once. */
const formatTokens = new Map<string, Token[]>();

/** Formats epoch millis (UTC) with a SimpleDateFormat pattern. */
export function formatJavaDate(epochMs: number, pattern: string): string {
  const d = new Date(epochMs);
  let out = '';
  let tokens = formatTokens.get(pattern);
  if (!tokens) {
    tokens = tokenizeDatePattern(pattern);
    if (formatTokens.size < 64) formatTokens.set(pattern, tokens);
  }
  for (const t of tokens) {
    if ('literal' in t) {
      out += t.literal;
      continue;
    }
    const c = t.count;
    switch (t.letter) {
      case 'y':
      case 'u':
        out += c === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), c);
        break;
      case 'M':
      case 'L': {
        const name = MONTHS[d.getUTCMonth()];
        out +=
          c >= 4
            ? name[0].toUpperCase() + name.slice(1)
            : c === 3
              ? name[0].toUpperCase() + name.slice(1, 3)
              : pad(d.getUTCMonth() + 1, c);
        break;
      }
      case 'd':
        out += pad(d.getUTCDate(), c);
        break;
      case 'H':
        out += pad(d.getUTCHours(), c);
        break;
      case 'k':
        out += pad(d.getUTCHours() || 24, c);
        break;
      case 'h':
        out += pad(d.getUTCHours() % 12 || 12, c);
        break;
      case 'K':
        out += pad(d.getUTCHours() % 12, c);
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), c);
        break;
      case 's':
        out += pad(d.getUTCSeconds(), c);
        break;
      case 'S':
        out += pad(d.getUTCMilliseconds(), c);
        break;
      case 'a':
        out += d.getUTCHours() < 12 ? 'AM' : 'PM';
        break;
      case 'E': {
        const name = DAYS[d.getUTCDay()];
        out += c >= 4 ? name[0].toUpperCase() + name.slice(1) : name[0].toUpperCase() + name.slice(1, 3);
        break;
      }
      case 'z':
        out += 'UTC';
        break;
      case 'Z':
        out += '+0000';
        break;
      case 'X':
        out += 'Z';
        break;
      default:
        break;
    }
  }
  return out;
}

/** Two-digit texts of 0..99, for the stored date's fields. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Renders epoch millis as the stored date text (`yyyy-MM-dd HH:mm:ss`, UTC). */
export function toStoredDate(epochMs: number): string {
  const d = new Date(epochMs);
  const y = d.getUTCFullYear();
  // Four-digit years (all real ones) from the UTC fields, joined: half the time of slicing toISOString(), and a join is
  // one flat string where a concatenation (or replace) is a rope that every imported account row would keep (51
  // against 100 bytes a date, measured)
  if (y >= 1000 && y <= 9999)
    return [
      y,
      '-',
      TWO_DIGITS[d.getUTCMonth() + 1],
      '-',
      TWO_DIGITS[d.getUTCDate()],
      ' ',
      TWO_DIGITS[d.getUTCHours()],
      ':',
      TWO_DIGITS[d.getUTCMinutes()],
      ':',
      TWO_DIGITS[d.getUTCSeconds()],
    ].join('');
  return formatJavaDate(epochMs, STORED_DATE_FORMAT);
}
