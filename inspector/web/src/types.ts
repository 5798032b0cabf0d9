/** Shapes of the inspector API (inspector/README.md) as the page reads them. */

/** How serious a diagnostic is. */
export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic points (lib/diagnostic.ts). */
export interface Location {
  file?: string;
  attribute?: string;
  path?: (string | number)[] | string;
  line?: number;
  column?: number;
  offset?: number;
}

/** A finding or error with a stable code (lib/diagnostic.ts). */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  location?: Location;
  hint?: string;
}

/** The `error` object of an API error answer. */
export interface ApiErrorBody {
  code: string;
  message: string;
  path?: string;
  hint?: string;
  location?: Location;
}

/** One entry of `GET /__harness/worlds`. */
export interface World {
  id: string;
  label: string;
  kind: 'live' | 'run';
  runId?: string;
  scenario?: string;
  createdAt: number | string;
  eic: { package: string | null };
}

/** A LeanIX account of the fake tenant. */
export interface TenantAccount {
  id: string;
  name: string;
}

/** A LeanIX workspace of the fake tenant. */
export interface TenantWorkspace {
  id: string;
  accountId: string;
  name: string;
  type: string;
  status: string;
  product: string;
  defaultRole: string;
  createdAt: string;
  [k: string]: unknown;
}

/** A LeanIX user of the fake tenant. */
export interface TenantUser {
  id: string;
  accountId: string;
  userName: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName?: string | null;
  role: string;
  status: string;
  technicalUser: boolean;
  createdAt: string;
  lastLogin: string | null;
  [k: string]: unknown;
}

/** A user's permission in one workspace. */
export interface TenantPermission {
  id: string;
  userId: string;
  workspaceId: string;
  role: string;
  status: string;
  createdAt: string;
  lastLogin: string | null;
  [k: string]: unknown;
}

/** `GET state/export` (API tokens are never shown). */
export interface TenantData {
  accounts: TenantAccount[];
  workspaces: TenantWorkspace[];
  users: TenantUser[];
  permissions: TenantPermission[];
}

/** One side of a journal entry (redacted by the server). */
export interface JournalMessage {
  headers: Record<string, string>;
  body?: string;
  bodySize: number;
  truncated?: boolean;
}

/** One request to the fake as the journal recorded it. */
export interface JournalEntry {
  id: number;
  at: number;
  wallAt: number;
  durationMs: number;
  method: string;
  url: string;
  path: string;
  request: JournalMessage;
  response: JournalMessage & { status: number; statusText: string };
  fault?: string;
  error?: string;
  bodiesDropped?: true;
}

/** A fault rule with its counters (`GET faults`). */
export interface FaultRuleState {
  id: string;
  method?: string | string[];
  path?: string;
  status?: number;
  times: number | 'always';
  matched: number;
  fired: number;
  exhausted: boolean;
  description?: string;
  drop?: boolean;
  delayMs?: number;
  corrupt?: string;
  [k: string]: unknown;
}

/** The fake clock (`GET clock`). */
export interface Clock {
  now: number;
  iso: string;
}

/** One HTTP exchange of the EIC emulator (redacted, with evaluated bindings). */
export interface Exchange {
  seq: number;
  at: number;
  label: string;
  owner?: { kind: 'task' | 'job'; id: string };
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  durationMs: number;
  bindings?: Record<string, string>;
}

/** An account in EIC. */
export interface EicAccount {
  name: string;
  accountID: string | null;
  status: string;
  owner?: string | null;
  displayname?: string | null;
  lastlogondate?: string | null;
  [k: string]: unknown;
}

/** An entitlement value in EIC (status 1 active, 2 inactive). */
export interface EicEntitlement {
  type: string;
  entitlementID: string;
  entitlement_value: string;
  status: number;
  [k: string]: unknown;
}

/** A link account → entitlement value. */
export interface EicLink {
  accountName: string;
  entitlementType: string;
  entitlementID: string;
}

