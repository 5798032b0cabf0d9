import { describe, expect, it } from 'vitest';
import { retryAfterMs, retryWaitFor } from './retry.ts';
import { NO_RETRY } from './timeouts.ts';

describe('Retry-After', () => {
  const now = Date.UTC(2025, 0, 1);

  it('reads delay-seconds and HTTP-dates, any header case; nothing for absent or unreadable values', () => {
    expect(retryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
    expect(retryAfterMs({ 'Retry-After': ' 0 ' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }, now)).toBe(10_000);
    expect(retryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, now)).toBe(0); // in the past
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '-3' }, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });

  it('is a floor of the wait only when honoured', () => {
    const p = { ...NO_RETRY, count: 2, waitMs: 1000 };
    const h = { 'retry-after': '5' };
    expect(retryWaitFor(p, 1, h, now)).toBe(1000);
    expect(retryWaitFor({ ...p, retryAfter: 'honour' }, 1, h, now)).toBe(5000);
    expect(retryWaitFor({ ...p, retryAfter: 'honour' }, 1, {}, now)).toBe(1000);
  });
});
