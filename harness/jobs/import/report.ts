/**
 * The import report: counts and a per-record diff of what an import changed (or would have changed, when it was
 * aborted). Plain JSON-serializable data for scenarios, the CLI and the inspector, plus a text renderer.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { formatDiagnostic } from '../../../lib/diagnostic.ts';
import type { AccountEntitlementLink } from '../../eic/types.ts';

/** One changed column. */
export interface ColumnChange {
  column: string;
  from: string | null;
  to: string | null;
}

export interface ImportCounts {
  /** Records read from the target (all pages, all calls). */
  recordsRead: number;
  pages: number;
  calls: number;
  retries: number;
  accountsCreated: number;
  accountsUpdated: number;
  accountsUnchanged: number;
  accountsSuspended: number;
  accountsInactivated: number;
  accountsCorrelated: number;
  accountsSkipped: number;
  entitlementsCreated: number;
  entitlementsUpdated: number;
  entitlementsUnchanged: number;
  entitlementsInactivated: number;
  linksAdded: number;
  linksRemoved: number;
  unknownAccounts: number;
  unknownEntitlements: number;
}

/** A link in the report; `partialRead` marks a removal that came from a partial read. */
export type ReportedLink = AccountEntitlementLink & { partialRead?: true };

/** Why the changes of an import came from a partial read, and how many. */
export interface PartialRead {
  /** The failure that stopped the read. */
  error: Diagnostic;
  /** The doNotChangeIfFailed flag of the params object that governed the read. */
  doNotChangeIfFailed: boolean;
  /** What the partial read removed or inactivated (each entry is also marked `partialRead: true`). */
  changes: {
    accountsSuspended: number;
    accountsInactivated: number;
    entitlementsInactivated: number;
    linksRemoved: number;
  };
}

export interface ImportReport {
  kind: 'account' | 'access';
  /** Package (connection) name. */
  connection: string;
  /**
   * completed: applied; partial: a call failed and EIC applied what it read, as it does without doNotChangeIfFailed
   * (see `partialRead`); failed: a call/page failed (nothing changed); aborted: threshold exceeded (nothing changed).
   */
  outcome: 'completed' | 'partial' | 'failed' | 'aborted';
  /** True when EIC state was changed. */
  applied: boolean;
  startedAt: number;
  finishedAt: number;
  error?: Diagnostic;
  /** Set when the changes came from a read that stopped at a failed call. */
  partialRead?: PartialRead;
  counts: ImportCounts;
  accounts: {
    created: { name: string; accountID: string | null; status: string; owner?: string | null }[];
    updated: { name: string; accountID: string | null; changes: ColumnChange[] }[];
    suspended: { name: string; accountID: string | null; from: string; to: string; partialRead?: true }[];
    inactivated: { name: string; accountID: string | null; from: string; to: string; partialRead?: true }[];
    correlated: { name: string; owner: string }[];
    skipped: { reason: string; name: string | null; accountID: string | null }[];
  };
  entitlements: {
    created: { type: string; entitlementID: string }[];
    updated: { type: string; entitlementID: string; changes: ColumnChange[] }[];
    inactivated: { type: string; entitlementID: string; partialRead?: true }[];
  };
  links: { added: AccountEntitlementLink[]; removed: ReportedLink[] };
  /** Access import: account keys the target reported that EIC does not know (account import not run, or stale). */
  unknownAccounts: { entType: string; keyField: string; key: string; links: number }[];
  unknownEntitlements: { entType: string; keyField: string; key: string; links: number }[];
  warnings: Diagnostic[];
}

/** An empty report of a run that is starting. */
export function emptyReport(kind: ImportReport['kind'], connection: string, startedAt: number): ImportReport {
  return {
    kind,
    connection,
    outcome: 'completed',
    applied: false,
    startedAt,
    finishedAt: startedAt,
    counts: {
      recordsRead: 0,
      pages: 0,
      calls: 0,
      retries: 0,
      accountsCreated: 0,
      accountsUpdated: 0,
      accountsUnchanged: 0,
      accountsSuspended: 0,
      accountsInactivated: 0,
      accountsCorrelated: 0,
      accountsSkipped: 0,
      entitlementsCreated: 0,
      entitlementsUpdated: 0,
      entitlementsUnchanged: 0,
      entitlementsInactivated: 0,
      linksAdded: 0,
      linksRemoved: 0,
      unknownAccounts: 0,
      unknownEntitlements: 0,
    },
    accounts: { created: [], updated: [], suspended: [], inactivated: [], correlated: [], skipped: [] },
    entitlements: { created: [], updated: [], inactivated: [] },
    links: { added: [], removed: [] },
    unknownAccounts: [],
    unknownEntitlements: [],
    warnings: [],
  };
}

/** Counts the changes marked `partialRead` into `report.partialRead` (call after planning). */
export function tallyPartialRead(r: ImportReport, error: Diagnostic, doNotChangeIfFailed: boolean): void {
  const n = (xs: { partialRead?: true }[]) => xs.filter((x) => x.partialRead).length;
  r.partialRead = {
    error,
    doNotChangeIfFailed,
    changes: {
      accountsSuspended: n(r.accounts.suspended),
      accountsInactivated: n(r.accounts.inactivated),
      entitlementsInactivated: n(r.entitlements.inactivated),
      linksRemoved: n(r.links.removed),
    },
  };
}

