/**
 * When a call's answer means "the token is bad" and how often to refresh (reference §1.3 refresh algorithm [INF],
 * built from the [DOC S3] field descriptions), shared by every flow and by the call runtime's resend loop.
 *
 * A refresh is due when (1) the status is in `retryFailureStatusCode`, or (2) the value at `errorPath` equals or
 * contains `expiryError` or an `authError` entry, or (3) the answer is not 2xx and the error text EIC produces for it
 * contains one of them. The documented authError samples are EIC's own error texts (`"HTTP error code : 401"`,
 * `"401 Unauthorized"`, `"401"` [DOC S3]; Fidelity addendum), so the emulator builds that text as
 * `HTTP error code : <status> (<status> <reason phrase>): <body>` [INF: the exact text is not published; both
 * documented forms are contained in it].
 */
import { STATUS_CODES } from 'node:http';
import { getPath, pathValueToString } from '../paths.ts';
import type { AuthBlock } from './types.ts';

/** The error text EIC produces for a non-2xx answer (undefined for 2xx): the text `authError` entries are matched in. */
export function eicErrorText(status: number, bodyText: string): string | undefined {
  if (status >= 200 && status < 300) return undefined;
  const reason = STATUS_CODES[status] ?? 'Unknown';
  return `HTTP error code : ${status} (${status} ${reason}): ${bodyText.slice(0, 4096)}`;
}

/** The strings of a string-or-list key (`authError`, `refreshTokenAuthError`), empty ones dropped. */
export function stringList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter((s): s is string => typeof s === 'string' && s !== '');
}

/**
 * Why an answer means the credentials are bad, or undefined: `codes` (status list), `needles` matched at `errorPath`
 * (equal or contained) and in EIC's error text.
 */
export function rejectionReason(
  answer: { status: number; body: unknown; bodyText: string },
  rule: { codes: unknown; needles: string[]; errorPath?: string; what: string },
): string | undefined {
  const codes = Array.isArray(rule.codes) ? rule.codes.map(Number) : [];
  if (codes.includes(answer.status)) return `HTTP ${answer.status} is in retryFailureStatusCode`;
  if (rule.needles.length === 0) return undefined;
  if (rule.errorPath && answer.body !== null && typeof answer.body === 'object') {
    const v = pathValueToString(getPath(answer.body, rule.errorPath));
    if (v !== null) {
      const hit = rule.needles.find((n) => v === n || v.includes(n));
      if (hit) return `response ${rule.errorPath} = ${JSON.stringify(v)} matches ${rule.what} "${hit}"`;
    }
  }
  const text = eicErrorText(answer.status, answer.bodyText);
  if (text !== undefined) {
    const hit = rule.needles.find((n) => text.includes(n));
    if (hit) {
      const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
      return `the error ${JSON.stringify(shown)} matches ${rule.what} "${hit}"`;
    }
  }
  return undefined;
}

/** Why an API answer calls for a token refresh under the block's rules, or undefined. */
export function refreshReason(block: AuthBlock, status: number, body: unknown, bodyText = ''): string | undefined {
  const needles = [...stringList(block.expiryError), ...stringList(block.authError)];
  return rejectionReason(
    { status, body, bodyText },
    { codes: block.retryFailureStatusCode, needles, errorPath: block.errorPath, what: 'expiryError/authError' },
  );
}

/** A non-negative whole number from a JSON value (EIC configs write numbers as strings too), else undefined. */
export function wholeNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * How many refreshes one call may make: the block's `maxRefreshTryCount` [DOC S3]; else ConfigJSON
 * `connectionTimeoutConfig.tokenRefreshMaxTryCount` [SEEN S21, Fidelity addendum] as the connection-wide default
 * [INF: the sources do not say how the two relate; the more specific block value wins]; else 1.
 */
export function maxRefreshTryCount(block: AuthBlock, configDefault?: number): number {
  return wholeNumber(block.maxRefreshTryCount) ?? configDefault ?? 1;
}

/** ConfigJSON `connectionTimeoutConfig.tokenRefreshMaxTryCount`, when set to a whole number. */
export function tokenRefreshMaxTryCountOf(configJson: unknown): number | undefined {
  const c = (configJson as { connectionTimeoutConfig?: Record<string, unknown> } | null)?.connectionTimeoutConfig;
  return c && typeof c === 'object' ? wholeNumber(c.tokenRefreshMaxTryCount) : undefined;
}
