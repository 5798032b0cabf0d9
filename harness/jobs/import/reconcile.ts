/**
 * EIC's reconciliation, computed as a plan before anything is applied (so a failure or an exceeded threshold changes
 * nothing), then applied in one synchronous step with an undo log.
 *
 * Accounts (full import): matched on keyField (falling back to the name); new ones created, existing ones updated;
 * accounts missing from the target become SUSPENDED FROM IMPORT SERVICE, or Inactive ('2') with
 * inactivateAccountsNotInFile. Status: with statusAndThresholdConfig `statusColumn`/`activeStatus`, '1' when the
 * column's value is listed, else '2'; otherwise the mapped `status` value as read (after the call's statusConfig), or
 * '1' when status is not mapped. accountThresholdValue: more accounts to suspend/inactivate than this aborts the whole
 * import. deleteLinks drops the links of accounts that end inactive. Correlation (default identity username =
 * account name, case-insensitive) fills `owner` of accounts that have none, inactive ones only with
 * correlateInactiveAccounts.
 * Entitlements (full access import): matched on the call's keyField per type; missing ones set inactive (2);
 * listed ones active (1). Links: per entitlement type read, the EIC link set becomes the target's (unknown accounts
 * and entitlements are reported, not dropped silently); with deleteAccEntForActiveAccounts false, links are only added.
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { Account, AccountEntitlementLink, EntitlementValue, Identity } from '../../eic/types.ts';
import { ACCOUNT_STATUS } from '../../eic/types.ts';
import type { AccountRead, AccountRecord } from './accounts.ts';
import type { AccountParamsDef, StatusThresholdConfig } from './config.ts';
import type { EntitlementRecord, EntTypeRead } from './entitlements.ts';
import type { LinkPairs } from './links.ts';
import type { ColumnChange, ImportReport } from './report.ts';

/** Appends every item (a loop: `push(...xs)` overflows the call stack with 100,000 items). */
export function pushAll<T>(to: T[], from: Iterable<T>): void {
  for (const x of from) to.push(x);
}

/** True for the statuses EIC treats as not active. */
export function isInactiveStatus(status: unknown): boolean {
  return (
    status === ACCOUNT_STATUS.INACTIVE ||
    status === 2 ||
    status === ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT ||
    status === ACCOUNT_STATUS.MANUALLY_SUSPENDED
  );
}

/** The status EIC stores for an imported record. */
export function importedStatus(rec: AccountRecord, st?: StatusThresholdConfig): string {
  if (st?.statusColumn && st.activeStatus) {
    const v = rec[st.statusColumn];
    return v !== null && v !== undefined && st.activeStatus.includes(String(v))
      ? ACCOUNT_STATUS.ACTIVE
      : ACCOUNT_STATUS.INACTIVE;
  }
  const s = rec.status;
  return s === null || s === undefined || s === '' ? ACCOUNT_STATUS.ACTIVE : s;
}

const norm = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : String(v);

/** Builds the correlation lookup: identity column value (lower case) → username. */
export function identityIndex(identities: readonly Identity[], identityColumn: string): Map<string, string> {
  const idx = new Map<string, string>();
  for (const i of identities) {
    const v = norm(i[identityColumn]);
    if (v !== null && v !== '' && !idx.has(v.toLowerCase())) idx.set(v.toLowerCase(), i.username);
  }
  return idx;
}

/** Everything an account import will change. */
export interface AccountPlan {
  /** Final rows to write (created and updated accounts, status changes). */
  rows: Account[];
  /** Accounts renamed (matched by key, new name): the old name is removed, links move. */
  renames: { from: string; to: string }[];
  linkRemovals: AccountEntitlementLink[];
}

/**
 * The row an imported record ends as, built only when something changes, with Object.assign (spread with overridden
 * keys is several times slower in V8 at 100,000 rows). A new account's row is the record itself (ours to change).
 */
function buildRow(prev: Account | undefined, rec: AccountRecord, name: string, status: string): Account {
  const row = (
    prev ? Object.assign(Object.assign({}, prev), rec) : Object.assign(rec, { accountID: rec.accountID ?? null })
  ) as Account;
  row.name = name;
  row.status = status;
  return row;
}

/** A column's value after the import: the record's, else the existing account's. */
function columnAfter(
  col: string,
  name: string,
  status: string,
  rec: AccountRecord,
  prev: Account | undefined,
): unknown {
  return col === 'name' ? name : col === 'status' ? status : col in rec ? rec[col] : prev?.[col];
}

