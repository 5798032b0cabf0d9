import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMIT,
  RateLimitSettings,
  resolveRateLimit,
  retryAfterOf,
  updateRateLimit,
} from './ratelimit.ts';

describe('rate limiter', () => {
  it('counts per key per fake minute and lets everything through when disabled', () => {
    const l = createRateLimiter();
    const on = resolveRateLimit({ enabled: true, requestsPerMinute: 2 });
    expect([l.take('a', 0, on), l.take('a', 1, on)]).toEqual([undefined, undefined]);
    expect(l.take('a', 2, on)).toEqual({ window: 'minute', limit: 2, resetInMs: 59_998 });
    expect(l.take('b', 3, on)).toBeUndefined();
    expect(l.take('a', 60_000, on)).toBeUndefined();
    for (let i = 0; i < 10; i++) expect(l.take('c', 0, DEFAULT_RATE_LIMIT)).toBeUndefined();
  });

  it('has a per-second window: 30 a second by default, reset by the next second; null turns it off', () => {
    const l = createRateLimiter();
    const on = resolveRateLimit({ enabled: true });
    for (let i = 0; i < 30; i++) expect(l.take('u', 1_000 + i, on)).toBeUndefined();
    expect(l.take('u', 1_500, on)).toEqual({ window: 'second', limit: 30, resetInMs: 500 });
    expect(l.take('u', 2_000, on)).toBeUndefined();
    const minuteOnly = resolveRateLimit({ enabled: true, requestsPerSecond: null });
    const m = createRateLimiter();
    for (let i = 0; i < 100; i++) expect(m.take('u', 0, minuteOnly)).toBeUndefined();
  });

  it('counts refused requests in the minute window too', () => {
    const l = createRateLimiter();
    const cfg = resolveRateLimit({ enabled: true, requestsPerSecond: 1, requestsPerMinute: 3 });
    expect(l.take('u', 0, cfg)).toBeUndefined();
    expect(l.take('u', 10, cfg)?.window).toBe('second');
    expect(l.take('u', 1_000, cfg)).toBeUndefined();
    expect(l.take('u', 2_000, cfg)?.window).toBe('minute'); // the 4th request this minute
  });

  it('Retry-After is the configured seconds, or what is left of the refusing window', () => {
    const hit = { window: 'minute' as const, limit: 1, resetInMs: 12_300 };
    expect(retryAfterOf(resolveRateLimit({}), hit)).toBe(1);
    expect(retryAfterOf(resolveRateLimit({ retryAfterSeconds: 'window' }), hit)).toBe(13);
  });
});

describe('RateLimitSettings', () => {
  it('accepts partial settings and refuses unknown keys and bad values', () => {
    expect(RateLimitSettings.parse({ serviceTimeMs: 40 })).toEqual({ serviceTimeMs: 40 });
    expect(RateLimitSettings.safeParse({ requestsPerSecnd: 3 }).success).toBe(false);
    expect(RateLimitSettings.safeParse({ requestsPerMinute: 0 }).success).toBe(false);
    expect(RateLimitSettings.safeParse({ serviceTimeMs: -1 }).success).toBe(false);
    expect(RateLimitSettings.safeParse({ retryAfterSeconds: 'soon' }).success).toBe(false);
  });

  it('updates live settings in place, keeping what the input does not name', () => {
    const live = resolveRateLimit({ enabled: true, requestsPerMinute: 5 });
    expect(updateRateLimit(live, { serviceTimeMs: 20 })).toBe(live);
    expect(live).toMatchObject({ enabled: true, requestsPerMinute: 5, serviceTimeMs: 20 });
  });

  it('resolves over the documented defaults', () => {
    expect(resolveRateLimit({ enabled: true, requestsPerSecond: null })).toEqual({
      ...DEFAULT_RATE_LIMIT,
      enabled: true,
      requestsPerSecond: null,
    });
  });
});
