/**
 * The in-memory EIC: identities, security-system settings, accounts, entitlement types and values,
 * account-entitlement links and ARS tasks. Indexed for imports of 100,000 accounts: accounts by name and by
 * accountID, entitlement values by (type, entitlementID), links by account. Snapshot/restore and a plain JSON export
 * (task passwords redacted).
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import { REDACTED } from '../../lib/redact.ts';
import { AccountLinks } from './links.ts';
import type {
  Account,
  AccountEntitlementLink,
  EntitlementType,
  EntitlementValue,
  Identity,
  SecuritySystemSettings,
  Task,
  TaskStatus,
  TaskType,
} from './types.ts';
import { ACCOUNT_STATUS, TASK_STATUS } from './types.ts';

/** Default security-system settings: 3 tries, no instant provisioning, users.username = accounts.name. */
export const DEFAULT_SETTINGS: SecuritySystemSettings = {
  provisioningTries: 3,
  instantProvisioning: false,
  correlation: { identityColumn: 'username', accountColumn: 'name' },
};

/** Input to create a task. */
export interface TaskInput {
  type: TaskType;
  identity?: string | null;
  accountName?: string | null;
  entitlement?: { type: string; entitlementID: string } | null;
  attributes?: Record<string, unknown>;
  password?: string | null;
  requestId?: string | null;
  businessJustification?: string | null;
  approvers?: unknown[];
  actions?: string[];
}

/** A plain-data copy of the whole state (JSON-serializable). */
export interface EicSnapshot {
  settings: SecuritySystemSettings;
  identities: Identity[];
  accounts: Account[];
  entitlementTypes: EntitlementType[];
  entitlementValues: EntitlementValue[];
  links: AccountEntitlementLink[];
  tasks: Task[];
  nextTaskId: number;
}

const clone = <T>(v: T): T => structuredClone(v);

/** The EIC state store. Getters return live rows; mutate through the methods so indexes stay right. */
export class EicState {
  settings: SecuritySystemSettings;
  private identities = new Map<string, Identity>();
  private accounts = new Map<string, Account>();
  private accountsById = new Map<string, string>();
  private byOwner = new Map<string, Set<string>>();
  private entTypes = new Map<string, EntitlementType>();
  private entValues = new Map<string, Map<string, EntitlementValue>>();
  private links = new AccountLinks();
  private tasks = new Map<string, Task>();
  private nextTaskId = 1;

  constructor(
    settings: Partial<SecuritySystemSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    if (!(this.settings.provisioningTries >= 1 && this.settings.provisioningTries <= 20))
      throw new HarnessError(
        'eic.settings',
        `provisioningTries must be between 1 and 20, got ${this.settings.provisioningTries}`,
        { path: ['provisioningTries'] },
      );
  }

  // ── identities ──
  /** Adds or replaces an identity (keyed by username). */
  upsertIdentity(identity: Identity): Identity {
    if (!identity || typeof identity.username !== 'string' || identity.username === '')
      throw new HarnessError('eic.identity', 'an identity needs a non-empty "username"', { path: ['username'] });
    const row = { ...identity };
    this.identities.set(row.username, row);
    return row;
  }
  /** The identity with this username, if any. */
  getIdentity(username: string | null | undefined): Identity | undefined {
    return username ? this.identities.get(username) : undefined;
  }
  /** All identities. */
  listIdentities(): Identity[] {
    return [...this.identities.values()];
  }

