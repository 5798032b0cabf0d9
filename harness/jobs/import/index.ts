/**
 * The EIC emulator's import jobs: `runAccountImport` (accountParams) and `runAccessImport` (entitlementParams +
 * acctEntParams) of a package's ImportAccountEntJSON. Every page is read first; the reconciliation is planned from
 * the complete result and applied in one step, so a failed page, a bad body or an exceeded threshold leaves EIC state
 * exactly as it was. Both return an ImportReport and never throw.
 */
import { type Diagnostic, isHarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { EntitlementValue } from '../../eic/types.ts';
import { groovyRenderer } from '../../http/render.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import { readAccounts } from './accounts.ts';
import { type ImportConfig, readImportConfig } from './config.ts';
import { type EntitlementRecord, type EntTypeRead, readEntitlements } from './entitlements.ts';
import { createRunContext, type RunContext } from './fetch.ts';
import { mappingInfoColumn, parseInfo, readLinks } from './links.ts';
import {
  applyAccess,
  applyAccounts,
  isInactiveStatus,
  planAccounts,
  planEntitlements,
  planLinks,
} from './reconcile.ts';
import { emptyReport, type ImportReport } from './report.ts';
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
  let partialRisk = false;
  try {
    const cfg = readImportConfig(pkg);
    if (!cfg.accounts || cfg.accounts.calls.length === 0) {
      run.warnings.push({
        code: 'import.no-account-params',
        severity: 'warning',
        message: 'ImportAccountEntJSON has no accountParams calls: nothing to import',
        location: { attribute: 'ImportAccountEntJSON', path: ['accountParams'] },
      });
      return finish(report, run, tally, now);
    }
    partialRisk = !cfg.accounts.doNotChangeIfFailed;
    const read = await readAccounts(run, cfg.accounts, tally, cfg.dateFormat);
    const correlation = options.correlation ?? ctx.state.settings.correlation;
    const plan = planAccounts(ctx.state, read, cfg.accounts, correlation, report);
    applyAccounts(ctx.state, plan);
    report.applied = true;
  } catch (e) {
    fail(report, e);
    if (partialRisk && report.outcome === 'failed')
      run.warnings.push({
        code: 'import.partial-risk',
        severity: 'warning',
        message:
          'accountParams has no "doNotChangeIfFailed": true; after a failed call EIC may apply the records read so far and suspend the rest. The harness changed nothing.',
        location: { attribute: 'ImportAccountEntJSON', path: ['accountParams', 'doNotChangeIfFailed'] },
        hint: 'set "doNotChangeIfFailed": true in accountParams',
      });
  }
  return finish(report, run, tally, now);
}

/**
 * acctEntMappings with `importAsEntitlement`: entitlement values listed in the accounts' captured mapping info
 * (CP31, with their own colsToPropsMap) that neither EIC nor the entitlement calls know are created.
 */
function addEntitlementsFromAccounts(state: EicState, cfg: ImportConfig, reads: Map<string, EntTypeRead>): void {
  const types = new Set(
    (cfg.accounts?.acctEntMappings ?? []).filter((m) => m.importAsEntitlement).map((m) => m.entType),
  );
  if (types.size === 0) return;
  const col = mappingInfoColumn(cfg);
  for (const acc of state.listAccounts()) {
    const info = parseInfo(acc[col]);
    if (!info) continue;
    for (const [type, m] of Object.entries(info)) {
      if (!types.has(type) || !Array.isArray(m.ents)) continue;
      let read = reads.get(type);
      if (!read) {
        read = { type, records: new Map(), skipped: 0 };
        reads.set(type, read);
      }
      m.ents.forEach((rec, i) => {
        const id = rec.entitlementID ?? rec.entitlement_value ?? m.entIds?.[i] ?? null;
        if (id === null || id === '' || read.records.has(id)) return;
        const existing = state.getEntitlementValue(type, id);
        const base = existing ? Object.assign({}, existing) : {};
        read.records.set(
          id,
          Object.assign(base, rec, {
            entitlementID: id,
            entitlement_value: rec.entitlement_value ?? String(existing?.entitlement_value ?? id),
          }) as EntitlementRecord,
        );
      });
    }
  }
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
    const cfg = readImportConfig(pkg);
    const state = ctx.state;
    const entReads = await readEntitlements(run, cfg.entTypes, tally, cfg.dateFormat);
    addEntitlementsFromAccounts(state, cfg, entReads);
    const entRows = planEntitlements(state, entReads, report);
    const planned = new Map<string, Map<string, EntitlementValue>>();
    for (const r of entRows) {
      let m = planned.get(r.type);
      if (!m) {
        m = new Map();
        planned.set(r.type, m);
      }
      m.set(r.entitlementID, r);
    }
    const entsAfter = (type: string): EntitlementValue[] => {
      const over = planned.get(type);
      const base = state.listEntitlementValues(type);
      if (!over) return base;
      const out = base.map((e) => over.get(e.entitlementID) ?? e);
      const known = new Set(base.map((e) => e.entitlementID));
      for (const [id, e] of over) if (!known.has(id)) out.push(e);
      return out;
    };
    const accounts = state.listAccounts();
    if (accounts.length === 0 && cfg.acctEnt.length + (cfg.acctEntRootType ? 1 : 0) > 0)
      run.warnings.push({
        code: 'import.access.no-accounts',
        severity: 'warning',
        message: 'EIC has no accounts for this endpoint: run the account import before the access import',
        hint: 'every link read from the target is listed under unknownAccounts',
      });
    const activeAccounts = accounts.filter((a) => !isInactiveStatus(a.status));
    const pairs = await readLinks(run, cfg, activeAccounts, entsAfter, entReads);
    const st = cfg.accounts?.status;
    const links = planLinks(state, pairs, entsAfter, st?.deleteAccEntForActiveAccounts ?? true, report);
    applyAccess(state, { entRows, linkAdds: links.adds, linkRemovals: links.removals });
    report.applied = true;
  } catch (e) {
    fail(report, e);
  }
  return finish(report, run, tally, now);
}