/** Computes the account plan and fills the report; throws `import.threshold` when the threshold is exceeded. */
export function planAccounts(
  state: EicState,
  read: AccountRead,
  params: AccountParamsDef,
  correlation: { identityColumn: string; accountColumn: string },
  report: ImportReport,
): AccountPlan {
  const st = params.status;
  const plan: AccountPlan = { rows: [], renames: [], linkRemovals: [] };
  const matched = new Set<string>();
  const byCol = new Map<string, Account>();
  const keyField = read.keyField;
  if (keyField !== 'accountID' && keyField !== 'name')
    for (const a of state.listAccounts()) {
      const v = norm(a[keyField]);
      if (v !== null) byCol.set(v, a);
    }
  const find = (key: string, rec: AccountRecord): Account | undefined => {
    const hit =
      keyField === 'accountID'
        ? state.getAccountById(key)
        : keyField === 'name'
          ? state.getAccount(key)
          : byCol.get(key);
    if (hit) return hit;
    const byName = rec.name ? state.getAccount(rec.name) : undefined;
    return byName && !matched.has(byName.name) ? byName : undefined;
  };
  const idx = identityIndex(state.listIdentities(), correlation.identityColumn);
  const endsInactive = new Set<string>();
  const finalIds = new Map<string, string>();

  for (const [key, rec] of read.records) {
    const status = importedStatus(rec, st);
    const prev = find(key, rec);
    const name = rec.name as string;
    if (prev && matched.has(prev.name)) {
      report.accounts.skipped.push({
        reason: `duplicate of account ${prev.name}`,
        name,
        accountID: rec.accountID ?? null,
      });
      continue;
    }
    // No closures per record here: 100,000 of them (each wrapped by the loader's keepNames helper) cost more than the
    // reconciliation itself.
    const accountID = norm(columnAfter('accountID', name, status, rec, prev));
    let owner: string | null = null;
    if (!prev?.owner && (!isInactiveStatus(status) || st?.correlateInactiveAccounts)) {
      const v = norm(columnAfter(correlation.accountColumn, name, status, rec, prev));
      owner = v === null ? null : (idx.get(v.toLowerCase()) ?? null);
      if (owner) report.accounts.correlated.push({ name, owner });
    }
    if (accountID) {
      const other = finalIds.get(accountID);
      if (other !== undefined)
        throw new HarnessError(
          'import.account.duplicate-id',
          `accounts "${other}" and "${name}" both have accountID ${accountID} after the import; nothing was changed`,
          { attribute: 'ImportAccountEntJSON', path: ['accountParams', 'call'] },
          'keyField must identify an account uniquely',
        );
      finalIds.set(accountID, name);
    }
    if (isInactiveStatus(status)) endsInactive.add(name);
    if (!prev) {
      const row = buildRow(undefined, rec, name, status);
      if (owner) row.owner = owner;
      plan.rows.push(row);
      const created: ImportReport['accounts']['created'][number] = { name, accountID, status };
      if (owner) created.owner = owner;
      report.accounts.created.push(created);
      matched.add(name);
      continue;
    }
    matched.add(prev.name);
    const changes: ColumnChange[] = [];
    if (prev.name !== name) {
      changes.push({ column: 'name', from: prev.name, to: name });
      plan.renames.push({ from: prev.name, to: name });
      matched.add(name);
    }
    for (const col in rec) {
      if (col === 'name' || col === 'status') continue;
      const from = norm(prev[col]);
      const to = rec[col];
      if (from !== to) changes.push({ column: col, from, to });
    }
    if (norm(prev.status) !== status) changes.push({ column: 'status', from: norm(prev.status), to: status });
    if (owner) changes.push({ column: 'owner', from: norm(prev.owner), to: owner });
    if (changes.length === 0) {
      report.counts.accountsUnchanged++;
      continue;
    }
    const row = buildRow(prev, rec, name, status);
    if (owner) row.owner = owner;
    plan.rows.push(row);
    report.accounts.updated.push({ name, accountID, changes });
  }

  // Accounts missing from the target.
  const target = st?.inactivateAccountsNotInFile ? ACCOUNT_STATUS.INACTIVE : ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT;
  for (const a of state.listAccounts()) {
    if (matched.has(a.name)) continue;
    if (a.accountID && finalIds.has(a.accountID)) continue;
    if (isInactiveStatus(a.status)) continue;
    plan.rows.push(Object.assign({}, a, { status: target }));
    endsInactive.add(a.name);
    const entry = { name: a.name, accountID: a.accountID ?? null, from: String(a.status), to: target };
    if (target === ACCOUNT_STATUS.INACTIVE) report.accounts.inactivated.push(entry);
    else report.accounts.suspended.push(entry);
  }
  const removing = report.accounts.suspended.length + report.accounts.inactivated.length;
  if (st?.accountThresholdValue !== undefined && removing > st.accountThresholdValue)
    throw new HarnessError(
      'import.threshold',
      `the import would suspend or inactivate ${removing} accounts, more than accountThresholdValue ${st.accountThresholdValue}; the import was aborted and nothing changed`,
      {
        attribute: 'ImportAccountEntJSON',
        path: ['accountParams', 'statusAndThresholdConfig', 'accountThresholdValue'],
      },
      'check the target (did a call return fewer accounts than expected?) before raising the threshold',
    );
  if (st?.deleteLinks) {
    const renamedFrom = new Map(plan.renames.map((r) => [r.to, r.from]));
    for (const name of endsInactive) {
      const prevName = renamedFrom.get(name) ?? name;
      for (const l of state.linksOf(prevName))
        plan.linkRemovals.push({
          accountName: name,
          entitlementType: l.entitlementType,
          entitlementID: l.entitlementID,
        });
    }
  }
  pushAll(report.links.removed, plan.linkRemovals);
  for (const s of read.skipped)
    report.accounts.skipped.push({
      reason: s.reason,
      name: s.record.name ?? null,
      accountID: s.record.accountID ?? null,
    });
  return plan;
}

