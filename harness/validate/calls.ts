/** Finds every HTTP call object in an attribute: import calls, provisioning calls and authentication blocks. */
import type { JsonPath } from '../package/text-position.ts';
import { walkStrings } from './context.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One call (or token request) with where its parts are. */
export interface CallSite {
  kind: 'import' | 'provisioning' | 'auth';
  /** Path of the call object. */
  path: JsonPath;
  call: Json;
  /** The object holding url/httpParams/httpHeaders (the call itself, or its `http` block). */
  http: Json;
  httpPath: JsonPath;
  /** Effective `connection` name (own, or inherited from the section) and where it is written. */
  connection?: unknown;
  connectionPath?: JsonPath;
  /** Provisioning call name, or import call key. */
  name?: string;
  /** Entitlement type for entitlement/acctEnt import calls. */
  entType?: string;
  /** Import section: accountParams, entitlementParams, acctEntParams, root. */
  section?: string;
}

function importCalls(
  calls: unknown,
  base: JsonPath,
  section: string,
  inherited: { connection?: unknown; path?: JsonPath },
  entType?: string,
): CallSite[] {
  if (!isObject(calls)) return [];
  const out: CallSite[] = [];
  for (const [key, call] of Object.entries(calls)) {
    // A `pagination` beside the call objects is not a call (pagination.ts reports it as misplaced).
    if (!isObject(call) || key === 'pagination') continue;
    const path = [...base, key];
    const http = isObject(call.http) ? call.http : call;
    const own = call.connection !== undefined;
    out.push({
      kind: 'import',
      path,
      call,
      http,
      httpPath: http === call ? path : [...path, 'http'],
      connection: own ? call.connection : inherited.connection,
      connectionPath: own ? [...path, 'connection'] : inherited.path,
      name: key,
      entType,
      section,
    });
  }
  return out;
}

/**
 * ImportUserJSON's multi-call form `{"type":"multiCall","call":[{...},{...}]}` (fidelity addendum: Paylocity, a
 * forum example [SEEN S2, S22]): each list item is a call, flat or with an `http` block.
 */
function multiCalls(list: unknown[], inherited: { connection?: unknown; path?: JsonPath }): CallSite[] {
  const out: CallSite[] = [];
  list.forEach((call, i) => {
    if (!isObject(call)) return;
    const path = ['call', i];
    const http = isObject(call.http) ? call.http : call;
    const own = call.connection !== undefined;
    out.push({
      kind: 'import',
      path,
      call,
      http,
      httpPath: http === call ? path : [...path, 'http'],
      connection: own ? call.connection : inherited.connection,
      connectionPath: own ? [...path, 'connection'] : inherited.path,
      name: typeof call.name === 'string' ? call.name : `call${i + 1}`,
      section: 'root',
    });
  });
  return out;
}

function sectionConn(section: Json, path: JsonPath, parent?: { connection?: unknown; path?: JsonPath }) {
  return section.connection !== undefined
    ? { connection: section.connection, path: [...path, 'connection'] }
    : (parent ?? {});
}

function provisioningCalls(list: unknown, base: JsonPath): CallSite[] {
  if (!Array.isArray(list)) return [];
  const out: CallSite[] = [];
  list.forEach((call, i) => {
    if (!isObject(call)) return;
    const path = [...base, i];
    out.push({
      kind: 'provisioning',
      path,
      call,
      http: call,
      httpPath: path,
      connection: call.connection,
      connectionPath: call.connection !== undefined ? [...path, 'connection'] : undefined,
      name: typeof call.name === 'string' ? call.name : undefined,
    });
  });
  return out;
}

/** Every call of an attribute's parsed JSON (empty for attributes without calls or with an unexpected shape). */
export function findCalls(attribute: string, json: unknown): CallSite[] {
  if (!isObject(json)) return [];
  if (attribute === 'ConnectionJSON') {
    const auths = json.authentications;
    if (!isObject(auths)) return [];
    return Object.entries(auths)
      .filter(([, b]) => isObject(b))
      .map(([name, b]) => ({
        kind: 'auth' as const,
        path: ['authentications', name],
        call: b as Json,
        http: b as Json,
        httpPath: ['authentications', name],
        name,
      }));
  }
  if (attribute === 'ImportAccountEntJSON' || attribute === 'ImportUserJSON') {
    const out: CallSite[] = [];
    if (typeof json.url === 'string') {
      out.push({
        kind: 'import',
        path: [],
        call: json,
        http: json,
        httpPath: [],
        connection: json.connection,
        connectionPath: json.connection !== undefined ? ['connection'] : undefined,
        section: 'root',
      });
    }
    if (Array.isArray(json.call)) out.push(...multiCalls(json.call, sectionConn(json, [])));
    else out.push(...importCalls(json.call, ['call'], 'root', sectionConn(json, [])));
    const acct = json.accountParams;
    if (isObject(acct))
      out.push(
        ...importCalls(acct.call, ['accountParams', 'call'], 'accountParams', sectionConn(acct, ['accountParams'])),
      );
    const ent = json.entitlementParams;
    if (isObject(ent) && isObject(ent.entTypes)) {
      const inh = sectionConn(ent, ['entitlementParams']);
      for (const [t, def] of Object.entries(ent.entTypes)) {
        if (!isObject(def)) continue;
        const base = ['entitlementParams', 'entTypes', t];
        out.push(...importCalls(def.call, [...base, 'call'], 'entitlementParams', sectionConn(def, base, inh), t));
      }
    }
    const ae = json.acctEntParams;
    if (isObject(ae)) {
      const inh = sectionConn(ae, ['acctEntParams']);
      out.push(...importCalls(ae.call, ['acctEntParams', 'call'], 'acctEntParams', inh));
      if (isObject(ae.entTypes)) {
        for (const [t, def] of Object.entries(ae.entTypes)) {
          if (!isObject(def)) continue;
          const base = ['acctEntParams', 'entTypes', t];
          out.push(...importCalls(def.call, [...base, 'call'], 'acctEntParams', sectionConn(def, base, inh), t));
        }
      }
    }
    return out;
  }
  if (attribute === 'UpdateUserJSON') {
    const out = provisioningCalls(json.call, ['call']);
    if (isObject(json.actions)) {
      for (const [a, def] of Object.entries(json.actions)) {
        if (isObject(def)) out.push(...provisioningCalls(def.call, ['actions', a, 'call']));
      }
    }
    return out;
  }
  return provisioningCalls(json.call, ['call']);
}

/** One thing a check found in a call's body, at its JSON path (`httpParams`, or a value inside an object body). */
export interface BodyFinding<T> {
  path: JsonPath;
  item: T;
}

/**
 * What `inText` finds in a call's string `httpParams` (the body template) and `inValue` in each string value of an
 * object `httpParams` (each sent as one JSON value), with the path of each.
 */
export function findInBody<T>(c: CallSite, inText: (t: string) => T[], inValue: (s: string) => T[]): BodyFinding<T>[] {
  const body = c.http.httpParams;
  const base = [...c.httpPath, 'httpParams'];
  const out: BodyFinding<T>[] = [];
  if (typeof body === 'string') for (const item of inText(body)) out.push({ path: base, item });
  else if (body && typeof body === 'object')
    walkStrings(body, (sub, s) => {
      for (const item of inValue(s)) out.push({ path: [...base, ...sub], item });
    });
  return out;
}
