/** Per-user request limiting over fake-clock minute windows (LeanIX: 1800 requests/min per user, 429 beyond). */

export interface RateLimitConfig {
  enabled: boolean;
  requestsPerMinute: number;
  retryAfterSeconds: number;
}

/** Off by default; the documented LeanIX figures when switched on. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = Object.freeze({
  enabled: false,
  requestsPerMinute: 1800,
  retryAfterSeconds: 1,
});

export interface RateLimiter {
  /** Counts one request of `key` at fake time `nowMs`; false when it is over the limit of its minute window. */
  allow(key: string, nowMs: number, config: RateLimitConfig): boolean;
  /** Forgets all counts. */
  reset(): void;
}

/** Creates a limiter with fixed windows `[k*60s, (k+1)*60s)` of fake time. */
export function createRateLimiter(): RateLimiter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    allow(key, nowMs, config) {
      if (!config.enabled) return true;
      const w = Math.floor(nowMs / 60_000);
      if (w !== window) {
        window = w;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= config.requestsPerMinute;
    },
    reset() {
      window = -1;
      counts = new Map();
    },
  };
}
