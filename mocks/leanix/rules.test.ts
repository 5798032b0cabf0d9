import { describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import type { Permission } from './model.ts';
import { type TestClient, testClient } from './testing.ts';

function permIn(c: TestClient, status: Permission['status']): Permission {
  return c.core.store
    .exportJson()
    .permissions.find(
      (p) => p.workspaceId === c.wsId && p.status === status && !c.core.store.user(p.userId)!.technicalUser,
    )!;
}

/** A human user of the demo account without a permission in the demo workspace (created through the API). */
async function newUser(c: TestClient, email = 'new.person@acme.example.com'): Promise<string> {
  const r = await c.json('POST', '/users', {
    userName: email,
    firstName: 'New',
    lastName: 'Person',
    role: 'ACCOUNTUSER',
    status: 'ACTIVE',
    account: { id: c.accountId },
  });
  expect(r.status).toBe(200);
  return r.body.data.id;
}

describe('POST /permissions: one permission per user per workspace', () => {
  it('creates with status ACTIVE when none is given (Saviynt sends none), then updates the same record', async () => {
    const c = await testClient();
    const userId = await newUser(c);
    const created = await c.json('POST', '/permissions', {
      role: 'VIEWER',
      user: { id: userId },
      workspace: { id: c.wsId },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'OK',
      type: 'Permission',
      total: 0,
      data: { role: 'VIEWER', status: 'ACTIVE', active: true },
    });
    const again = await c.json('POST', '/permissions', {
      role: 'ADMIN',
      user: { id: userId },
      workspace: { id: c.wsId },
    });
    expect(again.body.data).toMatchObject({ id: created.body.data.id, role: 'ADMIN', status: 'ACTIVE' });
    const inWs = c.core.store
      .permissionIdsOfWorkspace(c.wsId)
      .filter((id) => c.core.store.permission(id)!.userId === userId);
    expect(inWs).toHaveLength(1);
  });

  it('defaults a new permission to INVITED with the defaultPermissionStatus quirk', async () => {
    const c = await testClient(undefined, { quirks: { defaultPermissionStatus: 'INVITED' } });
    const userId = await newUser(c);
    const r = await c.json('POST', '/permissions', { role: 'MEMBER', user: { id: userId }, workspace: { id: c.wsId } });
    expect(r.body.data.status).toBe('INVITED');
  });

  it('keeps the current status on update when none is given', async () => {
    const c = await testClient();
    const p = permIn(c, 'INVITED');
    const r = await c.json('POST', '/permissions', {
      role: 'VIEWER',
      user: { id: p.userId },
      workspace: { id: c.wsId },
    });
    expect(r.body.data).toMatchObject({ id: p.id, role: 'VIEWER', status: 'INVITED', active: false });
  });

  it('refuses INVITED -> ACTIVE with 400 naming status, and changes nothing', async () => {
    const c = await testClient();
    const p = permIn(c, 'INVITED');
    const r = await c.json('POST', '/permissions', {
      role: 'ADMIN',
      status: 'ACTIVE',
      user: { id: p.userId },
      workspace: { id: c.wsId },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', errors: [{ value: 'status' }], total: 0 });
    expect(c.core.store.permission(p.id)).toMatchObject({ role: p.role, status: 'INVITED' });
  });

  it('allows ARCHIVED -> ACTIVE (reactivation) and archiving a permission only in its workspace', async () => {
    const c = await testClient();
    const p = permIn(c, 'ARCHIVED');
    const back = await c.json('POST', '/permissions', {
      role: p.role,
      status: 'ACTIVE',
      user: { id: p.userId },
      workspace: { id: c.wsId },
    });
    expect(back.body.data.status).toBe('ACTIVE');
    // a user active in both workspaces: archive in the demo workspace, the other stays ACTIVE
    const both = c.core.store.exportJson().users.find((u) => {
      const ps = c.core.store.permissionIdsOfUser(u.id).map((id) => c.core.store.permission(id)!);
      return !u.technicalUser && ps.length === 2 && ps.every((x) => x.status === 'ACTIVE');
    })!;
    const r = await c.json('POST', '/permissions', {
      role: 'VIEWER',
      status: 'ARCHIVED',
      user: { id: both.id },
      workspace: { id: c.wsId },
    });
    expect(r.body.data.status).toBe('ARCHIVED');
    const statuses = c.core.store.permissionIdsOfUser(both.id).map((id) => c.core.store.permission(id)!);
    expect(statuses.find((x) => x.workspaceId !== c.wsId)!.status).toBe('ACTIVE');
    expect(c.core.store.user(both.id)!.status).toBe('ACTIVE');
  });

  it('refuses ARCHIVED -> ACTIVE with the archivedToActive quirk', async () => {
    const c = await testClient(undefined, { quirks: { archivedToActive: 'refuse' } });
    const p = permIn(c, 'ARCHIVED');
    const r = await c.json('POST', '/permissions', {
      role: p.role,
      status: 'ACTIVE',
      user: { id: p.userId },
      workspace: { id: c.wsId },
    });
    expect(r.status).toBe(400);
    expect(c.core.store.permission(p.id)!.status).toBe('ARCHIVED');
  });

  it('resolves the target by permission id (other clients send id + status)', async () => {
    const c = await testClient();
    const p = permIn(c, 'ACTIVE');
    const r = await c.json('POST', '/permissions', { id: p.id, role: 'MEMBER', status: 'ACTIVE' });
    expect(r.body.data).toMatchObject({ id: p.id, role: 'MEMBER', user: { id: p.userId } });
    expect((await c.json('POST', '/permissions', { id: 'nope', role: 'MEMBER' })).status).toBe(404);
  });

  it('persists changed data of the embedded user, but refuses an email already taken without any change', async () => {
    const c = await testClient();
    const p = permIn(c, 'ACTIVE');
    const ok = await c.json('POST', '/permissions', {
      role: 'MEMBER',
      user: { id: p.userId, firstName: 'Renamed' },
      workspace: { id: c.wsId },
    });
    expect(ok.body.data.user.firstName).toBe('Renamed');
    const taken = c.core.store.exportJson().users.find((u) => u.id !== p.userId)!.email;
    const before = c.core.store.permission(p.id)!;
    const r = await c.json('POST', '/permissions', {
      role: 'ADMIN',
      user: { id: p.userId, email: taken },
      workspace: { id: c.wsId },
    });
    expect(r.status).toBe(409);
    expect(r.body.errors[0].value).toBe('email');
    expect(c.core.store.permission(p.id)).toBe(before);
  });

  it('400 for missing user.id / workspace.id / role, unknown enums, malformed JSON (the Saviynt RemoveAccess template)', async () => {
    const c = await testClient();
    const userId = await newUser(c);
    const cases: [unknown, string][] = [
      [{ role: 'VIEWER', workspace: { id: c.wsId } }, 'user.id'],
      [{ role: 'VIEWER', user: { id: userId } }, 'workspace.id'],
      [{ user: { id: userId }, workspace: { id: c.wsId } }, 'role'],
      [{ role: 'OWNER', user: { id: userId }, workspace: { id: c.wsId } }, 'role'],
      [{ role: 'VIEWER', status: 'MAYBE', user: { id: userId }, workspace: { id: c.wsId } }, 'status'],
      [{ role: 'VIEWER', user: { id: 42 }, workspace: { id: c.wsId } }, 'user.id'],
      ['{"role": "VIEWER" }","user": {"id": "x"},"workspace": {"id": "y"}}', 'body'],
      ['', 'body'],
      [[1, 2], 'body'],
    ];
    const before = c.core.store.version;
    for (const [body, field] of cases) {
      const r = await c.json('POST', '/permissions', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        r.body.errors.map((e: { value: string }) => e.value),
        JSON.stringify(body),
      ).toContain(field);
      expect(r.body.message).toBeTruthy();
    }
    expect(c.core.store.version).toBe(before);
  });

  it('404 for unknown user or workspace ids, 403 for another workspace of the account', async () => {
    const c = await testClient();
    const userId = await newUser(c);
    const r = await c.json('POST', '/permissions', {
      role: 'VIEWER',
      user: { id: 'ghost' },
      workspace: { id: c.wsId },
    });
    expect(r.status).toBe(404);
    expect(r.body.errors[0].value).toBe('user.id');
    const other = c.core.store.workspaces().find((w) => w.id !== c.wsId)!;
    expect(
      (await c.json('POST', '/permissions', { role: 'VIEWER', user: { id: userId }, workspace: { id: other.id } }))
        .status,
    ).toBe(403);
  });

  it('ignores unknown fields by default and names them with unknownFields=reject', async () => {
    const c = await testClient();
    const userId = await newUser(c);
    const body = { role: 'VIEWER', colour: 'blue', user: { id: userId, shoe: 1 }, workspace: { id: c.wsId } };
    expect((await c.json('POST', '/permissions', body)).status).toBe(200);
    c.core.quirks.unknownFields = 'reject';
    const r = await c.json('POST', '/permissions', body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { value: string }) => e.value).sort()).toEqual(['colour', 'user.shoe']);
    // known MTM fields a client echoes back are not "unknown"
    const echo = await c.json('POST', '/permissions', {
      role: 'VIEWER',
      user: { id: userId },
      workspace: { id: c.wsId },
      links: [],
      active: true,
      count: 0,
    });
    expect(echo.status).toBe(200);
  });
});

describe('users: created, updated, archived account-wide, never deleted', () => {
  it('creates a user from the Saviynt CreateAccountJSON call1 body, ignoring `lastname` and the split permissions', async () => {
    const c = await testClient();
    const r = await c.json('POST', '/users', {
      userName: 'jdoe@acme.example.com',
      firstName: 'Jane',
      lastname: 'Doe',
      role: 'ACCOUNTUSER',
      status: 'ACTIVE',
      account: { id: c.accountId, name: 'jdoe', fromAddress: 'support@leanix.net' },
      permissions: [{ workspaceId: '' }, { role: 'ADMIN' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      userName: 'jdoe@acme.example.com',
      email: 'jdoe@acme.example.com',
      firstName: 'Jane',
      lastName: null,
      permissions: [],
    });
    expect(r.body.data.createdAt).toBe(c.core.clock.now());
    expect(
      (
        await c.json('POST', '/users', {
          userName: 'JDOE@acme.example.com',
          role: 'ACCOUNTUSER',
          status: 'ACTIVE',
          account: { id: c.accountId },
        })
      ).status,
    ).toBe(409);
  });

  it('POST /users needs account, role and status, and a valid role', async () => {
    const c = await testClient();
    const base = { userName: 'x@y.z', role: 'ACCOUNTUSER', status: 'ACTIVE', account: { id: c.accountId } };
    for (const [field, body] of [
      ['account', { ...base, account: undefined }],
      ['role', { ...base, role: 'EMPEROR' }],
      ['status', { ...base, status: undefined }],
    ] as const) {
      const r = await c.json('POST', '/users', body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].value).toBe(field);
    }
    expect((await c.json('POST', '/users', { ...base, account: { id: 'another-account' } })).status).toBe(403);
  });

  it('archives and re-enables a user with the Saviynt Remove/EnableAccount PUT; permissions stay, listings show ARCHIVED', async () => {
    const c = await testClient();
    const p = permIn(c, 'ACTIVE');
    const u = c.core.store.user(p.userId)!;
    const put = (status: string) =>
      c.json('PUT', `/users/${u.id}`, { userName: u.userName, role: u.role, status, account: { id: c.accountId } });
    const r = await put('ARCHIVED');
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ id: u.id, status: 'ARCHIVED', active: false });
    expect(c.core.store.permission(p.id)!.status).toBe('ACTIVE');
    const listed = await c.json('GET', `/users?email=${encodeURIComponent(u.email)}`);
    expect(listed.body.data[0].status).toBe('ARCHIVED');
    expect((await put('ACTIVE')).body.data.status).toBe('ACTIVE');
  });

  it('an archived technical user can no longer get a token', async () => {
    const c = await testClient();
    const tech = c.core.store.apiToken(DEMO_API_TOKEN)!.userId;
    await c.json('PUT', `/users/${tech}`, { status: 'ARCHIVED' });
    await expect(c.core.mintAccessToken(DEMO_API_TOKEN)).rejects.toThrow(/ARCHIVED/);
  });

  it('PUT refuses moving a user to another account, unknown ids and bad enums', async () => {
    const c = await testClient();
    const u = c.core.store.exportJson().users[5];
    expect((await c.json('PUT', `/users/${u.id}`, { account: { id: 'elsewhere' } })).status).toBe(400);
    expect((await c.json('PUT', `/users/nope`, { status: 'ARCHIVED' })).status).toBe(404);
    const bad = await c.json('PUT', `/users/${u.id}`, { status: 'DELETED' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].value).toBe('status');
    expect(c.core.store.user(u.id)).toEqual(u);
  });
});

