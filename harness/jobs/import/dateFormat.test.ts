import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJavaDate, parseJavaDate, tokenizeDatePattern, toStoredDate } from './dateFormat.ts';

// Expectations: java.text.SimpleDateFormat semantics with the zone set to UTC (computed by hand from the pattern letters).
describe('SimpleDateFormat patterns', () => {
  it('parses the common EIC pattern with a quoted T', () => {
    expect(parseJavaDate('2024-03-05T07:08:09', "yyyy-MM-dd'T'HH:mm:ss")).toBe(Date.UTC(2024, 2, 5, 7, 8, 9));
  });
  it('applies a zone offset written with XXX and Z', () => {
    expect(parseJavaDate('2024-03-05T07:08:09+02:00', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(Date.UTC(2024, 2, 5, 5, 8, 9));
    expect(parseJavaDate('2024-03-05T07:08:09Z', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(Date.UTC(2024, 2, 5, 7, 8, 9));
    expect(parseJavaDate('2024-03-05 07:08:09 -0130', 'yyyy-MM-dd HH:mm:ss Z')).toBe(Date.UTC(2024, 2, 5, 8, 38, 9));
  });
  it('reads milliseconds, month names, 12-hour clocks and two-digit years', () => {
    expect(parseJavaDate('2024-03-05T07:08:09.123', "yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe(
      Date.UTC(2024, 2, 5, 7, 8, 9, 123),
    );
    expect(parseJavaDate('05 Mar 2024', 'dd MMM yyyy')).toBe(Date.UTC(2024, 2, 5));
    expect(parseJavaDate('03/05/24 01:30 PM', 'MM/dd/yy hh:mm a')).toBe(Date.UTC(2024, 2, 5, 13, 30));
    expect(parseJavaDate('03/05/24 12:30 AM', 'MM/dd/yy hh:mm a')).toBe(Date.UTC(2024, 2, 5, 0, 30));
  });
  it('rejects text that does not fit the pattern or names an impossible day', () => {
    expect(parseJavaDate('2024-03-05', "yyyy-MM-dd'T'HH:mm:ss")).toBeNull();
    expect(parseJavaDate('2024-02-31T00:00:00', "yyyy-MM-dd'T'HH:mm:ss")).toBeNull();
    expect(parseJavaDate('2024-13-01T00:00:00', "yyyy-MM-dd'T'HH:mm:ss")).toBeNull();
  });
  it('formats and round-trips', () => {
    const t = Date.UTC(2023, 11, 31, 23, 59, 58, 7);
    expect(toStoredDate(t)).toBe('2023-12-31 23:59:58');
    expect(formatJavaDate(t, "EEE, dd MMM yyyy hh:mm:ss.SSS a'Z'")).toBe('Sun, 31 Dec 2023 11:59:58.007 PMZ');
    const p = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    expect(parseJavaDate(formatJavaDate(t, p), p)).toBe(t);
  });
  it('tokenizes quotes, doubled quotes and refuses unknown letters', () => {
    expect(tokenizeDatePattern("hh 'o''clock'")).toEqual([
      { letter: 'h', count: 2 },
      { literal: ' ' },
      { literal: "o'clock" },
    ]);
    expect(() => tokenizeDatePattern('yyyy-QQ')).toThrow(/unsupported letter 'Q'/);
    expect(() => tokenizeDatePattern("yyyy'T")).toThrow(/unterminated quote/);
  });
});

describe('toStoredDate', () => {
  it('renders the same text as the yyyy-MM-dd HH:mm:ss pattern for every representable instant', () => {
    // the fast path (UTC fields of four-digit years) must agree with the general formatter, also at its edges
    const year1000 = Date.UTC(1000, 0, 1);
    for (const ms of [
      0,
      -1,
      253402300799999,
      253402300800000,
      -62167219200000,
      year1000,
      year1000 - 1,
      8.64e15,
      -8.64e15,
    ])
      expect(toStoredDate(ms)).toBe(formatJavaDate(ms, 'yyyy-MM-dd HH:mm:ss'));
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(toStoredDate(ms)).toBe(formatJavaDate(ms, 'yyyy-MM-dd HH:mm:ss'));
      }),
    );
    // and where real dates are: 1970..2100
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(toStoredDate(ms)).toBe(formatJavaDate(ms, 'yyyy-MM-dd HH:mm:ss'));
      }),
    );
  });
});
