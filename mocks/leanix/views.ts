/**
 * API shapes of store records (what MTM returns), serialised once per record version: records are immutable, so a
 * WeakMap from record to JSON text stays valid until the store replaces the record.
 */
import type { Account, Permission, User, Workspace } from './model.ts';
import type { Quirks } from './quirks.ts';
import type { Store } from './store.ts';

export type DateFormat = Quirks['dateFormat'];

/** A stored ISO date-time in the configured wire format (epoch ms or ISO), null stays null. */
export function wireDate(iso: string | null | undefined, format: DateFormat): number | string | null {
  if (iso === null || iso === undefined) return null;
  if (format === 'iso') return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : ms;
}

function accountRef(a: Account | undefined, id: string) {
  return { id, name: a?.name ?? null };
}

/** The User object as MTM returns it (without `permissions`). */
export function userView(u: User, account: Account | undefined, format: DateFormat): Record<string, unknown> {
  return {
    id: u.id,
    account: accountRef(account, u.accountId),
    userName: u.userName,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    displayName: u.displayName ?? ([u.firstName, u.lastName].filter(Boolean).join(' ') || u.userName),
    department: u.department ?? null,
    role: u.role,
    status: u.status,
    technicalUser: u.technicalUser,
    scimManaged: u.scimManaged ?? false,
    transientUser: u.transientUser ?? false,
    createdAt: wireDate(u.createdAt, format),
    lastLogin: wireDate(u.lastLogin, format),
    currentLogin: wireDate(u.currentLogin, format),
    links: [{ rel: 'permissions', href: `/users/${u.id}/permissions` }],
    active: u.status === 'ACTIVE',
  };
}

/** The Workspace object as embedded in permissions (no request-dependent `url`). */
export function workspaceRef(w: Workspace): Record<string, unknown> {
  return { id: w.id, name: w.name, type: w.type, status: w.status, product: w.product };
}

/** The full Workspace object; `origin` gives its `url` (`<origin>/<name>`, as workspace URLs look). */
export function workspaceView(
  w: Workspace,
  account: Account | undefined,
  origin: string,
  format: DateFormat,
): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    type: w.type,
    status: w.status,
    product: w.product,
    defaultRole: w.defaultRole,
    contract: {
      id: w.id,
      type: w.contractType ?? 'REGULAR',
      status: 'ACTIVE',
      account: accountRef(account, w.accountId),
      application: 'LEANIX',
      displayName: account?.name ?? null,
      active: true,
    },
    comment: w.comment ?? null,
    createdAt: wireDate(w.createdAt, format),
    invitationOnly: w.invitationOnly ?? false,
    allowTransientUsers: false,
    url: `${origin}/${w.name}`,
    active: w.status === 'ACTIVE',
    links: [
      { rel: 'permissions', href: `/workspaces/${w.id}/permissions` },
      { rel: 'users', href: `/workspaces/${w.id}/users` },
    ],
  };
}

/** The Account object. */
export function accountView(a: Account): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    fromAddress: a.fromAddress ?? null,
    passwordPolicy: a.passwordPolicy ?? 'NORMAL',
    links: [
      { rel: 'users', href: `/accounts/${a.id}/users` },
      { rel: 'workspaces', href: `/accounts/${a.id}/workspaces` },
    ],
  };
}

/**
 * One serialised record: its JSON text until list pages need its UTF-8 bytes, then the bytes only (the text is dropped
 * so a 100,000-user tenant does not hold every record twice; single-record routes decode the bytes when asked).
 */
interface Cached {
  deps: unknown[];
  json?: string;
  bytes?: Buffer;
}

/** The entry's JSON text (decoded from its bytes when only those are kept). */
function textOf(e: Cached): string {
  return e.json ?? (e.bytes as Buffer).toString('utf8');
}

/** The entry's UTF-8 bytes, made on first use; the text is then dropped. */
function bytesOf(e: Cached): Buffer {
  if (!e.bytes) {
    e.bytes = Buffer.from(e.json as string);
    e.json = undefined;
  }
  return e.bytes;
}

/**
 * One serialised permission without its embedded user: the UTF-8 bytes before and after the user (split at `split`).
 * The user's own cached bytes go between them when served, so a workspace's permission listing does not hold every
 * user's JSON a second time (at 100,000 users that copy was ~40 MB of buffers).
 */
