/**
 * EIC's account reconciliation, computed as a plan before anything is applied (so a failure or an exceeded threshold
 * changes nothing), then applied in one synchronous step with an undo log.
 *
 * Full import: accounts match on keyField (falling back to the name); new ones are created, existing ones updated;
 * accounts missing from the target become SUSPENDED FROM IMPORT SERVICE, or Inactive ('2') with
 * inactivateAccountsNotInFile [DOC S1, S9], or as `accountsNotInImportAction` says [SEEN S5; INF]. Status: with
 * statusAndThresholdConfig `statusColumn`/`activeStatus`, '1' when the column's value is listed, else '2'; otherwise
 * the mapped `status` value as read (after the call's statusConfig), or '1' when status is not mapped.
 * accountThresholdValue: more accounts to suspend/inactivate than this aborts the whole import [DOC-blog S9], also
 * after a partial read. deleteLinks drops the links of accounts that end inactive. Correlation (default identity
 * username = account name, case-insensitive) fills `owner` of accounts that have none, inactive ones only with
 * correlateInactiveAccounts. includeExistingInActiveAccounts false leaves accounts that are inactive in EIC as they
 * are. A partial read (doNotChangeIfFailed absent or false, a call failed) reconciles what was read: every account
 * not read counts as missing, and each such change is marked `partialRead` in the report [DOC S4; INF for the extent].
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { Account, AccountEntitlementLink, Identity } from '../../eic/types.ts';
import { ACCOUNT_STATUS } from '../../eic/types.ts';
import type { AccountRead, AccountRecord } from './accounts.ts';
import type { AccountParamsDef } from './config.ts';
import type { ColumnChange, ImportReport } from './report.ts';
import type { StatusThresholdConfig } from './status-config.ts';

/** Appends every item (a loop: `push(...xs)` overflows the call stack with 100,000 items). */
export function pushAll<T>(to: T[], from: Iterable<T>): void {
  if (Array.isArray(from)) for (let i = 0; i < from.length; i++) to.push(from[i]);
  else for (const x of from) to.push(x);
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
 * keys is several times slower in V8 at 100,000 rows). A new account's row starts with accountID and status, as
 * EicState.upsertAccount orders a new row's columns.
 */
