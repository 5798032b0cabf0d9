/**
 * Reads the target's entitlement values through entitlementParams: types in `entTypeOrder`, their calls in
 * `callOrder`, dependent calls once per entitlement (`inputParams.entitlementname` names the type iterated; binds
 * `${entitlementID}` and `${entitlementValue}` = its entitlement_value), and the per-entitlement member lists of
 * `acctEntMappings` (for entToAcctMapping). A `pagination` at the type level is ignored, as EIC ignores it.
 * Records with the same key merge (later values win). Touches no state.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { getPath } from '../../http/paths.ts';
import { statusConfigUnmapped } from './accounts.ts';
import type { EntTypeDef } from './config.ts';
import { fetchAllPages, type RunContext, readUntilFailure } from './fetch.ts';
import { type MappingWarning, mapRecord, toCharValue } from './mapping.ts';
import type { WarningTally } from './warnings.ts';

export type EntitlementRecord = Record<string, string | null> & { entitlementID: string; entitlement_value: string };

/** What was read for one entitlement type. */
export interface EntTypeRead {
  type: string;
  records: Map<string, EntitlementRecord>;
  /** entToAcctMapping: entitlementID → account key values (of `keyField`). */
  members?: { keyField: string; byEnt: Map<string, string[]> };
  skipped: number;
  /** True when a call of this type failed part way (only the records before it were read). */
  partial?: boolean;
}

/** All entitlement types read, in entTypeOrder; types after a failure are absent. */
export interface EntitlementsRead {
  types: Map<string, EntTypeRead>;
  /** Set when a call failed part way (the type being read then has `partial`). */
  failure?: Diagnostic;
}

/**
 * A call's `statusConfig` on an entitlement record: the mapped `status` value equal to `inactive` makes the
 * entitlement inactive (2), `active` active (1) [SEEN corpus forgerock; INF]. Returns false when `status` is not mapped.
 */
function applyEntStatusConfig(values: Record<string, string | null>, sc: EntTypeDef['calls'][number]['statusConfig']) {
  if (!sc) return true;
  if (!('status' in values)) return false;
  if (sc.inactive !== undefined && values.status === sc.inactive) values.status = '2';
  else if (sc.active !== undefined && values.status === sc.active) values.status = '1';
  return true;
}

/** Reads every entitlement type of the config (in entTypeOrder). */
export async function readEntitlements(
  ctx: RunContext,
  types: readonly EntTypeDef[],
  tally: WarningTally,
  dateFormat?: string,
): Promise<EntitlementsRead> {
  const out = new Map<string, EntTypeRead>();
  const mapOpts = { render: ctx.render, dateFormat };
  const unmapped = new Set<unknown>();
  for (const t of types) {
    if (t.ignoredPagination)
      ctx.warnings.push({
        code: 'import.pagination.ignored',
        severity: 'warning',
        message: `entitlement type ${t.name}: "pagination" sits at the entitlement-type level, where EIC does not read it; only the first page of each call is imported`,
        location: { attribute: 'ImportAccountEntJSON', path: ['entitlementParams', 'entTypes', t.name, 'pagination'] },
        hint: `move it into the call: entitlementParams.entTypes.${t.name}.call.call1.pagination`,
      });
    const read: EntTypeRead = { type: t.name, records: new Map(), skipped: 0 };
    if (t.entToAcct) read.members = { keyField: t.entToAcct.keyField, byEnt: new Map() };
    out.set(t.name, read);
    // one list for the warnings of the record being mapped, emptied after each (the tally keeps the warnings themselves)
    const warnings: MappingWarning[] = [];
    const take = (items: unknown[], call: EntTypeDef['calls'][number], into?: EntitlementRecord) => {
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const values = mapRecord(item, call.specs, mapOpts, warnings);
        if (warnings.length) {
          tally.add(warnings, call.where);
          warnings.length = 0;
        }
        if (!applyEntStatusConfig(values, call.statusConfig) && !unmapped.has(call)) {
          unmapped.add(call);
          ctx.warnings.push(statusConfigUnmapped(call, 'entitlement status column ("status")'));
        }
        if (into) {
          Object.assign(into, values);
          continue;
        }
        const keyField = call.keyField ?? 'entitlementID';
        let id = values.entitlementID ?? null;
        const value = values.entitlement_value ?? id;
        if (id === null || id === '') id = value;
        if (id === null || id === '' || value === null) {
          read.skipped++;
          continue;
        }
        const rec = values as EntitlementRecord;
        rec.entitlementID = id;
        rec.entitlement_value = value;
        const key = keyField === 'entitlement_value' ? value : id;
        const prev = read.records.get(key);
        if (prev) Object.assign(prev, rec);
        else read.records.set(key, rec);
        if (read.members && t.entToAcct) {
          const lf = t.entToAcct.listField;
          const list = lf === '' ? item : getPath(item, lf);
          const ids: string[] = [];
          for (const m of Array.isArray(list) ? list : list == null ? [] : [list]) {
            const v = toCharValue(t.entToAcct.idPath === '' ? m : getPath(m, t.entToAcct.idPath));
            if (v !== null && v !== '') ids.push(v);
          }
          const members = read.members.byEnt.get(id);
          if (members) for (const m of ids) members.push(m);
          else read.members.byEnt.set(id, ids);
        }
      }
    };
    const failure = await readUntilFailure(async () => {
      for (const call of t.calls) {
        if (!call.dependent) {
          await fetchAllPages(ctx, call, `${t.name} ${call.name}`, {}, (items) => take(items, call));
          continue;
        }
        const iterated = out.get(call.iterateType ?? t.name);
        for (const ent of [...(iterated?.records.values() ?? [])]) {
          const bindings = {
            entitlementID: ent.entitlementID,
            entitlementValue: ent.entitlement_value,
            id: ent.entitlementID,
          };
          const target = call.iterateType === undefined || call.iterateType === t.name ? ent : undefined;
          await fetchAllPages(ctx, call, `${t.name} ${call.name} ${ent.entitlementID}`, bindings, (items) =>
            take(items, call, target),
          );
        }
      }
    });
    if (failure) {
      read.partial = true;
      return { types: out, failure };
    }
  }
  return { types: out };
}
