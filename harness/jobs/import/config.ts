/**
 * Reads ImportAccountEntJSON (and STATUS_THRESHOLD_CONFIG) into typed call definitions. Malformed parts raise a
 * HarnessError naming the attribute, the JSON path and what was expected. What EIC ignores is ignored here too, e.g.
 * a `pagination` object at the entitlement-type level (the published LeanIX package puts it there).
 *
 * Call order: by `stageNumber`, then `callOrder`, then as written [DOC S4 gives both as ordering keys, "0 for the
 * first call"; its sample's dependent call2 has callOrder 1 and stageNumber 3; INF for their combination]; option
 * `callOrdering: 'order'` ignores stageNumber. `successResponses`/`unsuccessResponses` of accountParams,
 * entitlementParams and acctEntParams apply to their calls that give none [DOC S4].
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import { hasRules } from '../../http/success.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import { ATTR, bad, bool, isObj, type Obj, type Path, str } from './json-read.ts';
import { type ColumnSpec, type MappingWarning, parseColsToPropsMap } from './mapping.ts';
import { type Pagination, parsePagination } from './pagination.ts';
import { parseStatus, type StatusThresholdConfig } from './status-config.ts';

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
  unsuccessResponses?: unknown;
  /** `stageNumber` (0 when absent). */
  stageNumber: number;
  /** Legacy per-call flag (entitlement calls): disable entitlements deleted in the target [DOC S4]. */
  disableDeletedEntitlements?: boolean;
  where: Path;
  raw: Obj;
}

/** How calls are ordered: stageNumber then callOrder (default), or callOrder only. */
export type CallOrdering = 'stage-then-order' | 'order';

/** What a params object hands down to its calls. */
interface Inherited {
  connection?: string;
  successResponses?: unknown;
  unsuccessResponses?: unknown;
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
  /**
   * includeExistingInActiveAccounts [SEEN in 2 public packages, undocumented]: accounts that are inactive in EIC
   * (2, suspended) and listed again by the target are updated (and take the target's status). `false` leaves them as
   * they are (reported as skipped). Default true, the behaviour when the key is absent [INF].
   */
  includeExistingInActiveAccounts: boolean;
  acctEntMappings: AcctEntMappingDef[];
}

/** An entitlement type of entitlementParams. */
export interface EntTypeDef {
  name: string;
  order: number;
  calls: CallDef[];
  /**
   * entToAcctMapping source: `acctEntMappings{listField,idPath,keyField,importAsAccount}` of the type; with
   * `importAsAccount` the member accounts EIC does not know are created [INF, by analogy with importAsEntitlement,
   * DOC S4; SEEN in the corpus (false)].
   */
  entToAcct?: { listField: string; idPath: string; keyField: string; importAsAccount: boolean };
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
  /** statusAndThresholdConfig of accountParams, else the STATUS_THRESHOLD_CONFIG attribute. */
  status?: StatusThresholdConfig;
  /** entitlementParams.doNotChangeIfFailed (access import; accountParams' when entitlementParams has none). */
  entDoNotChangeIfFailed: boolean;
  entTypes: EntTypeDef[];
  acctEnt: AcctEntCallDef[];
  /** Root-level acctEntParams.processingType when it names a mapping type with no calls. */
  acctEntRootType?: 'acctToEntMapping' | 'entToAcctMapping';
  warnings: MappingWarning[];
}

const PROCESSING = ['acctToEntMapping', 'httpEntToAcct', 'httpAcctToEnt', 'entToAcctMapping', 'http'] as const;

function parseCall(name: string, raw: unknown, where: Path, inherited: Inherited, warnings: MappingWarning[]): CallDef {
  if (!isObj(raw)) return bad(where, 'a call object with "http", "listField" and "colsToPropsMap"');
  const http = raw.http;
  if (!isObj(http)) return bad([...where, 'http'], 'an object with url and httpMethod');
  if (typeof http.url !== 'string' || http.url.trim() === '') return bad([...where, 'http', 'url'], 'a URL string');
  const connection = str(
    raw.connection,
    [...where, 'connection'],
    'the name of an auth block of ConnectionJSON',
    inherited.connection ?? '',
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
  const stage = raw.stageNumber === undefined || raw.stageNumber === '' ? 0 : Number(raw.stageNumber);
  if (!Number.isFinite(stage)) return bad([...where, 'stageNumber'], 'a number');
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
    successResponses: hasRules(raw.successResponses) ? raw.successResponses : inherited.successResponses,
    unsuccessResponses: hasRules(raw.unsuccessResponses) ? raw.unsuccessResponses : inherited.unsuccessResponses,
    stageNumber: stage,
    ...(raw.disableDeletedEntitlements !== undefined
      ? { disableDeletedEntitlements: bool(raw.disableDeletedEntitlements, true) }
      : {}),
    where,
    raw,
  };
}

/** Sorts calls in EIC's order (stable: equal keys keep the order written). */
export function sortCalls<T extends { stageNumber: number; callOrder: number }>(
  calls: T[],
  ordering: CallOrdering,
): T[] {
  return calls.sort((a, b) =>
    ordering === 'order' ? a.callOrder - b.callOrder : a.stageNumber - b.stageNumber || a.callOrder - b.callOrder,
  );
}

