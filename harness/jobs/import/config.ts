/**
 * Reads ImportAccountEntJSON (and STATUS_THRESHOLD_CONFIG) into typed call definitions. Malformed parts raise a
 * HarnessError naming the attribute, the JSON path and what was expected. What EIC ignores is ignored here too, e.g.
 * a `pagination` object at the entitlement-type level (the published LeanIX package puts it there).
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import { type ColumnSpec, type MappingWarning, parseColsToPropsMap } from './mapping.ts';
import { type Pagination, parsePagination } from './pagination.ts';

const ATTR = 'ImportAccountEntJSON';
type Path = (string | number)[];
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function bad(path: Path, expected: string, attribute = ATTR): never {
  throw new HarnessError('import.config', `expected ${expected}`, { attribute, path });
}

/** One call of accountParams / an entitlement type / acctEntParams. */
export interface CallDef {
  name: string;
  callOrder: number;
  connection: string;
  http: Obj;
  listField: string;
  keyField?: string;
  specs: ColumnSpec[];
  pagination: Pagination;
  /** Runs once per account (accountParams) or per entitlement (entitlementParams). */
  dependent: boolean;
  /** Entitlement type iterated by an entitlement dependent call (`inputParams.entitlementname`). */
  iterateType?: string;
  nextApiKeyField?: string;
  statusConfig?: { active?: string; inactive?: string };
  successResponses?: unknown;
  where: Path;
  raw: Obj;
}

/** statusAndThresholdConfig with its documented defaults. */
export interface StatusThresholdConfig {
  statusColumn?: string;
  activeStatus?: string[];
  deleteLinks: boolean;
  accountThresholdValue?: number;
  correlateInactiveAccounts: boolean;
  inactivateAccountsNotInFile: boolean;
  deleteAccEntForActiveAccounts: boolean;
}

/** An `acctEntMappings` entry of accountParams: where an account record lists its entitlements. */
export interface AcctEntMappingDef {
  entType: string;
  listPath: string;
  idPath: string;
  keyField: string;
  importAsEntitlement: boolean;
  specs: ColumnSpec[];
}

export interface AccountParamsDef {
  calls: CallDef[];
  status?: StatusThresholdConfig;
  doNotChangeIfFailed: boolean;
  acctEntMappings: AcctEntMappingDef[];
}

/** An entitlement type of entitlementParams. */
export interface EntTypeDef {
  name: string;
  order: number;
  calls: CallDef[];
  /** entToAcctMapping source: `acctEntMappings{listField,idPath,keyField}` of the type. */
  entToAcct?: { listField: string; idPath: string; keyField: string };
  /** Set when a `pagination` sits at the type level, where EIC does not read it. */
  ignoredPagination: boolean;
}

/** One acctEntParams call (or a call-less mapping type). */
export interface AcctEntCallDef extends CallDef {
  processingType: 'acctToEntMapping' | 'httpEntToAcct' | 'httpAcctToEnt' | 'entToAcctMapping' | 'http';
  entType: string;
  acctIdPath?: string;
  entIdPath?: string;
  acctKeyField: string;
  entKeyField: string;
}

export interface ImportConfig {
  dateFormat?: string;
  accounts?: AccountParamsDef;
  entTypes: EntTypeDef[];
  acctEnt: AcctEntCallDef[];
  /** Root-level acctEntParams.processingType when it names a mapping type with no calls. */
  acctEntRootType?: 'acctToEntMapping' | 'entToAcctMapping';
  warnings: MappingWarning[];
}

const PROCESSING = ['acctToEntMapping', 'httpEntToAcct', 'httpAcctToEnt', 'entToAcctMapping', 'http'] as const;

function str(v: unknown, path: Path, what: string, fallback?: string): string {
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    return bad(path, what);
  }
  if (typeof v !== 'string') return bad(path, what);
  return v;
}

function bool(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  return v === true || String(v).toLowerCase() === 'true';
}

