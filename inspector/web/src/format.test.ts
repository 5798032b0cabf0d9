import { describe, expect, it } from 'vitest';
import { count, iso, matches, summarize, summaryText, where } from './format.ts';

describe('iso', () => {
  it('renders epoch ms, digit strings and dates as ISO in UTC, nothing for null', () => {
    expect(iso(Date.UTC(2025, 0, 1, 1))).toBe('2025-01-01T01:00:00.000Z');
    expect(iso(String(Date.UTC(2025, 0, 1)))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso('2024-07-22T07:34:37+02:00')).toBe('2024-07-22T05:34:37.000Z');
    expect(iso(null)).toBe('');
    expect(iso('not a date')).toBe('not a date');
  });
});

describe('where', () => {
  it('joins file:line:column, the attribute and the JSON path', () => {
    expect(
      where({ file: 'Connection.json', line: 6, column: 23, attribute: 'AddAccessJSON', path: ['call', 0, 'url'] }),
    ).toBe('Connection.json:6:23 AddAccessJSON $.call[0].url');
    expect(where({ line: 3 })).toBe('line 3');
    expect(where({ path: ['a b', 'c'] })).toBe('$["a b"].c');
    expect(where({ path: '$.x' })).toBe('$.x');
    expect(where(undefined)).toBe('');
  });
});

describe('summaries', () => {
  it('counts by severity and words the line as the contract says', () => {
    const s = summarize([
      { code: 'a', severity: 'error', message: '' },
      { code: 'b', severity: 'error', message: '' },
      { code: 'c', severity: 'warning', message: '' },
    ]);
    expect(s).toEqual({ error: 2, warning: 1, info: 0 });
    expect(summaryText(s)).toBe('2 errors, 1 warnings, 0 info');
  });
});

describe('matches', () => {
  it('is a case-insensitive substring test over any value; an empty query matches', () => {
    expect(matches('ACME', null, 'jane@acme.example')).toBe(true);
    expect(matches('zzz', 'jane', undefined)).toBe(false);
    expect(matches('', undefined)).toBe(true);
  });
});

describe('count', () => {
  it('puts the noun in the plural unless the number is 1', () => {
    expect(count(1, 'account')).toBe('1 account');
    expect(count(0, 'request')).toBe('0 requests');
    expect(count(3, 'try', 'tries')).toBe('3 tries');
  });
});
