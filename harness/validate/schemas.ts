/**
 * Known keys and shapes of each attribute type, from the connector reference (§1–3) and the keys seen in the corpus.
 * Unknown keys are warnings; `pagination` placement and `colsToPropsMap` values have their own checks.
 */
import { any, arr, map, num, obj, oneOf, type Spec, scalar, str } from './schema-dsl.ts';

const headers = map(scalar, 'httpHeaders');
// the object form, or the array form [{"<path>": value}, ...] (Saviynt's Terraform templates; see harness/http/success.ts)
const statusCodes = oneOf(
  obj({ statusCode: arr(oneOf(num, str)) }, { rest: any, what: 'successResponses' }),
  arr(oneOf(map(any, 'successResponses'), num, str)),
);
const params = oneOf(str, map(any, 'httpParams'));

const httpBlock = obj(
  { url: str, httpMethod: str, httpParams: params, httpHeaders: headers, httpContentType: str },
  { what: 'http', required: ['url'] },
);

/** The keys of a call object of ImportAccountEntJSON / ImportUserJSON (`call.call1`). */
const importCallKeys = {
  connection: str,
  callOrder: scalar,
  stageNumber: scalar,
  processingType: str,
  http: httpBlock,
  listField: str,
  keyField: str,
  colsToPropsMap: map(any, 'colsToPropsMap'),
  pagination: any,
  statusConfig: map(any),
  inputParams: map(any),
  nextApiKeyField: str,
  disableDeletedAccounts: scalar,
  disableDeletedEntitlements: scalar,
  makeProcessingStatus: scalar,
  successResponses: statusCodes,
  unsuccessResponses: statusCodes,
  acctKeyField: str,
  entKeyField: str,
  acctIdPath: str,
  entIdPath: str,
  ownerIdPath: str,
  ownerKeyField: str,
  dummyCall: any,
  multiTrigger: any,
  showResponse: scalar,
  userResponsePath: str,
} satisfies Record<string, Spec>;

/** A call object of ImportAccountEntJSON / ImportUserJSON (`call.call1`). */
const importCall = obj(importCallKeys, { what: 'import call' });

const acctEntMapping = obj(
  {
    listPath: str,
    idPath: str,
    keyField: str,
    listField: str,
    importAsEntitlement: scalar,
    importAsAccount: scalar,
    colsToPropsMap: map(any, 'colsToPropsMap'),
  },
  { what: 'acctEntMappings entry' },
);

const entType = obj(
  {
    entTypeOrder: scalar,
    entTypeLabels: map(any),
    call: map(importCall, 'call'),
    entMappings: map(any),
    acctEntMappings: any,
    entitlementOwnerConfig: any,
    initPrivigesMap: any,
    privilegeParams: any,
    processingType: str,
    connection: str,
  },
  { what: 'entitlement type' },
);

/** The keys of a call written at the root of an import JSON (ImportUserJSON, and old ImportAccountEntJSON files). */
const rootCallKeys = {
  connection: str,
  url: str,
  httpMethod: str,
  httpParams: params,
  httpHeaders: headers,
  httpContentType: str,
  userResponsePath: str,
  colsToPropsMap: map(any, 'colsToPropsMap'),
  statusConfig: map(any),
  successResponses: statusCodes,
  pagination: any,
};

/** ImportAccountEntJSON (§2). */
export const importAccountEnt: Spec = obj(
  {
    globalSettings: map(any),
    accountParams: obj(
      {
        connection: str,
        processingType: str,
        createUsers: scalar,
        adminName: str,
        includeExistingInActiveAccounts: scalar,
        doNotChangeIfFailed: scalar,
        successResponses: statusCodes,
        unsuccessResponses: statusCodes,
        statusAndThresholdConfig: obj(
          {
            statusColumn: str,
            activeStatus: any,
            active: any,
            status: any,
            inactiveStatus: any,
            deleteLinks: scalar,
            accountThresholdValue: scalar,
            correlateInactiveAccounts: scalar,
            inactivateAccountsNotInFile: scalar,
            deleteAccEntForActiveAccounts: scalar,
            accountsNotInImportAction: str,
            entThresholdValue: any,
            inactivateEntsNotInFeed: scalar,
          },
          { what: 'statusAndThresholdConfig' },
        ),
        call: map(importCall, 'call'),
        acctEntMappings: map(acctEntMapping, 'acctEntMappings'),
      },
      { what: 'accountParams' },
    ),
    entitlementParams: obj(
      {
        connection: str,
        processingType: str,
        doNotChangeIfFailed: scalar,
        entTypes: map(entType, 'entTypes'),
        successResponses: statusCodes,
      },
      { what: 'entitlementParams' },
    ),
    acctEntParams: obj(
      {
        connection: str,
        processingType: str,
        doNotChangeIfFailed: scalar,
        entTypes: map(
          obj({ call: map(importCall, 'call'), processingType: str, connection: str }, { what: 'entitlement type' }),
        ),
        call: map(importCall, 'call'),
      },
      { what: 'acctEntParams' },
    ),
    entOwnerParams: any,
    entMappingParams: any,
    acctEntMappings: map(acctEntMapping, 'acctEntMappings'),
    // Old single-call layout seen in the corpus (ImportUserJSON-like keys at the root).
    ...rootCallKeys,
  },
  { what: 'ImportAccountEntJSON' },
);