/** What a params object (accountParams, entitlementParams, an entType, acctEntParams) hands to its calls. */
function inheritedFrom(p: Obj, parent: Inherited = {}): Inherited {
  return {
    connection: typeof p.connection === 'string' ? p.connection : parent.connection,
    successResponses: hasRules(p.successResponses) ? p.successResponses : parent.successResponses,
    unsuccessResponses: hasRules(p.unsuccessResponses) ? p.unsuccessResponses : parent.unsuccessResponses,
  };
}

function parseCalls(
  rawCalls: unknown,
  where: Path,
  inherited: Inherited,
  warnings: MappingWarning[],
  ordering: CallOrdering,
): CallDef[] {
  if (rawCalls === undefined) return [];
  if (!isObj(rawCalls)) return bad(where, 'an object of named calls {"call1": {...}}');
  const calls = Object.entries(rawCalls).map(([name, c]) => parseCall(name, c, [...where, name], inherited, warnings));
  return sortCalls(calls, ordering);
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

/** Parsing options. */
export interface ImportConfigOptions {
  /** Call order (default stage-then-order). */
  callOrdering?: CallOrdering;
}

/** Parses the import attributes of a package; throws HarnessError for a missing or malformed ImportAccountEntJSON. */
export function readImportConfig(pkg: ConnectionPackage, options: ImportConfigOptions = {}): ImportConfig {
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
  return parseImportConfig(attr.json, isObj(thresholdAttr?.json) ? thresholdAttr.json : undefined, options);
}

/** Parses an ImportAccountEntJSON object (plus an optional STATUS_THRESHOLD_CONFIG object). */
export function parseImportConfig(
  json: unknown,
  statusThresholdAttr?: Obj,
  options: ImportConfigOptions = {},
): ImportConfig {
  if (!isObj(json)) return bad([], 'a JSON object');
  const ordering = options.callOrdering ?? 'stage-then-order';
  const warnings: MappingWarning[] = [];
  const gs = isObj(json.globalSettings) ? json.globalSettings : {};
  const ap = json.accountParams;
  const statusAttr = isObj(statusThresholdAttr?.statusAndThresholdConfig)
    ? statusThresholdAttr.statusAndThresholdConfig
    : statusThresholdAttr;
  const cfg: ImportConfig = {
    dateFormat: typeof gs.dateFormat === 'string' ? gs.dateFormat : undefined,
    status:
      (isObj(ap)
        ? parseStatus(ap.statusAndThresholdConfig, ['accountParams', 'statusAndThresholdConfig'], ATTR)
        : undefined) ?? parseStatus(statusAttr, [], 'STATUS_THRESHOLD_CONFIG'),
    entDoNotChangeIfFailed: false,
    entTypes: [],
    acctEnt: [],
    warnings,
  };

  if (ap !== undefined) {
    if (!isObj(ap)) return bad(['accountParams'], 'an object');
    cfg.accounts = {
      calls: parseCalls(ap.call, ['accountParams', 'call'], inheritedFrom(ap), warnings, ordering),
      status: cfg.status,
      doNotChangeIfFailed: bool(ap.doNotChangeIfFailed, false),
      includeExistingInActiveAccounts: bool(ap.includeExistingInActiveAccounts, true),
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
    const inherited = inheritedFrom(ep);
    if (ep.entTypes !== undefined && !isObj(ep.entTypes))
      return bad(['entitlementParams', 'entTypes'], 'an object of entitlement types');
    for (const [name, t] of Object.entries((ep.entTypes as Obj | undefined) ?? {})) {
      const where: Path = ['entitlementParams', 'entTypes', name];
      if (!isObj(t)) return bad(where, 'an object with entTypeOrder and call');
      const aem = isObj(t.acctEntMappings) ? t.acctEntMappings : undefined;
      cfg.entTypes.push({
        name,
        order: t.entTypeOrder === undefined ? 0 : Number(t.entTypeOrder),
        calls: parseCalls(t.call, [...where, 'call'], inheritedFrom(t, inherited), warnings, ordering),
        entToAcct: aem
          ? {
              listField: String(aem.listField ?? aem.listPath ?? ''),
              idPath: String(aem.idPath ?? ''),
              keyField: String(aem.keyField ?? 'accountID'),
              importAsAccount: bool(aem.importAsAccount, false),
            }
          : undefined,
        ignoredPagination: t.pagination !== undefined,
      });
    }
    cfg.entTypes.sort((a, b) => a.order - b.order);
  }
  cfg.entDoNotChangeIfFailed = bool(
    isObj(json.entitlementParams) ? json.entitlementParams.doNotChangeIfFailed : undefined,
    cfg.accounts?.doNotChangeIfFailed ?? false,
  );

  if (json.acctEntParams !== undefined) {
    const ae = json.acctEntParams;
    if (!isObj(ae)) return bad(['acctEntParams'], 'an object');
    const aeInherited = inheritedFrom(ae);
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
          ? parseCall(name, c, cw, inheritedFrom(t, aeInherited), warnings)
          : {
              name,
              callOrder: 0,
              stageNumber: 0,
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
    sortCalls(cfg.acctEnt, ordering);
  }
  return cfg;
}
