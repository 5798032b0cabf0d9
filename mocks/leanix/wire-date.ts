/** Stored ISO date-times as the API sends them: epoch milliseconds or ISO text (the `dateFormat` quirk). */
import type { Quirks } from './quirks.ts';

export type DateFormat = Quirks['dateFormat'];

/** Two ASCII digits of `s` at `i` as a number, or -1 when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `Date.parse` of an ISO date-time, with a fast path for the shape the store keeps (`yyyy-MM-ddTHH:mm:ss.SSSZ`, year
 * 100 or later, day at most 28 so no month rolls over): permission rows are rendered per request and carry two dates
 * each. Anything else goes to `Date.parse` (wire-date.test.ts compares the two).
 */
export function isoMillis(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(23) !== 90) return Date.parse(iso);
  const y1 = twoDigits(iso, 0);
  const y2 = twoDigits(iso, 2);
  const mo = twoDigits(iso, 5);
  const d = twoDigits(iso, 8);
  const h = twoDigits(iso, 11);
  const mi = twoDigits(iso, 14);
  const sec = twoDigits(iso, 17);
  const ms1 = twoDigits(iso, 20);
  const ms2 = iso.charCodeAt(22) - 48;
  if (
    iso.charCodeAt(4) !== 45 ||
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(13) !== 58 ||
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(19) !== 46 ||
    y1 < 1 || // Date.UTC reads the years 0-99 as 1900-1999
    y2 < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > 28 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    sec < 0 ||
    sec > 59 ||
    ms1 < 0 ||
    ms2 < 0 ||
    ms2 > 9
  )
    return Date.parse(iso);
  return Date.UTC(y1 * 100 + y2, mo - 1, d, h, mi, sec, ms1 * 10 + ms2);
}

/** A stored ISO date-time in the configured wire format (epoch ms or ISO), null stays null. */
export function wireDate(iso: string | null | undefined, format: DateFormat): number | string | null {
  if (iso === null || iso === undefined) return null;
  if (format === 'iso') return iso;
  const ms = isoMillis(iso);
  return Number.isNaN(ms) ? iso : ms;
}