interface CachedPermission {
  deps: unknown[];
  /** The embedded user, served from the user cache; undefined when the record is gone (the head then holds the id). */
  user: User | undefined;
  around: Buffer;
  split: number;
}

function sameDeps(a: unknown[], b: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per-format caches of serialised users and permissions. */
export interface ViewCache {
  /** User JSON text (embedded account included). */
  userJson(u: User): string;
  /** The same as UTF-8 bytes. */
  userBytes(u: User): Uint8Array;
  /** Permission JSON text with embedded user and workspace. */
  permissionJson(p: Permission): string;
  /** The same as UTF-8 bytes, in parts: the permission's own bytes around its user's cached bytes. */
  permissionBytes(p: Permission): readonly Uint8Array[];
  /** Permission object with its user slimmed to id and userName (for `user.permissions`). */
  permissionInUser(p: Permission): Record<string, unknown>;
}

/** Creates caches over a store; `format` is read on every call so quirk changes take effect at once. */
export function createViewCache(store: Store, format: () => DateFormat): ViewCache {
  const users = { epochMillis: new WeakMap<User, Cached>(), iso: new WeakMap<User, Cached>() };
  const perms = {
    epochMillis: new WeakMap<Permission, CachedPermission>(),
    iso: new WeakMap<Permission, CachedPermission>(),
  };

  function userEntry(u: User): Cached {
    const f = format();
    const account = store.account(u.accountId);
    const hit = users[f].get(u);
    if (hit && hit.deps[0] === account) return hit;
    const entry = { deps: [account], json: JSON.stringify(userView(u, account, f)) };
    users[f].set(u, entry);
    return entry;
  }
  const userJson = (u: User) => textOf(userEntry(u));
  const userBytes = (u: User) => bytesOf(userEntry(u));

  function permissionBase(p: Permission, f: DateFormat, w: Workspace | undefined) {
    const invitedBy = p.invitedByUserId ? store.user(p.invitedByUserId) : undefined;
    return {
      workspace: w ? workspaceRef(w) : { id: p.workspaceId },
      workspaceId: p.workspaceId,
      role: p.role,
      status: p.status,
      createdAt: wireDate(p.createdAt, f),
      lastLogin: wireDate(p.lastLogin, f),
      invitedByUser: invitedBy ? { id: invitedBy.id, userName: invitedBy.userName } : null,
      reviewedByUser: null,
      customerRoles: p.customerRoles ?? null,
      accessControlEntities: p.accessControlEntities ?? null,
      ignoreBlacklist: false,
      count: 0,
      replayed: false,
      active: p.status === 'ACTIVE',
    };
  }

  function permissionEntry(p: Permission): CachedPermission {
    const f = format();
    const u = store.user(p.userId);
    const w = store.workspace(p.workspaceId);
    const deps = [u, w]; // the account shows only in the user's own bytes, which are served from the user cache
    const hit = perms[f].get(p);
    if (hit && sameDeps(hit.deps, deps)) return hit;
    const head = JSON.stringify({ links: [{ rel: 'self', href: `/permissions/${p.id}` }], id: p.id });
    // without its user record the embedded user is just the id, and part of the head
    const before = `${head.slice(0, -1)},"user":${u ? '' : JSON.stringify({ id: p.userId })}`;
    const after = `,${JSON.stringify(permissionBase(p, f, w)).slice(1)}`;
    const entry = { deps, user: u, around: Buffer.from(before + after), split: Buffer.byteLength(before) };
    perms[f].set(p, entry);
    return entry;
  }
  const permissionJson = (p: Permission) => {
    const e = permissionEntry(p);
    const user = e.user ? userJson(e.user) : '';
    return e.around.toString('utf8', 0, e.split) + user + e.around.toString('utf8', e.split);
  };
  const permissionBytes = (p: Permission): readonly Uint8Array[] => {
    const e = permissionEntry(p);
    const head = e.around.subarray(0, e.split);
    const tail = e.around.subarray(e.split);
    return e.user ? [head, userBytes(e.user), tail] : [head, tail];
  };

  function permissionInUser(p: Permission): Record<string, unknown> {
    const u = store.user(p.userId);
    return {
      links: [{ rel: 'self', href: `/permissions/${p.id}` }],
      id: p.id,
      user: { id: p.userId, userName: u?.userName ?? null },
      ...permissionBase(p, format(), store.workspace(p.workspaceId)),
    };
  }

  return { userJson, userBytes, permissionJson, permissionBytes, permissionInUser };
}
