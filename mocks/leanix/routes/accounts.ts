/** The account routes: the token's account, its users and workspaces (ADMIN). */
import { requireAdmin } from '../access.ts';
import { forbidden, notFound } from '../envelope.ts';
import { accountView, workspaceView } from '../views.ts';
import {
  ok,
  type RouteCtx,
  type RouteDef,
  reachableUserIds,
  sortCheck,
  USER_SORTS,
  userPage,
  userRows,
} from './shared.ts';

/** The account routes, relative to /services/mtm/v1. */
export const ACCOUNT_ROUTES: RouteDef[] = [
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
      return userPage(ctx, 'accountUsers', () => userRows(ctx, reachableUserIds(ctx, a.id)));
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