/** One call of ImportUserJSON's multiCall list: the keys of a root call or of an import call (fidelity addendum). */
const multiCallItem = obj({ ...rootCallKeys, ...importCallKeys, name: str }, { what: 'multiCall call' });

/** ImportUserJSON: one call at the root, or `{"type":"multiCall","call":[...]}` (fidelity addendum [SEEN S2, S22]). */
export const importUser: Spec = obj(
  {
    ...rootCallKeys,
    listField: str,
    keyField: str,
    unsuccessResponses: statusCodes,
    type: str,
    call: oneOf(map(importCall, 'call'), arr(multiCallItem)),
    globalSettings: map(any),
  },
  { what: 'ImportUserJSON' },
);

/** One call of a provisioning JSON (§3.1). */
export const provisioningCall = obj(
  {
    name: str,
    connection: str,
    url: str,
    httpMethod: str,
    httpParams: params,
    httpHeaders: headers,
    httpContentType: str,
    successResponses: statusCodes,
    unsuccessResponses: statusCodes,
    showResponse: scalar,
    callOrder: scalar,
    privilegeEntitlement: map(any),
    ticketidPath: str,
    ticketStatusPath: str,
    ticketStatusValue: any,
  },
  { what: 'call', required: ['url'] },
);

/** Create/Update/Enable/Disable/RemoveAccount, Add/RemoveAccess, ChangePass and ticket JSONs. */
export const provisioning: Spec = obj(
  {
    call: arr(provisioningCall),
    accountIdPath: str,
    dateFormat: str,
    responseColsToPropsMap: map(any, 'responseColsToPropsMap'),
  },
  { what: 'provisioning JSON', required: ['call'] },
);

/** UpdateUserJSON: `{"actions":{"<Action>":{"call":[...]}}}` (§3.1). */
export const updateUser: Spec = obj(
  {
    actions: map(obj({ call: arr(provisioningCall) }, { what: 'action', required: ['call'] }), 'actions'),
    call: arr(provisioningCall),
    dateFormat: str,
  },
  { what: 'UpdateUserJSON' },
);

const authBlock = obj(
  {
    authType: str,
    url: str,
    httpMethod: str,
    httpParams: params,
    httpHeaders: headers,
    httpContentType: str,
    expiryError: any,
    authError: any,
    timeOutError: any,
    errorPath: str,
    retryFailureStatusCode: arr(oneOf(num, str)),
    maxRefreshTryCount: scalar,
    tokenResponsePath: str,
    tokenType: str,
    accessToken: str,
    authHeaderName: str,
    properties: map(any),
    refreshType: str,
    refreshToken: str,
    refreshTokenResponsePath: str,
    refreshTokenAuthError: any,
    refreshTokenErrorPath: str,
    refreshTokenCall: any,
    jwtConfig: any,
    httpParamsName: str,
    ssl: any,
    apiRateLimitConfig: any,
    maskInLogs: any,
    cleanUpTextContent: any,
    testConnectionParams: any,
    pagination: any,
  },
  // `${connection.<key>}` reads extra keys placed in the block (§1.3), so extra scalar keys are allowed.
  { what: 'authentication block', rest: any },
);

/** ConnectionJSON (§1). */
export const connection: Spec = obj({ authentications: map(authBlock, 'authentications') }, { what: 'ConnectionJSON' });

/** ConfigJSON (§3.1). */
export const config: Spec = obj(
  {
    showLogs: scalar,
    connectionTimeoutConfig: obj(
      {
        connectionTimeout: scalar,
        readTimeout: scalar,
        writeTimeout: scalar,
        retryWait: scalar,
        retryCount: scalar,
        retryWaitMaxValue: scalar,
        retryFailureStatusCode: oneOf(scalar, arr(scalar)),
        // the refresh limit of auth blocks without maxRefreshTryCount (harness/http/auth/refresh.ts) [SEEN S21]
        tokenRefreshMaxTryCount: scalar,
      },
      { what: 'connectionTimeoutConfig' },
    ),
    provisioningLimit: map(any),
  },
  { what: 'ConfigJSON' },
);

const PROVISIONING = [
  'CreateAccountJSON',
  'UpdateAccountJSON',
  'EnableAccountJSON',
  'DisableAccountJSON',
  'RemoveAccountJSON',
  'AddAccessJSON',
  'RemoveAccessJSON',
  'ChangePassJSON',
  'CreateTicketJSON',
  'TicketStatusJSON',
  'AddFFIDAccessJSON',
  'RemoveFFIDAccessJSON',
];

/** The schema of an attribute, or undefined for attributes accepted as plain JSON. */
export function schemaFor(attribute: string): Spec | undefined {
  if (attribute === 'ConnectionJSON') return connection;
  if (attribute === 'ImportAccountEntJSON') return importAccountEnt;
  if (attribute === 'ImportUserJSON') return importUser;
  if (attribute === 'UpdateUserJSON') return updateUser;
  if (attribute === 'ConfigJSON') return config;
  if (PROVISIONING.includes(attribute)) return provisioning;
  return undefined;
}

/** True for attributes whose calls are provisioning calls (`call` array). */
export function isProvisioning(attribute: string): boolean {
  return PROVISIONING.includes(attribute) || attribute === 'UpdateUserJSON';
}