function parseCall(
  name: string,
  raw: unknown,
  where: Path,
  inheritedConnection: string | undefined,
  warnings: MappingWarning[],
): CallDef {
  if (!isObj(raw)) return bad(where, 'a call object with "http", "listField" and "colsToPropsMap"');
  const http = raw.http;
  if (!isObj(http)) return bad([...where, 'http'], 'an object with url and httpMethod');
  if (typeof http.url !== 'string' || http.url.trim() === '') return bad([...where, 'http', 'url'], 'a URL string');
  const connection = str(
    raw.connection,
    [...where, 'connection'],
    'the name of an auth block of ConnectionJSON',
    inheritedConnection ?? '',
  );
  if (!connection)
    return bad([...where, 'connection'], 'the name of an auth block of ConnectionJSON (here or on the params object)');
  let specs: ColumnSpec[] = [];
  if (raw.colsToPropsMap !== undefined) {
    if (!isObj(raw.colsToPropsMap))
      return bad([...where, 'colsToPropsMap'], 'an object of "<column>": "<path>~#~<type>"');
    const parsed = parseColsToPropsMap(raw.colsToPropsMap);
    specs = parsed.specs;
    warnings.push(...parsed.warnings);
  }
  const inputParams = isObj(raw.inputParams) ? raw.inputParams : {};
  const statusConfig = isObj(raw.statusConfig)
    ? {
        active: raw.statusConfig.active === undefined ? undefined : String(raw.statusConfig.active),
        inactive: raw.statusConfig.inactive === undefined ? undefined : String(raw.statusConfig.inactive),
      }
    : undefined;
  const order = raw.callOrder === undefined ? 0 : Number(raw.callOrder);
  if (!Number.isFinite(order)) return bad([...where, 'callOrder'], 'a number');
  return {
    name,
    callOrder: order,
    connection,
    http,
    listField: str(raw.listField, [...where, 'listField'], 'a body path string ("" = the body is the list)', ''),
    keyField: typeof raw.keyField === 'string' ? raw.keyField : undefined,
    specs,
    pagination: parsePagination(raw.pagination, where),
    dependent: bool(inputParams.dependentCall, false) || typeof inputParams.entitlementname === 'string',
    iterateType: typeof inputParams.entitlementname === 'string' ? inputParams.entitlementname : undefined,
    nextApiKeyField: typeof raw.nextApiKeyField === 'string' ? raw.nextApiKeyField : undefined,
    statusConfig,
    successResponses: raw.successResponses,
    where,
    raw,
  };
}

function parseCalls(
  rawCalls: unknown,
  where: Path,
  connection: string | undefined,
  warnings: MappingWarning[],
): CallDef[] {
  if (rawCalls === undefined) return [];
  if (!isObj(rawCalls)) return bad(where, 'an object of named calls {"call1": {...}}');
  const calls = Object.entries(rawCalls).map(([name, c]) => parseCall(name, c, [...where, name], connection, warnings));
  return calls.sort((a, b) => a.callOrder - b.callOrder);
}

function parseStatus(raw: unknown, path: Path, attribute: string): StatusThresholdConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) return bad(path, 'an object', attribute);
  const active = raw.activeStatus ?? raw.active ?? raw.status;
  if (active !== undefined && !Array.isArray(active))
    return bad([...path, 'activeStatus'], 'an array of values', attribute);
  const threshold = raw.accountThresholdValue;
  if (threshold !== undefined && !Number.isFinite(Number(threshold)))
    return bad([...path, 'accountThresholdValue'], 'a number', attribute);
  return {
    statusColumn: typeof raw.statusColumn === 'string' ? raw.statusColumn : undefined,
    activeStatus: Array.isArray(active) ? active.map((v) => String(v)) : undefined,
    deleteLinks: bool(raw.deleteLinks, false),
    accountThresholdValue: threshold === undefined ? undefined : Number(threshold),
    correlateInactiveAccounts: bool(raw.correlateInactiveAccounts, false),
    inactivateAccountsNotInFile: bool(raw.inactivateAccountsNotInFile, false),
    deleteAccEntForActiveAccounts: bool(raw.deleteAccEntForActiveAccounts, true),
  };
}