describe('POST /idm/invite', () => {
  it('creates an unknown user with an INVITED permission and queues an email', async () => {
    const c = await testClient();
    const r = await c.json('POST', '/idm/invite', {
      user: { email: 'jane@x.com' },
      workspace: { id: c.wsId },
      permission: { role: 'MEMBER' },
      message: 'welcome',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      type: 'User',
      data: { email: 'jane@x.com', status: 'ACTIVE', role: 'ACCOUNTUSER' },
    });
    expect(r.body.data.permissions).toMatchObject([{ workspaceId: c.wsId, role: 'MEMBER', status: 'INVITED' }]);
    expect(c.core.outbox).toMatchObject([{ to: 'jane@x.com', workspaceId: c.wsId, message: 'welcome' }]);
  });

  it('with silent=true sends no email; an existing user keeps an ACTIVE permission, an ARCHIVED one becomes INVITED', async () => {
    const c = await testClient();
    const active = c.core.store.user(permIn(c, 'ACTIVE').userId)!;
    const archived = c.core.store.user(permIn(c, 'ARCHIVED').userId)!;
    const inv = (email: string) =>
      c.json('POST', '/idm/invite?silent=true', {
        user: { email },
        workspace: { id: c.wsId },
        permission: { role: 'VIEWER' },
      });
    expect((await inv(active.email)).body.data.permissions[0]).toMatchObject({ status: 'ACTIVE', role: 'VIEWER' });
    expect((await inv(archived.email)).body.data.permissions[0]).toMatchObject({ status: 'INVITED', role: 'VIEWER' });
    expect(c.core.store.exportJson().users.filter((u) => u.email === active.email)).toHaveLength(1);
    expect(c.core.outbox).toHaveLength(0);
    expect((await c.json('POST', '/idm/invite?silent=maybe', {})).status).toBe(400);
  });

  it('400 without user.email or permission.role', async () => {
    const c = await testClient();
    const r = await c.json('POST', '/idm/invite', { user: {}, workspace: { id: c.wsId }, permission: {} });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { value: string }) => e.value)).toEqual(['user.email', 'permission.role']);
  });
});
