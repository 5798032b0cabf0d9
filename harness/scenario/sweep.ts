/**
 * The fault sweep: reruns an import or provisioning scenario once per fault kind (401 expiry, 429 with Retry-After,
 * 500, timeout, truncated JSON) and per call position (the Nth request LeanIX receives in the fault-free run; the
 * scenario's own `http` steps are not swept, they are not EIC's calls; with `given.tokenServer`, also the Nth request
 * the token server receives), each time in a fresh world, and classifies every run:
 * - `matched`: every step succeeded or failed as in the fault-free run, and EIC and LeanIX end as they did;
 * - `failed-clean`: a step failed that did not fail before, and that step left EIC's accounts, entitlements and
 *   links as they were before it (the run stops there, as the runner does);
 * - `corrupted`: anything else: a failing step that changed EIC anyway, or a run that "succeeded" into another state.
 * Expectations of the scenario are not checked: the fault-free run is the reference. Tasks are compared through the
 * steps' success (a task left pending by a 429 is a failed step, not a state change).
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import type { FaultRule } from '../../mocks/leanix/faults.ts';
import type { LoadedScenario } from './load.ts';
import { type RunCtx, runAction } from './run.ts';
import { runTitle } from './variants.ts';
import { leanixView } from './views.ts';
import { createWorld, type World } from './world.ts';

/** The fault kinds of the sweep. */
export const FAULT_KINDS = ['401-expiry', '429-retry-after', '500', 'timeout', 'truncated-json'] as const;
/** One fault kind. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The emulator's request timeout during a sweep (ms of wall time): a `timeout` fault never answers. */
export const SWEEP_TIMEOUT_MS = 250;

/** The fault rule (fake LeanIX format) that makes the `position`-th request fail with `kind`, once. */
export function faultRule(kind: FaultKind, position: number): FaultRule {
  const base = { nth: position, times: 1, description: `sweep ${kind} @${position}` };
  switch (kind) {
    case '401-expiry':
      return {
        ...base,
        status: 401,
        body: { status: 'ERROR', message: 'ExpiredAuthenticationToken', error: 'invalid_token' },
      };
    case '429-retry-after':
      return { ...base, status: 429, headers: { 'Retry-After': '2' } };
    case '500':
      return { ...base, status: 500 };
    case 'timeout':
      return { ...base, delayMs: 3_600_000, delayMode: 'sleep' };
    case 'truncated-json':
      return { ...base, corrupt: 'truncate' };
  }
}

/** The verdict of one faulted run. */
export type SweepVerdict = 'matched' | 'failed-clean' | 'corrupted';

/** One faulted run. */
export interface SweepCase {
  kind: FaultKind;
  /** Set when the faulted request went to the scenario's token server; otherwise it went to LeanIX. */
  target?: 'token server';
  /** 1-based position of the faulted request among its target's requests in the fault-free run. */
  position: number;
  /** That request in the fault-free run (`METHOD /path`). */
  request: string;
  verdict: SweepVerdict;
  /** The step that failed (failed-clean, corrupted) and what differed (corrupted). */
  detail?: string;
  /**
   * True when LeanIX kept a half-done write: the failing step changed LeanIX (failed-clean, corrupted at the failing
   * step), or the run went through into another LeanIX state than the fault-free run.
   */
  leanixChanged: boolean;
}

/** The result of a sweep. */
export interface SweepReport {
  file: string;
  name: string;
  /** Requests EIC sent to LeanIX in the fault-free run (= LeanIX positions per kind). */
  positions: number;
  /** Requests EIC sent to the scenario's token server in the fault-free run, when it has one (positions per kind). */
  tokenServerPositions?: number;
  cases: SweepCase[];
  counts: Record<SweepVerdict, number>;
}

/** Options of sweepFaults. */
export interface SweepOptions {
  /** Kinds to sweep (default all). */
  kinds?: readonly FaultKind[];
  /** Called after each faulted run (progress). */
  onCase?: (c: SweepCase) => void;
}

const SWEEPABLE = ['import', 'provision', 'wsretry'] as const;

