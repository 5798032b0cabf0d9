/**
 * statusAndThresholdConfig (in accountParams or the STATUS_THRESHOLD_CONFIG attribute) with its defaults: status
 * column and active values [DOC-blog S9, DOC S4], thresholds, and what happens to records the target no longer lists.
 */
import { bad, bool, isObj, type Path } from './json-read.ts';

/** What happens to accounts EIC has that the target no longer lists. */
export type MissingAccountAction = 'suspend' | 'inactivate' | 'none';

/** statusAndThresholdConfig with its documented defaults. */
export interface StatusThresholdConfig {
  statusColumn?: string;
  activeStatus?: string[];
  deleteLinks: boolean;
  accountThresholdValue?: number;
  correlateInactiveAccounts: boolean;
  inactivateAccountsNotInFile: boolean;
  deleteAccEntForActiveAccounts: boolean;
  /**
   * accountsNotInImportAction [SEEN S5, corpus forgerock: "Suspend"]: when set, it decides over
   * inactivateAccountsNotInFile [INF]. `Suspend` → SUSPENDED FROM IMPORT SERVICE, `Inactivate`/`Inactive` → 2,
   * `None`/`NoAction`/`Ignore` → left as they are [INF].
   */
  accountsNotInImportAction?: MissingAccountAction;
  /** entThresholdValue `{"entType":{"<type>":{"ent":n}}}` [SEEN S6 Terraform]: per type, the most inactivations. */
  entThresholdValue: Record<string, number>;
  /** inactivateEntsNotInFeed [SEEN S6]: entitlements missing from the feed become inactive; undefined = not set. */
  inactivateEntsNotInFeed?: boolean;
}

const MISSING_ACTIONS: Record<string, MissingAccountAction> = {
  suspend: 'suspend',
  inactivate: 'inactivate',
  inactive: 'inactivate',
  none: 'none',
  noaction: 'none',
  ignore: 'none',
};

function parseEntThreshold(raw: unknown, path: Path, attribute: string): Record<string, number> {
  if (raw === undefined || raw === null) return {};
  const byType = isObj(raw) && isObj(raw.entType) ? raw.entType : raw;
  if (!isObj(byType)) return bad(path, 'an object {"entType":{"<type>":{"ent":<number>}}}', attribute);
  const out: Record<string, number> = {};
  for (const [type, v] of Object.entries(byType)) {
    const n = Number(isObj(v) ? v.ent : v);
    if (!Number.isFinite(n)) return bad([...path, 'entType', type, 'ent'], 'a number', attribute);
    out[type] = n;
  }
  return out;
}

/** Parses a statusAndThresholdConfig object (undefined when absent). */
export function parseStatus(raw: unknown, path: Path, attribute: string): StatusThresholdConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) return bad(path, 'an object', attribute);
  const active = raw.activeStatus ?? raw.active ?? raw.status;
  if (active !== undefined && !Array.isArray(active))
    return bad([...path, 'activeStatus'], 'an array of values', attribute);
  const threshold = raw.accountThresholdValue;
  if (threshold !== undefined && !Number.isFinite(Number(threshold)))
    return bad([...path, 'accountThresholdValue'], 'a number', attribute);
  const action = raw.accountsNotInImportAction;
  let accountsNotInImportAction: MissingAccountAction | undefined;
  if (action !== undefined && action !== null) {
    accountsNotInImportAction =
      MISSING_ACTIONS[
        String(action)
          .replace(/[\s_-]/g, '')
          .toLowerCase()
      ];
    if (!accountsNotInImportAction)
      return bad(
        [...path, 'accountsNotInImportAction'],
        '"Suspend", "Inactivate" or "None" (the values the emulator knows)',
        attribute,
      );
  }
  return {
    statusColumn: typeof raw.statusColumn === 'string' ? raw.statusColumn : undefined,
    activeStatus: Array.isArray(active) ? active.map((v) => String(v)) : undefined,
    deleteLinks: bool(raw.deleteLinks, false),
    accountThresholdValue: threshold === undefined ? undefined : Number(threshold),
    correlateInactiveAccounts: bool(raw.correlateInactiveAccounts, false),
    inactivateAccountsNotInFile: bool(raw.inactivateAccountsNotInFile, false),
    deleteAccEntForActiveAccounts: bool(raw.deleteAccEntForActiveAccounts, true),
    ...(accountsNotInImportAction ? { accountsNotInImportAction } : {}),
    entThresholdValue: parseEntThreshold(raw.entThresholdValue, [...path, 'entThresholdValue'], attribute),
    ...(raw.inactivateEntsNotInFeed !== undefined
      ? { inactivateEntsNotInFeed: bool(raw.inactivateEntsNotInFeed, true) }
      : {}),
  };
}
