/**
 * EIC's access reconciliation, planned before anything is applied and applied in one step with an undo log.
 *
 * Entitlements (full access import): matched on the call's keyField per type; listed ones active (1, or 2 when the
 * call's statusConfig says inactive); missing ones inactive (2) [DOC S1] unless `inactivateEntsNotInFeed` is false
 * [SEEN S6] (without a statusAndThresholdConfig, the legacy per-call `disableDeletedEntitlements` decides [DOC S4]).
 * `entThresholdValue` per type: more inactivations than that aborts the import [SEEN S6; INF, like
 * accountThresholdValue]. Links: per entitlement type read, the EIC link set becomes the target's (unknown accounts
 * and entitlements are reported, not dropped silently); with deleteAccEntForActiveAccounts false, links are only
 * added. After a partial read, the type cut short is reconciled from what was read, marked `partialRead`.
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { Account, AccountEntitlementLink, EntitlementValue } from '../../eic/types.ts';
import type { EntitlementRecord, EntTypeRead } from './entitlements.ts';
import type { LinkPairs } from './links.ts';
import { isInactiveStatus, pushAll } from './reconcile-accounts.ts';
import type { ColumnChange, ImportReport, ReportedLink } from './report.ts';

const norm = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : String(v);

/** Everything an access import will change. */
export interface AccessPlan {
  /** Accounts created by the access import (entToAcctMapping with importAsAccount). */
  accountRows?: Account[];
  entRows: EntitlementValue[];
  linkAdds: AccountEntitlementLink[];
  linkRemovals: AccountEntitlementLink[];
}

/** How missing entitlements are treated, per type. */
export interface EntitlementPlanOptions {
  /** Whether entitlements of a type missing from the feed become inactive (default: yes). */
  inactivateMissing?: (type: string) => boolean;
  /** entThresholdValue: the most inactivations per type. */
  threshold?: Record<string, number>;
  /** `keep`: nothing is inactivated (a failed read under doNotChangeIfFailed with apply-read). */
  missing?: 'reconcile' | 'keep';
}

/** Plans the entitlement values of the types read (created, updated, inactivated) and fills the report. */
export function planEntitlements(
  state: EicState,
  reads: Map<string, EntTypeRead>,
  report: ImportReport,
  options: EntitlementPlanOptions = {},
): EntitlementValue[] {
  const rows: EntitlementValue[] = [];
  for (const [type, read] of reads) {
    const seen = new Set<string>();
    // Records keyed by entitlement_value may share an entitlementID (EIC's row key here): the later one wins.
    const byId = new Map<string, EntitlementRecord>();
    read.records.forEach((rec) => {
      const prev = byId.get(rec.entitlementID);
      byId.set(rec.entitlementID, prev ? Object.assign(prev, rec) : rec);
    });
    for (const rec of byId.values()) {
      const prev = state.getEntitlementValue(type, rec.entitlementID);
      seen.add(rec.entitlementID);
      const row = Object.assign(prev ? Object.assign({}, prev) : {}, rec) as EntitlementValue;
      row.type = type;
      row.status = (rec.status as unknown) === '2' ? 2 : 1;
      if (!prev) {
        rows.push(row);
        report.entitlements.created.push({ type, entitlementID: rec.entitlementID });
        continue;
      }
      const changes: ColumnChange[] = [];
      for (const col of Object.keys(rec)) {
        const from = norm(prev[col]);
        const to = norm(row[col]);
        if (from !== to) changes.push({ column: col, from, to });
      }
      if (prev.status !== row.status && !('status' in rec))
        changes.push({ column: 'status', from: String(prev.status), to: String(row.status) });
      if (changes.length === 0) {
        report.counts.entitlementsUnchanged++;
        continue;
      }
      rows.push(row);
      report.entitlements.updated.push({ type, entitlementID: rec.entitlementID, changes });
    }
    if (options.missing === 'keep' || !(options.inactivateMissing?.(type) ?? true)) continue;
    let inactivated = 0;
    for (const ev of state.listEntitlementValues(type)) {
      if (seen.has(ev.entitlementID) || ev.status === 2) continue;
      rows.push(Object.assign({}, ev, { status: 2 as const }));
      const entry: ImportReport['entitlements']['inactivated'][number] = { type, entitlementID: ev.entitlementID };
      if (read.partial) entry.partialRead = true;
      report.entitlements.inactivated.push(entry);
      inactivated++;
    }
    const max = options.threshold?.[type];
    if (max !== undefined && inactivated > max)
      throw new HarnessError(
        'import.threshold',
        `the import would inactivate ${inactivated} ${type} entitlements, more than entThresholdValue ${max}${read.partial ? ' (after a partial read)' : ''}; the import was aborted and nothing changed`,
        {
          attribute: 'ImportAccountEntJSON',
          path: ['statusAndThresholdConfig', 'entThresholdValue', 'entType', type, 'ent'],
        },
        'check the target (did a call return fewer entitlements than expected?) before raising the threshold',
      );
  }
  return rows;
}