/** EIC's account, entitlement and link state as comparable text. */
/** Stored dates and epoch milliseconds: the clock moves with retry waits, and the timestamps the target reports with it. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{13})$/;

function eicFingerprint(w: World): string {
  const s = w.emu.state.snapshot();
  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  const accounts = s.accounts.map((a) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' && TIMESTAMP.test(v) ? 'T' : v])),
  );
  return JSON.stringify({
    accounts: accounts.sort(byJson),
    entitlements: [...s.entitlementValues].sort(byJson),
    links: [...s.links].sort(byJson),
  });
}

/** LeanIX's users and permissions by natural key, without ids and timestamps (the clock moves with retries). */
function leanixFingerprint(w: World): string {
  const v = leanixView(w.fake.exportJson());
  const users = v.users.map((u) => [u.userName, u.email, u.firstName, u.lastName, u.role, u.status].join('|')).sort();
  const perms = v.permissions.map((p) => [p.user, p.workspace, p.role, p.status].join('|')).sort();
  return JSON.stringify({ users, perms });
}

/** One run of the scenario's steps (expectations ignored); stops at the first step that fails unlike the baseline. */
export interface Trace {
  failed: boolean[];
  /** Index of the step that failed unlike the baseline, with EIC and LeanIX before and after it. */
  diverged?: {
    index: number;
    before: string;
    after: string;
    message: string;
    leanixBefore?: string;
    leanixAfter?: string;
  };
  eic: string;
  leanix: string;
  requests: { method: string; path: string }[];
  /** 1-based positions of requests made by the scenario's own `http` steps (not swept: they are not EIC's). */
  ownRequests?: number[];
  /** Requests the scenario's token server received, when it has one. */
  tokenRequests?: { method: string; path: string }[];
}

/** A fault to inject: a rule, at LeanIX or at the scenario's token server. */
interface Injected {
  rule: FaultRule;
  target?: 'token server';
}

