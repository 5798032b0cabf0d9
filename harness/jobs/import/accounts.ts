/**
 * Reads the target's accounts through accountParams: calls in `callOrder`, pages, `listField`, `colsToPropsMap`,
 * dependent calls once per account (`${accountName}`, `${id}`, `${account}`), and the account→entitlement ids captured
 * for `STORE#ACC#ENT#MAPPINGINFO` (CP31) from `acctEntMappings`. Returns records keyed by `keyField`; touches no state.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { getPath } from '../../http/paths.ts';
import type { AccountParamsDef, AcctEntMappingDef, CallDef } from './config.ts';
import { fetchAllPages, type RunContext, readUntilFailure } from './fetch.ts';
import { type ColumnSpec, isAcctEntStore, type MappingWarning, mapRecord, toCharValue } from './mapping.ts';
import type { WarningTally } from './warnings.ts';

/** An account as read from the target: EIC column → stored text. */
export type AccountRecord = Record<string, string | null>;

/** The captured entitlement ids of one account, as stored in CP31: `{"<EntType>":{"entIds":[...],"keyField":...}}`. */
export type AcctEntMappingInfo = Record<
  string,
  { entIds: string[]; keyField: string; ents?: Record<string, string | null>[] }
>;

/** Evaluates accountParams.acctEntMappings on one account item. */
export function captureAcctEntMappings(
  item: unknown,
  defs: readonly AcctEntMappingDef[],
  ctx: Pick<RunContext, 'render'>,
  dateFormat?: string,
): AcctEntMappingInfo {
  const info: AcctEntMappingInfo = {};
  for (const m of defs) {
    const v = m.listPath === '' ? item : getPath(item, m.listPath);
    const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    const entIds: string[] = [];
    for (const x of list) {
      const id = toCharValue(m.idPath === '' ? x : getPath(x, m.idPath));
      if (id !== null && id !== '') entIds.push(id);
    }
    info[m.entType] = { entIds, keyField: m.keyField };
    if (m.importAsEntitlement && m.specs.length > 0)
      info[m.entType].ents = list.map((x) => mapRecord(x, m.specs, { render: ctx.render, dateFormat }));
  }
  return info;
}

/** Result of reading accounts. */
export interface AccountRead {
  /** Records in first-seen order, keyed by the keyField value. */
  records: Map<string, AccountRecord>;
  keyField: string;
  /** Records skipped for want of a key or a name. */
  skipped: { reason: string; record: AccountRecord }[];
  duplicates: number;
  /** Set when a call failed part way: the records above are only those read before it. */
  failure?: Diagnostic;
}

/**
 * Applies a call's `statusConfig {active, inactive}` [SEEN S2; DOC S4 "map the status of accounts in IGA with the
 * status in the target"]: to the mapped `status` column; when `status` is not mapped, to the statusAndThresholdConfig
 * `statusColumn` (the record then gets `status` '1' or '2') [INF]. Returns false when neither column is mapped, so
 * statusConfig has nothing to act on (the caller warns; the account's status is then '1').
 */
export function applyStatusConfig(values: AccountRecord, sc: CallDef['statusConfig'], statusColumn?: string): boolean {
  if (!sc) return true;
  const col =
    'status' in values ? 'status' : statusColumn !== undefined && statusColumn in values ? statusColumn : null;
  if (col === null) return false;
  const v = values[col];
  if (sc.active !== undefined && v === sc.active) values.status = '1';
  else if (sc.inactive !== undefined && v === sc.inactive) values.status = '2';
  return true;
}

/** The warning of a statusConfig that has no status column to act on (once per call). */
export function statusConfigUnmapped(call: CallDef, what: string): Diagnostic {
  return {
    code: 'import.statusConfig.unmapped',
    severity: 'warning',
    message: `${call.name}: statusConfig is set but the ${what} is not mapped in colsToPropsMap, so it has nothing to act on; every record read is active`,
    location: { attribute: 'ImportAccountEntJSON', path: [...call.where, 'statusConfig'] },
    hint: 'map the target status to "status" (or to the statusColumn of statusAndThresholdConfig)',
  };
}

/** Reads all accounts of the target (no EIC state is touched). */
export async function readAccounts(
  ctx: RunContext,
  params: AccountParamsDef,
  tally: WarningTally,
  dateFormat?: string,
): Promise<AccountRead> {
  const primary = params.calls.find((c) => !c.dependent);
  const keyField = primary?.keyField ?? 'accountID';
  const out: AccountRead = { records: new Map(), keyField, skipped: [], duplicates: 0 };
  const mapOpts = { render: ctx.render, dateFormat };

  const storeSpecs = new Map<CallDef, ColumnSpec[]>();
  const unmapped = new Set<CallDef>();
  // one list for the warnings of the record being mapped, emptied after each (the tally keeps the warnings themselves)
  const warnings: MappingWarning[] = [];
  const mapItem = (call: CallDef, item: unknown): AccountRecord => {
    const values = mapRecord(item, call.specs, mapOpts, warnings);
    let stores = storeSpecs.get(call);
    if (!stores) {
      stores = call.specs.filter(isAcctEntStore);
      storeSpecs.set(call, stores);
    }
    for (const s of stores)
      values[s.column] =
        params.acctEntMappings.length > 0
          ? JSON.stringify(captureAcctEntMappings(item, params.acctEntMappings, ctx, dateFormat))
          : null;
    if (!applyStatusConfig(values, call.statusConfig, params.status?.statusColumn) && !unmapped.has(call)) {
      unmapped.add(call);
      ctx.warnings.push(statusConfigUnmapped(call, 'status column (status, or statusAndThresholdConfig.statusColumn)'));
    }
    if (warnings.length) {
      tally.add(warnings, call.where);
      warnings.length = 0;
    }
    return values;
  };

  out.failure = await readUntilFailure(async () => {
    for (const call of params.calls) {
      if (!call.dependent) {
        const callKey = call.keyField ?? keyField;
        await fetchAllPages(ctx, call, `account ${call.name}`, {}, (items) => {
          for (let i = 0; i < items.length; i++) {
            const values = mapItem(call, items[i]);
            const key = values[callKey] ?? null;
            if (key === null || key === '') {
              out.skipped.push({ reason: `no ${callKey}`, record: values });
              continue;
            }
            const prev = out.records.get(key);
            if (prev) {
              if (call === primary) out.duplicates++;
              Object.assign(prev, values);
            } else out.records.set(key, values);
          }
        });
        continue;
      }
      const nameCol = ctx.options.dependentAccountNameColumn ?? call.nextApiKeyField ?? 'name';
      const idCol = call.nextApiKeyField ?? 'accountID';
      for (const [, acc] of [...out.records]) {
        const bindings = { accountName: acc[nameCol] ?? null, id: acc[idCol] ?? null, account: { ...acc } };
        await fetchAllPages(ctx, call, `account ${call.name} ${String(bindings.accountName)}`, bindings, (items) => {
          for (const item of items) Object.assign(acc, mapItem(call, item));
        });
      }
    }
  });
  out.records.forEach((rec, key) => {
    if (rec.name === undefined || rec.name === null || rec.name === '') {
      out.skipped.push({ reason: 'no name', record: rec });
      out.records.delete(key); // (deleting the entry being visited is safe in a Map's forEach)
    }
  });
  return out;
}
