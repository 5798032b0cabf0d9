/**
 * API shapes of store records (what MTM returns). A user is serialised once per record version: records are immutable,
 * so a WeakMap from record to JSON text stays valid until the store replaces the record. A permission is rendered on
 * each request around its user's cached bytes and its workspace's cached part.
 */
import type { ItemPart } from './envelope.ts';
import type { Account, Permission, User, Workspace } from './model.ts';
import type { Store } from './store.ts';
import { type DateFormat, wireDate } from './wire-date.ts';

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
  /** The user's account record when serialised: a new account record (a rename) makes the entry stale. */
  account: Account | undefined;
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

/** Per-format caches of serialised users; permissions are rendered around them. */
export interface ViewCache {
  /** User JSON text (embedded account included). */
  userJson(u: User): string;
  /** The same as UTF-8 bytes. */
  userBytes(u: User): Uint8Array;
  /** Permission JSON text with embedded user and workspace. */
  permissionJson(p: Permission): string;
  /** The same in parts for a list page: the permission's own JSON text around its user's cached UTF-8 bytes. */
  permissionBytes(p: Permission): readonly ItemPart[];
  /** Permission object with its user slimmed to id and userName (for `user.permissions`). */
  permissionInUser(p: Permission): Record<string, unknown>;
  /** The permission as an object with its full user: what `permissionJson` renders, without building it, as text. */
  permissionObject(p: Permission): Record<string, unknown>;
}

/** JSON texts of short strings already rendered (roles, statuses): at most JSON_MEMO_SIZE of them. */
const jsonMemo = new Map<string, string>();
const JSON_MEMO_SIZE = 256;

/** `JSON.stringify` of a field value (null for undefined), with short strings (roles, statuses) remembered. */
function jsonOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string' && v.length <= 32) {
    let text = jsonMemo.get(v);
    if (text === undefined) {
      text = JSON.stringify(v);
      if (jsonMemo.size < JSON_MEMO_SIZE) jsonMemo.set(v, text);
    }
    return text;
  }
  return JSON.stringify(v);
}

/** Creates caches over a store; `format` is read on every call so quirk changes take effect at once. */
export function createViewCache(store: Store, format: () => DateFormat): ViewCache {
  const users = { epochMillis: new WeakMap<User, Cached>(), iso: new WeakMap<User, Cached>() };
  /** `"workspace":{..}` of a workspace's permissions (the same in every format). */
  const workspaceParts = new WeakMap<Workspace, string>();

  function userEntry(u: User): Cached {
    const f = format();
    const account = store.account(u.accountId);
    const hit = users[f].get(u);
    if (hit && hit.account === account) return hit;
    const entry = { account, json: JSON.stringify(userView(u, account, f)) };
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

  /** `"workspace":{..},"workspaceId":".."`: cached per workspace record, or the bare id when the record is gone. */
  function workspacePart(p: Permission, w: Workspace | undefined): string {
    if (!w)
      return `"workspace":${JSON.stringify({ id: p.workspaceId })},"workspaceId":${JSON.stringify(p.workspaceId)}`;
    let part = workspaceParts.get(w);
    if (part === undefined) {
      part = `"workspace":${JSON.stringify(workspaceRef(w))},"workspaceId":${JSON.stringify(w.id)}`;
      workspaceParts.set(w, part);
    }
    return part;
  }

  /**
   * A permission's own JSON around its embedded user, rendered on every call rather than cached per record: at 100,000
   * users a cache of these held ~80 MB (bytes plus an entry and a Buffer per row) for a render of about a microsecond.
   * The text is exactly `JSON.stringify` of the permission object (views.test.ts compares the two).
   */
  function permissionAround(p: Permission, u: User | undefined): [before: string, after: string] {
    const f = format();
    const id = JSON.stringify(p.id);
    const invitedBy = p.invitedByUserId ? store.user(p.invitedByUserId) : undefined;
    // Joined, not concatenated: a join is one flat string, which the page then measures and copies without first
    // flattening a rope of a dozen pieces. Without its user record the embedded user is just the id.
    const before = ['{"links":[{"rel":"self","href":"/permissions/', id.slice(1), '}],"id":', id, ',"user":'];
    if (!u) before.push(JSON.stringify({ id: p.userId }));
    const after = [
      ',',
      workspacePart(p, store.workspace(p.workspaceId)),
      ',"role":',
      jsonOf(p.role),
      ',"status":',
      jsonOf(p.status),
      ',"createdAt":',
      jsonOf(wireDate(p.createdAt, f)),
      ',"lastLogin":',
      jsonOf(wireDate(p.lastLogin, f)),
      ',"invitedByUser":',
      invitedBy ? JSON.stringify({ id: invitedBy.id, userName: invitedBy.userName }) : 'null',
      ',"reviewedByUser":null,"customerRoles":',
      jsonOf(p.customerRoles),
      ',"accessControlEntities":',
      jsonOf(p.accessControlEntities),
      ',"ignoreBlacklist":false,"count":0,"replayed":false,"active":',
      p.status === 'ACTIVE' ? 'true}' : 'false}',
    ];
    return [before.join(''), after.join('')];
  }
  const permissionJson = (p: Permission) => {
    const u = store.user(p.userId);
    const [before, after] = permissionAround(p, u);
    return before + (u ? userJson(u) : '') + after;
  };
  const permissionBytes = (p: Permission): readonly ItemPart[] => {
    const u = store.user(p.userId);
    const [before, after] = permissionAround(p, u);
    return u ? [before, userBytes(u), after] : [before, after];
  };

  /** The permission object around the given embedded user. */
  function permissionWith(p: Permission, user: unknown): Record<string, unknown> {
    return {
      links: [{ rel: 'self', href: `/permissions/${p.id}` }],
      id: p.id,
      user,
      ...permissionBase(p, format(), store.workspace(p.workspaceId)),
    };
  }
  function permissionInUser(p: Permission): Record<string, unknown> {
    return permissionWith(p, { id: p.userId, userName: store.user(p.userId)?.userName ?? null });
  }
  function permissionObject(p: Permission): Record<string, unknown> {
    const u = store.user(p.userId);
    return permissionWith(p, u ? JSON.parse(userJson(u)) : { id: p.userId });
  }

  return { userJson, userBytes, permissionJson, permissionBytes, permissionInUser, permissionObject };
}
