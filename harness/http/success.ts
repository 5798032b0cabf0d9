/**
 * Success classification of a call's response, per `successResponses` / `unsuccessResponses`.
 *
 * - `{"statusCode":[200,201]}`: the HTTP status must be in the list [SEEN S2, DOC-forum S11].
 * - `{"<bodyPath>":"v"}` or `{"<bodyPath>":["v1","v2"]}`: the body value at that path must equal one of the values.
 * - Several rules in one object must all hold (decision: the reference is silent; AND is the strict reading).
 * - The array form `[{"<path>": value}, ...]` (Saviynt's Terraform templates and a Saviynt employee's forum example,
 *   [SEEN S21, S22] in the reference's Fidelity addendum) lists alternatives: the response is a success when ANY
 *   element holds (OR between elements, AND inside one) [INF]. Empty elements (`[{}]`, as in the Terraform
 *   TicketStatusJSON) are no rule; a list of bare numbers (`[200, 201]`) is read as a statusCode list [INF].
 * - `unsuccessResponses` uses the same forms; any element that matches forces failure, even when success rules hold.
 * - With no rule at all (absent, `{}`, `[]`, `[{}]`), 2xx is success [INF, reference §3.1].
 * The key is case-sensitive, as EIC's is: `SuccessResponses` is ignored (the validator warns about it).
 */
import { getPath, pathValueToString } from './paths.ts';

export interface SuccessVerdict {
  ok: boolean;
  /** Why it failed, in words a connector developer understands. */
  reason?: string;
  /** Which rule decided a failure: an `unsuccessResponses` match, a `successResponses` rule, or the 2xx default. */
  rule?: 'unsuccessResponses' | 'successResponses' | 'default';
}

type Rule = [string, unknown][];

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** The alternatives of a success/unsuccess value: each is a list of `[key, expected]` rules that must all hold. */
export function ruleAlternatives(v: unknown): Rule[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => typeof x === 'number' || (typeof x === 'string' && /^\d{3}$/.test(x))))
      return [[['statusCode', v]]];
    return v.flatMap((x) => (x && typeof x === 'object' && !Array.isArray(x) ? ruleAlternatives(x) : []));
  }
  if (typeof v !== 'object') return [];
  const rule = Object.entries(v as Record<string, unknown>);
  return rule.length > 0 ? [rule] : [];
}

/** True when a success/unsuccess value holds at least one rule (so it overrides an inherited one). */
export function hasRules(v: unknown): boolean {
  return ruleAlternatives(v).length > 0;
}

function statusMatches(list: unknown, status: number): boolean {
  return asList(list).some((s) => Number(s) === status);
}

function bodyMatches(body: unknown, path: string, expected: unknown): boolean {
  const actual = pathValueToString(getPath(body, path));
  return asList(expected).some((e) => actual !== null && actual === pathValueToString(e));
}

/** The first rule of `rule` that does not hold, explained; undefined when all hold. */
function firstMismatch(rule: Rule, status: number, body: unknown): string | undefined {
  for (const [key, expected] of rule) {
    if (key === 'statusCode') {
      if (!statusMatches(expected, status))
        return `HTTP ${status} is not in successResponses.statusCode ${JSON.stringify(asList(expected))}`;
    } else if (!bodyMatches(body, key, expected)) {
      const actual = pathValueToString(getPath(body, key));
      return `response body ${key} is ${actual === null ? 'absent' : JSON.stringify(actual)}, successResponses expects ${JSON.stringify(expected)}`;
    }
  }
  return undefined;
}

/** Applies successResponses / unsuccessResponses (or the 2xx default) to a response. */
export function classifyResponse(
  status: number,
  body: unknown,
  successResponses: unknown,
  unsuccessResponses?: unknown,
): SuccessVerdict {
  for (const rule of ruleAlternatives(unsuccessResponses)) {
    for (const [key, expected] of rule) {
      if (key === 'statusCode') {
        if (statusMatches(expected, status))
          return {
            ok: false,
            rule: 'unsuccessResponses',
            reason: `HTTP ${status} is listed in unsuccessResponses.statusCode`,
          };
      } else if (bodyMatches(body, key, expected)) {
        return { ok: false, rule: 'unsuccessResponses', reason: `response body ${key} matches unsuccessResponses` };
      }
    }
  }
  const alternatives = ruleAlternatives(successResponses);
  if (alternatives.length === 0) {
    return status >= 200 && status < 300
      ? { ok: true }
      : { ok: false, rule: 'default', reason: `HTTP ${status} is not 2xx (no successResponses given)` };
  }
  const reasons: string[] = [];
  for (const rule of alternatives) {
    const why = firstMismatch(rule, status, body);
    if (why === undefined) return { ok: true };
    reasons.push(why);
  }
  return {
    ok: false,
    rule: 'successResponses',
    reason: reasons.length === 1 ? reasons[0] : `no successResponses alternative holds: ${reasons.join('; ')}`,
  };
}