async function trace(loaded: LoadedScenario, fault: Injected | undefined, baseline?: boolean[]): Promise<Trace> {
  const world = await createWorld(loaded, { timeoutMs: SWEEP_TIMEOUT_MS });
  if (fault) (fault.target ? world.tokenTraffic?.faults : world.fake.faults)?.add(fault.rule);
  const ctx: RunCtx = { world, snapshots: new Map(), taskSteps: new Map() };
  const failed: boolean[] = [];
  let diverged: Trace['diverged'];
  const ownRequests: number[] = [];
  for (const [i, step] of loaded.scenario.steps.entries()) {
    const before = eicFingerprint(world);
    const leanixBefore = leanixFingerprint(world);
    const mark = world.fake.journal.entries().length;
    let message: string | undefined;
    try {
      const out = await runAction(step, ctx, step.name);
      message = out.error?.message;
      const job = out.report as { retryable?: number; failed?: number } | undefined;
      const unfinished = step.wsretry !== undefined ? (job?.retryable ?? 0) + (job?.failed ?? 0) : 0;
      if (message === undefined && unfinished > 0) message = `the WSRETRY run left ${unfinished} task(s) unfinished`;
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    failed.push(message !== undefined);
    if (step.http) for (let k = mark + 1; k <= world.fake.journal.entries().length; k++) ownRequests.push(k);
    if (baseline && message !== undefined && !baseline[i]) {
      diverged = {
        index: i,
        before,
        after: eicFingerprint(world),
        message: world.secrets.redact(message),
        leanixBefore,
        leanixAfter: leanixFingerprint(world),
      };
      break;
    }
  }
  const requestsOf = (j: typeof world.fake.journal) => j.entries().map((e) => ({ method: e.method, path: e.path }));
  const tokenRequests = world.tokenTraffic ? requestsOf(world.tokenTraffic.journal) : undefined;
  return {
    failed,
    diverged,
    eic: eicFingerprint(world),
    leanix: leanixFingerprint(world),
    requests: requestsOf(world.fake.journal),
    ownRequests,
    ...(tokenRequests ? { tokenRequests } : {}),
  };
}

/** Classifies a faulted run against the fault-free one (see the module comment). */
export function classifyTrace(
  base: Trace,
  run: Trace,
  stepName: (index: number) => string,
): { verdict: SweepVerdict; detail?: string; leanixChanged: boolean } {
  if (run.diverged) {
    // the run stopped at the failing step: LeanIX kept a half-done write when that step changed it
    const leanixChanged = run.diverged.leanixBefore !== run.diverged.leanixAfter;
    const clean = run.diverged.before === run.diverged.after;
    return {
      verdict: clean ? 'failed-clean' : 'corrupted',
      detail: `step ${JSON.stringify(stepName(run.diverged.index))} failed${clean ? '' : ' and changed EIC anyway'}: ${run.diverged.message.slice(0, 200)}`,
      leanixChanged,
    };
  }
  const leanixChanged = run.leanix !== base.leanix;
  const eicSame = run.eic === base.eic;
  const stepsSame = run.failed.length === base.failed.length && run.failed.every((f, i) => f === base.failed[i]);
  if (eicSame && stepsSame && !leanixChanged) return { verdict: 'matched', leanixChanged };
  const what = [!eicSame && 'EIC state', !stepsSame && 'step outcomes', leanixChanged && 'LeanIX state'].filter(
    Boolean,
  );
  return {
    verdict: 'corrupted',
    detail: `the run went through, but ${what.join(' and ')} differ${what.length === 1 ? 's' : ''} from the fault-free run`,
    leanixChanged,
  };
}

/** Sweeps every fault kind over every call position of a scenario; throws HarnessError when it cannot be swept. */
export async function sweepFaults(loaded: LoadedScenario, options: SweepOptions = {}): Promise<SweepReport> {
  const { scenario, file } = loaded;
  if (!scenario.steps.some((s) => SWEEPABLE.some((k) => k in s)))
    throw new HarnessError(
      'run.sweep',
      `${file}: the fault sweep needs an import or provisioning scenario (a step with import, provision or wsretry)`,
      { file, path: ['steps'] },
    );
  const base = await trace(loaded, undefined);
  const targets: { target?: 'token server'; requests: { method: string; path: string }[] }[] = [
    { requests: base.requests },
    ...(base.tokenRequests?.length ? [{ target: 'token server' as const, requests: base.tokenRequests }] : []),
  ];
  const cases: SweepCase[] = [];
  for (const kind of options.kinds ?? FAULT_KINDS)
    for (const { target, requests } of targets)
      for (let position = 1; position <= requests.length; position++) {
        if (!target && base.ownRequests?.includes(position)) continue;
        const r = await trace(loaded, { rule: faultRule(kind, position), target }, base.failed);
        const req = requests[position - 1];
        const { verdict, detail, leanixChanged } = classifyTrace(base, r, (i) => scenario.steps[i]?.name ?? `#${i}`);
        const c: SweepCase = {
          kind,
          ...(target ? { target } : {}),
          position,
          request: `${req.method} ${req.path}`,
          verdict,
          leanixChanged,
          ...(detail ? { detail } : {}),
        };
        cases.push(c);
        options.onCase?.(c);
      }
  const counts = { matched: 0, 'failed-clean': 0, corrupted: 0 };
  for (const c of cases) counts[c.verdict]++;
  const positions = base.requests.length - (base.ownRequests?.length ?? 0);
  return {
    file,
    name: runTitle({ name: scenario.name, variant: loaded.variant }),
    positions,
    ...(base.tokenRequests?.length ? { tokenServerPositions: base.tokenRequests.length } : {}),
    cases,
    counts,
  };
}

/** Renders a sweep report as text: one line per faulted run, grouped by kind, then the totals. */
export function formatSweep(r: SweepReport): string {
  const mark: Record<SweepVerdict, string> = { matched: '✓', 'failed-clean': '○', corrupted: '✗' };
  const where = r.tokenServerPositions
    ? `${r.positions} LeanIX + ${r.tokenServerPositions} token server call position(s)`
    : `${r.positions} call position(s)`;
  const lines = [`fault sweep: ${r.name} (${r.file}), ${where}`];
  let kind: string | undefined;
  for (const c of r.cases) {
    if (c.kind !== kind) {
      kind = c.kind;
      lines.push('', `  ${kind}`);
    }
    const detail = c.detail && c.detail.length > 140 ? `${c.detail.slice(0, 139)}…` : c.detail;
    const extra = `${c.leanixChanged ? ' [LeanIX changed]' : ''}${detail ? `  ${detail}` : ''}`;
    const request = c.target ? `token server ${c.request}` : c.request.replace(' /services/mtm/v1/', ' /');
    lines.push(`    ${mark[c.verdict]} #${String(c.position).padEnd(3)} ${request.padEnd(40)} ${c.verdict}${extra}`);
  }
  lines.push(
    '',
    `${r.counts.matched} matched, ${r.counts['failed-clean']} failed cleanly, ${r.counts.corrupted} corrupted state`,
  );
  return `${lines.join('\n')}\n`;
}
