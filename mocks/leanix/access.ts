/**
 * Who may do what in the fake MTM API, from the caller's verified access token (the `Principal`): 403 with the
 * error envelope otherwise (reference §6: "Use 403 for a valid token without rights: the token's workspace ≠ the path
 * workspace, or a non-ADMIN caller").
 *
 * The token is bound to one workspace (§2: "An API token belongs to one workspace, so the JWT is bound to that
 * workspace"). Carried over to the account-level user routes [INF]: a workspace ADMIN whose user role is ACCOUNTUSER
 * administers the users of its own workspace, not those of the account's other workspaces: reading or changing a
 * user who holds permissions only in other workspaces needs ACCOUNTADMIN (or SUPERADMIN). A user with no permission
 * at all (just created by POST /users, before its POST /permissions: Saviynt's CreateAccountJSON) stays reachable.
 *
 * User roles (§3: SUPERADMIN, SYSTEM, APICLIENT, ACCOUNTADMIN, ACCOUNTUSER) are granted no higher than the caller's
 * own [INF]: an ACCOUNTUSER grants ACCOUNTUSER, an ACCOUNTADMIN also ACCOUNTADMIN; SUPERADMIN and LeanIX's internal
 * SYSTEM and APICLIENT only a SUPERADMIN. Re-sending a user's current role (EnableAccountJSON does) is no change.
 */
import { forbidden } from './envelope.ts';
import type { User, UserRole } from './model.ts';
import type { Store } from './store.ts';

/** Who is calling, from a verified access token. */
export interface Principal {
  userId: string;
  accountId: string;
  workspaceId: string;
  workspaceName: string;
  userRole: string;
  permissionRole: string;
}

/** True when the caller may administer its workspace and account (workspace ADMIN or ACCOUNTADMIN/SUPERADMIN). */
export function isAdmin(p: Principal): boolean {
  return p.permissionRole === 'ADMIN' || isAccountAdmin(p);
}

/** True when the caller administers the whole account (user role ACCOUNTADMIN or SUPERADMIN). */
export function isAccountAdmin(p: Principal): boolean {
  return p.userRole === 'ACCOUNTADMIN' || p.userRole === 'SUPERADMIN';
}

/** 403 unless the caller is an admin. */
export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) throw forbidden(`role ${p.permissionRole} may not do this; ADMIN of the workspace is required`);
}

/** 403 unless the workspace is the token's workspace. */
export function requireOwnWorkspace(p: Principal, workspaceId: string): void {
  if (workspaceId !== p.workspaceId) {
    throw forbidden(`the access token is bound to workspace ${p.workspaceId}, not ${workspaceId}`);
  }
}

/**
 * True when the caller may see and change this user through the account-level routes: an account admin, or the
 * user holds a permission (any status) in the token's workspace, or none anywhere yet. The user is in the caller's
 * account (checked by the caller).
 */
export function userInScope(store: Store, p: Principal, u: User): boolean {
  if (isAccountAdmin(p) || u.id === p.userId) return true;
  const perms = store.permissionIdsOfUser(u.id);
  return perms.length === 0 || store.permissionFor(u.id, p.workspaceId) !== undefined;
}

/** 403 unless `userInScope`. */
export function requireUserInScope(store: Store, p: Principal, u: User): void {
  if (!userInScope(store, p, u))
    throw forbidden(
      `user ${u.id} has no permission in workspace ${p.workspaceName}: only an ACCOUNTADMIN may read or change users of other workspaces`,
    );
}

const RANK: Record<UserRole, number> = { ACCOUNTUSER: 0, ACCOUNTADMIN: 1, SUPERADMIN: 2, SYSTEM: 2, APICLIENT: 2 };
const rankOf = (role: string) => RANK[role as UserRole] ?? 0;

/** 403 when the caller may not give a user role `next` (a new user: `current` undefined), see the module doc. */
export function checkRoleChange(p: Principal, current: UserRole | undefined, next: UserRole): void {
  if (next === current) return;
  const own = rankOf(p.userRole);
  if (rankOf(next) > own) throw forbidden(`a caller with user role ${p.userRole} may not grant the user role ${next}`);
  if (current !== undefined && rankOf(current) > own)
    throw forbidden(`a caller with user role ${p.userRole} may not change the role of a user with role ${current}`);
}
