/**
 * The MTM write rules as functions over the store (no HTTP here). Each one validates everything first and only then
 * writes, so a refused request never leaves a half-applied change.
 *  - one permission per user per workspace: POST /permissions creates or updates by (user, workspace) or by `id`;
 *  - on create the status defaults to the `defaultPermissionStatus` quirk (ACTIVE); on update it is kept unless given;
 *  - INVITED -> ACTIVE is refused (400); ARCHIVED -> ACTIVE is allowed;
 *  - users are archived (account-wide `status`), never deleted; permissions are archived per workspace;
 *  - POST /idm/invite creates the user when the email is unknown and upserts an INVITED permission;
 *  - who may touch which user and grant which role: access.ts.
 */
import { checkRoleChange, type Principal, requireOwnWorkspace, requireUserInScope } from './access.ts';
import type { CreateUserBody, InviteBody, PermissionBody, UpdateUserBody } from './bodies.ts';
import { ApiFailure, badRequest, forbidden, notFound } from './envelope.ts';
import type { Permission, PermissionStatus, User } from './model.ts';
import type { Quirks } from './quirks.ts';
import type { Store } from './store.ts';

function conflict(field: string, message: string): ApiFailure {
  return new ApiFailure(409, message, [{ value: field, messages: ['already exists'] }]);
}

function checkUnique(store: Store, field: 'userName' | 'email', value: string, selfId: string | undefined): void {
  const other = field === 'email' ? store.userByEmail(value) : store.userByUserName(value);
  if (other && other.id !== selfId) throw conflict(field, `a user with ${field} ${value} already exists`);
}

function checkTransition(from: PermissionStatus, to: PermissionStatus, quirks: Quirks): void {
  if (from === 'INVITED' && to === 'ACTIVE') {
    throw badRequest('status', "You can't change the status from INVITED to ACTIVE");
  }
  if (from === 'ARCHIVED' && to === 'ACTIVE' && quirks.archivedToActive === 'refuse') {
    throw badRequest('status', "You can't change the status from ARCHIVED to ACTIVE; re-invite the user");
  }
}

/** POST /users: creates a user in the caller's account (plus permissions listed with both workspace and role). */
export function createUser(store: Store, body: CreateUserBody, caller: Principal, nowIso: string): User {
  if (body.account.id !== caller.accountId) {
    throw forbidden(`the access token belongs to account ${caller.accountId}, not ${body.account.id}`);
  }
  checkRoleChange(caller, undefined, body.role);
  const userName = body.userName ?? body.email;
  if (!userName) throw badRequest('userName', 'userName or email is required');
  const email = body.email ?? userName;
  checkUnique(store, 'userName', userName, undefined);
  checkUnique(store, 'email', email, undefined);
  // Saviynt sends `permissions:[{"workspaceId":""},{"role":"ADMIN"}]`: items lacking a workspace or a role are ignored.
  const grants: { workspaceId: string; role: Permission['role']; status: PermissionStatus }[] = [];
  (body.permissions ?? []).forEach((item, i) => {
    const wsId = item.workspace?.id || item.workspaceId;
    if (!wsId || !item.role) return;
    const ws = store.workspace(wsId);
    if (!ws) throw notFound('Workspace', wsId, `permissions.${i}.workspaceId`);
    if (ws.accountId !== caller.accountId) throw forbidden(`workspace ${wsId} is not in account ${caller.accountId}`);
    grants.push({ workspaceId: wsId, role: item.role, status: item.status ?? 'ACTIVE' });
  });
  const user = store.putUser({
    id: store.nextId(),
    accountId: caller.accountId,
    userName,
    email,
    firstName: body.firstName ?? null,
    lastName: body.lastName ?? null,
    displayName: body.displayName ?? null,
    department: body.department ?? null,
    role: body.role,
    status: body.status,
    technicalUser: body.technicalUser ?? false,
    scimManaged: body.scimManaged ?? false,
    transientUser: body.transientUser ?? false,
    createdAt: nowIso,
    lastLogin: null,
    currentLogin: null,
  });
  for (const g of grants) {
    if (store.permissionFor(user.id, g.workspaceId)) continue;
    store.putPermission({ id: store.nextId(), userId: user.id, createdAt: nowIso, lastLogin: null, ...g });
  }
  return user;
}

