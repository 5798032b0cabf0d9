/**
 * Success classification of a call's response, per `successResponses` / `unsuccessResponses`.
 *
 * - `{"statusCode":[200,201]}`: the HTTP status must be in the list.
 * - `{"<bodyPath>":"v"}` or `{"<bodyPath>":["v1","v2"]}`: the body value at that path must equal one of the values.
 * - Several rules in one object must all hold (decision: the reference is silent; AND is the strict reading).
 * - `unsuccessResponses` uses the same rule forms; any match forces failure, even when success rules hold.
 * - With no `successResponses` (or an empty object), 2xx is success.
 * The key is case-sensitive, as EIC's is: `SuccessResponses` is ignored (the validator warns about it).
 */
import { getPath, pathValueToString } from './paths.ts';

export interface SuccessVerdict {
  ok: boolean;
  /** Why it failed, in words a connector developer understands. */
  reason?: string;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function statusMatches(list: unknown, status: number): boolean {
  return asList(list).some((s) => Number(s) === status);
}

function bodyMatches(body: unknown, path: string, expected: unknown): boolean {
  const actual = pathValueToString(getPath(body, path));
  return asList(expected).some((e) => actual !== null && actual === pathValueToString(e));
}

/** Applies successResponses / unsuccessResponses (or the 2xx default) to a response. */
export function classifyResponse(
  status: number,
  body: unknown,
  successResponses: unknown,
  unsuccessResponses?: unknown,
): SuccessVerdict {
  if (unsuccessResponses && typeof unsuccessResponses === 'object' && !Array.isArray(unsuccessResponses)) {
    for (const [key, expected] of Object.entries(unsuccessResponses)) {
      if (key === 'statusCode') {
        if (statusMatches(expected, status))
          return { ok: false, reason: `HTTP ${status} is listed in unsuccessResponses.statusCode` };
      } else if (bodyMatches(body, key, expected)) {
        return { ok: false, reason: `response body ${key} matches unsuccessResponses` };
      }
    }
  }
  const rules =
    successResponses && typeof successResponses === 'object' && !Array.isArray(successResponses)
      ? Object.entries(successResponses)
      : [];
  if (rules.length === 0) {
    return status >= 200 && status < 300
      ? { ok: true }
      : { ok: false, reason: `HTTP ${status} is not 2xx (no successResponses given)` };
  }
  for (const [key, expected] of rules) {
    if (key === 'statusCode') {
      if (!statusMatches(expected, status))
        return {
          ok: false,
          reason: `HTTP ${status} is not in successResponses.statusCode ${JSON.stringify(asList(expected))}`,
        };
    } else if (!bodyMatches(body, key, expected)) {
      const actual = pathValueToString(getPath(body, key));
      return {
        ok: false,
        reason: `response body ${key} is ${actual === null ? 'absent' : JSON.stringify(actual)}, successResponses expects ${JSON.stringify(expected)}`,
      };
    }
  }
  return { ok: true };
}
