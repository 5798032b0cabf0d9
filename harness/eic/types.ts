/**
 * The in-memory EIC model shared by the emulator's parts (provisioning jobs, imports, reports):
 * identities, the endpoint/security system, accounts, entitlement values, account-entitlement links and tasks.
 * Column names are EIC's own (accountID, name, customproperty1..N, entitlementID, entitlement_value, ...).
 */

/** A row of EIC's users table, as bound to `${user.*}`. Extra columns are allowed (customproperty1..N etc.). */
export interface Identity {
  username: string;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  displayname?: string | null;
  manager?: string | null;
  statuskey?: string | number | null;
  [column: string]: unknown;
}

/** EIC account status values as the UI and the docs name them. */
export const ACCOUNT_STATUS = {
  ACTIVE: '1',
  INACTIVE: '2',
  MANUALLY_SUSPENDED: 'Manually Suspended',
  MANUALLY_PROVISIONED: 'Manually Provisioned',
  SUSPENDED_FROM_IMPORT: 'SUSPENDED FROM IMPORT SERVICE',
} as const;

/** An account in EIC (accounts table). `status` holds one of ACCOUNT_STATUS or a raw target value mapped by import. */
export interface Account {
  name: string;
  accountID: string | null;
  status: string;
  /** The identity (username) this account is correlated to, if any. */
  owner?: string | null;
  displayname?: string | null;
  lastlogondate?: string | null;
  [column: string]: unknown;
}

/** An entitlement value (entitlement_values table) of one entitlement type. */
export interface EntitlementValue {
  type: string;
  entitlementID: string;
  entitlement_value: string;
  /** 1 = active, 2 = inactive (deleted from the target). */
  status: 1 | 2;
  [column: string]: unknown;
}

/** A link account -> entitlement value (account_entitlements1). */
export interface AccountEntitlementLink {
  accountName: string;
  entitlementType: string;
  entitlementID: string;
}

/** The ARS task types EIC provisions, each run by its JSON (NEWACCOUNT → CreateAccountJSON, ...). */
export const TASK_TYPES = [
  'NEWACCOUNT',
  'UPDATEACCOUNT',
  'ENABLEACCOUNT',
  'DISABLEACCOUNT',
  'REMOVEACCOUNT',
  'ADDACCESS',
  'REMOVEACCESS',
  'CHANGEPASSWORD',
  'UPDATEUSER',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** ARS task status codes (integration guide / Saviynt forum). */
export const TASK_STATUS = {
  NEW: 1,
  INPROGRESS: 2,
  COMPLETE: 3,
  DISCONTINUE: 4,
  PENDINGCREATE: 5,
  PENDINGPROV: 6,
  PROVFAILED: 7,
  ERROR: 8,
  NO_ACTION_REQUIRED: 9,
} as const;
export type TaskStatus = (typeof TASK_STATUS)[keyof typeof TASK_STATUS];

/** Security-system / endpoint settings that change provisioning behaviour. */
export interface SecuritySystemSettings {
  /** "Number of tries for provisioning" (max 20). */
  provisioningTries: number;
  instantProvisioning: boolean;
  /** User account correlation rule: which identity column matches which account column. */
  correlation: { identityColumn: string; accountColumn: string };
}

/** An entitlement type of the endpoint (e.g. LeanIX `Permission`). */
export interface EntitlementType {
  name: string;
  [column: string]: unknown;
}

/** One status change of a task, with why it happened (visible in the task record, the inspector and scenarios). */
export interface TaskTransition {
  /** Emulator time (epoch ms). */
  at: number;
  /** Status before (null for the creation). */
  from: TaskStatus | null;
  to: TaskStatus;
  /** Why, in words a support engineer understands (with the source of the rule where EIC's behaviour is inferred). */
  reason: string;
  /** Tries made when the change happened. */
  tries: number;
}

/** A call response kept on the task because the call says `showResponse: true` (redacted). */
export interface ShownResponse {
  call: string;
  status: number;
  body: string;
}

/** An ARS task (provisioning request) and what happened to it. */
export interface Task {
  /** Task key, as a string ("1", "2", …). */
  id: string;
  type: TaskType;
  status: TaskStatus;
  /** The identity (username) the task is for. */
  identity?: string | null;
  /** The account the task works on (for NEWACCOUNT: the name to create). */
  accountName?: string | null;
  /** The entitlement (ADDACCESS / REMOVEACCESS). */
  entitlement?: { type: string; entitlementID: string } | null;
  /** Dynamic attributes of the request (`requestAccessAttributes` / `reqAttrs`). */
  attributes: Record<string, unknown>;
  /** Password for NEWACCOUNT / CHANGEPASSWORD; never exported in clear. */
  password?: string | null;
  requestId?: string | null;
  businessJustification?: string | null;
  approvers?: unknown[];
  /** UPDATEUSER: only these `actions` of UpdateUserJSON (default: all). */
  actions?: string[];
  /** Provisioning attempts made so far. */
  tries: number;
  lastError?: import('../../lib/diagnostic.ts').Diagnostic | null;
  /** The last request and response of the last attempt (redacted). */
  lastRequest?: import('../http/types.ts').RecordedRequest | null;
  lastResponse?: import('../http/types.ts').RecordedResponse | null;
  /** Every exchange of every attempt (redacted). */
  exchanges: import('../http/types.ts').Exchange[];
  /** Every status change, oldest first. */
  history: TaskTransition[];
  /** The reason of the last status change. */
  reason: string;
  /** Responses of the last attempt's calls that set `showResponse: true`. */
  shownResponses: ShownResponse[];
  createdAt: number;
  updatedAt: number;
  completedAt?: number | null;
}
