/**
 * The fake's in-memory state: plain Maps plus hand-kept indexes.
 *
 * Why not @msw/data 1.x: measured on this machine, creating 20,000 records in a `Collection` (zod schema) took ~400 ms
 * and 160 MB RSS, i.e. ~2 s for the 100,000-user target before any permission is stored, and `findFirst` by email is a
 * linear scan (~11 ms per lookup at 20,000 records). The request path needs O(1) lookups by id, email,
 * (user, workspace), and ordered id lists per workspace/account, which we would have to keep in our own Maps anyway.
 * Plain Maps seed 100,000 users + permissions in a fraction of that (see bench/ and the README).
 *
 * Records are frozen and replaced (never mutated) on change, so a snapshot is a cheap copy of the record lists that is
 * still deep (nothing in it can change), and `version` lets callers cache derived listings.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import {
  type Account,
  type ApiToken,
  PERMISSION_ROLES,
  PERMISSION_STATUSES,
  type Permission,
  PRODUCTS,
  type TenantData,
  USER_ROLES,
  USER_STATUSES,
  type User,
  WORKSPACE_STATUSES,
  WORKSPACE_TYPES,
  type Workspace,
} from './model.ts';

/** An immutable copy of the store's state, for `restore`. */
export interface StoreSnapshot {
  readonly data: Readonly<TenantData>;
  readonly seq: number;
}

/** Record counts per kind. */
export interface StoreCounts {
  accounts: number;
  workspaces: number;
  users: number;
  permissions: number;
  apiTokens: number;
}

export interface Store {
  /** Replaces all state with `data` (validated; throws HarnessError naming the bad record) and remembers it for reset. */
  seed(data: TenantData): void;
  /** Back to the last seed (or empty if never seeded). */
  reset(): void;
  /** Empties the store (the last seed is kept for `reset`). */
  clear(): void;
  /** A cheap immutable copy of the current state. */
  snapshot(): StoreSnapshot;
  /** Puts back a snapshot taken earlier. */
  restore(s: StoreSnapshot): void;
  /** The current state as plain JSON-able records. */
  exportJson(): TenantData;
  /** Record counts. */
  counts(): StoreCounts;
  /** Bumped on every change; derived caches compare it. */
  readonly version: number;
  /**
   * Bumped on every change except an update that keeps what listings select rows by: a user keeping its account,
   * status and technical flag, or a permission keeping its role and status (names, dates, logins may change). A
   * listing with no filter or sort built at the same shape version still has the same rows (routes/shared.ts).
   */
  readonly shapeVersion: number;
  /**
   * The ids of the users and permissions replaced since `version` by writes that kept the shape (see `shapeVersion`), or
   * undefined when the store cannot tell: the shape changed since, or more than REPLACED_LOG such writes happened. A
   * listing kept across writes re-reads just these rows (routes/shared.ts).
   */
  replacedSince(version: number): Replaced | undefined;
  /** A fresh deterministic UUID-shaped id (a counter, part of snapshots, so reset replays the same ids). */
  nextId(): string;

  account(id: string): Account | undefined;
  workspace(id: string): Workspace | undefined;
  user(id: string): User | undefined;
  /** Case-insensitive lookup by email. */
  userByEmail(email: string): User | undefined;
  /** Case-insensitive lookup by userName. */
  userByUserName(userName: string): User | undefined;
  permission(id: string): Permission | undefined;
  /** The one permission of a user in a workspace. */
  permissionFor(userId: string, workspaceId: string): Permission | undefined;
  apiToken(token: string): ApiToken | undefined;
  /** Every API token (revoked and expired ones too). */
  apiTokens(): ApiToken[];

  /** All workspaces, in insertion order. */
  workspaces(): Workspace[];
  /** Workspace ids of an account, insertion order. */
  workspaceIdsOfAccount(accountId: string): readonly string[];
  /** All user ids, insertion order. */
  userIds(): readonly string[];
  /** User ids of an account, insertion order. */
  userIdsOfAccount(accountId: string): readonly string[];
  /** All permission ids, insertion order. */
  permissionIds(): readonly string[];
  /** Permission ids of a workspace, insertion order. */
  permissionIdsOfWorkspace(workspaceId: string): readonly string[];
  /** Permission ids of a user, insertion order. */
  permissionIdsOfUser(userId: string): readonly string[];
  /** API tokens of a user. */
  apiTokensOfUser(userId: string): ApiToken[];