/**
 * Plans the link sets: resolves raw pairs to account names and entitlementIDs (against the accounts in EIC and the
 * entitlement values as they will be after this import), reports unknown keys, and diffs per type.
 */
/** How links are planned: accounts the plan creates, the type a partial read cut short, whether removals happen. */
export interface LinkPlanOptions {
  deleteForActive: boolean;
  /** Accounts this import creates (importAsAccount), known to link resolution. */
  newAccounts?: readonly Account[];
  /** The entitlement type whose link read stopped at a failed call. */
  partialType?: string;
  /** `keep`: no link is removed. */
  missing?: 'reconcile' | 'keep';
}

export function planLinks(
  state: EicState,
  pairsByType: readonly LinkPairs[],
  entsAfter: (type: string) => readonly EntitlementValue[],
  options: LinkPlanOptions,
  report: ImportReport,
): { adds: AccountEntitlementLink[]; removals: ReportedLink[] } {
  const accounts = [...state.listAccounts(), ...(options.newAccounts ?? [])];
  const acctIndex = new Map<string, Pick<Map<string, string>, 'get'>>();
  const acctBy = (col: string) => {
    let m = acctIndex.get(col);
    if (!m) {
      m = stateIndex(state, accounts, col, options.newAccounts ?? []) ?? accountIndex(accounts, col);
      acctIndex.set(col, m);
    }
    return m;
  };
  // type → account name → entitlementIDs: one id as is (most accounts), a Set from the second on (at 100,000 accounts
  // a Set each was ~20 MB of short-lived heap at the import's peak)
  const want = new Map<string, Map<string, string | Set<string>>>();
  const unknownA = new Map<string, { entType: string; keyField: string; key: string; links: number }>();
  const unknownE = new Map<string, { entType: string; keyField: string; key: string; links: number }>();
  for (const lp of pairsByType) {
    const accts = acctBy(lp.acctKeyField);
    const ents = new Map<string, string>();
    for (const e of entsAfter(lp.entType)) {
      const v = norm(e[lp.entKeyField]);
      if (v !== null && !ents.has(v)) ents.set(v, e.entitlementID);
    }
    let byAccount = want.get(lp.entType);
    if (!byAccount) {
      byAccount = new Map();
      want.set(lp.entType, byAccount);
    }
    const pairs = lp.pairs;
    for (let i = 0; i < pairs.length; i++) {
      const ak = pairs[i][0];
      const ek = pairs[i][1];
      const name = accts.get(ak);
      const entId = ents.get(ek);
      if (name === undefined) {
        const k = `${lp.entType}\u0000${lp.acctKeyField}\u0000${ak}`;
        const u = unknownA.get(k) ?? { entType: lp.entType, keyField: lp.acctKeyField, key: ak, links: 0 };
        u.links++;
        unknownA.set(k, u);
        continue;
      }
      if (entId === undefined) {
        const k = `${lp.entType}\u0000${lp.entKeyField}\u0000${ek}`;
        const u = unknownE.get(k) ?? { entType: lp.entType, keyField: lp.entKeyField, key: ek, links: 0 };
        u.links++;
        unknownE.set(k, u);
        continue;
      }
      const ids = byAccount.get(name);
      if (ids === undefined) byAccount.set(name, entId);
      else if (typeof ids !== 'string') ids.add(entId);
      else if (ids !== entId) byAccount.set(name, new Set([ids, entId]));
    }
  }
  const adds: AccountEntitlementLink[] = [];
  const removals: ReportedLink[] = [];
  // forEach, not for-of: no entry array per account (this runs once per import, mostly before it is optimised)
  want.forEach((byAccount, type) => {
    byAccount.forEach((ids, accountName) => {
      if (typeof ids === 'string') {
        if (!state.hasLink(accountName, type, ids))
          adds.push({ accountName, entitlementType: type, entitlementID: ids });
      } else
        for (const entitlementID of ids)
          if (!state.hasLink(accountName, type, entitlementID))
            adds.push({ accountName, entitlementType: type, entitlementID });
    });
  });
  for (const l of options.missing === 'keep' ? [] : state.listLinks()) {
    const byAccount = want.get(l.entitlementType);
    const ids = byAccount?.get(l.accountName);
    if (!byAccount || (typeof ids === 'string' ? ids === l.entitlementID : ids?.has(l.entitlementID))) continue;
    const acc = state.getAccount(l.accountName);
    if (!options.deleteForActive && acc && !isInactiveStatus(acc.status)) continue;
    const removal: ReportedLink = {
      accountName: l.accountName,
      entitlementType: l.entitlementType,
      entitlementID: l.entitlementID,
    };
    if (l.entitlementType === options.partialType) removal.partialRead = true;
    removals.push(removal);
  }
  pushAll(report.links.added, adds);
  pushAll(report.links.removed, removals);
  pushAll(report.unknownAccounts, unknownA.values());
  pushAll(report.unknownEntitlements, unknownE.values());
  return { adds, removals };
}

