/** The permission routes: upsert, list, read, and the invitation (which upserts an INVITED permission). */
import { requireAdmin, requireOwnWorkspace } from '../access.ts';
import { parseJsonBody, validateBody } from '../bodies.ts';
import { notFound } from '../envelope.ts';
import { PERMISSION_STATUSES } from '../model.ts';
import { boolParam } from '../paging.ts';
import { invite, upsertPermission } from '../rules.ts';
import {
  enumList,
  nowIso,
  okJson,
  PERMISSION_SORTS,
  page,
  permissionRows,
  type RouteDef,
  sortCheck,
  userResponse,
} from './shared.ts';

/** The permission routes, relative to /services/mtm/v1. */
export const PERMISSION_ROUTES: RouteDef[] = [
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
        'permission',
        (p) => store.permission(p.id),
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