/**
 * PUT /users/{id}: partial update; `status` ARCHIVED/ACTIVE archives or re-activates the user account-wide. The user
 * must be in the caller's scope and a role change within its rights (access.ts).
 */
export function updateUser(store: Store, id: string, body: UpdateUserBody, caller: Principal): User {
  const user = store.user(id);
  if (!user) throw notFound('User', id);
  if (user.accountId !== caller.accountId) throw forbidden(`user ${id} is not in account ${caller.accountId}`);
  requireUserInScope(store, caller, user);
  if (body.role !== undefined) checkRoleChange(caller, user.role, body.role);
  if (body.id !== undefined && body.id !== id)
    throw badRequest('id', `body id ${body.id} does not match path id ${id}`);
  if (body.account && body.account.id !== user.accountId) {
    throw badRequest('account.id', `a user cannot move to another account (${user.accountId} -> ${body.account.id})`);
  }
  const next: User = { ...user };
  if (body.userName !== undefined) {
    checkUnique(store, 'userName', body.userName, id);
    next.userName = body.userName;
  }
  if (body.email !== undefined) {
    checkUnique(store, 'email', body.email, id);
    next.email = body.email;
  }
  if (body.firstName !== undefined) next.firstName = body.firstName;
  if (body.lastName !== undefined) next.lastName = body.lastName;
  if (body.displayName !== undefined) next.displayName = body.displayName;
  if (body.department !== undefined) next.department = body.department;
  if (body.role !== undefined) next.role = body.role;
  if (body.status !== undefined) next.status = body.status;
  if (body.technicalUser !== undefined) next.technicalUser = body.technicalUser;
  if (body.scimManaged !== undefined) next.scimManaged = body.scimManaged;
  return store.putUser(next);
}

/** POST /permissions: creates or updates THE permission of (user, workspace); returns it. */
export function upsertPermission(
  store: Store,
  body: PermissionBody,
  caller: Principal,
  quirks: Quirks,
  nowIso: string,
): Permission {
  let existing: Permission | undefined;
  let userId = body.user?.id;
  let wsId = body.workspace?.id ?? body.workspaceId;
  if (body.workspace?.id && body.workspaceId && body.workspace.id !== body.workspaceId) {
    throw badRequest('workspaceId', 'workspaceId and workspace.id differ');
  }
  if (body.id !== undefined) {
    existing = store.permission(body.id);
    if (!existing) throw notFound('Permission', body.id);
    if (userId !== undefined && userId !== existing.userId) throw badRequest('user.id', 'does not match permission id');
    if (wsId !== undefined && wsId !== existing.workspaceId)
      throw badRequest('workspace.id', 'does not match permission id');
    userId = existing.userId;
    wsId = existing.workspaceId;
  }
  if (!userId) throw badRequest('user.id', 'user.id is required');
  if (!wsId) throw badRequest('workspace.id', 'workspace.id is required');
  requireOwnWorkspace(caller, wsId);
  const ws = store.workspace(wsId);
  if (!ws) throw notFound('Workspace', wsId, 'workspace.id');
  const user = store.user(userId);
  if (!user) throw notFound('User', userId, 'user.id');
  if (user.accountId !== ws.accountId) {
    throw badRequest('user.id', `user ${userId} belongs to account ${user.accountId}, workspace to ${ws.accountId}`);
  }
  existing ??= store.permissionFor(userId, wsId);

  // embedded user data is persisted too ("If the related user object contains changed data, the data is persisted")
  let nextUser: User | undefined;
  if (body.user) {
    const e = body.user;
    const changed: Partial<User> = {};
    if (e.firstName !== undefined && e.firstName !== user.firstName) changed.firstName = e.firstName;
    if (e.lastName !== undefined && e.lastName !== user.lastName) changed.lastName = e.lastName;
    if (e.department !== undefined && e.department !== user.department) changed.department = e.department;
    if (e.displayName !== undefined && e.displayName !== user.displayName) changed.displayName = e.displayName;
    if (e.email !== undefined && e.email !== user.email) {
      checkUnique(store, 'email', e.email, user.id);
      changed.email = e.email;
    }
    if (e.userName !== undefined && e.userName !== user.userName) {
      checkUnique(store, 'userName', e.userName, user.id);
      changed.userName = e.userName;
    }
    if (Object.keys(changed).length > 0) nextUser = { ...user, ...changed };
  }

  let next: Permission;
  if (existing) {
    const status = body.status ?? existing.status;
    checkTransition(existing.status, status, quirks);
    next = { ...existing, role: body.role ?? existing.role, status };
  } else {
    if (!body.role) throw badRequest('role', 'role is required');
    next = {
      id: store.nextId(),
      userId,
      workspaceId: wsId,
      role: body.role,
      status: body.status ?? quirks.defaultPermissionStatus,
      createdAt: nowIso,
      lastLogin: null,
      invitedByUserId: caller.userId,
    };
  }
  if (body.customerRoles !== undefined) next.customerRoles = body.customerRoles;
  if (body.accessControlEntities !== undefined) next.accessControlEntities = body.accessControlEntities;
  if (nextUser) store.putUser(nextUser);
  return store.putPermission(next);
}

