/** The user routes: list, create, read, update, delete (quirk) and a user's permissions. */
import { requireAdmin } from '../access.ts';
import { parseJsonBody, validateBody } from '../bodies.ts';
import { okListEnvelope, rawJsonResponse } from '../envelope.ts';
import { sortRows } from '../listing.ts';
import { boolParam, parseSort } from '../paging.ts';
import { createUser, updateUser } from '../rules.ts';
import {
  nowIso,
  okJson,
  PERMISSION_SORTS,
  permissionFields,
  type RouteDef,
  reachableUser,
  reachableUserIds,
  sortCheck,
  USER_SORTS,
  userPage,
  userResponse,
  userRows,
} from './shared.ts';

/** The user routes, relative to /services/mtm/v1. */
export const USER_ROUTES: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/users',
    needs: "ADMIN (the token account's users it may reach)",
    handler(ctx) {
      requireAdmin(ctx.principal);
      sortCheck(ctx, USER_SORTS);
      return userPage(ctx, 'users', () => userRows(ctx, reachableUserIds(ctx, ctx.principal.accountId)));
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
      const u = reachableUser(ctx, ctx.params.id);
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
      const u = reachableUser(ctx, ctx.params.id);
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
      const u = reachableUser(ctx, ctx.params.id);
      const { store, views } = ctx.deps;
      boolParam(ctx.url, 'includePotentialPermissions');
      const validOnly = boolParam(ctx.url, 'validOnly') ?? false;
      let rows = store.permissionIdsOfUser(u.id).map((id) => store.permission(id)!);
      if (validOnly) rows = rows.filter((p) => p.status === 'ACTIVE');
      rows = sortRows(rows, parseSort(ctx.url, PERMISSION_SORTS), permissionFields(store));
      return rawJsonResponse(200, okListEnvelope('Permission', rows.map(views.permissionJson), rows.length));
    },
  },
];