/** Applies an account plan; on any error every touched account is put back exactly as it was, then it rethrows. */
export function applyAccounts(state: EicState, plan: AccountPlan): void {
  const touched = new Set<string>();
  for (const r of plan.rows) touched.add(r.name);
  for (const r of plan.renames) {
    touched.add(r.from);
    touched.add(r.to);
  }
  // Undo keeps copies of the rows that exist now; the others (new accounts: most of a first import) are just deleted.
  const undo: { name: string; row: Account; links: AccountEntitlementLink[] }[] = [];
  for (const name of touched) {
    const row = state.getAccount(name);
    if (row) undo.push({ name, row: Object.assign({}, row), links: state.linksOf(name) });
  }
  try {
    const moved = new Map<string, AccountEntitlementLink[]>();
    for (const r of plan.renames) {
      moved.set(r.to, state.linksOf(r.from));
      state.deleteAccount(r.from);
    }
    // Clear accountIDs that move between accounts before writing the final rows.
    for (const row of plan.rows) {
      const owner = row.accountID ? state.getAccountById(row.accountID) : undefined;
      if (owner && owner.name !== row.name) state.upsertAccount({ name: owner.name, accountID: null });
    }
    for (const row of plan.rows) {
      const prev = state.getAccount(row.name);
      if (prev) for (const k of Object.keys(prev)) if (!(k in row)) delete (prev as Record<string, unknown>)[k];
      state.upsertAccount(row);
    }
    for (const [to, links] of moved) for (const l of links) state.addLink(to, l.entitlementType, l.entitlementID);
    for (const l of plan.linkRemovals) state.removeLink(l.accountName, l.entitlementType, l.entitlementID);
  } catch (e) {
    for (const name of touched) state.deleteAccount(name);
    for (const u of undo) {
      state.upsertAccount(u.row);
      for (const l of u.links) state.addLink(u.name, l.entitlementType, l.entitlementID);
    }
    throw e;
  }
}

/** Everything an access import will change. */
export interface AccessPlan {
  entRows: EntitlementValue[];
  linkAdds: AccountEntitlementLink[];
  linkRemovals: AccountEntitlementLink[];
}