/** Account name by a column's value (the first account with it, in EIC's order, then the new accounts). */
function accountIndex(accounts: readonly Account[], col: string): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i];
    const v = norm(a[col]);
    if (v !== null && v !== '' && !m.has(v)) m.set(v, a.name);
  }
  return m;
}

/**
 * The same lookup through EicState's own indexes, for `name` and `accountID`, when they answer exactly as
 * accountIndex would (every value a string): at 100,000 accounts that saves building a second map of them.
 */
function stateIndex(
  state: EicState,
  accounts: readonly Account[],
  col: string,
  newAccounts: readonly Account[],
): Pick<Map<string, string>, 'get'> | undefined {
  if (col !== 'name' && col !== 'accountID') return undefined;
  for (let i = 0; i < accounts.length; i++) {
    const v = accounts[i][col];
    if (v !== null && v !== undefined && typeof v !== 'string') return undefined;
  }
  const fresh = accountIndex(newAccounts, col);
  const find = col === 'name' ? (k: string) => state.getAccount(k)?.name : (k: string) => state.accountNameById(k);
  return { get: (key: string) => find(key) ?? fresh.get(key) };
}

/** Applies an access plan; on error, restores every touched entitlement value and link, then rethrows. */
export function applyAccess(state: EicState, plan: AccessPlan): void {
  const created: string[] = [];
  const prevEnts = plan.entRows.map((r) => ({ r, prev: state.getEntitlementValue(r.type, r.entitlementID) }));
  const snapshot = prevEnts.map(({ prev }) => (prev ? Object.assign({}, prev) : undefined));
  const doneAdds: AccountEntitlementLink[] = [];
  const doneRemovals: AccountEntitlementLink[] = [];
  try {
    for (const row of plan.accountRows ?? []) {
      if (!state.getAccount(row.name)) created.push(row.name);
      state.upsertAccount(row);
    }
    for (const row of plan.entRows) state.upsertEntitlementValue(row);
    for (const l of plan.linkRemovals)
      if (state.removeLink(l.accountName, l.entitlementType, l.entitlementID)) doneRemovals.push(l);
    const adds = plan.linkAdds;
    for (let i = 0; i < adds.length; i++) {
      const l = adds[i];
      if (state.addLinkIfAbsent(l.accountName, l.entitlementType, l.entitlementID)) doneAdds.push(l);
    }
  } catch (e) {
    for (const name of created) state.deleteAccount(name);
    for (const l of doneAdds) state.removeLink(l.accountName, l.entitlementType, l.entitlementID);
    for (const l of doneRemovals) state.addLink(l.accountName, l.entitlementType, l.entitlementID);
    prevEnts.forEach(({ r }, i) => {
      const prev = snapshot[i];
      const live = state.getEntitlementValue(r.type, r.entitlementID);
      if (live) for (const k of Object.keys(live)) delete (live as Record<string, unknown>)[k];
      if (prev && live) Object.assign(live, prev);
    });
    throw e;
  }
}
