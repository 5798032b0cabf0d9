/**
 * What the resource routes of the fake MTM API share: their types, the listing and paging helpers, the user and
 * permission row filters and the UserResponse. The routes themselves are in one file per resource (index.ts).
 */

import { isAccountAdmin, type Principal, requireUserInScope, userInScope } from '../access.ts';
import type { Clock } from '../clock.ts';
import {
  badRequest,
  bytesJsonResponse,
  forbidden,
  type ItemBytes,
  notFound,
  okEnvelope,
  okListBytes,
  rawJsonResponse,
} from '../envelope.ts';
import { createListCache, type FieldReader, type Listing, sortRows } from '../listing.ts';
import {
  PERMISSION_STATUSES,
  type Permission,
  type PermissionStatus,
  USER_STATUSES,
  type User,
  type UserStatus,
} from '../model.ts';
import { linkHeader, listParam, parsePaging, parseSort } from '../paging.ts';
import type { PageSizes, Quirks } from '../quirks.ts';
import type { Params } from '../router.ts';
import type { Store } from '../store.ts';
import type { ViewCache } from '../views.ts';

/** An invitation email the fake would have sent (POST /idm/invite without silent=true). */
export interface SentInvitation {
  to: string;
  userId: string;
  workspaceId: string;
  message: string | null;
  at: string;
}

export interface RouteDeps {
  store: Store;
  clock: Clock;
  quirks(): Quirks;
  views: ViewCache;
  outbox: SentInvitation[];
}

export interface RouteCtx {
  req: Request;
  url: URL;
  params: Params;
  /** The route pattern that matched (for list cache keys). */
  pattern: string;
  origin: string;
  principal: Principal;
  /** Request body text (empty for GET). */
  body: string;
  deps: RouteDeps;
}

export type RouteHandler = (ctx: RouteCtx) => Response | Promise<Response>;

export interface RouteDef {
  method: string;
  pattern: string;
  /** Who may call it (documentation, shown in README). */
  needs: string;
  handler: RouteHandler;
}

const userFields: Record<string, FieldReader<User>> = {
  id: (u) => u.id,
  email: (u) => u.email,
  userName: (u) => u.userName,
  firstName: (u) => u.firstName,
  lastName: (u) => u.lastName,
  displayName: (u) => u.displayName,
  role: (u) => u.role,
  status: (u) => u.status,
  createdAt: (u) => u.createdAt,
  lastLogin: (u) => u.lastLogin,
};
export const USER_SORTS = Object.keys(userFields);

export const permissionFields = (store: Store): Record<string, FieldReader<Permission>> => {
  const of = (read: FieldReader<User>): FieldReader<Permission> => {
    return (p) => {
      const u = store.user(p.userId);
      return u ? read(u) : null;
    };
  };
  return {
    id: (p) => p.id,
    role: (p) => p.role,
    status: (p) => p.status,
    createdAt: (p) => p.createdAt,
    lastLogin: (p) => p.lastLogin,
    email: of(userFields.email),
    userName: of(userFields.userName),
    firstName: of(userFields.firstName),
    lastName: of(userFields.lastName),
  };
};
export const PERMISSION_SORTS = [
  'id',
  'role',
  'status',
  'createdAt',
  'lastLogin',
  'email',
  'userName',
  'firstName',
  'lastName',
];

export function enumList<T extends string>(url: URL, name: string, allowed: readonly T[]): Set<T> | undefined {
  const values = listParam(url, name).map((v) => v.toUpperCase());
  if (values.length === 0) return undefined;
  for (const v of values) {
    if (!allowed.includes(v as T))
      throw badRequest(name, `unknown ${name} ${JSON.stringify(v)}; one of ${allowed.join(', ')}`);
  }
  return new Set(values as T[]);
}

function nameHaystack(u: User): string {
  return `${u.firstName ?? ''} ${u.lastName ?? ''}\n${u.userName}\n${u.email}\n${u.displayName ?? ''}`.toLowerCase();
}

/**
 * The `email` (comma list, exact, case-insensitive) and `q` (substring of first/last/display/user name or email; for
 * permissions also the exact role) filters; undefined when the query has neither.
 */
export function rowMatcher(url: URL): ((u: User, role?: string) => boolean) | undefined {
  const emails = new Set(listParam(url, 'email').map((e) => e.toLowerCase()));
  const q = url.searchParams.get('q')?.trim().toLowerCase();
  if (emails.size === 0 && !q) return undefined;
  return (u, role) => {
    if (emails.size > 0 && !emails.has(u.email.toLowerCase())) return false;
    if (q && !nameHaystack(u).includes(q) && role?.toLowerCase() !== q) return false;
    return true;
  };
}