/** The result of an invitation: the (maybe new) user and whether an email would be sent. */
export interface InviteResult {
  user: User;
  permission: Permission;
  created: boolean;
}

/** POST /idm/invite: finds or creates the user by email, then upserts its permission as INVITED. */
export function invite(store: Store, body: InviteBody, caller: Principal, nowIso: string): InviteResult {
  const wsId = body.workspace.id;
  requireOwnWorkspace(caller, wsId);
  const ws = store.workspace(wsId);
  if (!ws) throw notFound('Workspace', wsId, 'workspace.id');
  const hostId = body.host?.id ?? caller.userId;
  if (!store.user(hostId)) throw notFound('User', hostId, 'host.id');
  let user = store.userByEmail(body.user.email);
  if (user && user.accountId !== ws.accountId) {
    throw badRequest('user.email', `user ${body.user.email} belongs to another account`);
  }
  const userName = body.user.userName ?? body.user.email;
  if (!user) checkUnique(store, 'userName', userName, undefined);
  const existing = user ? store.permissionFor(user.id, wsId) : undefined;
  const created = !user;
  user ??= store.putUser({
    id: store.nextId(),
    accountId: ws.accountId,
    userName,
    email: body.user.email,
    firstName: body.user.firstName ?? null,
    lastName: body.user.lastName ?? null,
    role: 'ACCOUNTUSER',
    status: 'ACTIVE',
    technicalUser: false,
    createdAt: nowIso,
    lastLogin: null,
    currentLogin: null,
  });
  const extra: Partial<Permission> = {};
  if (body.permission.customerRoles !== undefined) extra.customerRoles = body.permission.customerRoles;
  if (body.permission.accessControlEntities !== undefined) {
    extra.accessControlEntities = body.permission.accessControlEntities;
  }
  const permission = existing
    ? store.putPermission({
        ...existing,
        ...extra,
        role: body.permission.role,
        status: existing.status === 'ACTIVE' || existing.status === 'INVITED' ? existing.status : 'INVITED',
        invitedByUserId: hostId,
      })
    : store.putPermission({
        id: store.nextId(),
        userId: user.id,
        workspaceId: wsId,
        role: body.permission.role,
        status: 'INVITED',
        createdAt: nowIso,
        lastLogin: null,
        invitedByUserId: hostId,
        ...extra,
      });
  return { user, permission, created };
}
