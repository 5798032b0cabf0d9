/**
 * The resource routes of the fake MTM API (everything but the token endpoint, which lives in core.ts), with the role
 * each needs. All paths are relative to /services/mtm/v1. "ADMIN" = ADMIN permission in the token's workspace, or
 * user role ACCOUNTADMIN/SUPERADMIN (see isAdmin). The token is bound to one workspace and its account.
 */

import { parseJsonBody, validateBody } from './bodies.ts';
import type { Clock } from './clock.ts';
import {
  badRequest,
  bytesJsonResponse,
  forbidden,
  notFound,
  okEnvelope,
  okListBytes,
  okListEnvelope,
  okListJoined,
  rawJsonResponse,
} from './envelope.ts';
import { createListCache, type FieldReader, serializeListing, sliceListing, sortRows } from './listing.ts';
import {
  PERMISSION_STATUSES,
  type Permission,
  type PermissionStatus,
  USER_STATUSES,
  type User,
  type UserStatus,
  type Workspace,
} from './model.ts';
import { boolParam, linkHeader, listParam, parsePaging, parseSort } from './paging.ts';
import type { PageSizes, Quirks } from './quirks.ts';
import type { Params } from './router.ts';
import {
  createUser,
  invite,
  type Principal,
  requireAdmin,
  requireOwnWorkspace,
  updateUser,
  upsertPermission,
} from './rules.ts';
import type { Store } from './store.ts';
import { accountView, type ViewCache, workspaceView } from './views.ts';

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
const USER_SORTS = Object.keys(userFields);