function parseAcctEntMappings(raw: unknown, where: Path, warnings: MappingWarning[]): AcctEntMappingDef[] {
  if (raw === undefined) return [];
  if (!isObj(raw)) return bad(where, 'an object of entitlement types');
  return Object.entries(raw).map(([entType, m]) => {
    const p = [...where, entType];
    if (!isObj(m)) return bad(p, 'an object with listPath, idPath and keyField');
    const parsed = isObj(m.colsToPropsMap) ? parseColsToPropsMap(m.colsToPropsMap) : { specs: [], warnings: [] };
    warnings.push(...parsed.warnings);
    return {
      entType,
      listPath: str(m.listPath, [...p, 'listPath'], 'a path string', ''),
      idPath: str(m.idPath, [...p, 'idPath'], 'a path string', ''),
      keyField: str(m.keyField, [...p, 'keyField'], 'entitlementID or entitlement_value', 'entitlementID'),
      importAsEntitlement: bool(m.importAsEntitlement, false),
      specs: parsed.specs,
    };
  });
}

/** Parses the import attributes of a package; throws HarnessError for a missing or malformed ImportAccountEntJSON. */
export function readImportConfig(pkg: ConnectionPackage): ImportConfig {
  const attr = pkg.attributes.ImportAccountEntJSON;
  if (!attr)
    throw new HarnessError('import.config.missing', `package ${pkg.name} has no ImportAccountEntJSON`, {
      file: pkg.origin,
    });
  if (attr.parseError || !isObj(attr.json))
    throw new HarnessError(
      'import.config.json',
      `ImportAccountEntJSON is not a JSON object${attr.parseError ? `: ${attr.parseError.message}` : ''}`,
      { file: attr.source, attribute: ATTR, ...(attr.parseError?.location ?? {}) },
    );
  const thresholdAttr = pkg.attributes.STATUS_THRESHOLD_CONFIG;
  return parseImportConfig(attr.json, isObj(thresholdAttr?.json) ? thresholdAttr.json : undefined);
}