function buildRow(prev: Account | undefined, rec: AccountRecord, name: string, status: string): Account {
  const row = (
    prev ? Object.assign(Object.assign({}, prev), rec) : Object.assign({ accountID: null, status }, rec)
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

/** How accounts the read did not return are treated: `reconcile` (missing → per config) or `keep` (untouched). */
export interface AccountPlanOptions {
  missing?: 'reconcile' | 'keep';
  /** The read stopped at a failed call: mark what the missing accounts' handling changes as `partialRead`. */
  partial?: boolean;
}

/** Computes the account plan and fills the report; throws `import.threshold` when the threshold is exceeded. */
export function planAccounts(
  state: EicState,
  read: AccountRead,
  params: AccountParamsDef,
  correlation: { identityColumn: string; accountColumn: string },
  report: ImportReport,
  options: AccountPlanOptions = {},
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

  // forEach, not for-of: no entry array per account (this runs once per import, mostly before it is optimised)
  read.records.forEach((rec, key) => {
    const status = importedStatus(rec, st);
    const prev = find(key, rec);
    const name = rec.name as string;
    if (prev && matched.has(prev.name)) {
      report.accounts.skipped.push({
        reason: `duplicate of account ${prev.name}`,
        name,
        accountID: rec.accountID ?? null,
      });
      return;
    }
    if (prev && !params.includeExistingInActiveAccounts && isInactiveStatus(prev.status)) {
      matched.add(prev.name);
      report.accounts.skipped.push({
        reason: `inactive in EIC (${prev.status}) and includeExistingInActiveAccounts is false`,
        name,
        accountID: rec.accountID ?? null,
      });
      return;
    }
    // No closures per record here: 100,000 of them (each wrapped by the loader's keepNames helper) cost more than the
    // reconciliation itself.
    const accountID = norm(columnAfter('accountID', name, status, rec, prev));
    let owner: string | null = null;
    if (idx.size > 0 && !prev?.owner && (!isInactiveStatus(status) || st?.correlateInactiveAccounts)) {
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
      // not in `matched`: that set holds EIC's accounts, and a new name is none of them (find would have returned it)
      return;
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
      return;
    }
    const row = buildRow(prev, rec, name, status);
    if (owner) row.owner = owner;
    plan.rows.push(row);
    report.accounts.updated.push({ name, accountID, changes });
  });

  // Accounts missing from the target (after a partial read: every account not read).
  const action = st?.accountsNotInImportAction ?? (st?.inactivateAccountsNotInFile ? 'inactivate' : 'suspend');
  const target = action === 'inactivate' ? ACCOUNT_STATUS.INACTIVE : ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT;
  const missingNames = new Set<string>();
  if (options.missing !== 'keep' && action !== 'none')
    for (const a of state.listAccounts()) {
      if (matched.has(a.name)) continue;
      if (a.accountID && finalIds.has(a.accountID)) continue;
      if (isInactiveStatus(a.status)) continue;
      plan.rows.push(Object.assign({}, a, { status: target }));
      endsInactive.add(a.name);
      missingNames.add(a.name);
      const entry: ImportReport['accounts']['suspended'][number] = {
        name: a.name,
        accountID: a.accountID ?? null,
        from: String(a.status),
        to: target,
      };
      if (options.partial) entry.partialRead = true;
      if (target === ACCOUNT_STATUS.INACTIVE) report.accounts.inactivated.push(entry);
      else report.accounts.suspended.push(entry);
    }
  const removing = report.accounts.suspended.length + report.accounts.inactivated.length;
  if (st?.accountThresholdValue !== undefined && removing > st.accountThresholdValue)
    throw new HarnessError(
      'import.threshold',
      `the import would suspend or inactivate ${removing} accounts, more than accountThresholdValue ${st.accountThresholdValue}${options.partial ? ' (after a partial read: a call failed, so every account not read counts as missing)' : ''}; the import was aborted and nothing changed`,
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
  for (const l of plan.linkRemovals)
    report.links.removed.push(options.partial && missingNames.has(l.accountName) ? { ...l, partialRead: true } : l);
  for (const s of read.skipped)
    report.accounts.skipped.push({
      reason: s.reason,
      name: s.record.name ?? null,
      accountID: s.record.accountID ?? null,
    });
  return plan;
}

/**
 * Applies an account plan: the plan's rows become the live rows (EicState.replaceAccount). On any error every change
 * is undone in reverse order, from the rows and links it replaced, so each account and link is exactly as it was;
 * then it rethrows.
 */
export function applyAccounts(state: EicState, plan: AccountPlan): void {
  // what each account was before each change (undefined: it did not exist), and the links taken away or added
  const replaced: { name: string; row: Account | undefined }[] = [];
  const linksDropped: AccountEntitlementLink[] = [];
  const linksAdded: AccountEntitlementLink[] = [];
  try {
    const moved = new Map<string, AccountEntitlementLink[]>();
    for (const r of plan.renames) {
      const row = state.getAccount(r.from);
      const links = state.linksOf(r.from);
      moved.set(r.to, links);
      if (!row) continue;
      replaced.push({ name: r.from, row });
      pushAll(linksDropped, links);
      state.deleteAccount(r.from);
    }
    // Clear accountIDs that move between accounts before writing the final rows.
    const rows = plan.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const owner = row.accountID ? state.getAccountById(row.accountID) : undefined;
      if (owner && owner.name !== row.name)
        replaced.push({ name: owner.name, row: state.replaceAccount(Object.assign({}, owner, { accountID: null })) });
    }
    for (let i = 0; i < rows.length; i++) replaced.push({ name: rows[i].name, row: state.replaceAccount(rows[i]) });
    for (const [to, links] of moved)
      for (const l of links)
        if (state.addLinkIfAbsent(to, l.entitlementType, l.entitlementID))
          linksAdded.push({ accountName: to, entitlementType: l.entitlementType, entitlementID: l.entitlementID });
    for (const l of plan.linkRemovals)
      if (state.removeLink(l.accountName, l.entitlementType, l.entitlementID)) linksDropped.push(l);
  } catch (e) {
    for (const l of linksAdded) state.removeLink(l.accountName, l.entitlementType, l.entitlementID);
    for (let i = replaced.length - 1; i >= 0; i--) {
      const { name, row } = replaced[i];
      if (row) state.replaceAccount(row);
      else state.deleteAccount(name);
    }
    for (const l of linksDropped) state.addLink(l.accountName, l.entitlementType, l.entitlementID);
    throw e;
  }
}