  /** Inserts or replaces a user (caller checks uniqueness of email/userName). */
  putUser(u: User): User;
  /** Inserts or replaces a permission (caller checks one-per-user-and-workspace). */
  putPermission(p: Permission): Permission;
  putWorkspace(w: Workspace): Workspace;
  putAccount(a: Account): Account;
  putApiToken(t: ApiToken): ApiToken;
  /** Removes a user with its permissions and API tokens (only the `deleteUsers: allow` quirk does this). */
  deleteUser(id: string): void;
}

const EMPTY: readonly string[] = Object.freeze([]);

function pushIndex(index: Map<string, string[]>, key: string, id: string): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

function removeIndex(index: Map<string, string[]>, key: string, id: string): void {
  const list = index.get(key);
  if (!list) return;
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}

function removeFrom(list: string[], id: string): void {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}

/** The primary maps and every secondary index; rebuilt as a whole on seed/reset/restore. */
interface Indexes {
  accounts: Map<string, Account>;
  workspaces: Map<string, Workspace>;
  users: Map<string, User>;
  permissions: Map<string, Permission>;
  apiTokens: Map<string, ApiToken>;
  byEmail: Map<string, string>;
  /** userName -> id, only for users whose userName differs from their email (the rest are found via byEmail). */
  byUserName: Map<string, string>;
  wsOfAccount: Map<string, string[]>;
  usersOfAccount: Map<string, string[]>;
  permsOfWs: Map<string, string[]>;
  permsOfUser: Map<string, string[]>;
  userOrder: string[];
  permOrder: string[];
}

type Path = (string | number)[];
type Rec = Record<string, unknown>;

function fail(path: Path, message: string, hint?: string): never {
  throw new HarnessError('tenant.invalid', message, { path }, hint);
}

/* Field checks; paths are only built when something is wrong (this runs for 100,000s of records). */
function str(list: string, i: number, rec: Rec, key: string): string {
  const v = rec[key];
  if (typeof v !== 'string' || v === '') fail([list, i, key], `expected a non-empty string for "${key}"`);
  return v;
}

function oneOf(list: string, i: number, rec: Rec, key: string, allowed: readonly string[]): void {
  const v = rec[key];
  if (typeof v !== 'string' || !allowed.includes(v)) {
    fail([list, i, key], `expected one of ${allowed.join(', ')} for "${key}", got ${JSON.stringify(v)}`);
  }
}

function ref(list: string, i: number, rec: Rec, key: string, known: Map<string, unknown>, what: string): string {
  const v = str(list, i, rec, key);
  if (!known.has(v)) fail([list, i, key], `unknown ${what} ${JSON.stringify(v)}`);
  return v;
}

const TENANT_KEYS: readonly (keyof TenantData)[] = ['accounts', 'workspaces', 'users', 'permissions', 'apiTokens'];