  // ── accounts ──
  /** Adds or updates an account by name (fields merged into the live row); keeps the accountID and owner indexes right. */
  upsertAccount(account: Partial<Account> & { name: string }): Account {
    const prev = this.accounts.get(account.name);
    if (account.accountID) this.claimId(account.accountID, account.name);
    if (!prev) {
      const row = Object.assign({ accountID: null, status: ACCOUNT_STATUS.ACTIVE }, account) as Account;
      this.accounts.set(row.name, row);
      this.reindex(row, undefined, undefined);
      return row;
    }
    const oldId = prev.accountID;
    const oldOwner = prev.owner;
    Object.assign(prev, account);
    this.reindex(prev, oldId, oldOwner);
    return prev;
  }
  /**
   * Makes `row` the account's live row, as it is (adopted, not copied; columns it lacks are gone), keeping the accountID
   * and owner indexes right; links stay. Returns the row it replaced, which the state no longer holds (an undo log can
   * keep it as is). For imports, whose plans build whole rows.
   */
  replaceAccount(row: Account): Account | undefined {
    const prev = this.accounts.get(row.name);
    if (row.accountID && row.accountID !== prev?.accountID) this.claimId(row.accountID, row.name);
    this.accounts.set(row.name, row);
    this.reindex(row, prev?.accountID, prev?.owner);
    return prev;
  }
  /** Moves an account's entries in the accountID and owner indexes from its old values to its row's. */
  private reindex(row: Account, oldId: string | null | undefined, oldOwner: string | null | undefined): void {
    if (oldId !== row.accountID) {
      if (oldId) this.accountsById.delete(oldId);
      if (row.accountID) this.accountsById.set(row.accountID, row.name);
    }
    if (oldOwner !== row.owner) {
      if (oldOwner) this.byOwner.get(oldOwner)?.delete(row.name);
      if (row.owner) this.indexOwner(row.owner, row.name);
    }
  }
  /** Throws when another account holds this accountID. */
  private claimId(accountID: string, name: string): void {
    const other = this.accountsById.get(accountID);
    if (other !== undefined && other !== name)
      throw new HarnessError(
        'eic.account-id-conflict',
        `accountID ${accountID} already belongs to account "${other}", cannot give it to "${name}"`,
      );
  }
  private indexOwner(owner: string, name: string): void {
    let set = this.byOwner.get(owner);
    if (!set) {
      set = new Set();
      this.byOwner.set(owner, set);
    }
    set.add(name);
  }
  /** The account with this name. */
  getAccount(name: string | null | undefined): Account | undefined {
    return name ? this.accounts.get(name) : undefined;
  }
  /** The account with this accountID. */
  getAccountById(accountID: string | null | undefined): Account | undefined {
    const name = accountID ? this.accountNameById(accountID) : undefined;
    return name === undefined ? undefined : this.accounts.get(name);
  }
  /** The name of the account with this accountID (one index lookup, for imports that need only the name). */
  accountNameById(accountID: string): string | undefined {
    return this.accountsById.get(accountID);
  }
  /** Accounts owned by (correlated to) an identity. */
  accountsOf(username: string): Account[] {
    return [...(this.byOwner.get(username) ?? [])].map((n) => this.accounts.get(n) as Account);
  }
  /** Removes an account and its links (EIC keeps removed accounts with a status; this is for imports/tests). */
  deleteAccount(name: string): boolean {
    const row = this.accounts.get(name);
    if (!row) return false;
    if (row.accountID) this.accountsById.delete(row.accountID);
    if (row.owner) this.byOwner.get(row.owner)?.delete(name);
    this.links.dropAccount(name);
    return this.accounts.delete(name);
  }
  /** All accounts. */
  listAccounts(): Account[] {
    return [...this.accounts.values()];
  }
  /** Number of accounts. */
  get accountCount(): number {
    return this.accounts.size;
  }

  // ── entitlements ──
  /** Adds or updates an entitlement type. */
  upsertEntitlementType(t: EntitlementType): EntitlementType {
    const row = { ...this.entTypes.get(t.name), ...t };
    this.entTypes.set(t.name, row);
    return row;
  }
  /** All entitlement types. */
  listEntitlementTypes(): EntitlementType[] {
    return [...this.entTypes.values()];
  }
  /** Adds or updates an entitlement value (its type is created when unknown). */
  upsertEntitlementValue(v: Partial<EntitlementValue> & { type: string; entitlementID: string }): EntitlementValue {
    if (!this.entTypes.has(v.type)) this.entTypes.set(v.type, { name: v.type });
    let byId = this.entValues.get(v.type);
    if (!byId) {
      byId = new Map();
      this.entValues.set(v.type, byId);
    }
    const prev = byId.get(v.entitlementID);
    const row = { entitlement_value: v.entitlementID, status: 1, ...prev, ...v } as EntitlementValue;
    byId.set(v.entitlementID, row);
    return row;
  }
  /** The entitlement value of a type by entitlementID. */
  getEntitlementValue(type: string, entitlementID: string): EntitlementValue | undefined {
    return this.entValues.get(type)?.get(entitlementID);
  }
  /** Entitlement values (of one type, or all). */
  listEntitlementValues(type?: string): EntitlementValue[] {
    if (type !== undefined) return [...(this.entValues.get(type)?.values() ?? [])];
    return [...this.entValues.values()].flatMap((m) => [...m.values()]);
  }

  // ── links ──
  /** Links an account to an entitlement value (idempotent). */
  addLink(accountName: string, entitlementType: string, entitlementID: string): AccountEntitlementLink {
    return this.links.add(accountName, entitlementType, entitlementID);
  }
  /** Links an account to an entitlement value unless it already is; true when the link is new (for undo logs). */
  addLinkIfAbsent(accountName: string, entitlementType: string, entitlementID: string): boolean {
    return this.links.addIfAbsent(accountName, entitlementType, entitlementID);
  }
  /** Removes a link; true when it existed. */
  removeLink(accountName: string, entitlementType: string, entitlementID: string): boolean {
    return this.links.remove(accountName, entitlementType, entitlementID);
  }
  /** True when the account holds the entitlement. */
  hasLink(accountName: string, entitlementType: string, entitlementID: string): boolean {
    return this.links.has(accountName, entitlementType, entitlementID);
  }
  /** Links of one account (optionally of one type). */
  linksOf(accountName: string, entitlementType?: string): AccountEntitlementLink[] {
    const all = this.links.of(accountName);
    return entitlementType === undefined ? all : all.filter((l) => l.entitlementType === entitlementType);
  }
  /** Replaces the links of one account (of one type when given) with `ids` (import reconciliation). */
  replaceLinks(accountName: string, entitlementType: string, ids: Iterable<string>): void {
    for (const l of this.linksOf(accountName, entitlementType))
      this.removeLink(accountName, l.entitlementType, l.entitlementID);
    for (const id of ids) this.addLink(accountName, entitlementType, id);
  }
  /** All links. */
  listLinks(): AccountEntitlementLink[] {
    return this.links.all();
  }

