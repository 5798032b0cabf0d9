/** A hand-written minimal tenant for the infra unit tests (not the generator's), so they pin the wrappers, not the data. */
import type { TenantData } from '../model.ts';

const T0 = '2024-06-01T00:00:00.000Z';
/** The API token of TINY's technical user (ADMIN of ws-1). */
export const TINY_TOKEN = 'tiny-api-token-0001';
/** 1 account, 2 workspaces, a technical ADMIN user and two humans. */
export const TINY: TenantData = {
  accounts: [{ id: 'acc-1', name: 'Acme' }],
  workspaces: [
    {
      id: 'ws-1',
      accountId: 'acc-1',
      name: 'acme',
      type: 'LIVE',
      status: 'ACTIVE',
      product: 'EAM',
      defaultRole: 'VIEWER',
      createdAt: T0,
    },
    {
      id: 'ws-2',
      accountId: 'acc-1',
      name: 'acme-sandbox',
      type: 'SANDBOX',
      status: 'ACTIVE',
      product: 'EAM',
      defaultRole: 'VIEWER',
      createdAt: T0,
    },
  ],
  users: [
    user('u-tech', 'saviynt-tech@acme.example', true),
    user('u-ann', 'ann@acme.example', false),
    user('u-bob', 'bob@acme.example', false),
  ],
  permissions: [
    perm('p-1', 'u-tech', 'ws-1', 'ADMIN'),
    perm('p-2', 'u-ann', 'ws-1', 'MEMBER'),
    perm('p-3', 'u-bob', 'ws-2', 'VIEWER'),
  ],
  apiTokens: [{ token: TINY_TOKEN, workspaceId: 'ws-1', userId: 'u-tech', expiresAt: '2030-01-01T00:00:00.000Z' }],
};

function user(id: string, email: string, technicalUser: boolean) {
  return {
    id,
    accountId: 'acc-1',
    userName: email,
    email,
    firstName: id,
    lastName: 'Test',
    role: 'ACCOUNTUSER' as const,
    status: 'ACTIVE' as const,
    technicalUser,
    createdAt: T0,
    lastLogin: null,
  };
}

function perm(id: string, userId: string, workspaceId: string, role: 'ADMIN' | 'MEMBER' | 'VIEWER') {
  return { id, userId, workspaceId, role, status: 'ACTIVE' as const, createdAt: T0, lastLogin: null };
}
