import { describe, expect, it } from 'vitest';
import { readConnectionTimeoutConfig, retryWaitMs } from './timeouts.ts';

describe('readConnectionTimeoutConfig', () => {
  it('keeps connect, read and write limits separate (seconds → ms), 60 s each by default, 0 = no limit', () => {
    const c = readConnectionTimeoutConfig({
      connectionTimeoutConfig: { connectionTimeout: 10, readTimeout: '50', writeTimeout: 0 },
    });
    expect(c.limits).toEqual({ connectMs: 10_000, readMs: 50_000, writeMs: Number.POSITIVE_INFINITY });
    expect(readConnectionTimeoutConfig({ showLogs: true }).limits).toEqual({
      connectMs: 60_000,
      readMs: 60_000,
      writeMs: 60_000,
    });
    expect(readConnectionTimeoutConfig(undefined).retry.count).toBe(0);
  });

  it('reads the retry policy: count, wait, its cap and status codes (a number or a list)', () => {
    const c = readConnectionTimeoutConfig({
      connectionTimeoutConfig: { retryCount: 3, retryWait: 5, retryFailureStatusCode: 503, tokenRefreshMaxTryCount: 2 },
    });
    expect(c.retry).toEqual({ count: 3, waitMs: 5000, statusCodes: [503], backoff: 'fixed' });
    expect(c.tokenRefreshMaxTryCount).toBe(2);
    const list = readConnectionTimeoutConfig({
      connectionTimeoutConfig: { retryCount: 1, retryFailureStatusCode: [429, '502'] },
    });
    expect(list.retry).toMatchObject({ waitMs: 1000, statusCodes: [429, 502] });
  });

  it('waits retryWait each time, or doubles up to retryWaitMaxValue', () => {
    const fixed = readConnectionTimeoutConfig({ connectionTimeoutConfig: { retryCount: 3, retryWait: 5 } }).retry;
    expect([1, 2, 3].map((n) => retryWaitMs(fixed, n))).toEqual([5000, 5000, 5000]);
    const grow = readConnectionTimeoutConfig({
      connectionTimeoutConfig: { retryCount: 4, retryWait: 2, retryWaitMaxValue: 6 },
    }).retry;
    expect([1, 2, 3, 4].map((n) => retryWaitMs(grow, n))).toEqual([2000, 4000, 6000, 6000]);
    const forced = readConnectionTimeoutConfig(
      { connectionTimeoutConfig: { retryCount: 2, retryWait: 2, retryWaitMaxValue: 60 } },
      { backoff: 'fixed' },
    ).retry;
    expect(retryWaitMs(forced, 2)).toBe(2000);
  });
});
