/**
 * Records an access import creates from mapping information rather than from its own entitlement calls:
 * entitlement values captured in the accounts' mapping info (`acctEntMappings` + `importAsEntitlement` [DOC S4]) and
 * accounts listed as members of entitlements (`entitlementParams...acctEntMappings` + `importAsAccount` [INF, by
 * analogy]).
 */
import type { EicState } from '../../eic/state.ts';
import type { Account } from '../../eic/types.ts';
import { ACCOUNT_STATUS } from '../../eic/types.ts';
import type { ImportConfig } from './config.ts';
import type { EntitlementRecord, EntTypeRead } from './entitlements.ts';
import { type LinkPairs, mappingInfoColumn, parseInfo } from './links.ts';
import type { ImportReport } from './report.ts';

/**
 * acctEntMappings with `importAsEntitlement`: entitlement values listed in the accounts' captured mapping info
 * (CP31, with their own colsToPropsMap) that neither EIC nor the entitlement calls know are created.
 */
export function addEntitlementsFromAccounts(state: EicState, cfg: ImportConfig, reads: Map<string, EntTypeRead>): void {
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

/**
 * entToAcctMapping with `importAsAccount: true`: the member accounts the target lists that EIC does not know become new
 * accounts (name = the member key, the key column set to it, status '1') [INF], reported as created.
 */
export function accountsFromMembers(
  state: EicState,
  cfg: ImportConfig,
  pairs: readonly LinkPairs[],
  report: ImportReport,
): Account[] {
  const types = new Set(cfg.entTypes.filter((t) => t.entToAcct?.importAsAccount).map((t) => t.name));
  if (types.size === 0) return [];
  const rows = new Map<string, Account>();
  const known = new Map<string, Set<string>>();
  const knownBy = (col: string) => {
    let set = known.get(col);
    if (!set) {
      set = new Set(state.listAccounts().map((a) => String(a[col] ?? '')));
      known.set(col, set);
    }
    return set;
  };
  for (const lp of pairs) {
    if (lp.source !== 'entToAcctMapping' || !types.has(lp.entType)) continue;
    for (const [key] of lp.pairs) {
      if (knownBy(lp.acctKeyField).has(key) || rows.has(key) || state.getAccount(key)) continue;
      const row = { name: key, accountID: null, status: ACCOUNT_STATUS.ACTIVE, [lp.acctKeyField]: key } as Account;
      rows.set(key, row);
      report.accounts.created.push({ name: key, accountID: row.accountID, status: row.status });
    }
  }
  return [...rows.values()];
}