/** A provisioning task without its password, with names of its type and status. */
export interface TaskView {
  id: string;
  type: string;
  typeName?: string;
  status: number;
  statusName?: string;
  identity?: string | null;
  accountName?: string | null;
  entitlement?: { type: string; entitlementID: string } | null;
  attributes?: Record<string, unknown>;
  tries: number;
  lastError?: Diagnostic | null;
  exchanges: Exchange[];
  createdAt: number;
  updatedAt: number;
  completedAt?: number | null;
}

/** One changed column of an updated record. */
export interface ColumnChange {
  column: string;
  from: string | null;
  to: string | null;
}

/** What an import job read and changed. */
export interface ImportReport {
  kind: 'account' | 'access';
  connection: string;
  outcome: 'completed' | 'failed' | 'aborted';
  applied: boolean;
  startedAt: number;
  finishedAt: number;
  error?: Diagnostic;
  counts: Record<string, number>;
  accounts: {
    created: { name: string; accountID: string | null; status: string; owner?: string | null }[];
    updated: { name: string; accountID: string | null; changes: ColumnChange[] }[];
    suspended: { name: string; accountID: string | null; from: string; to: string }[];
    inactivated: { name: string; accountID: string | null; from: string; to: string }[];
    correlated: { name: string; owner: string }[];
    skipped: { reason: string; name: string | null; accountID: string | null }[];
  };
  entitlements: {
    created: { type: string; entitlementID: string }[];
    updated: { type: string; entitlementID: string; changes: ColumnChange[] }[];
    inactivated: { type: string; entitlementID: string }[];
  };
  links: { added: EicLink[]; removed: EicLink[] };
  unknownAccounts?: { entType: string; keyField: string; key: string; links: number }[];
  unknownEntitlements?: { entType: string; keyField: string; key: string; links: number }[];
  warnings?: Diagnostic[];
}

/** What a provisioning job (WSRETRY) did. */
export interface JobReport {
  jobId: string;
  startedAt: number;
  finishedAt: number;
  attempts: { taskId: string; type: string; from: number; to: number; tries: number; error?: string }[];
  completed: number;
  retryable: number;
  failed: number;
}

/** The summary of a connection package. */
export interface PackageInfo {
  name: string;
  origin?: string;
  kind?: string;
  connectionEncrypted?: boolean;
  attributes: string[];
}

/** `GET worlds/<id>/eic`: the emulator of a world. */
export interface EicView {
  package: PackageInfo | null;
  settings?: Record<string, unknown>;
  identities?: Record<string, unknown>[];
  accounts: EicAccount[];
  entitlements: EicEntitlement[];
  links: EicLink[];
  tasks: TaskView[];
  lastImport: ImportReport | null;
  lastJob: JobReport | null;
  exchanges: number;
}

/** Diagnostics counted by severity. */
export interface Summary {
  error: number;
  warning: number;
  info: number;
}

/** A package validation (or load) answer. */
export interface ValidateResult {
  name?: string;
  package: PackageInfo | null;
  diagnostics: Diagnostic[];
  summary: Summary;
}

/** One entry of `GET /__harness/scenarios`. */
export interface Scenario {
  id: string;
  name: string;
  description?: string;
  tags: string[];
  file: string;
  source: 'bundled' | 'uploaded';
  steps: { name: string; action: string }[];
  error?: Diagnostic;
}

/** Status of one step of a run. */
export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';
/** Status of a run. */
export type RunStatus = 'queued' | 'running' | 'passed' | 'failed' | 'error';

/** One step of a run, filled in as it runs. */
export interface RunStep {
  name: string;
  action: string;
  status: StepStatus;
  durationMs?: number;
  requests?: number;
  failure?: string;
  error?: Diagnostic;
  exchanges?: Exchange[];
}

/** A scenario run (`GET /__harness/runs/<id>`, `run` events). */
export interface RunInfo {
  id: string;
  scenarioId: string;
  name: string;
  file: string;
  status: RunStatus;
  startedAt?: number | string;
  finishedAt?: number | string;
  durationMs?: number;
  worldId?: string;
  steps: RunStep[];
  error?: Diagnostic;
}
