// Who may reach which user through the account-level routes, and grant which role (access.ts), through the router.
import { describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { BASE, basic, type TestClient, testClient } from './testing.ts';

/** The other workspace of the demo account (acme-sandbox), its technical user and its API token. */
function sandbox(c: TestClient) {
  const { store } = c.core;
  const ws = store.workspaces().find((w) => w.id !== c.wsId && w.accountId === c.accountId)!;
  const token = store.exportJson().apiTokens.find((t) => t.workspaceId === ws.id)!;
  return { ws, tech: store.user(token.userId)!, token: token.token };
}

/** A bearer token of the demo technical user after its user role was set to `role`. */
async function tokenWithUserRole(c: TestClient, role: 'ACCOUNTADMIN' | 'SUPERADMIN'): Promise<string> {
  const tech = c.core.store.user(c.core.store.apiToken(DEMO_API_TOKEN)!.userId)!;
  c.core.store.putUser({ ...tech, role });
  return c.core.mintAccessToken(DEMO_API_TOKEN);
}

const as = (c: TestClient, token: string, method: string, path: string, body?: unknown) =>
  c.core.handle(
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

describe('users of other workspaces (workspace ADMIN, user role ACCOUNTUSER)', () => {
  it('are neither listed nor readable through GET /users, /users/{id}, /users/{id}/permissions', async () => {
    const c = await testClient();
    const { tech } = sandbox(c);
    const list = await c.json('GET', '/users?size=100');
    expect(list.body.data.map((u: { id: string }) => u.id)).not.toContain(tech.id);
    for (const path of [`/users/${tech.id}`, `/users/${tech.id}/permissions`]) {
      const r = await c.json('GET', path);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', total: 0 });
      expect(r.body.message).toContain('only an ACCOUNTADMIN may read or change users of other workspaces');
    }
  });

  it("cannot archive the other workspace's technical user: 403, and its API token still works", async () => {
    const c = await testClient();
    const { tech, token } = sandbox(c);
    const r = await c.json('PUT', `/users/${tech.id}`, { status: 'ARCHIVED' });
    expect(r.status).toBe(403);
    expect(c.core.store.user(tech.id)!.status).toBe('ACTIVE');
    const minted = await c.core.handle(
      new Request(`${BASE}/oauth2/token`, {
        method: 'POST',
        headers: { authorization: basic(token), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      }),
    );
    expect(minted.status).toBe(200);
  });

  it('still reaches users of its own workspace and users with no permission yet (CreateAccountJSON call1 → call2)', async () => {
    const c = await testClient();
    const created = await c.json('POST', '/users', {
      userName: 'fresh@acme.example.com',
      role: 'ACCOUNTUSER',
      status: 'ACTIVE',
      account: { id: c.accountId },
    });
    expect(created.status).toBe(200);
    const id = created.body.data.id;
    expect((await c.json('GET', `/users/${id}`)).status).toBe(200);
    expect((await c.json('PUT', `/users/${id}`, { firstName: 'Fresh' })).status).toBe(200);
    const own = c.core.store.permissionIdsOfWorkspace(c.wsId).map((p) => c.core.store.permission(p)!.userId)[3];
    expect((await c.json('PUT', `/users/${own}`, { status: 'ARCHIVED' })).status).toBe(200);
  });
});

describe('user roles', () => {
  it('an ACCOUNTUSER caller grants no SUPERADMIN, SYSTEM or ACCOUNTADMIN, by PUT or POST /users (403)', async () => {
    const c = await testClient();
    const own = c.core.store.permissionIdsOfWorkspace(c.wsId).map((p) => c.core.store.permission(p)!.userId)[3];
    for (const role of ['SUPERADMIN', 'SYSTEM', 'ACCOUNTADMIN']) {
      const r = await c.json('PUT', `/users/${own}`, { role });
      expect(r.status).toBe(403);
      expect(r.body.message).toBe(`a caller with user role ACCOUNTUSER may not grant the user role ${role}`);
    }
    expect(c.core.store.user(own)!.role).toBe('ACCOUNTUSER');
    const created = await c.json('POST', '/users', {
      userName: 'boss@acme.example.com',
      role: 'SUPERADMIN',
      status: 'ACTIVE',
      account: { id: c.accountId },
    });
    expect(created.status).toBe(403);
    expect(c.core.store.userByEmail('boss@acme.example.com')).toBeUndefined();
  });

  it('re-sending the current role is no change (EnableAccountJSON sends the imported role)', async () => {
    const c = await testClient();
    const own = c.core.store.permissionIdsOfWorkspace(c.wsId).map((p) => c.core.store.permission(p)!.userId)[3];
    const admin = c.core.store.putUser({ ...c.core.store.user(own)!, role: 'ACCOUNTADMIN' });
    const r = await c.json('PUT', `/users/${admin.id}`, { role: 'ACCOUNTADMIN', status: 'ACTIVE' });
    expect(r.status).toBe(200);
    const demote = await c.json('PUT', `/users/${admin.id}`, { role: 'ACCOUNTUSER' });
    expect(demote.status).toBe(403);
    expect(demote.body.message).toBe(
      'a caller with user role ACCOUNTUSER may not change the role of a user with role ACCOUNTADMIN',
    );
  });

  it('an ACCOUNTADMIN reaches every user of the account and grants ACCOUNTADMIN, but not SUPERADMIN', async () => {
    const c = await testClient();
    const { tech } = sandbox(c);
    const token = await tokenWithUserRole(c, 'ACCOUNTADMIN');
    expect((await as(c, token, 'GET', `/users/${tech.id}`)).status).toBe(200);
    const own = c.core.store.permissionIdsOfWorkspace(c.wsId).map((p) => c.core.store.permission(p)!.userId)[3];
    expect((await as(c, token, 'PUT', `/users/${own}`, { role: 'ACCOUNTADMIN' })).status).toBe(200);
    expect((await as(c, token, 'PUT', `/users/${own}`, { role: 'SUPERADMIN' })).status).toBe(403);
    const superToken = await tokenWithUserRole(c, 'SUPERADMIN');
    expect((await as(c, superToken, 'PUT', `/users/${own}`, { role: 'SUPERADMIN' })).status).toBe(200);
  });
});