/** Parses an ImportAccountEntJSON object (plus an optional STATUS_THRESHOLD_CONFIG object). */
export function parseImportConfig(json: unknown, statusThresholdAttr?: Obj): ImportConfig {
  if (!isObj(json)) return bad([], 'a JSON object');
  const warnings: MappingWarning[] = [];
  const gs = isObj(json.globalSettings) ? json.globalSettings : {};
  const cfg: ImportConfig = {
    dateFormat: typeof gs.dateFormat === 'string' ? gs.dateFormat : undefined,
    entTypes: [],
    acctEnt: [],
    warnings,
  };

  if (json.accountParams !== undefined) {
    const ap = json.accountParams;
    if (!isObj(ap)) return bad(['accountParams'], 'an object');
    const conn = typeof ap.connection === 'string' ? ap.connection : undefined;
    const status =
      parseStatus(ap.statusAndThresholdConfig, ['accountParams', 'statusAndThresholdConfig'], ATTR) ??
      parseStatus(statusThresholdAttr?.statusAndThresholdConfig ?? statusThresholdAttr, [], 'STATUS_THRESHOLD_CONFIG');
    cfg.accounts = {
      calls: parseCalls(ap.call, ['accountParams', 'call'], conn, warnings),
      status,
      doNotChangeIfFailed: bool(ap.doNotChangeIfFailed, false),
      acctEntMappings: parseAcctEntMappings(
        ap.acctEntMappings ?? json.acctEntMappings,
        ap.acctEntMappings !== undefined ? ['accountParams', 'acctEntMappings'] : ['acctEntMappings'],
        warnings,
      ),
    };
  }

  if (json.entitlementParams !== undefined) {
    const ep = json.entitlementParams;
    if (!isObj(ep)) return bad(['entitlementParams'], 'an object');
    const conn = typeof ep.connection === 'string' ? ep.connection : undefined;
    if (ep.entTypes !== undefined && !isObj(ep.entTypes))
      return bad(['entitlementParams', 'entTypes'], 'an object of entitlement types');
    for (const [name, t] of Object.entries((ep.entTypes as Obj | undefined) ?? {})) {
      const where: Path = ['entitlementParams', 'entTypes', name];
      if (!isObj(t)) return bad(where, 'an object with entTypeOrder and call');
      const aem = isObj(t.acctEntMappings) ? t.acctEntMappings : undefined;
      cfg.entTypes.push({
        name,
        order: t.entTypeOrder === undefined ? 0 : Number(t.entTypeOrder),
        calls: parseCalls(t.call, [...where, 'call'], typeof t.connection === 'string' ? t.connection : conn, warnings),
        entToAcct: aem
          ? {
              listField: String(aem.listField ?? aem.listPath ?? ''),
              idPath: String(aem.idPath ?? ''),
              keyField: String(aem.keyField ?? 'accountID'),
            }
          : undefined,
        ignoredPagination: t.pagination !== undefined,
      });
    }
    cfg.entTypes.sort((a, b) => a.order - b.order);
  }

  if (json.acctEntParams !== undefined) {
    const ae = json.acctEntParams;
    if (!isObj(ae)) return bad(['acctEntParams'], 'an object');
    const conn = typeof ae.connection === 'string' ? ae.connection : undefined;
    const rootType = ae.processingType;
    if (rootType === 'acctToEntMapping' || rootType === 'entToAcctMapping') cfg.acctEntRootType = rootType;
    else if (rootType !== undefined && !PROCESSING.includes(rootType as (typeof PROCESSING)[number]))
      return bad(['acctEntParams', 'processingType'], `one of ${PROCESSING.join(', ')}`);
    if (ae.entTypes !== undefined && !isObj(ae.entTypes))
      return bad(['acctEntParams', 'entTypes'], 'an object of entitlement types');
    for (const [entType, t] of Object.entries((ae.entTypes as Obj | undefined) ?? {})) {
      const where: Path = ['acctEntParams', 'entTypes', entType];
      if (!isObj(t)) return bad(where, 'an object with call');
      const calls = isObj(t.call) ? t.call : {};
      for (const [name, c] of Object.entries(calls)) {
        const cw: Path = [...where, 'call', name];
        if (!isObj(c)) return bad(cw, 'a call object');
        const pt = c.processingType ?? t.processingType ?? rootType;
        if (typeof pt !== 'string' || !PROCESSING.includes(pt as (typeof PROCESSING)[number]))
          return bad([...cw, 'processingType'], `one of ${PROCESSING.join(', ')}`);
        const processingType = pt as AcctEntCallDef['processingType'];
        const needsHttp = processingType.startsWith('http');
        const base: CallDef = needsHttp
          ? parseCall(name, c, cw, typeof t.connection === 'string' ? t.connection : conn, warnings)
          : {
              name,
              callOrder: 0,
              connection: '',
              http: {},
              listField: '',
              specs: [],
              pagination: { kind: 'none' },
              dependent: false,
              where: cw,
              raw: c,
            };
        if (processingType === 'http' || processingType === 'httpEntToAcct') {
          if (typeof c.acctIdPath !== 'string')
            return bad([...cw, 'acctIdPath'], 'the path of the account id in each item');
        }
        if (processingType === 'http' || processingType === 'httpAcctToEnt') {
          if (typeof c.entIdPath !== 'string')
            return bad([...cw, 'entIdPath'], 'the path of the entitlement id in each item');
        }
        cfg.acctEnt.push({
          ...base,
          processingType,
          entType,
          acctIdPath: typeof c.acctIdPath === 'string' ? c.acctIdPath : undefined,
          entIdPath: typeof c.entIdPath === 'string' ? c.entIdPath : undefined,
          acctKeyField: typeof c.acctKeyField === 'string' ? c.acctKeyField : 'accountID',
          entKeyField: typeof c.entKeyField === 'string' ? c.entKeyField : 'entitlementID',
        });
      }
    }
    cfg.acctEnt.sort((a, b) => a.callOrder - b.callOrder);
  }
  return cfg;
}
