/**
 * LeanIX's per-user rate limit over fake-clock windows, and the fake's service time (leanix-mtm-api.md §7).
 *
 * - `requestsPerMinute` 1800 per user [SEEN S14: "1800 requests/min (30 rps)", 429 USER_INTERVAL_REQUEST_LIMIT_EXCEEDED].
 * - `requestsPerSecond` 30 per user [INF: S14 states the limit as 30 rps; whether LeanIX also enforces a one-second
 *   window is not documented, so it is an option: `null` keeps only the minute window].
 * - Windows are fixed, aligned to the fake clock's epoch (`[k*1s, (k+1)*1s)`, `[k*60s, (k+1)*60s)`), per user (the
 *   token's user; the token endpoint counts for the technical user it mints for) [INF: LeanIX's algorithm is not
 *   documented]. A request counts in every window, refused or not [INF].
 * - `retryAfterSeconds` 1 [INF, §7: "might contain a Retry-After header"; the reference picks 1]; `window` sends the
 *   seconds until the window that refused the request starts again.
 * - `serviceTimeMs` 0: fake time each request to the MTM API takes (the clock advances by it after the answer), so the
 *   windows trip during a long import as they would at that speed. 0 by default: the clock then moves only when told
 *   (timestamps, token expiry and journal times of existing tests stay as they were, and the fake's time does not
 *   depend on how many requests a test happens to make). Applies whether or not `enabled` is set.
 * - Off by default (`enabled: false`): a test that does not ask for rate limiting never sees a 429.
 */
import { z } from 'zod';
import { LIMITS } from '../../lib/limits.ts';

/**
 * The rate-limit settings as written by scenarios (`given.leanix.rateLimit`, steps that change them) and the control
 * API (`PUT /__harness/ratelimit`): every key optional, merged into the current settings. One schema for all of them.
 */
export const RateLimitSettings = z
  .strictObject({
    enabled: z.boolean().optional().describe('Refuse requests over the limits with 429 (default false).'),
    requestsPerSecond: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('Requests per user per fake-clock second (default 30; null = no per-second window).'),
    requestsPerMinute: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('Requests per user per fake-clock minute (default 1800, LeanIX S14; null = no per-minute window).'),
    retryAfterSeconds: z
      .union([z.number().int().nonnegative(), z.literal('window')])
      .optional()
      .describe('Retry-After of a 429 (default 1); `window` = seconds until the refusing window starts again.'),
    serviceTimeMs: z
      .number()
      .nonnegative()
      .max(LIMITS.faultDelayMs)
      .optional()
      .describe('Fake time each MTM request takes; the clock advances by it after each answer (default 0).'),
  })
  .describe("LeanIX's per-user rate limit on the fake clock, and the fake's service time per request.");

/** Partial settings, as RateLimitSettings accepts them. */
export type RateLimitInput = z.infer<typeof RateLimitSettings>;

/** The complete settings the core reads on every request. */
export interface RateLimitConfig {
  enabled: boolean;
  requestsPerSecond: number | null;
  requestsPerMinute: number | null;
  retryAfterSeconds: number | 'window';
  serviceTimeMs: number;
}

/** Off by default; the documented LeanIX figures when switched on. */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitConfig> = Object.freeze({
  enabled: false,
  requestsPerSecond: 30,
  requestsPerMinute: 1800,
  retryAfterSeconds: 1,
  serviceTimeMs: 0,
});

/** The defaults with `input` merged over them (input already checked by RateLimitSettings). */
export function resolveRateLimit(input: RateLimitInput = {}): RateLimitConfig {
  const out: RateLimitConfig = { ...DEFAULT_RATE_LIMIT };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Merges `input` into the live settings `target` (e.g. `fake.core.rateLimit`, read on every request) and returns it:
 * the control API's PUT and a scenario step that changes the rate limit between steps both do exactly this.
 */
export function updateRateLimit(target: RateLimitConfig, input: RateLimitInput): RateLimitConfig {
  return Object.assign(target, resolveRateLimit({ ...target, ...input }));
}

/** Why a request was refused: the window, its limit, and when it starts again. */
export interface RateLimitHit {
  window: 'second' | 'minute';
  limit: number;
  /** Milliseconds until the refusing window ends. */
  resetInMs: number;
}

export interface RateLimiter {
  /** Counts one request of `key` at fake time `nowMs`; the window it exceeds, or undefined when it may pass. */
  take(key: string, nowMs: number, config: RateLimitConfig): RateLimitHit | undefined;
  /** Forgets all counts. */
  reset(): void;
}

/** One fixed window kind: the counts per key of the current window. */
function windowCounter(sizeMs: number) {
  let index = -1;
  let counts = new Map<string, number>();
  return {
    /** Counts `key` at `nowMs`; the count so far in this window. */
    count(key: string, nowMs: number): number {
      const w = Math.floor(nowMs / sizeMs);
      if (w !== index) {
        index = w;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n;
    },
    resetInMs: (nowMs: number) => sizeMs - (nowMs % sizeMs),
    reset() {
      index = -1;
      counts = new Map();
    },
  };
}

/** Creates a limiter with fixed per-second and per-minute windows of fake time. */
export function createRateLimiter(): RateLimiter {
  const second = windowCounter(1000);
  const minute = windowCounter(60_000);
  return {
    take(key, nowMs, config) {
      if (!config.enabled) return undefined;
      // both windows count the request, so the minute fills even while the second refuses
      const s = config.requestsPerSecond === null ? 0 : second.count(key, nowMs);
      const m = config.requestsPerMinute === null ? 0 : minute.count(key, nowMs);
      if (config.requestsPerMinute !== null && m > config.requestsPerMinute)
        return { window: 'minute', limit: config.requestsPerMinute, resetInMs: minute.resetInMs(nowMs) };
      if (config.requestsPerSecond !== null && s > config.requestsPerSecond)
        return { window: 'second', limit: config.requestsPerSecond, resetInMs: second.resetInMs(nowMs) };
      return undefined;
    },
    reset() {
      second.reset();
      minute.reset();
    },
  };
}

/** The Retry-After value (seconds) of a refused request. */
export function retryAfterOf(config: RateLimitConfig, hit: RateLimitHit): number {
  return config.retryAfterSeconds === 'window' ? Math.ceil(hit.resetInMs / 1000) : config.retryAfterSeconds;
}
