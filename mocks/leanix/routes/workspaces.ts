/** The workspace routes: the caller's workspaces, and the users and permissions of its own one (ADMIN). */
import { requireAdmin, requireOwnWorkspace } from '../access.ts';
import { notFound } from '../envelope.ts';
import { type FieldReader, sortRows } from '../listing.ts';
import { PERMISSION_STATUSES, type Workspace } from '../model.ts';
import { boolParam, parseSort } from '../paging.ts';
import { workspaceView } from '../views.ts';
import {
  enumList,
  ok,
  okJson,
  PERMISSION_SORTS,
  page,
  permissionRows,
  type RouteCtx,
  type RouteDef,
  sortCheck,
  USER_SORTS,
  userPage,
  userResponse,
  userRows,
} from './shared.ts';

const workspaceFields: Record<string, FieldReader<Workspace>> = {
  id: (w) => w.id,
  name: (w) => w.name,
  type: (w) => w.type,
  status: (w) => w.status,
  createdAt: (w) => w.createdAt,
};
const WORKSPACE_SORTS = Object.keys(workspaceFields);

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

/** The workspace routes, relative to /services/mtm/v1. */
export const WORKSPACE_ROUTES: RouteDef[] = [
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
        'workspace',
        (w) => store.workspace(w.id),
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
      const { store } = ctx.deps;
      return userPage(ctx, 'workspaceUsers', () =>
        userRows(
          ctx,
          store.permissionIdsOfWorkspace(w.id).map((id) => store.permission(id)!.userId),
        ),
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
        'permission',
        (p) => store.permission(p.id),
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
];
