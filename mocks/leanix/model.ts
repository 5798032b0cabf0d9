/**
 * Record types of the fake LeanIX MTM store. Records are flat (references by id) and treated as immutable: the store
 * replaces a record on every change, so snapshots can share records and per-record JSON caches stay valid.
 * The API shapes (users with embedded account, permissions with embedded user and workspace) are built in views.ts.
 */

export const USER_ROLES = ['SUPERADMIN', 'SYSTEM', 'APICLIENT', 'ACCOUNTADMIN', 'ACCOUNTUSER'] as const;
export const USER_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export const PERMISSION_ROLES = [
  'ADMIN',
  'MEMBER',
  'VIEWER',
  'CONTACT',
  'SYSTEM_READ',
  'SYSTEM_WRITE',
  'SYSTEM_AS_USER',
  'TRANSIENT',
] as const;
export const PERMISSION_STATUSES = ['NOTINVITED', 'ACTIVE', 'ARCHIVED', 'INVITED', 'REQUESTED', 'ANONYMIZED'] as const;
export const WORKSPACE_TYPES = ['LIVE', 'DEMO', 'SANDBOX'] as const;
export const WORKSPACE_STATUSES = ['ACTIVE', 'BLOCKED'] as const;
export const PRODUCTS = ['EAM', 'VSM', 'SMP'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type PermissionRole = (typeof PERMISSION_ROLES)[number];
export type PermissionStatus = (typeof PERMISSION_STATUSES)[number];
export type WorkspaceType = (typeof WORKSPACE_TYPES)[number];
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];
export type Product = (typeof PRODUCTS)[number];

/** An account ("Tenant ID" in Saviynt terms). */
export interface Account {
  id: string;
  name: string;
  fromAddress?: string | null;
  passwordPolicy?: 'NORMAL' | 'STRICT';
}

/** A workspace of an account; its contract is rendered inline from `contractType`/`contractStatus`. */
export interface Workspace {
  id: string;
  accountId: string;
  name: string;
  type: WorkspaceType;
  status: WorkspaceStatus;
  product: Product;
  defaultRole: PermissionRole;
  createdAt: string;
  comment?: string | null;
  invitationOnly?: boolean;
  contractType?: 'REGULAR' | 'TRIAL';
}

/** A user; `status` is account-wide (ARCHIVED blocks login but keeps the user listed). */
export interface User {
  id: string;
  accountId: string;
  userName: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName?: string | null;
  department?: string | null;
  role: UserRole;
  status: UserStatus;
  technicalUser: boolean;
  scimManaged?: boolean;
  transientUser?: boolean;
  createdAt: string;
  lastLogin: string | null;
  currentLogin?: string | null;
}

/** One permission of one user in one workspace (the store keeps at most one per user and workspace). */
export interface Permission {
  id: string;
  userId: string;
  workspaceId: string;
  role: PermissionRole;
  status: PermissionStatus;
  createdAt: string;
  lastLogin: string | null;
  customerRoles?: string | null;
  accessControlEntities?: string | null;
  invitedByUserId?: string | null;
}

/** An API token: bound to a workspace and its technical user, expires, can be revoked. */
export interface ApiToken {
  token: string;
  workspaceId: string;
  /** The technical user the token acts as. */
  userId: string;
  /** ISO date-time after which the token endpoint answers 401. */
  expiresAt: string;
  revoked?: boolean;
  description?: string;
}

/** Everything a store holds; what `generateTenant` produces and `Store.exportJson` returns. */
export interface TenantData {
  accounts: Account[];
  workspaces: Workspace[];
  users: User[];
  permissions: Permission[];
  apiTokens: ApiToken[];
}
