/**
 * A step's expectations checked against what the step produced and the world after it: `error`, LeanIX and EIC
 * records, the report, requests (journal, token server, exchanges), diagnostics, the response. Pure reads of the
 * world, so the mutation check (mutate.ts) can check changed expectations against the same step.
 */
import { type Diagnostic, formatDiagnostic } from '../../lib/diagnostic.ts';
import type { Outcome, RunCtx } from './context.ts';
import { summarizeLines } from './exchanges.ts';
import { formatMismatches, isExactMarker, matchValue } from './match.ts';
import { formatRecordFailure, matchRecords } from './records.ts';
import type { ScenarioExpect, ScenarioStep } from './schema.ts';
import { KEYS, leanixView, taskView } from './views.ts';
import { interpolate } from './world.ts';

/** What a step's requests expectations are checked against: the fake's journal, the token server, the exchanges. */
export interface StepRequests {
  journal: Record<string, unknown>[];
  tokenServer: Record<string, unknown>[];
  exchanges: Record<string, unknown>[];
}

const requestLine = (r: Record<string, unknown>) =>
  `${r.label ? `${r.label} ` : ''}${r.method} ${r.path} → ${r.status}${r.reason ? ` (${r.reason})` : ''}`;

/** Checks `count`, `requests` and `inOrder` of a requests expectation against what `where` saw. */
function checkRequestList(
  where: string,
  spec: NonNullable<ScenarioExpect['journal']>,
  seen: Record<string, unknown>[],
): string[] {
  const fails: string[] = [];
  if (spec.count !== undefined && spec.count !== seen.length)
    fails.push(
      `${where}: expected ${spec.count} request(s), there were ${seen.length}:\n${summarizeLines(seen.map(requestLine)).join('\n')}`,
    );
  if (!spec.requests) return fails;
  if (spec.inOrder && spec.requests.length > 0) {
    let from = 0;
    if (spec.requests.some(isExactMarker) && spec.requests.length - 1 !== seen.length)
      fails.push(
        `${where}.requests: $exact: expected ${spec.requests.length - 1} request(s), there were ${seen.length}`,
      );
    spec.requests.forEach((pat, i) => {
      if (isExactMarker(pat)) return;
      const k = seen.findIndex((r, idx) => idx >= from && matchValue(pat, r).length === 0);
      if (k < 0)
        fails.push(
          `${where}.requests[${i}]: no request matching ${JSON.stringify(pat)}${i > 0 ? ' after the previous one' : ''}`,
        );
      else from = k + 1;
    });
  } else for (const f of matchRecords(`${where}.requests`, spec.requests, seen, [])) fails.push(formatRecordFailure(f));
  return fails;
}

/** Checks one step's expectations except `error`; returns failure texts (empty = all hold). */
export function checkExpect(
  exp: Omit<ScenarioExpect, 'error'>,
  out: Outcome,
  ctx: RunCtx,
  seen: StepRequests,
): string[] {
  const { fake, emu } = ctx.world;
  const fails: string[] = [];
  const records = (
    where: string,
    kind: string,
    pats: Record<string, unknown>[] | undefined,
    recs: () => Record<string, unknown>[],
    strict?: boolean,
  ) => {
    if (!pats) return;
    for (const f of matchRecords(where, pats, recs(), KEYS[kind], strict)) fails.push(formatRecordFailure(f));
  };
  if (exp.leanix) {
    const view = leanixView(fake.exportJson());
    for (const kind of ['users', 'workspaces', 'permissions'] as const)
      records(`leanix.${kind}`, kind, exp.leanix[kind], () => view[kind], exp.leanix.strict);
  }
  if (exp.eic) {
    const e = exp.eic;
    records('eic.accounts', 'accounts', e.accounts, () => emu.state.listAccounts() as never, e.strict);
    records(
      'eic.entitlements',
      'entitlements',
      e.entitlements,
      () => emu.state.listEntitlementValues() as never,
      e.strict,
    );
    records('eic.links', 'links', e.links, () => emu.state.listLinks() as never, e.strict);
    records(
      'eic.tasks',
      'tasks',
      e.tasks,
      () => emu.state.listTasks().map((t) => taskView(t, ctx.taskSteps.get(t.id))),
      e.strict,
    );
  }
  if (exp.report) {
    const m = out.report === undefined ? [] : matchValue(exp.report, out.report);
    if (out.report === undefined) fails.push('report: this step produced no report');
    else if (m.length > 0) fails.push(`report differs:\n${formatMismatches(m)}`);
  }
  if (exp.journal) fails.push(...checkRequestList('journal', exp.journal, seen.journal));
  if (exp.tokenServer) {
    if (!ctx.world.tokenServer) fails.push('tokenServer: this scenario has no given.tokenServer');
    else fails.push(...checkRequestList('tokenServer', exp.tokenServer, seen.tokenServer));
  }
  if (exp.exchanges) fails.push(...checkRequestList('exchanges', exp.exchanges, seen.exchanges));
  if (exp.diagnostics)
    for (const f of matchRecords('diagnostics', exp.diagnostics, (out.diagnostics ?? []) as never, KEYS.diagnostics))
      fails.push(formatRecordFailure(f));
  if (exp.response) {
    if (!out.response) fails.push('response: this step made no HTTP call');
    else {
      const m = matchValue(exp.response, out.response);
      if (m.length > 0) fails.push(`response differs:\n${formatMismatches(m)}`);
    }
  }
  return fails;
}

/** Checks the step's error against `expect.error` (a code or message fragment, or a pattern). */
export function checkError(expected: ScenarioExpect['error'], err: Diagnostic | undefined): string[] {
  if (expected === undefined) return err ? [`unexpected error: ${formatDiagnostic(err)}`] : [];
  if (!err) return [`expected the step to fail (${JSON.stringify(expected)}), but it succeeded`];
  if (typeof expected === 'string')
    return err.code === expected || err.message.includes(expected)
      ? []
      : [
          `the step failed, but not as expected: wanted code or message containing ${JSON.stringify(expected)}, got ${formatDiagnostic(err)}`,
        ];
  const m = matchValue(expected, err);
  return m.length === 0 ? [] : [`the step failed, but not as expected:\n${formatMismatches(m)}`];
}

/**
 * Checks every expectation of a step: `expect`, and `expectFor.<variant>` in addition (its `error` replaces the
 * common one). A `validate` step that lists diagnostics and expects no error is decided by the diagnostics alone.
 */
export function checkStep(
  step: ScenarioStep,
  variant: string | undefined,
  out: Outcome,
  ctx: RunCtx,
  seen: StepRequests,
): string[] {
  const vars = ctx.world.vars;
  const common = interpolate(step.expect ?? {}, vars);
  const own = variant === undefined ? undefined : step.expectFor?.[variant];
  const extra = own ? interpolate(own, vars) : undefined;
  const expectedError = extra && 'error' in extra ? extra.error : common.error;
  let fails = checkError(expectedError, out.error);
  if (step.validate !== undefined && (common.diagnostics ?? extra?.diagnostics) && expectedError === undefined)
    fails = [];
  const { error: _common, ...rest } = common;
  fails.push(...checkExpect(rest, out, ctx, seen));
  if (extra) {
    const { error: _own, ...more } = extra;
    fails.push(...checkExpect(more, out, ctx, seen).map((f) => `expectFor.${variant}: ${f}`));
  }
  return fails;
}
