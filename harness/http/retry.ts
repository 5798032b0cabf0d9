/**
 * When a failed try of a call is tried again under ConfigJSON `connectionTimeoutConfig` (see timeouts.ts for the
 * policy), and when a failure counts as a timeout under ConnectionJSON `timeOutError` [DOC S3: "the error text that
 * marks a timeout"; 10 README ConnectionJSONs set it, mostly to Java's "Read timed out"].
 *
 * Decisions [INF]: a try is retried when it failed at the transport (any timeout, a refused or dropped connection),
 * when its status is in connectionTimeoutConfig.retryFailureStatusCode, or when its answer matches `timeOutError`
 * (a gateway that answers "Read timed out" in its error body). `timeOutError` is matched against the transport
 * error text and against the body value at the auth block's `errorPath` (equal or containing), like expiryError.
 */
import { getPath, pathValueToString } from './paths.ts';
import { type RetryPolicy, retryWaitMs } from './timeouts.ts';

/** The auth-block keys that classify timeouts. */
export interface TimeoutMarkers {
  timeOutError?: unknown;
  errorPath?: unknown;
}

/** The `timeOutError` text when the failure text or the body value at errorPath matches it, else undefined. */
export function timeOutErrorMatch(
  markers: TimeoutMarkers | undefined,
  errorText: string | undefined,
  body: unknown,
): string | undefined {
  const needle = markers?.timeOutError;
  if (typeof needle !== 'string' || needle === '') return undefined;
  if (errorText?.includes(needle)) return needle;
  if (typeof markers?.errorPath === 'string' && markers.errorPath !== '' && body !== null && typeof body === 'object') {
    const v = pathValueToString(getPath(body, markers.errorPath));
    if (v !== null && (v === needle || v.includes(needle))) return needle;
  }
  return undefined;
}

/** What a failed try looked like. */
export interface FailedTry {
  /** HTTP status, when an answer came. */
  status?: number;
  /** Transport failure text, when no answer came. */
  error?: string;
  /** The phase that timed out. */
  timeout?: 'connect' | 'write' | 'read';
  /** The timeOutError text the failure matched. */
  timeOutError?: string;
}

/** Why `policy` retries this failed try, or undefined when it does not (retries left are the caller's count). */
export function retryReason(policy: RetryPolicy, t: FailedTry): string | undefined {
  if (policy.count <= 0) return undefined;
  if (t.timeout) return `${t.timeout} timeout`;
  if (t.status === undefined && t.error !== undefined) return 'transport failure';
  if (t.timeOutError !== undefined) return `the answer matches timeOutError "${t.timeOutError}"`;
  if (t.status !== undefined && policy.statusCodes.includes(t.status))
    return `HTTP ${t.status} is in connectionTimeoutConfig.retryFailureStatusCode`;
  return undefined;
}

/**
 * The wait in ms an answer's `Retry-After` asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP-date, relative to
 * `nowMs`); undefined when absent or unreadable. Header names are matched without case.
 */
export function retryAfterMs(headers: Record<string, string> | undefined, nowMs: number): number | undefined {
  const raw = Object.entries(headers ?? {})
    .find(([k]) => k.toLowerCase() === 'retry-after')?.[1]
    ?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  if (!/^[A-Za-z]{3}/.test(raw)) return undefined; // every HTTP-date form starts with the day name
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait before retry number `n` (1-based) of connectionTimeoutConfig. With `retryAfter: 'honour'` an answer's
 * Retry-After is a floor: the wait is the longer of retryWait (with its backoff) and Retry-After.
 * Decision [INF]: no source says whether EIC reads Retry-After (the reference documents only retryWait and
 * apiRateLimitConfig), so the default `ignore` waits retryWait alone; `honour` is the option for clients that do.
 * Retry-After never makes a call retry that connectionTimeoutConfig would not retry.
 */
export function retryWaitFor(
  policy: RetryPolicy,
  n: number,
  headers: Record<string, string> | undefined,
  nowMs: number,
): number {
  const wait = retryWaitMs(policy, n);
  if (policy.retryAfter !== 'honour') return wait;
  return Math.max(wait, retryAfterMs(headers, nowMs) ?? 0);
}