const permissionFields = (store: Store): Record<string, FieldReader<Permission>> => {
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
const PERMISSION_SORTS = [
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

const workspaceFields: Record<string, FieldReader<Workspace>> = {
  id: (w) => w.id,
  name: (w) => w.name,
  type: (w) => w.type,
  status: (w) => w.status,
  createdAt: (w) => w.createdAt,
};
const WORKSPACE_SORTS = Object.keys(workspaceFields);

function enumList<T extends string>(url: URL, name: string, allowed: readonly T[]): Set<T> | undefined {
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
function rowMatcher(url: URL): ((u: User, role?: string) => boolean) | undefined {
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
function listKey(ctx: RouteCtx): string {
  const query = ctx.url.search.replace(/(^\?|&)(page|size)=[^&]*/g, '');
  const p = ctx.params;
  const q = ctx.deps.quirks();
  return `${ctx.pattern}|${ctx.principal.userId}|${p.id ?? ''}|${query}|${q.includeTechnicalUsersByDefault}|${q.dateFormat}|${ctx.origin}`;
}

/** Listings up to this many rows are kept serialised (~0.6 KB per user): bounded memory, one-slice pages. */
const SERIALIZE_MAX_ROWS = 20_000;

const lists = new WeakMap<Store, ReturnType<typeof createListCache>>();
function listCache(store: Store) {
  let c = lists.get(store);
  if (!c) {
    c = createListCache();
    lists.set(store, c);
  }
  return c;
}

/** Serves one page of a cached listing, with the Link header when the quirk is on. */
function page<T>(
  ctx: RouteCtx,
  type: string,
  sizeKey: keyof PageSizes,
  build: () => T[],
  toBytes: (row: T) => Uint8Array,
): Response {
  const quirks = ctx.deps.quirks();
  const { page, size } = parsePaging(ctx.url, quirks.pageSizes[sizeKey], quirks.maxPageSize);
  const listing = listCache(ctx.deps.store).get(listKey(ctx), ctx.deps.store.version, build);
  const rows = listing.rows;
  const start = Math.min((page - 1) * size, rows.length);
  const end = Math.min(rows.length, start + size);
  const headers: Record<string, string> = {};
  if (quirks.linkHeaders) headers.link = linkHeader(ctx.url, page, size, rows.length);
  if (rows.length <= SERIALIZE_MAX_ROWS) {
    // page through a listing many times: serialise it once, then every page is one slice
    listing.serialized ??= serializeListing(rows, toBytes);
    const joined = sliceListing(listing.serialized, start, end);
    return bytesJsonResponse(200, okListJoined(type, joined, rows.length), headers, ctx.req);
  }
  const items: Uint8Array[] = [];
  for (let i = start; i < end; i++) items.push(toBytes(rows[i]));
  return bytesJsonResponse(200, okListBytes(type, items, rows.length), headers, ctx.req);
}

function ok(type: string, data: unknown, total: number, extra: Record<string, unknown> = {}): Response {
  return rawJsonResponse(200, okEnvelope(type, data, total, extra));
}

function okJson(type: string, dataJson: string, total: number): Response {
  return rawJsonResponse(
    200,
    `{"status":"OK","type":${JSON.stringify(type)},"message":null,"errors":[],"total":${total},"data":${dataJson}}`,
  );
}

function nowIso(ctx: RouteCtx): string {
  return new Date(ctx.deps.clock.now()).toISOString();
}

function workspaceOr404(ctx: RouteCtx, id: string): Workspace {
  const w = ctx.deps.store.workspace(id);
  if (!w) throw notFound('Workspace', id);
  return w;
}

/** 403 unless the workspace is the token's, then 404 if it does not exist. */
function ownWorkspace(ctx: RouteCtx): Workspace {
  requireOwnWorkspace(ctx.principal, ctx.params.id);
  return workspaceOr404(ctx, ctx.params.id);
}

function userInAccount(ctx: RouteCtx, id: string): User {
  const u = ctx.deps.store.user(id);
  if (!u) throw notFound('User', id);
  if (u.accountId !== ctx.principal.accountId)
    throw forbidden(`user ${id} is not in account ${ctx.principal.accountId}`);
  return u;
}

/** The UserResponse: the user with `permissions` (in the caller's account) plus workspaceName/workspaceInstanceUrl. */
function userResponse(ctx: RouteCtx, u: User, total: number, single?: Permission): Response {
  const { store, views } = ctx.deps;
  const perms = single ? [single] : store.permissionIdsOfUser(u.id).map((id) => store.permission(id)!);
  const data = { ...JSON.parse(views.userJson(u)), permissions: perms.map((p) => views.permissionInUser(p)) };
  return ok('User', data, total, { workspaceName: ctx.principal.workspaceName, workspaceInstanceUrl: ctx.origin });
}

function userRows(ctx: RouteCtx, ids: readonly string[]): User[] {
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

function permissionRows(ctx: RouteCtx, ids: readonly string[], includeTechnical: boolean): Permission[] {
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

function sortCheck(ctx: RouteCtx, allowed: readonly string[]): void {
  parseSort(ctx.url, allowed); // validate even when the listing comes from the cache
}

/** All resource routes, relative to /services/mtm/v1. */
export const RESOURCE_ROUTES: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/workspaces',
    needs: 'any valid token',
    handler(ctx) {
      const { store } = ctx.deps;
      sortCheck(ctx, WORKSPACE_SORTS);
      return page(
        ctx,
        'Workspace',
        'workspaces',
        () => {
          const q = ctx.url.searchParams.get('q')?.trim().toLowerCase();
          const rows = store
            .permissionIdsOfUser(ctx.principal.userId)
            .map((id) => store.permission(id)!)
            .filter((p) => p.status !== 'ARCHIVED')
            .map((p) => store.workspace(p.workspaceId))
            .filter((w): w is Workspace => !!w && (!q || w.name.toLowerCase().includes(q)));
          const keys = parseSort(ctx.url, WORKSPACE_SORTS);
          return sortRows(rows, keys.length > 0 ? keys : [{ field: 'id', desc: false }], workspaceFields);
        },
        (w) =>
          Buffer.from(
            JSON.stringify(workspaceView(w, store.account(w.accountId), ctx.origin, ctx.deps.quirks().dateFormat)),
          ),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/workspaces/:id',
    needs: 'a token of this workspace',
    handler(ctx) {
      const w = ownWorkspace(ctx);
      const { store, quirks } = ctx.deps;
      return ok('Workspace', workspaceView(w, store.account(w.accountId), ctx.origin, quirks().dateFormat), 1);
    },
  },
  {
    method: 'GET',
    pattern: '/workspaces/:id/users',
    needs: 'ADMIN of this workspace',
    handler(ctx) {
      const w = ownWorkspace(ctx);
      requireAdmin(ctx.principal);
      sortCheck(ctx, USER_SORTS);
      const { store, views } = ctx.deps;
      return page(
        ctx,
        'User',
        'workspaceUsers',
        () =>
          userRows(
            ctx,
            store.permissionIdsOfWorkspace(w.id).map((id) => store.permission(id)!.userId),
          ),
        (u) => views.userBytes(u),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/workspaces/:id/users/:userId',
    needs: 'ADMIN of this workspace',
    handler(ctx) {
      const w = ownWorkspace(ctx);
      requireAdmin(ctx.principal);
      const u = ctx.deps.store.user(ctx.params.userId);
      const p = u ? ctx.deps.store.permissionFor(u.id, w.id) : undefined;
      if (!u || !p) throw notFound('User in workspace', ctx.params.userId, 'userId');
      return userResponse(ctx, u, 1, p);
    },
  },
  {
    method: 'GET',
    pattern: '/workspaces/:id/permissions',
    needs: 'ADMIN of this workspace',
    handler(ctx) {
      const w = ownWorkspace(ctx);
      requireAdmin(ctx.principal);
      sortCheck(ctx, PERMISSION_SORTS);
      const { store, views, quirks } = ctx.deps;
      const includeTechnical = boolParam(ctx.url, 'includeTechnicalUsers') ?? quirks().includeTechnicalUsersByDefault;
      enumList(ctx.url, 'status', PERMISSION_STATUSES);
      return page(
        ctx,
        'Permission',
        'workspacePermissions',
        () => permissionRows(ctx, store.permissionIdsOfWorkspace(w.id), includeTechnical),
        (p) => views.permissionBytes(p),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/workspaces/:id/permissions/:permissionId',
    needs: 'ADMIN of this workspace',
    handler(ctx) {
      const w = ownWorkspace(ctx);
      requireAdmin(ctx.principal);
      const p = ctx.deps.store.permission(ctx.params.permissionId);
      if (!p || p.workspaceId !== w.id) throw notFound('Permission', ctx.params.permissionId, 'permissionId');
      return okJson('Permission', ctx.deps.views.permissionJson(p), 1);
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:id',
    needs: 'ADMIN, token of this account',
    handler(ctx) {
      const a = accountOf(ctx);
      return ok('Account', accountView(a), 1);
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:id/users',
    needs: 'ADMIN, token of this account',
    handler(ctx) {
      const a = accountOf(ctx);
      sortCheck(ctx, USER_SORTS);
      const { store, views } = ctx.deps;
      return page(
        ctx,
        'User',
        'accountUsers',
        () => userRows(ctx, store.userIdsOfAccount(a.id)),
        (u) => views.userBytes(u),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:id/workspaces',
    needs: 'ADMIN, token of this account',
    handler(ctx) {
      const a = accountOf(ctx);
      const { store, quirks } = ctx.deps;
      const rows = store.workspaceIdsOfAccount(a.id).map((id) => store.workspace(id)!);
      const data = rows.map((w) => workspaceView(w, a, ctx.origin, quirks().dateFormat));
      return ok('Workspace', data, data.length);
    },
  },
  {
    method: 'GET',
    pattern: '/users',
    needs: 'ADMIN (users of the token account only)',
    handler(ctx) {
      requireAdmin(ctx.principal);
      sortCheck(ctx, USER_SORTS);
      const { store, views } = ctx.deps;
      return page(
        ctx,
        'User',
        'users',
        () => userRows(ctx, store.userIdsOfAccount(ctx.principal.accountId)),
        (u) => views.userBytes(u),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/users',
    needs: 'ADMIN; body account.id = token account',
    handler(ctx) {
      requireAdmin(ctx.principal);
      const body = validateBody('createUser', parseJsonBody(ctx.body), ctx.deps.quirks().unknownFields);
      const u = createUser(ctx.deps.store, body, ctx.principal, nowIso(ctx));
      return userResponse(ctx, u, 0);
    },
  },
  {
    method: 'GET',
    pattern: '/users/:id',
    needs: 'ADMIN, or the caller itself',
    handler(ctx) {
      if (ctx.params.id !== ctx.principal.userId) requireAdmin(ctx.principal);
      const u = userInAccount(ctx, ctx.params.id);
      const single = boolParam(ctx.url, 'returnSinglePermission')
        ? ctx.deps.store.permissionFor(u.id, ctx.principal.workspaceId)
        : undefined;
      return userResponse(ctx, u, 1, single);
    },
  },
  {
    method: 'PUT',
    pattern: '/users/:id',
    needs: 'ADMIN',
    handler(ctx) {
      requireAdmin(ctx.principal);
      boolParam(ctx.url, 'noAdditionalPermissions');
      const body = validateBody('updateUser', parseJsonBody(ctx.body), ctx.deps.quirks().unknownFields);
      const u = updateUser(ctx.deps.store, ctx.params.id, body, ctx.principal);
      return userResponse(ctx, u, 0);
    },
  },
  {
    method: 'DELETE',
    pattern: '/users/:id',
    needs: 'ADMIN, and the deleteUsers quirk = allow (else 405)',
    handler(ctx) {
      // the 405 for the default quirk is answered by core.ts before authentication
      requireAdmin(ctx.principal);
      const u = userInAccount(ctx, ctx.params.id);
      const json = ctx.deps.views.userJson(u);
      ctx.deps.store.deleteUser(u.id);
      return okJson('User', json, 0);
    },
  },
  {
    method: 'GET',
    pattern: '/users/:id/permissions',
    needs: 'ADMIN, or the caller itself',
    handler(ctx) {
      if (ctx.params.id !== ctx.principal.userId) requireAdmin(ctx.principal);
      const u = userInAccount(ctx, ctx.params.id);
      const { store, views } = ctx.deps;
      boolParam(ctx.url, 'includePotentialPermissions');
      const validOnly = boolParam(ctx.url, 'validOnly') ?? false;
      let rows = store.permissionIdsOfUser(u.id).map((id) => store.permission(id)!);
      if (validOnly) rows = rows.filter((p) => p.status === 'ACTIVE');
      rows = sortRows(rows, parseSort(ctx.url, PERMISSION_SORTS), permissionFields(store));
      return rawJsonResponse(200, okListEnvelope('Permission', rows.map(views.permissionJson), rows.length));
    },
  },
  {
    method: 'POST',
    pattern: '/permissions',
    needs: 'ADMIN of the body workspace',
    handler(ctx) {
      requireAdmin(ctx.principal);
      const { store, quirks, views } = ctx.deps;
      const body = validateBody('permission', parseJsonBody(ctx.body), quirks().unknownFields);
      const p = upsertPermission(store, body, ctx.principal, quirks(), nowIso(ctx));
      return okJson('Permission', views.permissionJson(p), 0);
    },
  },
  {
    method: 'GET',
    pattern: '/permissions',
    needs: 'ADMIN; scoped to the token workspace',
    handler(ctx) {
      requireAdmin(ctx.principal);
      const wsId = ctx.url.searchParams.get('workspaceId') || ctx.principal.workspaceId;
      requireOwnWorkspace(ctx.principal, wsId);
      sortCheck(ctx, PERMISSION_SORTS);
      enumList(ctx.url, 'status', PERMISSION_STATUSES);
      const userId = ctx.url.searchParams.get('userId');
      const { store, views } = ctx.deps;
      return page(
        ctx,
        'Permission',
        'permissions',
        () => {
          const ids = userId
            ? [store.permissionFor(userId, wsId)?.id].filter((x): x is string => !!x)
            : store.permissionIdsOfWorkspace(wsId);
          return permissionRows(ctx, ids, true);
        },
        (p) => views.permissionBytes(p),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/permissions/:id',
    needs: 'ADMIN of the permission workspace',
    handler(ctx) {
      requireAdmin(ctx.principal);
      const p = ctx.deps.store.permission(ctx.params.id);
      if (!p) throw notFound('Permission', ctx.params.id);
      requireOwnWorkspace(ctx.principal, p.workspaceId);
      return okJson('Permission', ctx.deps.views.permissionJson(p), 1);
    },
  },
  {
    method: 'POST',
    pattern: '/idm/invite',
    needs: 'ADMIN of the body workspace',
    handler(ctx) {
      requireAdmin(ctx.principal);
      const silent = boolParam(ctx.url, 'silent') ?? false;
      const { store, quirks, outbox } = ctx.deps;
      const body = validateBody('invite', parseJsonBody(ctx.body), quirks().unknownFields);
      const r = invite(store, body, ctx.principal, nowIso(ctx));
      if (!silent) {
        outbox.push({
          to: r.user.email,
          userId: r.user.id,
          workspaceId: r.permission.workspaceId,
          message: body.message ?? null,
          at: nowIso(ctx),
        });
      }
      return userResponse(ctx, r.user, 0, r.permission);
    },
  },
];

function accountOf(ctx: RouteCtx) {
  if (ctx.params.id !== ctx.principal.accountId) {
    throw forbidden(`the access token belongs to account ${ctx.principal.accountId}, not ${ctx.params.id}`);
  }
  requireAdmin(ctx.principal);
  const a = ctx.deps.store.account(ctx.params.id);
  if (!a) throw notFound('Account', ctx.params.id);
  return a;
}