function listOf(data: Rec, key: keyof TenantData): Rec[] {
  const v = data[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail([key], `expected an array for "${key}"`);
  for (let i = 0; i < v.length; i++) {
    const r = v[i];
    if (!r || typeof r !== 'object' || Array.isArray(r)) fail([key, i], 'expected an object');
  }
  return v as Rec[];
}

/**
 * Builds all maps and indexes from tenant data in one pass per list. With `validate`, it also checks required fields,
 * enum values, unique ids/emails/userNames/tokens, references that resolve and one permission per user and workspace,
 * throwing HarnessError (code `tenant.invalid`) with the JSON path of the first problem (e.g. `$.permissions[3].userId`).
 * Checking while indexing (instead of in a separate pass with its own Sets) halves the work of seeding 100,000 users.
 */
function buildIndexes(input: unknown, validate: boolean): Indexes {
  if (!input || typeof input !== 'object' || Array.isArray(input)) fail([], 'expected a tenant object');
  const data = input as Rec;
  if (validate)
    for (const key of Object.keys(data))
      if (!TENANT_KEYS.includes(key as keyof TenantData))
        fail(
          [key],
          `unknown tenant key "${key}"`,
          `a tenant has ${TENANT_KEYS.join(', ')} (as GET /__harness/state/export writes)`,
        );
  const ix: Indexes = {
    accounts: new Map(),
    workspaces: new Map(),
    users: new Map(),
    permissions: new Map(),
    apiTokens: new Map(),
    byEmail: new Map(),
    byUserName: new Map(),
    wsOfAccount: new Map(),
    usersOfAccount: new Map(),
    permsOfWs: new Map(),
    permsOfUser: new Map(),
    userOrder: [],
    permOrder: [],
  };
  const accounts = validate ? listOf(data, 'accounts') : (data.accounts as Rec[]);
  const workspaces = validate ? listOf(data, 'workspaces') : (data.workspaces as Rec[]);
  const users = validate ? listOf(data, 'users') : (data.users as Rec[]);
  const permissions = validate ? listOf(data, 'permissions') : (data.permissions as Rec[]);
  const apiTokens = validate ? listOf(data, 'apiTokens') : (data.apiTokens as Rec[]);

  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i] as unknown as Account;
    if (validate) {
      const r = accounts[i];
      if (ix.accounts.has(str('accounts', i, r, 'id')))
        fail(['accounts', i, 'id'], `duplicate id ${JSON.stringify(a.id)}`);
      str('accounts', i, r, 'name');
    }
    ix.accounts.set(a.id, a);
  }
  for (let i = 0; i < workspaces.length; i++) {
    const w = workspaces[i] as unknown as Workspace;
    if (validate) {
      const r = workspaces[i];
      const L = 'workspaces';
      if (ix.workspaces.has(str(L, i, r, 'id'))) fail([L, i, 'id'], `duplicate id ${JSON.stringify(w.id)}`);
      ref(L, i, r, 'accountId', ix.accounts, 'account');
      str(L, i, r, 'name');
      oneOf(L, i, r, 'type', WORKSPACE_TYPES);
      oneOf(L, i, r, 'status', WORKSPACE_STATUSES);
      oneOf(L, i, r, 'product', PRODUCTS);
      oneOf(L, i, r, 'defaultRole', PERMISSION_ROLES);
      str(L, i, r, 'createdAt');
    }
    ix.workspaces.set(w.id, w);
    pushIndex(ix.wsOfAccount, w.accountId, w.id);
  }
  // The two big loops do as few Map operations as they can (they dominate seeding 100,000 users): a duplicate key is
  // found by `set` not growing the map (the half-built indexes are thrown away on failure), and index lists are
  // fetched once for both the duplicate check and the push.
  for (let i = 0; i < users.length; i++) {
    const u = users[i] as unknown as User;
    if (validate) {
      const r = users[i];
      const L = 'users';
      str(L, i, r, 'id');
      ref(L, i, r, 'accountId', ix.accounts, 'account');
      str(L, i, r, 'email');
      str(L, i, r, 'userName');
      oneOf(L, i, r, 'role', USER_ROLES);
      oneOf(L, i, r, 'status', USER_STATUSES);
      if (typeof r.technicalUser !== 'boolean') fail([L, i, 'technicalUser'], 'expected a boolean for "technicalUser"');
      str(L, i, r, 'createdAt');
    }
    const email = u.email.toLowerCase();
    const name = u.userName.toLowerCase();
    if (validate) {
      const L = 'users';
      const n = ix.users.size;
      if (ix.users.set(u.id, u).size === n) fail([L, i, 'id'], `duplicate id ${JSON.stringify(u.id)}`);
      const e = ix.byEmail.size;
      if (ix.byEmail.set(email, u.id).size === e) fail([L, i, 'email'], `duplicate email ${JSON.stringify(u.email)}`);
      // an earlier user with this userName: found by its own userName entry, or (when its userName is its email) by
      // its email; when name === email, the email check above already covered the latter
      let other = ix.byUserName.get(name);
      if (other === undefined && name !== email) other = ix.byEmail.get(name);
      if (other !== undefined && ix.users.get(other)!.userName.toLowerCase() === name) {
        fail([L, i, 'userName'], `duplicate userName ${JSON.stringify(u.userName)}`);
      }
    } else {
      ix.users.set(u.id, u);
      ix.byEmail.set(email, u.id);
    }
    ix.userOrder.push(u.id);
    if (name !== email) ix.byUserName.set(name, u.id);
    pushIndex(ix.usersOfAccount, u.accountId, u.id);
  }
  for (let i = 0; i < permissions.length; i++) {
    const p = permissions[i] as unknown as Permission;
    const ofUser = ix.permsOfUser.get(p.userId);
    if (validate) {
      const r = permissions[i];
      const L = 'permissions';
      str(L, i, r, 'id');
      if (ofUser === undefined) ref(L, i, r, 'userId', ix.users, 'user'); // a user with permissions is known
      ref(L, i, r, 'workspaceId', ix.workspaces, 'workspace');
      oneOf(L, i, r, 'role', PERMISSION_ROLES);
      oneOf(L, i, r, 'status', PERMISSION_STATUSES);
      for (const other of ofUser ?? EMPTY) {
        if (ix.permissions.get(other)!.workspaceId === p.workspaceId) {
          fail(
            [L, i],
            `a second permission for user ${p.userId} in workspace ${p.workspaceId}`,
            'one per user and workspace',
          );
        }
      }
      const n = ix.permissions.size;
      if (ix.permissions.set(p.id, p).size === n) fail([L, i, 'id'], `duplicate id ${JSON.stringify(p.id)}`);
    } else ix.permissions.set(p.id, p);
    ix.permOrder.push(p.id);
    pushIndex(ix.permsOfWs, p.workspaceId, p.id);
    if (ofUser) ofUser.push(p.id);
    else ix.permsOfUser.set(p.userId, [p.id]);
  }
  for (let i = 0; i < apiTokens.length; i++) {
    const t = apiTokens[i] as unknown as ApiToken;
    if (validate) {
      const r = apiTokens[i];
      const L = 'apiTokens';
      if (ix.apiTokens.has(str(L, i, r, 'token'))) fail([L, i, 'token'], 'duplicate API token');
      ref(L, i, r, 'workspaceId', ix.workspaces, 'workspace');
      ref(L, i, r, 'userId', ix.users, 'user');
      if (Number.isNaN(Date.parse(str(L, i, r, 'expiresAt')))) fail([L, i, 'expiresAt'], 'expected an ISO date-time');
    }
    ix.apiTokens.set(t.token, t);
  }
  // Each user's list grew from one id by pushes, to a capacity of 17; copied to its length, the lists of 100,000 users
  // (550,000 permissions) hold 10 MB less (measured; a user has a handful of permissions).
  for (const [userId, ids] of ix.permsOfUser) if (ids.length > 1) ix.permsOfUser.set(userId, ids.slice());
  return ix;
}