/** True when the report shows no change at all (the idempotence check). */
export function isNoChange(r: ImportReport): boolean {
  const c = r.counts;
  return (
    c.accountsCreated +
      c.accountsUpdated +
      c.accountsSuspended +
      c.accountsInactivated +
      c.accountsCorrelated +
      c.entitlementsCreated +
      c.entitlementsUpdated +
      c.entitlementsInactivated +
      c.linksAdded +
      c.linksRemoved ===
    0
  );
}

const v = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));

/** Renders a report as text; `limit` caps the records listed per section (default 20). */
export function renderImportReport(r: ImportReport, limit = 20): string {
  const c = r.counts;
  const lines: string[] = [];
  const head =
    r.outcome === 'completed'
      ? 'completed'
      : r.outcome === 'partial'
        ? 'PARTIAL READ APPLIED: a call failed and what was read was reconciled'
        : r.outcome === 'aborted'
          ? 'ABORTED, nothing changed'
          : 'FAILED, nothing changed';
  lines.push(`${r.kind} import of ${r.connection}: ${head}`);
  lines.push(
    `  read ${c.recordsRead} records in ${c.pages} pages (${c.calls} calls${c.retries ? `, ${c.retries} retries` : ''})`,
  );
  if (r.error) lines.push(`  ${formatDiagnostic(r.error).replaceAll('\n', '\n  ')}`);
  if (r.partialRead) {
    const p = r.partialRead.changes;
    lines.push(
      `  from the partial read: ${p.accountsSuspended} suspended, ${p.accountsInactivated} inactivated, ${p.entitlementsInactivated} entitlements inactivated, ${p.linksRemoved} links removed (marked "partial read" below)`,
    );
  }
  if (r.kind === 'account')
    lines.push(
      `  accounts: ${c.accountsCreated} created, ${c.accountsUpdated} updated, ${c.accountsUnchanged} unchanged, ${c.accountsSuspended} suspended, ${c.accountsInactivated} inactivated, ${c.accountsCorrelated} correlated${c.accountsSkipped ? `, ${c.accountsSkipped} skipped` : ''}`,
    );
  if (r.kind === 'access') {
    lines.push(
      `  entitlements: ${c.entitlementsCreated} created, ${c.entitlementsUpdated} updated, ${c.entitlementsUnchanged} unchanged, ${c.entitlementsInactivated} inactivated`,
    );
    lines.push(`  links: ${c.linksAdded} added, ${c.linksRemoved} removed`);
    if (c.unknownAccounts || c.unknownEntitlements)
      lines.push(
        `  not imported: ${c.unknownAccounts} unknown accounts, ${c.unknownEntitlements} unknown entitlements`,
      );
  }
  if (r.links.removed.length > 0 && r.kind === 'account')
    lines.push(`  links removed (deleteLinks): ${c.linksRemoved}`);
  const section = <T>(title: string, rows: T[], fmt: (x: T) => string) => {
    if (rows.length === 0) return;
    lines.push(`  ${title}:`);
    for (const x of rows.slice(0, limit)) lines.push(`    ${fmt(x)}`);
    if (rows.length > limit) lines.push(`    … ${rows.length - limit} more`);
  };
  section('created', r.accounts.created, (a) => `+ ${a.name} (${a.accountID ?? 'no id'}) status ${a.status}`);
  section(
    'updated',
    r.accounts.updated,
    (a) => `~ ${a.name}: ${a.changes.map((x) => `${x.column} ${v(x.from)} → ${v(x.to)}`).join(', ')}`,
  );
  const pr = (x: { partialRead?: true }) => (x.partialRead ? ' (partial read)' : '');
  section('suspended', r.accounts.suspended, (a) => `- ${a.name}: ${a.from} → ${a.to}${pr(a)}`);
  section('inactivated', r.accounts.inactivated, (a) => `- ${a.name}: ${a.from} → ${a.to}${pr(a)}`);
  section('skipped', r.accounts.skipped, (a) => `! ${a.name ?? a.accountID ?? '?'}: ${a.reason}`);
  section('entitlements created', r.entitlements.created, (e) => `+ ${e.type} ${e.entitlementID}`);
  section(
    'entitlements updated',
    r.entitlements.updated,
    (e) =>
      `~ ${e.type} ${e.entitlementID}: ${e.changes.map((x) => `${x.column} ${v(x.from)} → ${v(x.to)}`).join(', ')}`,
  );
  section('entitlements inactivated', r.entitlements.inactivated, (e) => `- ${e.type} ${e.entitlementID}${pr(e)}`);
  section('links added', r.links.added, (l) => `+ ${l.accountName} → ${l.entitlementType} ${l.entitlementID}`);
  section(
    'links removed',
    r.links.removed,
    (l) => `- ${l.accountName} → ${l.entitlementType} ${l.entitlementID}${pr(l)}`,
  );
  section(
    'unknown accounts',
    r.unknownAccounts,
    (u) => `? ${u.entType}: ${u.keyField} ${u.key} (${u.links} link${u.links === 1 ? '' : 's'})`,
  );
  section(
    'unknown entitlements',
    r.unknownEntitlements,
    (u) => `? ${u.entType}: ${u.keyField} ${u.key} (${u.links} link${u.links === 1 ? '' : 's'})`,
  );
  for (const w of r.warnings.slice(0, limit)) lines.push(`  ${formatDiagnostic(w).replaceAll('\n', '\n  ')}`);
  return lines.join('\n');
}
