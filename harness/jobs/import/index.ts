/**
 * The EIC emulator's import jobs: `runAccountImport` (accountParams) and `runAccessImport` (entitlementParams +
 * acctEntParams) of a package's ImportAccountEntJSON. Every page is read first; the reconciliation is planned from
 * the result and applied in one step, so an exceeded threshold leaves EIC state exactly as it was. Both return an
 * ImportReport and never throw.
 *
 * A failed call (after token refresh and connectionTimeoutConfig retries), a body that is not JSON or a paging loop
 * stops the read. Then `doNotChangeIfFailed` decides [DOC S4: "on failure of the account API, the entType API, or the
 * mapping API", true = "the connector does not delete or inactivate existing data"]: with it, EIC keeps its data
 * (outcome `failed`; option `onFailedReadKeeping: 'apply-read'` applies the creates and updates read, still no
 * deletion); without it, EIC reconciles what it read, so every account (entitlement, link) not read counts as missing
 * and is suspended or inactivated, subject to the thresholds (outcome `partial`, `report.partialRead`, each such
 * change marked `partialRead`) [DOC S4; S22 td-p/37353: an import job completes on a 403; INF for the extent].
 */
import { type Diagnostic, isHarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { EntitlementValue } from '../../eic/types.ts';
import { groovyRenderer } from '../../http/render.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import { readAccounts } from './accounts.ts';
import { type ImportConfig, readImportConfig } from './config.ts';
import { readEntitlements } from './entitlements.ts';
import { createRunContext, type RunContext } from './fetch.ts';
import { accountsFromMembers, addEntitlementsFromAccounts } from './from-mappings.ts';
import { readLinks } from './links.ts';
import { applyAccess, planEntitlements, planLinks } from './reconcile-access.ts';
import { applyAccounts, isInactiveStatus, planAccounts } from './reconcile-accounts.ts';
import { emptyReport, type ImportReport, tallyPartialRead } from './report.ts';
import type { CallRunner, ImportOptions, TemplateRenderer } from './types.ts';
import { WarningTally } from './warnings.ts';

export { terminalProgress } from './progress.ts';
export type { ImportReport } from './report.ts';
export { isNoChange, renderImportReport } from './report.ts';
export { runtimeCallRunner } from './runner.ts';
export type { CallRunner, ImportOptions } from './types.ts';

/** What an import needs from the emulator: the EIC state and a way to run one call. */
export interface ImportContext {
  state: EicState;
  runner: CallRunner;
  /** The binding engine (default: the harness's Groovy renderer). */
  render?: TemplateRenderer;
  /** Emulator time (default Date.now). */
  now?: () => number;
}

function toDiagnostic(e: unknown): Diagnostic {
  if (isHarnessError(e)) return e.toDiagnostic();
  return { code: 'import.internal', severity: 'error', message: e instanceof Error ? e.message : String(e) };
}

function finish(report: ImportReport, run: RunContext, tally: WarningTally, now: () => number): ImportReport {
  const c = report.counts;
  c.recordsRead = run.stats.records;
  c.pages = run.stats.pages;
  c.calls = run.stats.calls;
  c.retries = run.stats.retries;
  c.accountsCreated = report.accounts.created.length;
  c.accountsUpdated = report.accounts.updated.length;
  c.accountsSuspended = report.accounts.suspended.length;
  c.accountsInactivated = report.accounts.inactivated.length;
  c.accountsCorrelated = report.accounts.correlated.length;
  c.accountsSkipped = report.accounts.skipped.length;
  c.entitlementsCreated = report.entitlements.created.length;
  c.entitlementsUpdated = report.entitlements.updated.length;
  c.entitlementsInactivated = report.entitlements.inactivated.length;
  c.linksAdded = report.links.added.length;
  c.linksRemoved = report.links.removed.length;
  c.unknownAccounts = report.unknownAccounts.length;
  c.unknownEntitlements = report.unknownEntitlements.length;
  for (const w of run.warnings) report.warnings.push(w);
  for (const w of tally.toDiagnostics()) report.warnings.push(w);
  report.finishedAt = now();
  return report;
}

function fail(report: ImportReport, e: unknown): void {
  report.error = toDiagnostic(e);
  report.outcome = isHarnessError(e) && e.code === 'import.threshold' ? 'aborted' : 'failed';
  report.applied = false;
}

/** What a read that stopped at `failure` does under the params' doNotChangeIfFailed: fail, or plan with missing kept. */
function onFailedRead(
  report: ImportReport,
  failure: Diagnostic,
  keep: boolean,
  options: ImportOptions,
): 'fail' | 'keep' | 'reconcile' {
  if (!keep) return 'reconcile';
  if ((options.onFailedReadKeeping ?? 'change-nothing') === 'change-nothing') {
    report.error = failure;
    report.outcome = 'failed';
    report.applied = false;
    return 'fail';
  }
  return 'keep';
}

/** Marks a report whose changes came from a read that stopped at `failure`. */
function markPartial(report: ImportReport, failure: Diagnostic, keep: boolean, run: RunContext, where: string[]): void {
  report.error = failure;
  tallyPartialRead(report, failure, keep);
  report.outcome = 'partial';
  if (keep) return;
  const c = report.partialRead?.changes;
  run.warnings.push({
    code: 'import.partial-read',
    severity: 'warning',
    message: `a call failed and "doNotChangeIfFailed" is not true, so EIC reconciled what it had read: ${c?.accountsSuspended ?? 0} suspended, ${c?.accountsInactivated ?? 0} inactivated, ${c?.entitlementsInactivated ?? 0} entitlements inactivated, ${c?.linksRemoved ?? 0} links removed only because they were not read`,
    location: { attribute: 'ImportAccountEntJSON', path: [...where, 'doNotChangeIfFailed'] },
    hint: `set "doNotChangeIfFailed": true in ${where[0]} so an outage changes nothing`,
  });
}

/** Full account import: reads accountParams calls, reconciles accounts (create/update/suspend/correlate), reports. */
export async function runAccountImport(
  ctx: ImportContext,
  pkg: ConnectionPackage,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = ctx.now ?? options.now ?? Date.now;
  const report = emptyReport('account', pkg.name, now());
  const run = createRunContext(ctx.runner, ctx.render ?? groovyRenderer, options);
  const tally = new WarningTally();
  try {
    const cfg = readImportConfig(pkg, { callOrdering: options.callOrdering });
    if (!cfg.accounts || cfg.accounts.calls.length === 0) {
      run.warnings.push({
        code: 'import.no-account-params',
        severity: 'warning',
        message: 'ImportAccountEntJSON has no accountParams calls: nothing to import',
        location: { attribute: 'ImportAccountEntJSON', path: ['accountParams'] },
      });
      return finish(report, run, tally, now);
    }
    const read = await readAccounts(run, cfg.accounts, tally, cfg.dateFormat);
    const keep = cfg.accounts.doNotChangeIfFailed;
    const mode = read.failure ? onFailedRead(report, read.failure, keep, options) : 'reconcile';
    if (mode === 'fail') return finish(report, run, tally, now);
    const correlation = options.correlation ?? ctx.state.settings.correlation;
    const plan = planAccounts(ctx.state, read, cfg.accounts, correlation, report, {
      missing: mode === 'keep' ? 'keep' : 'reconcile',
      partial: read.failure !== undefined,
    });
    applyAccounts(ctx.state, plan);
    report.applied = true;
    if (read.failure) markPartial(report, read.failure, keep, run, ['accountParams']);
  } catch (e) {
    fail(report, e);
  }
  return finish(report, run, tally, now);
}

/** Full access import: entitlement values per type, then account–entitlement links; reconciles and reports. */
export async function runAccessImport(
  ctx: ImportContext,
  pkg: ConnectionPackage,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = ctx.now ?? options.now ?? Date.now;
  const report = emptyReport('access', pkg.name, now());
  const run = createRunContext(ctx.runner, ctx.render ?? groovyRenderer, options);
  const tally = new WarningTally();
  try {
    const cfg = readImportConfig(pkg, { callOrdering: options.callOrdering });
    const state = ctx.state;
    const keep = cfg.entDoNotChangeIfFailed;
    const ents = await readEntitlements(run, cfg.entTypes, tally, cfg.dateFormat);
    let failure = ents.failure;
    let mode = failure ? onFailedRead(report, failure, keep, options) : 'reconcile';
    if (mode === 'fail') return finish(report, run, tally, now);
    addEntitlementsFromAccounts(state, cfg, ents.types);
    const entRows = planEntitlements(state, ents.types, report, {
      inactivateMissing: (type) => inactivateMissingEntitlements(cfg, type),
      threshold: cfg.status?.entThresholdValue,
      missing: mode === 'keep' ? 'keep' : 'reconcile',
    });
    const entsAfter = entitlementsAfter(state, entRows);
    const accounts = state.listAccounts();
    if (accounts.length === 0 && cfg.acctEnt.length + (cfg.acctEntRootType ? 1 : 0) > 0)
      run.warnings.push({
        code: 'import.access.no-accounts',
        severity: 'warning',
        message: 'EIC has no accounts for this endpoint: run the account import before the access import',
        hint: 'every link read from the target is listed under unknownAccounts',
      });
    let links: ReturnType<typeof planLinks> = { adds: [], removals: [] };
    let accountRows: ReturnType<typeof accountsFromMembers> = [];
    // after a failed entitlement read EIC does not get to the links: they stay as they are
    if (!failure) {
      const activeAccounts = accounts.filter((a) => !isInactiveStatus(a.status));
      const read = await readLinks(run, cfg, activeAccounts, entsAfter, ents.types);
      failure = read.failure;
      mode = failure ? onFailedRead(report, failure, keep, options) : 'reconcile';
      if (mode === 'fail') return finish(report, run, tally, now);
      accountRows = accountsFromMembers(state, cfg, read.pairs, report);
      const deleteForActive = cfg.status?.deleteAccEntForActiveAccounts ?? true;
      links = planLinks(
        state,
        read.pairs,
        entsAfter,
        {
          deleteForActive,
          newAccounts: accountRows,
          partialType: read.partialType,
          missing: mode === 'keep' ? 'keep' : 'reconcile',
        },
        report,
      );
    }
    applyAccess(state, { accountRows, entRows, linkAdds: links.adds, linkRemovals: links.removals });
    report.applied = true;
    if (failure) markPartial(report, failure, keep, run, ['entitlementParams']);
  } catch (e) {
    fail(report, e);
  }
  return finish(report, run, tally, now);
}

/**
 * Whether entitlements of a type missing from the feed become inactive: statusAndThresholdConfig
 * `inactivateEntsNotInFeed` when set [SEEN S6]; without a statusAndThresholdConfig, the legacy per-call
 * `disableDeletedEntitlements` [DOC S4: superseded by statusAndThresholdConfig]; else yes [DOC S1].
 */
function inactivateMissingEntitlements(cfg: ImportConfig, type: string): boolean {
  if (cfg.status) return cfg.status.inactivateEntsNotInFeed ?? true;
  const legacy = cfg.entTypes
    .find((t) => t.name === type)
    ?.calls.find((c) => c.disableDeletedEntitlements !== undefined)?.disableDeletedEntitlements;
  return legacy ?? true;
}

/** The entitlement values of a type as they will be once `planned` is applied. */
function entitlementsAfter(state: EicState, planned: readonly EntitlementValue[]) {
  const byType = new Map<string, Map<string, EntitlementValue>>();
  for (const r of planned) {
    let m = byType.get(r.type);
    if (!m) {
      m = new Map();
      byType.set(r.type, m);
    }
    m.set(r.entitlementID, r);
  }
  return (type: string): EntitlementValue[] => {
    const over = byType.get(type);
    const base = state.listEntitlementValues(type);
    if (!over) return base;
    const out = base.map((e) => over.get(e.entitlementID) ?? e);
    const known = new Set(base.map((e) => e.entitlementID));
    for (const [id, e] of over) if (!known.has(id)) out.push(e);
    return out;
  };
}