  // ── tasks ──
  /** Creates a task with status NEW. */
  createTask(input: TaskInput): Task {
    const at = this.now();
    const task: Task = {
      id: String(this.nextTaskId++),
      type: input.type,
      status: TASK_STATUS.NEW,
      identity: input.identity ?? null,
      accountName: input.accountName ?? null,
      entitlement: input.entitlement ?? null,
      attributes: { ...(input.attributes ?? {}) },
      password: input.password ?? null,
      requestId: input.requestId ?? null,
      businessJustification: input.businessJustification ?? null,
      approvers: input.approvers ?? [],
      actions: input.actions,
      tries: 0,
      lastError: null,
      lastRequest: null,
      lastResponse: null,
      exchanges: [],
      history: [{ at, from: null, to: TASK_STATUS.NEW, reason: 'task created', tries: 0 }],
      reason: 'task created',
      shownResponses: [],
      createdAt: at,
      updatedAt: at,
      completedAt: null,
    };
    this.tasks.set(task.id, task);
    return task;
  }
  /** The task with this id. */
  getTask(id: string): Task | undefined {
    return this.tasks.get(id);
  }
  /** Updates fields of a task (stamps updatedAt). */
  updateTask(id: string, patch: Partial<Omit<Task, 'id'>>): Task {
    const t = this.tasks.get(id);
    if (!t) throw new HarnessError('eic.task-unknown', `no task with id ${id}`);
    Object.assign(t, patch, { updatedAt: this.now() });
    return t;
  }
  /** Changes a task's status (with other fields), recording the transition and its reason in `history`. */
  transitionTask(id: string, to: TaskStatus, reason: string, patch: Partial<Omit<Task, 'id'>> = {}): Task {
    const t = this.updateTask(id, patch);
    t.history.push({ at: t.updatedAt, from: t.status, to, reason, tries: t.tries });
    t.status = to;
    t.reason = reason;
    return t;
  }
  /** All tasks in creation order (optionally only those with one of the statuses). */
  listTasks(statuses?: readonly number[]): Task[] {
    const all = [...this.tasks.values()];
    return statuses ? all.filter((t) => statuses.includes(t.status)) : all;
  }

  // ── snapshot / export ──
  /** A deep copy of the whole state (restorable). Task passwords are kept: snapshots stay in memory. */
  snapshot(): EicSnapshot {
    return clone({
      settings: this.settings,
      identities: this.listIdentities(),
      accounts: this.listAccounts(),
      entitlementTypes: this.listEntitlementTypes(),
      entitlementValues: this.listEntitlementValues(),
      links: this.listLinks(),
      tasks: this.listTasks(),
      nextTaskId: this.nextTaskId,
    });
  }
  /** Replaces the whole state with a snapshot. */
  restore(s: EicSnapshot): void {
    const snap = clone(s);
    this.settings = snap.settings;
    this.identities = new Map();
    this.accounts = new Map();
    this.accountsById = new Map();
    this.byOwner = new Map();
    this.entTypes = new Map();
    this.entValues = new Map();
    this.links = new AccountLinks();
    this.tasks = new Map();
    for (const i of snap.identities) this.upsertIdentity(i);
    for (const a of snap.accounts) this.upsertAccount(a);
    for (const t of snap.entitlementTypes) this.upsertEntitlementType(t);
    for (const v of snap.entitlementValues) this.upsertEntitlementValue(v);
    for (const l of snap.links) this.addLink(l.accountName, l.entitlementType, l.entitlementID);
    // snapshots written before tasks had a history restore with an empty one
    for (const t of snap.tasks)
      this.tasks.set(t.id, {
        ...t,
        history: t.history ?? [],
        reason: t.reason ?? '',
        shownResponses: t.shownResponses ?? [],
      });
    this.nextTaskId = snap.nextTaskId;
  }
  /** Plain JSON export (for reports and golden files): like a snapshot, with task passwords redacted. */
  toJSON(): EicSnapshot {
    const s = this.snapshot();
    for (const t of s.tasks) if (t.password) t.password = REDACTED;
    return s;
  }
}

/** Creates an empty EIC state. */
export function createEicState(settings?: Partial<SecuritySystemSettings>, now?: () => number): EicState {
  return new EicState(settings, now);
}