/**
 * Checks tenant data (see buildIndexes for the rules) and returns it typed; missing top-level lists count as empty.
 * Throws HarnessError (code `tenant.invalid`) with the JSON path of the first problem.
 */
export function checkTenant(input: unknown): TenantData {
  buildIndexes(input, true);
  const d = input as Partial<TenantData>;
  return {
    accounts: d.accounts ?? [],
    workspaces: d.workspaces ?? [],
    users: d.users ?? [],
    permissions: d.permissions ?? [],
    apiTokens: d.apiTokens ?? [],
  };
}

/** Record ids replaced by shape-keeping writes (Store.replacedSince). */
export interface Replaced {
  users: ReadonlySet<string>;
  permissions: ReadonlySet<string>;
}

/** Shape-keeping writes the store remembers between two shape changes (past it, `replacedSince` cannot tell). */
export const REPLACED_LOG = 64;

/** Creates an empty store. */
export function createStore(): Store {
  let ix = buildIndexes(emptyData(), false);
  let seq = 0;
  let version = 0;
  let shapeVersion = 0;
  /** The shape-keeping writes since version `logFrom`, each with the version it made. */
  let log: { version: number; kind: 'user' | 'permission'; id: string }[] = [];
  let logFrom = 0;
  /** Counts a write: `replaced` names the record a shape-keeping write replaced; without it the shape changed. */
  const changed = (replaced?: { kind: 'user' | 'permission'; id: string }) => {
    version++;
    if (!replaced) {
      shapeVersion++;
      log = [];
      logFrom = version;
      return;
    }
    if (log.length >= REPLACED_LOG) {
      log = [];
      logFrom = version - 1;
    }
    log.push({ version, ...replaced });
  };
  let lastSeed: StoreSnapshot = { data: emptyData(), seq: 0 };

  const indexNames = (u: User) => {
    const email = u.email.toLowerCase();
    const name = u.userName.toLowerCase();
    ix.byEmail.set(email, u.id);
    if (name !== email) ix.byUserName.set(name, u.id);
  };
  const unindexNames = (u: User) => {
    const email = u.email.toLowerCase();
    const name = u.userName.toLowerCase();
    if (ix.byEmail.get(email) === u.id) ix.byEmail.delete(email);
    if (ix.byUserName.get(name) === u.id) ix.byUserName.delete(name);
  };

  function load(next: Indexes, startSeq: number): void {
    ix = next;
    seq = startSeq;
    changed();
  }

  function current(): TenantData {
    return {
      accounts: [...ix.accounts.values()],
      workspaces: [...ix.workspaces.values()],
      users: ix.userOrder.map((id) => ix.users.get(id)!),
      permissions: ix.permOrder.map((id) => ix.permissions.get(id)!),
      apiTokens: [...ix.apiTokens.values()],
    };
  }

  const store: Store = {
    seed(data) {
      // the store takes ownership of the seeded records (no copy: seeding 100,000 users must stay cheap); it never
      // mutates them, and callers must not either. Validation happens before anything is replaced.
      const next = buildIndexes(data, true);
      lastSeed = { data: Object.freeze(checkTenantShape(data)), seq: 0 };
      load(next, 0);
    },
    reset() {
      load(buildIndexes(lastSeed.data, false), lastSeed.seq);
    },
    clear() {
      load(buildIndexes(emptyData(), false), 0);
    },
    snapshot() {
      return Object.freeze({ data: Object.freeze(current()), seq });
    },
    restore(s) {
      load(buildIndexes(s.data, false), s.seq);
    },
    exportJson() {
      return JSON.parse(JSON.stringify(current())) as TenantData;
    },
    counts() {
      return {
        accounts: ix.accounts.size,
        workspaces: ix.workspaces.size,
        users: ix.users.size,
        permissions: ix.permissions.size,
        apiTokens: ix.apiTokens.size,
      };
    },
    get version() {
      return version;
    },
    get shapeVersion() {
      return shapeVersion;
    },
    replacedSince(since) {
      if (since < logFrom) return undefined;
      const users = new Set<string>();
      const permissions = new Set<string>();
      for (const e of log) if (e.version > since) (e.kind === 'user' ? users : permissions).add(e.id);
      return { users, permissions };
    },
    nextId() {
      seq++;
      return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
    },

    account: (id) => ix.accounts.get(id),
    workspace: (id) => ix.workspaces.get(id),
    user: (id) => ix.users.get(id),
    userByEmail(email) {
      const id = ix.byEmail.get(email.toLowerCase());
      return id === undefined ? undefined : ix.users.get(id);
    },
    userByUserName(userName) {
      const name = userName.toLowerCase();
      const id = ix.byUserName.get(name) ?? ix.byEmail.get(name);
      const u = id === undefined ? undefined : ix.users.get(id);
      return u && u.userName.toLowerCase() === name ? u : undefined;
    },
    permission: (id) => ix.permissions.get(id),
    permissionFor(userId, workspaceId) {
      // a user has one permission per workspace, so this list is as short as the account's workspace count
      for (const id of ix.permsOfUser.get(userId) ?? EMPTY) {
        const p = ix.permissions.get(id)!;
        if (p.workspaceId === workspaceId) return p;
      }
      return undefined;
    },
    apiToken: (token) => ix.apiTokens.get(token),
    apiTokens: () => [...ix.apiTokens.values()],

    workspaces: () => [...ix.workspaces.values()],
    workspaceIdsOfAccount: (accountId) => ix.wsOfAccount.get(accountId) ?? EMPTY,
    userIds: () => ix.userOrder,
    userIdsOfAccount: (accountId) => ix.usersOfAccount.get(accountId) ?? EMPTY,
    permissionIds: () => ix.permOrder,
    permissionIdsOfWorkspace: (wsId) => ix.permsOfWs.get(wsId) ?? EMPTY,
    permissionIdsOfUser: (userId) => ix.permsOfUser.get(userId) ?? EMPTY,
    apiTokensOfUser: (userId) => [...ix.apiTokens.values()].filter((t) => t.userId === userId),

    putUser(u) {
      const rec = Object.freeze({ ...u });
      const old = ix.users.get(u.id);
      if (old) {
        unindexNames(old);
        if (old.accountId !== u.accountId) {
          removeIndex(ix.usersOfAccount, old.accountId, old.id);
          pushIndex(ix.usersOfAccount, u.accountId, u.id);
        }
      } else {
        ix.userOrder.push(u.id);
        pushIndex(ix.usersOfAccount, u.accountId, u.id);
      }
      ix.users.set(u.id, rec);
      indexNames(rec);
      const keepsShape =
        old && old.accountId === rec.accountId && old.status === rec.status && old.technicalUser === rec.technicalUser;
      changed(keepsShape ? { kind: 'user', id: rec.id } : undefined);
      return rec;
    },
    putPermission(p) {
      const rec = Object.freeze({ ...p });
      const old = ix.permissions.get(p.id);
      if (old && (old.userId !== p.userId || old.workspaceId !== p.workspaceId)) {
        throw new Error('store.putPermission: a permission cannot move to another user or workspace');
      }
      if (!old) {
        ix.permOrder.push(p.id);
        pushIndex(ix.permsOfWs, p.workspaceId, p.id);
        pushIndex(ix.permsOfUser, p.userId, p.id);
      }
      ix.permissions.set(p.id, rec);
      const keepsShape = old && old.role === rec.role && old.status === rec.status;
      changed(keepsShape ? { kind: 'permission', id: rec.id } : undefined);
      return rec;
    },
    putWorkspace(w) {
      const rec = Object.freeze({ ...w });
      if (!ix.workspaces.has(w.id)) pushIndex(ix.wsOfAccount, w.accountId, w.id);
      ix.workspaces.set(w.id, rec);
      changed();
      return rec;
    },
    putAccount(a) {
      const rec = Object.freeze({ ...a });
      ix.accounts.set(a.id, rec);
      changed();
      return rec;
    },
    putApiToken(t) {
      const rec = Object.freeze({ ...t });
      ix.apiTokens.set(t.token, rec);
      changed();
      return rec;
    },
    deleteUser(id) {
      const u = ix.users.get(id);
      if (!u) return;
      for (const pid of [...(ix.permsOfUser.get(id) ?? [])]) {
        const p = ix.permissions.get(pid)!;
        ix.permissions.delete(pid);
        removeIndex(ix.permsOfWs, p.workspaceId, pid);
        removeFrom(ix.permOrder, pid);
      }
      ix.permsOfUser.delete(id);
      for (const t of [...ix.apiTokens.values()]) if (t.userId === id) ix.apiTokens.delete(t.token);
      ix.users.delete(id);
      removeFrom(ix.userOrder, id);
      removeIndex(ix.usersOfAccount, u.accountId, id);
      unindexNames(u);
      changed();
    },
  };
  return store;
}

/** Tenant data with missing lists filled in (shape only; buildIndexes validates). */
function checkTenantShape(input: TenantData): TenantData {
  return {
    accounts: input.accounts ?? [],
    workspaces: input.workspaces ?? [],
    users: input.users ?? [],
    permissions: input.permissions ?? [],
    apiTokens: input.apiTokens ?? [],
  };
}

function emptyData(): TenantData {
  return { accounts: [], workspaces: [], users: [], permissions: [], apiTokens: [] };
}
