/**
 * Cross-attribute references: `connection` names exist in ConnectionJSON (§0), and Add/RemoveAccess call names
 * equal entitlement types of ImportAccountEntJSON (§3.1: a task of type T runs only the calls named T).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding } from './context.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks that every call names an authentication block that exists. */
export function checkConnectionNames(ctx: AttrContext, calls: CallSite[], authNames: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of calls) {
    if (c.kind === 'auth') continue;
    if (c.connection === undefined) {
      out.push(
        finding(
          ctx,
          'connection.missing',
          'warning',
          c.path,
          'This call names no "connection": EIC cannot tell which authentication block to use',
          authNames.length > 0 ? `Add "connection": "${authNames[0]}".` : 'Add "connection": "<authName>".',
        ),
      );
      continue;
    }
    if (typeof c.connection !== 'string') continue; // reported by the schema
    if (authNames.length > 0 && !authNames.includes(c.connection)) {
      const near = suggest(c.connection, authNames);
      out.push(
        finding(
          ctx,
          'connection.unknown',
          'error',
          c.connectionPath ?? c.path,
          `Connection "${c.connection}" is not an authentication block of ConnectionJSON (blocks: ${authNames.join(', ')})`,
          near ? `Did you mean "${near}"?` : 'Use the name of a block under ConnectionJSON.authentications.',
        ),
      );
    }
  }
  return out;
}

/** Entitlement types declared by an ImportAccountEntJSON (entitlementParams.entTypes and acctEntMappings keys). */
export function entitlementTypes(importJson: unknown): string[] {
  if (!isObject(importJson)) return [];
  const types = new Set<string>();
  const ent = importJson.entitlementParams;
  if (isObject(ent) && isObject(ent.entTypes)) for (const t of Object.keys(ent.entTypes)) types.add(t);
  const acct = importJson.accountParams;
  for (const m of [isObject(acct) ? acct.acctEntMappings : undefined, importJson.acctEntMappings]) {
    if (isObject(m)) for (const t of Object.keys(m)) types.add(t);
  }
  return [...types];
}

/** Add/RemoveAccess: each call's name must be an entitlement type, else it never runs. */
export function checkAccessCallNames(ctx: AttrContext, calls: CallSite[], types: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of calls) {
    if (c.kind !== 'provisioning') continue;
    if (c.name === undefined) {
      out.push(
        finding(
          ctx,
          'access.unnamed-call',
          'error',
          c.path,
          `${ctx.name} calls must be named after the entitlement type they provision`,
          `Add "name": "${types[0] ?? '<EntitlementType>'}".`,
        ),
      );
      continue;
    }
    if (types.includes(c.name)) continue;
    const near = suggest(c.name, types);
    out.push(
      finding(
        ctx,
        'access.unknown-entitlement-type',
        'warning',
        [...c.path, 'name'],
        `Call "${c.name}" does not match any entitlement type of ImportAccountEntJSON (${types.join(', ')}): EIC runs only the calls named after the task's entitlement type, so this call never runs`,
        near ? `Did you mean "${near}"? (names are case-sensitive)` : 'Name the call after the entitlement type.',
      ),
    );
  }
  return out;
}
