/**
 * The resource routes of the fake MTM API (everything but the token endpoint, which lives in core.ts), with the role
 * each needs, one file per resource. All paths are relative to /services/mtm/v1. "ADMIN" = ADMIN permission in the
 * token's workspace, or user role ACCOUNTADMIN/SUPERADMIN; the token is bound to one workspace and its account; who
 * may touch which user and grant which role: ../access.ts.
 */
import { ACCOUNT_ROUTES } from './accounts.ts';
import { PERMISSION_ROUTES } from './permissions.ts';
import type { RouteDef } from './shared.ts';
import { USER_ROUTES } from './users.ts';
import { WORKSPACE_ROUTES } from './workspaces.ts';

export type { RouteCtx, RouteDef, RouteDeps, RouteHandler, SentInvitation } from './shared.ts';

/** All resource routes, in the order the route table lists them. */
export const RESOURCE_ROUTES: RouteDef[] = [
  ...WORKSPACE_ROUTES,
  ...ACCOUNT_ROUTES,
  ...USER_ROUTES,
  ...PERMISSION_ROUTES,
];