/** Plans the entitlement values of the types read (created, updated, inactivated) and fills the report. */
export function planEntitlements(
  state: EicState,
  reads: Map<string, EntTypeRead>,
  report: ImportReport,
): EntitlementValue[] {
  const rows: EntitlementValue[] = [];
  for (const [type, read] of reads) {
    const seen = new Set<string>();
    // Records keyed by entitlement_value may share an entitlementID (EIC's row key here): the later one wins.
    const byId = new Map<string, EntitlementRecord>();
    for (const rec of read.records.values()) {
      const prev = byId.get(rec.entitlementID);
      byId.set(rec.entitlementID, prev ? Object.assign(prev, rec) : rec);
    }
    for (const rec of byId.values()) {
      const prev = state.getEntitlementValue(type, rec.entitlementID);
      seen.add(rec.entitlementID);
      const row = Object.assign(prev ? Object.assign({}, prev) : {}, rec) as EntitlementValue;
      row.type = type;
      row.status = 1;
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
      if (prev.status !== 1) changes.push({ column: 'status', from: String(prev.status), to: '1' });
      if (changes.length === 0) {
        report.counts.entitlementsUnchanged++;
        continue;
      }
      rows.push(row);
      report.entitlements.updated.push({ type, entitlementID: rec.entitlementID, changes });
    }
    for (const ev of state.listEntitlementValues(type)) {
      if (seen.has(ev.entitlementID) || ev.status === 2) continue;
      rows.push(Object.assign({}, ev, { status: 2 as const }));
      report.entitlements.inactivated.push({ type, entitlementID: ev.entitlementID });
    }
  }
  return rows;
}

/**
 * Plans the link sets: resolves raw pairs to account names and entitlementIDs (against the accounts in EIC and the
 * entitlement values as they will be after this import), reports unknown keys, and diffs per type.
 */
export function planLinks(
  state: EicState,
  pairsByType: readonly LinkPairs[],
  entsAfter: (type: string) => readonly EntitlementValue[],
  deleteForActive: boolean,
  report: ImportReport,
): { adds: AccountEntitlementLink[]; removals: AccountEntitlementLink[] } {
  const accounts = state.listAccounts();
  const acctIndex = new Map<string, Map<string, string>>();
  const acctBy = (col: string) => {
    let m = acctIndex.get(col);
    if (!m) {
      m = new Map();
      for (const a of accounts) {
        const v = norm(a[col]);
        if (v !== null && v !== '' && !m.has(v)) m.set(v, a.name);
      }
      acctIndex.set(col, m);
    }
    return m;
  };
  const want = new Map<string, Map<string, Set<string>>>(); // type → account name → entitlementIDs
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
    for (const [ak, ek] of lp.pairs) {
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
      let ids = byAccount.get(name);
      if (!ids) {
        ids = new Set();
        byAccount.set(name, ids);
      }
      ids.add(entId);
    }
  }
  const adds: AccountEntitlementLink[] = [];
  const removals: AccountEntitlementLink[] = [];
  for (const [type, byAccount] of want)
    for (const [accountName, ids] of byAccount)
      for (const entitlementID of ids)
        if (!state.hasLink(accountName, type, entitlementID))
          adds.push({ accountName, entitlementType: type, entitlementID });
  for (const l of state.listLinks()) {
    const byAccount = want.get(l.entitlementType);
    if (!byAccount || byAccount.get(l.accountName)?.has(l.entitlementID)) continue;
    const acc = state.getAccount(l.accountName);
    if (!deleteForActive && acc && !isInactiveStatus(acc.status)) continue;
    removals.push({ accountName: l.accountName, entitlementType: l.entitlementType, entitlementID: l.entitlementID });
  }
  pushAll(report.links.added, adds);
  pushAll(report.links.removed, removals);
  pushAll(report.unknownAccounts, unknownA.values());
  pushAll(report.unknownEntitlements, unknownE.values());
  return { adds, removals };
}

/** Applies an access plan; on error, restores every touched entitlement value and link, then rethrows. */
export function applyAccess(state: EicState, plan: AccessPlan): void {
  const prevEnts = plan.entRows.map((r) => ({ r, prev: state.getEntitlementValue(r.type, r.entitlementID) }));
  const snapshot = prevEnts.map(({ prev }) => (prev ? Object.assign({}, prev) : undefined));
  const doneAdds: AccountEntitlementLink[] = [];
  const doneRemovals: AccountEntitlementLink[] = [];
  try {
    for (const row of plan.entRows) state.upsertEntitlementValue(row);
    for (const l of plan.linkRemovals)
      if (state.removeLink(l.accountName, l.entitlementType, l.entitlementID)) doneRemovals.push(l);
    for (const l of plan.linkAdds) {
      if (!state.hasLink(l.accountName, l.entitlementType, l.entitlementID)) doneAdds.push(l);
      state.addLink(l.accountName, l.entitlementType, l.entitlementID);
    }
  } catch (e) {
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
