/**
 * Reads who-has-what through acctEntParams, in the five processing types EIC documents:
 * `http` (one paged call lists every pair), `httpEntToAcct` (one call per entitlement, `${id}` = its entKeyField),
 * `httpAcctToEnt` (one call per account, `${id}` = its acctKeyField), `acctToEntMapping` (the ids captured in the
 * accounts' STORE#ACC#ENT#MAPPINGINFO column during account import) and `entToAcctMapping` (the member lists read with
 * the entitlements). Returns raw (account key, entitlement key) pairs per entitlement type; touches no state.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import type { Account, EntitlementValue } from '../../eic/types.ts';
import { splitPath } from '../../http/paths.ts';
import type { AcctEntMappingInfo } from './accounts.ts';
import type { AcctEntCallDef, ImportConfig } from './config.ts';
import type { EntTypeRead } from './entitlements.ts';
import { fetchAllPages, type RunContext, readUntilFailure } from './fetch.ts';
import { isAcctEntStore, readSegments, toCharValue } from './mapping.ts';

/** Pairs read for one entitlement type. */
export interface LinkPairs {
  entType: string;
  /** Account column the account keys refer to (accountID, name, ...). */
  acctKeyField: string;
  /** Entitlement column the entitlement keys refer to (entitlementID or entitlement_value). */
  entKeyField: string;
  pairs: [string, string][];
  /** The processing type(s) that produced them. */
  source: string;
}

/** The account column that holds the captured mapping info (the left side of STORE#ACC#ENT#MAPPINGINFO). */
export function mappingInfoColumn(cfg: ImportConfig): string {
  for (const c of cfg.accounts?.calls ?? []) for (const s of c.specs) if (isAcctEntStore(s)) return s.column;
  return 'customproperty31';
}

/** Parses the JSON stored in the mapping-info column (undefined when absent or not JSON). */
export function parseInfo(text: unknown): AcctEntMappingInfo | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as AcctEntMappingInfo) : undefined;
  } catch {
    return undefined;
  }
}

function bucket(
  out: Map<string, LinkPairs>,
  entType: string,
  acctKeyField: string,
  entKeyField: string,
  source: string,
) {
  const key = `${entType}\u0000${acctKeyField}\u0000${entKeyField}`;
  let b = out.get(key);
  if (!b) {
    b = { entType, acctKeyField, entKeyField, pairs: [], source };
    out.set(key, b);
  }
  return b;
}

/** The pairs read; on a failed call, those read before it, the failure and the entitlement type it cut short. */
export interface LinksRead {
  pairs: LinkPairs[];
  failure?: Diagnostic;
  partialType?: string;
}

/** Reads the account–entitlement pairs of every acctEntParams call (and root-level mapping types). */
export async function readLinks(
  ctx: RunContext,
  cfg: ImportConfig,
  accounts: readonly Account[],
  entValues: (type: string) => readonly EntitlementValue[],
  entRead: Map<string, EntTypeRead>,
): Promise<LinksRead> {
  const out = new Map<string, LinkPairs>();
  const infoCol = mappingInfoColumn(cfg);

  const fromAcctInfo = (onlyType?: string) => {
    for (const a of accounts) {
      const info = parseInfo(a[infoCol]);
      if (!info) continue;
      for (const [type, m] of Object.entries(info)) {
        if (onlyType !== undefined && type !== onlyType) continue;
        const b = bucket(out, type, 'name', m.keyField ?? 'entitlementID', 'acctToEntMapping');
        for (const id of m.entIds ?? []) b.pairs.push([a.name, String(id)]);
      }
    }
  };
  const fromEntMembers = (onlyType?: string) => {
    for (const [type, read] of entRead) {
      if (!read.members || (onlyType !== undefined && type !== onlyType)) continue;
      const b = bucket(out, type, read.members.keyField, 'entitlementID', 'entToAcctMapping');
      for (const [entId, members] of read.members.byEnt) for (const m of members) b.pairs.push([m, entId]);
    }
  };

  for (const call of cfg.acctEnt) {
    const failure = await readUntilFailure(() =>
      readCall(ctx, call, accounts, entValues, out, fromAcctInfo, fromEntMembers),
    );
    if (failure) {
      // pairs of later calls were never read: only the types read so far are reconciled
      return { pairs: [...out.values()], failure, partialType: call.entType };
    }
  }
  if (cfg.acctEnt.length === 0 && cfg.acctEntRootType === 'acctToEntMapping') fromAcctInfo();
  if (cfg.acctEnt.length === 0 && cfg.acctEntRootType === 'entToAcctMapping') fromEntMembers();
  return { pairs: [...out.values()] };
}

async function readCall(
  ctx: RunContext,
  call: AcctEntCallDef,
  accounts: readonly Account[],
  entValues: (type: string) => readonly EntitlementValue[],
  out: Map<string, LinkPairs>,
  fromAcctInfo: (t?: string) => void,
  fromEntMembers: (t?: string) => void,
): Promise<void> {
  const b = () => bucket(out, call.entType, call.acctKeyField, call.entKeyField, call.processingType);
  const acctPath = splitPath(call.acctIdPath ?? '');
  const entPath = splitPath(call.entIdPath ?? '');
  const str = (v: unknown) => {
    const s = toCharValue(v);
    return s === null || s === '' ? null : s;
  };
  switch (call.processingType) {
    case 'acctToEntMapping':
      fromAcctInfo(call.entType);
      return;
    case 'entToAcctMapping':
      fromEntMembers(call.entType);
      return;
    case 'http': {
      const into = b();
      await fetchAllPages(ctx, call, `access ${call.entType} ${call.name}`, {}, (items) => {
        for (let i = 0; i < items.length; i++) {
          const a = str(readSegments(items[i], acctPath));
          const e = str(readSegments(items[i], entPath));
          if (a !== null && e !== null) into.pairs.push([a, e]);
        }
      });
      return;
    }
    case 'httpEntToAcct': {
      const into = b();
      for (const ent of entValues(call.entType)) {
        if (ent.status !== 1) continue;
        const entKey = str(ent[call.entKeyField]);
        if (entKey === null) continue;
        const bindings = { id: entKey, entitlementID: ent.entitlementID, entitlementValue: ent.entitlement_value };
        await fetchAllPages(ctx, call, `access ${call.entType} ${call.name} ${entKey}`, bindings, (items) => {
          for (const item of items) {
            const a = str(readSegments(item, acctPath));
            if (a !== null) into.pairs.push([a, entKey]);
          }
        });
      }
      return;
    }
    case 'httpAcctToEnt': {
      const into = b();
      for (const acc of accounts) {
        const acctKey = str(acc[call.acctKeyField]);
        if (acctKey === null) continue;
        const bindings = { id: acctKey, accountName: acc.name, account: { ...acc } };
        await fetchAllPages(ctx, call, `access ${call.entType} ${call.name} ${acctKey}`, bindings, (items) => {
          for (const item of items) {
            const e = str(readSegments(item, entPath));
            if (e !== null) into.pairs.push([acctKey, e]);
          }
        });
      }
      return;
    }
  }
}