/** A cache key for a listing: route, path params and every query parameter except page and size. */
export function listKey(ctx: RouteCtx): string {
  const query = ctx.url.search.replace(/(^\?|&)(page|size)=[^&]*/g, '');
  const p = ctx.params;
  const q = ctx.deps.quirks();
  return `${ctx.pattern}|${ctx.principal.userId}|${ctx.principal.workspaceId}|${p.id ?? ''}|${query}|${q.includeTechnicalUsersByDefault}|${q.dateFormat}|${ctx.origin}`;
}

const lists = new WeakMap<Store, ReturnType<typeof createListCache>>();
function listCache(store: Store) {
  let c = lists.get(store);
  if (!c) {
    c = createListCache();
    lists.set(store, c);
  }
  return c;
}

/** Query parameters that select or order rows by field values: a listing with any of them is rebuilt on every write. */
const ROW_SELECTORS = ['sort', 'q', 'email', 'status'];

/** Which records a listing's rows are: users and permissions can be replaced under a kept listing (Store.replacedSince). */
export type RowKind = 'user' | 'permission' | 'workspace';

/** Replaced rows from which a kept listing is brought up to date in one pass over its rows (see bringUpToDate). */
export const FULL_PASS_AT = 16;

const NONE: ReadonlySet<string> = new Set();

/**
 * Brings the rows a page serves up to the store's version. A listing without filter or sort keeps its rows across
 * updates that leave the store's shape (listing.ts), so a row may be an older version of its record. The store says
 * which records such writes replaced (`Store.replacedSince`):
 * - while they are few (under FULL_PASS_AT), only the served page's rows are checked against them, and the listing stays
 *   at its version, so the next page checks its rows too: a client that writes and reads in turn pays a check per row
 *   served, not a pass over the whole listing per write (that pass made a 10,001-user `harness serve` under a
 *   read/write load spend ~0.4 ms more CPU a write);
 * - from FULL_PASS_AT on, one pass re-reads the replaced rows of the whole listing and brings it to the store's version;
 * - when the store cannot tell (more writes than it remembers), every row is re-read once.
 * Re-reading every row of every page served instead made a 100,000-user tenant's pages a lookup per row in maps far
 * bigger than the CPU caches.
 */
function bringUpToDate<T extends { id: string }>(
  listing: Listing<T>,
  store: Store,
  kind: RowKind,
  current: (row: T) => T | undefined,
  start: number,
  end: number,
): void {
  if (listing.version === store.version) return;
  const rows = listing.rows;
  const replaced = store.replacedSince(listing.version);
  if (!replaced) {
    for (let i = 0; i < rows.length; i++) rows[i] = current(rows[i]) ?? rows[i];
    listing.version = store.version;
    return;
  }
  const ids = kind === 'user' ? replaced.users : kind === 'permission' ? replaced.permissions : NONE;
  const all = ids.size >= FULL_PASS_AT || ids.size === 0;
  const from = all ? 0 : start;
  const to = all ? rows.length : end;
  if (ids.size > 0) for (let i = from; i < to; i++) if (ids.has(rows[i].id)) rows[i] = current(rows[i]) ?? rows[i];
  if (all) listing.version = store.version;
}

/**
 * Serves one page of a cached listing, with the Link header when the quirk is on. `kind` and `current` say what the
 * rows are and how to re-read one (see bringUpToDate).
 */
export function page<T extends { id: string }>(
  ctx: RouteCtx,
  type: string,
  sizeKey: keyof PageSizes,
  build: () => T[],
  toBytes: (row: T) => ItemBytes,
  kind: RowKind,
  current: (row: T) => T | undefined,
): Response {
  const { store, quirks: quirksOf } = ctx.deps;
  const quirks = quirksOf();
  const { page, size } = parsePaging(ctx.url, quirks.pageSizes[sizeKey], quirks.maxPageSize);
  const cache = listCache(store);
  const reusable = !ROW_SELECTORS.some((p) => ctx.url.searchParams.has(p));
  const listing = cache.get(listKey(ctx), store, reusable, build);
  const rows = listing.rows;
  const start = Math.min((page - 1) * size, rows.length);
  const end = Math.min(rows.length, start + size);
  bringUpToDate(listing, store, kind, current, start, end);
  const headers: Record<string, string> = {};
  if (quirks.linkHeaders) headers.link = linkHeader(ctx.url, page, size, rows.length);
  // the page's whole body is cached until the next write (listing.ts): paging clients and repeated reads are a lookup
  const body = cache.page(listing, start, end, () => {
    const items: ItemBytes[] = [];
    for (let i = start; i < end; i++) items.push(toBytes(rows[i]));
    return okListBytes(type, items, rows.length);
  });
  return bytesJsonResponse(200, body, headers, ctx.req);
}

