/**
 * ConfigJSON `connectionTimeoutConfig` [SEEN S21: Saviynt's Terraform provider `ConnectionTimeoutConfig`; SEEN S2:
 * `{connectionTimeout, readTimeout, writeTimeout, retryWait, retryCount}` in AA360 and the LeanIX package's
 * ConfigJSON], read into separate limits and a retry policy. All values are seconds; numbers or numeric strings.
 *
 * Decisions (the sources list the keys but not their semantics, so each is [INF] and documented in the README table):
 * - `connectionTimeout`, `readTimeout`, `writeTimeout` are three separate limits, one per phase of a request
 *   (connecting, sending the body, waiting for the answer), never summed. Absent → 60 s each; `0` → no limit (as a
 *   Java socket timeout of zero).
 * - `retryCount` retries of a call that failed at the transport (timeout, connection refused or dropped), whose
 *   status is in `connectionTimeoutConfig.retryFailureStatusCode` (a number or a list), or whose answer matches the
 *   auth block's `timeOutError`; `retryWait` seconds between tries (default 1 s when only retryCount is set); with
 *   `retryWaitMaxValue` set, each wait doubles (`retryWait`, 2×, 4×, …) up to that many seconds; without it every
 *   wait is `retryWait` (option `backoff: 'exponential' | 'fixed'` overrides). Waits pass on the transport's clock,
 *   so a scenario shows them in fake time without wall time.
 * - `tokenRefreshMaxTryCount` belongs to the auth manager (harness/http/auth.ts) and is only read here.
 */

/** Per-phase request limits in ms (Infinity = no limit). */
export interface TimeoutLimits {
  connectMs: number;
  readMs: number;
  writeMs: number;
}

/** How waits between retries grow. */
export type RetryBackoff = 'fixed' | 'exponential';

/** The retry policy of connectionTimeoutConfig. */
export interface RetryPolicy {
  /** Retries after the first try (0 = none). */
  count: number;
  /** Wait before the first retry, ms. */
  waitMs: number;
  /** Cap of one wait, ms (retryWaitMaxValue). */
  maxWaitMs?: number;
  /** Statuses that are retried as they are (connectionTimeoutConfig.retryFailureStatusCode). */
  statusCodes: number[];
  backoff: RetryBackoff;
  /** A retried answer's Retry-After header: ignored (default) or a floor of the wait (retry.ts). */
  retryAfter?: RetryAfterMode;
}

/** What a retry does with the answer's Retry-After header (retry.ts). */
export type RetryAfterMode = 'ignore' | 'honour';

/** connectionTimeoutConfig as the call runtime uses it. */
export interface ConnectionTimeoutConfig {
  limits: TimeoutLimits;
  retry: RetryPolicy;
  /** connectionTimeoutConfig.tokenRefreshMaxTryCount, when set (applied by the auth manager, not here). */
  tokenRefreshMaxTryCount?: number;
}

/** Default limit of each phase when ConfigJSON says nothing (ms). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default wait between retries when retryCount is set without retryWait (ms). */
export const DEFAULT_RETRY_WAIT_MS = 1_000;

/** No retries. */
export const NO_RETRY: RetryPolicy = { count: 0, waitMs: 0, statusCodes: [], backoff: 'fixed' };

/** A non-negative number from a JSON value (numbers or numeric strings), else undefined. */
function seconds(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function limit(v: unknown, fallbackMs: number): number {
  const s = seconds(v);
  if (s === undefined) return fallbackMs;
  return s === 0 ? Number.POSITIVE_INFINITY : s * 1000;
}

function statusList(v: unknown): number[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map((x) => Number(x)).filter((n) => Number.isInteger(n) && n >= 100 && n <= 599);
}

/** Uniform limits of `ms` for every phase (the emulator's `timeoutMs` override, the fault sweep). */
export function uniformLimits(ms: number): TimeoutLimits {
  return { connectMs: ms, readMs: ms, writeMs: ms };
}

/** Reads ConfigJSON's connectionTimeoutConfig (absent or malformed parts fall back to the defaults above). */
export function readConnectionTimeoutConfig(
  configJson: unknown,
  options: { backoff?: RetryBackoff; retryAfter?: RetryAfterMode } = {},
): ConnectionTimeoutConfig {
  const raw = (configJson as { connectionTimeoutConfig?: unknown } | null | undefined)?.connectionTimeoutConfig;
  const c = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const count = Math.floor(seconds(c.retryCount) ?? 0);
  const wait = seconds(c.retryWait);
  const max = seconds(c.retryWaitMaxValue);
  const refresh = seconds(c.tokenRefreshMaxTryCount);
  return {
    limits: {
      connectMs: limit(c.connectionTimeout, DEFAULT_TIMEOUT_MS),
      readMs: limit(c.readTimeout, DEFAULT_TIMEOUT_MS),
      writeMs: limit(c.writeTimeout, DEFAULT_TIMEOUT_MS),
    },
    retry: {
      count,
      waitMs: wait === undefined ? DEFAULT_RETRY_WAIT_MS : wait * 1000,
      ...(max !== undefined ? { maxWaitMs: max * 1000 } : {}),
      statusCodes: statusList(c.retryFailureStatusCode),
      backoff: options.backoff ?? (max !== undefined ? 'exponential' : 'fixed'),
      ...(options.retryAfter ? { retryAfter: options.retryAfter } : {}),
    },
    ...(refresh !== undefined ? { tokenRefreshMaxTryCount: Math.floor(refresh) } : {}),
  };
}

/** The wait before retry number `n` (1-based), in ms. */
export function retryWaitMs(policy: RetryPolicy, n: number): number {
  const base = policy.backoff === 'exponential' ? policy.waitMs * 2 ** Math.max(0, n - 1) : policy.waitMs;
  return policy.maxWaitMs !== undefined ? Math.min(base, policy.maxWaitMs) : base;
}

/** A limit for messages: `50 s`, or `no limit`. */
export function describeLimit(ms: number): string {
  return Number.isFinite(ms) ? `${ms / 1000} s` : 'no limit';
}