/** A page of users (the three user listings): rows from `build`, each served as its current record's cached JSON. */
export function userPage(ctx: RouteCtx, sizeKey: keyof PageSizes, build: () => User[]): Response {
  const { store, views } = ctx.deps;
  return page(
    ctx,
    'User',
    sizeKey,
    build,
    (u) => views.userBytes(u),
    'user',
    (u) => store.user(u.id),
  );
}

export function ok(type: string, data: unknown, total: number, extra: Record<string, unknown> = {}): Response {
  return rawJsonResponse(200, okEnvelope(type, data, total, extra));
}

export function okJson(type: string, dataJson: string, total: number): Response {
  return rawJsonResponse(
    200,
    `{"status":"OK","type":${JSON.stringify(type)},"message":null,"errors":[],"total":${total},"data":${dataJson}}`,
  );
}

export function nowIso(ctx: RouteCtx): string {
  return new Date(ctx.deps.clock.now()).toISOString();
}

/**
 * The user with this id, if the caller may reach it: 404 unknown, 403 in another account or out of the caller's scope
 * (a user of other workspaces only, for a workspace ADMIN: access.ts).
 */
export function reachableUser(ctx: RouteCtx, id: string): User {
  const u = ctx.deps.store.user(id);
  if (!u) throw notFound('User', id);
  if (u.accountId !== ctx.principal.accountId)
    throw forbidden(`user ${id} is not in account ${ctx.principal.accountId}`);
  requireUserInScope(ctx.deps.store, ctx.principal, u);
  return u;
}

/** The ids of the account's users the caller may reach (all of them for an account admin; see access.ts). */
export function reachableUserIds(ctx: RouteCtx, accountId: string): readonly string[] {
  const { store } = ctx.deps;
  const { principal } = ctx;
  const ids = store.userIdsOfAccount(accountId);
  if (isAccountAdmin(principal)) return ids;
  return ids.filter((id) => userInScope(store, principal, store.user(id)!));
}

/** The UserResponse: the user with `permissions` (in the caller's account) plus workspaceName/workspaceInstanceUrl. */
export function userResponse(ctx: RouteCtx, u: User, total: number, single?: Permission): Response {
  const { store, views } = ctx.deps;
  const perms = single ? [single] : store.permissionIdsOfUser(u.id).map((id) => store.permission(id)!);
  const data = { ...JSON.parse(views.userJson(u)), permissions: perms.map((p) => views.permissionInUser(p)) };
  return ok('User', data, total, { workspaceName: ctx.principal.workspaceName, workspaceInstanceUrl: ctx.origin });
}

export function userRows(ctx: RouteCtx, ids: readonly string[]): User[] {
  const { store } = ctx.deps;
  const match = rowMatcher(ctx.url);
  const statuses = enumList<UserStatus>(ctx.url, 'status', USER_STATUSES);
  const rows: User[] = [];
  for (const id of ids) {
    const u = store.user(id);
    if (!u) continue;
    if (statuses && !statuses.has(u.status)) continue;
    if (match && !match(u)) continue;
    rows.push(u);
  }
  return sortRows(rows, parseSort(ctx.url, USER_SORTS), userFields);
}

export function permissionRows(ctx: RouteCtx, ids: readonly string[], includeTechnical: boolean): Permission[] {
  const { store } = ctx.deps;
  const match = rowMatcher(ctx.url);
  const statuses = enumList<PermissionStatus>(ctx.url, 'status', PERMISSION_STATUSES);
  const rows: Permission[] = [];
  for (const id of ids) {
    const p = store.permission(id);
    if (!p) continue;
    if (statuses && !statuses.has(p.status)) continue;
    const u = store.user(p.userId);
    if (!u) continue;
    if (!includeTechnical && u.technicalUser) continue;
    if (match && !match(u, p.role)) continue;
    rows.push(p);
  }
  return sortRows(rows, parseSort(ctx.url, PERMISSION_SORTS), permissionFields(store));
}

export function sortCheck(ctx: RouteCtx, allowed: readonly string[]): void {
  parseSort(ctx.url, allowed); // validate even when the listing comes from the cache
}
