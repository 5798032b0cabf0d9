import { describe, expect, it } from 'vitest';
import { FULL_PASS_AT } from './routes/shared.ts';
import { REPLACED_LOG } from './store.ts';
import { testClient } from './testing.ts';

// The demo tenant (fixtures/tenant DEMO_TENANT_SPEC): 1 account, workspaces acme (LIVE) + acme-sandbox, 40 humans who
// all hold a permission in acme, plus one technical ADMIN user per workspace: 41 permissions in acme.

describe('envelope and paging', () => {
  it('wraps lists in the envelope with total, 30 per page by default, page from 1', async () => {
    const c = await testClient();
    const p1 = await c.json('GET', `/workspaces/${c.wsId}/users`);
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ status: 'OK', type: 'User', message: null, errors: [], total: 41 });
    expect(Object.keys(p1.body)).toEqual(['status', 'type', 'message', 'errors', 'total', 'data']);
    expect(p1.body.data).toHaveLength(30);
    const p2 = await c.json('GET', `/workspaces/${c.wsId}/users?page=2`);
    expect(p2.body.data).toHaveLength(11);
    const ids = new Set([...p1.body.data, ...p2.body.data].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(41);
    const p0 = await c.json('GET', `/workspaces/${c.wsId}/users?page=0`);
    expect(p0.body.data.map((u: { id: string }) => u.id)).toEqual(p1.body.data.map((u: { id: string }) => u.id));
    const past = await c.json('GET', `/workspaces/${c.wsId}/users?page=9`);
    expect(past.body).toMatchObject({ total: 41, data: [] });
  });

  it('clamps size over 100 to 100 and uses per-endpoint defaults from the quirks', async () => {
    const c = await testClient({ seed: 4, users: 150, workspacesPerAccount: 1 });
    expect((await c.json('GET', `/workspaces/${c.wsId}/permissions?size=500`)).body.data).toHaveLength(100);
    expect((await c.json('GET', `/permissions`)).body.data).toHaveLength(50);
    expect((await c.json('GET', `/users`)).body.data).toHaveLength(30);
    c.core.quirks.pageSizes.users = 7;
    expect((await c.json('GET', `/users`)).body.data).toHaveLength(7);
    expect((await c.json('GET', `/users?size=abc`)).status).toBe(400);
  });

  it('sends no Link header by default and a followable one with the quirk on', async () => {
    const c = await testClient();
    const off = await c.call('GET', `/workspaces/${c.wsId}/permissions?size=10`);
    expect(off.headers.get('link')).toBeNull();
    c.core.quirks.linkHeaders = true;
    const on = await c.call('GET', `/workspaces/${c.wsId}/permissions?size=10&page=2`);
    const link = on.headers.get('link')!;
    expect(link).toContain(`;rel="next"`);
    const next = /<([^>]+)>;rel="next"/.exec(link)![1];
    expect(new URL(next).searchParams.get('page')).toBe('3');
    expect(new URL(next).searchParams.get('size')).toBe('10');
    expect(new URL(next).host).toBe('acme-eu.leanix.net');
    const lastUrl = new URL(/<([^>]+)>;rel="last"/.exec(link)![1]);
    expect(lastUrl.searchParams.get('page')).toBe('5');
  });
});

describe('filters and sorting', () => {
  it('filters users by email (case-insensitive, comma list), q and status', async () => {
    const c = await testClient();
    const all = c.core.store.exportJson().users.filter((u) => !u.technicalUser);
    const [a, b] = all;
    const one = await c.json('GET', `/users?email=${encodeURIComponent(a.email.toUpperCase())}`);
    expect(one.body.total).toBe(1);
    expect(one.body.data[0].id).toBe(a.id);
    const two = await c.json('GET', `/users?email=${encodeURIComponent(`${a.email},${b.email}`)}`);
    expect(two.body.total).toBe(2);
    const q = await c.json('GET', `/accounts/${c.accountId}/users?q=${encodeURIComponent(a.lastName!.toLowerCase())}`);
    expect(q.body.data.map((u: { id: string }) => u.id)).toContain(a.id);
    for (const u of q.body.data)
      expect(`${u.firstName} ${u.lastName} ${u.email}`.toLowerCase()).toContain(a.lastName!.toLowerCase());
    const archived = all.filter((u) => u.status === 'ARCHIVED').length;
    expect((await c.json('GET', `/users?status=ARCHIVED&size=100`)).body.total).toBe(archived);
    expect((await c.json('GET', `/users?status=GONE`)).status).toBe(400);
  });

  it('filters workspace permissions by status, email and q (role), and technical users per includeTechnicalUsers', async () => {
    const c = await testClient();
    const perms = c.core.store.exportJson().permissions.filter((p) => p.workspaceId === c.wsId);
    const invited = perms.filter((p) => p.status === 'INVITED').length;
    const r = await c.json('GET', `/workspaces/${c.wsId}/permissions?status=INVITED&size=100`);
    expect(r.body.total).toBe(invited);
    for (const p of r.body.data) expect(p.status).toBe('INVITED');
    const admins = await c.json('GET', `/workspaces/${c.wsId}/permissions?q=admin&size=100`);
    expect(admins.body.total).toBe(perms.filter((p) => p.role === 'ADMIN').length);
    const noTech = await c.json('GET', `/workspaces/${c.wsId}/permissions?includeTechnicalUsers=false&size=100`);
    expect(noTech.body.total).toBe(perms.length - 1);
    expect(noTech.body.data.some((p: { user: { technicalUser: boolean } }) => p.user.technicalUser)).toBe(false);
    c.core.quirks.includeTechnicalUsersByDefault = false;
    expect((await c.json('GET', `/workspaces/${c.wsId}/permissions?size=100`)).body.total).toBe(perms.length - 1);
    const u = c.core.store.user(perms[5].userId)!;
    const byEmail = await c.json('GET', `/workspaces/${c.wsId}/permissions?email=${encodeURIComponent(u.email)}`);
    expect(byEmail.body.data.map((p: { id: string }) => p.id)).toEqual([perms[5].id]);
  });

  it('sorts by comma lists of fields and refuses unknown sort fields', async () => {
    const c = await testClient();
    const r = await c.json('GET', `/users?sort=email-asc&size=100`);
    const emails = r.body.data.map((u: { email: string }) => u.email.toLowerCase());
    expect(emails).toEqual([...emails].sort());
    const d = await c.json('GET', `/users?sort=status-desc,id-asc&size=100`);
    const keys = d.body.data.map((u: { status: string; id: string }) => [u.status, u.id]);
    const sorted = [...keys].sort((x, y) => (x[0] !== y[0] ? (x[0] < y[0] ? 1 : -1) : x[1] < y[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect((await c.json('GET', `/users?sort=shoe-asc`)).status).toBe(400);
  });

  it('reflects a write in the next page request (the sorted listing cache is dropped on writes)', async () => {
    const c = await testClient();
    const before = await c.json('GET', `/users?sort=lastName-asc&size=100`);
    const last = before.body.data.at(-1);
    await c.json('PUT', `/users/${last.id}`, { lastName: 'Aaaaaa' });
    const after = await c.json('GET', `/users?sort=lastName-asc&size=100`);
    expect(after.body.data[0].id).toBe(last.id);
  });

  it('serves every listing route current after updates that keep the rows (names, logins) and after ones that do not', async () => {
    const c = await testClient();
    const lists = [
      `/workspaces/${c.wsId}/users?size=100`,
      `/workspaces/${c.wsId}/permissions?size=100`,
      '/users?size=100',
      `/accounts/${c.accountId}/users?size=100`,
      '/permissions?size=100',
    ];
    const read = async () => Promise.all(lists.map(async (l) => (await c.json('GET', l)).body));
    const before = await read();
    const someone = before[0].data[3];
    await c.json('PUT', `/users/${someone.id}`, { firstName: 'Renamed' });
    const renamed = await read();
    for (const [i, body] of renamed.entries()) {
      expect(body.total).toBe(before[i].total);
      const names = JSON.stringify(body.data);
      expect(names, lists[i]).toContain('"firstName":"Renamed"');
    }
    // more renames than the store remembers (REPLACED_LOG): the kept listings re-read every row as they serve it
    for (let i = 0; i <= REPLACED_LOG; i++) await c.json('PUT', `/users/${someone.id}`, { firstName: `Again${i}` });
    for (const [i, body] of (await read()).entries())
      expect(JSON.stringify(body.data), lists[i]).toContain(`"firstName":"Again${REPLACED_LOG}"`);
    await c.json('PUT', `/users/${someone.id}`, { status: 'ARCHIVED' });
    const statusFilter = await c.json('GET', '/users?status=ACTIVE&size=100');
    expect(statusFilter.body.data.map((u: { id: string }) => u.id)).not.toContain(someone.id);
    const archived = (await c.json('GET', '/users?size=100')).body.data.find(
      (u: { id: string }) => u.id === someone.id,
    );
    expect(archived.status).toBe('ARCHIVED');
  });
  it('serves replaced rows current on every page of a kept listing, a few replaced or many', async () => {
    const c = await testClient();
    const list = (page: number) => c.json('GET', `/workspaces/${c.wsId}/users?page=${page}&size=5`);
    const ids = [];
    for (let page = 1; page <= 4; page++) ids.push(...(await list(page)).body.data.map((u: { id: string }) => u.id));
    const pageOf = (name: string, body: { data: { id: string; firstName: string }[] }) =>
      body.data.filter((u) => u.firstName === name).map((u) => u.id);
    // one rename on page 3; pages 1 and 2 are served first (the listing stays at its version), then page 3
    await c.json('PUT', `/users/${ids[12]}`, { firstName: 'Few' });
    for (const page of [1, 2]) expect(pageOf('Few', (await list(page)).body)).toEqual([]);
    expect(pageOf('Few', (await list(3)).body)).toEqual([ids[12]]);
    // then renames of more rows than FULL_PASS_AT, on pages 1 to 4: one request brings the listing up to date
    const many = ids.slice(0, FULL_PASS_AT + 1);
    for (const id of many) await c.json('PUT', `/users/${id}`, { firstName: 'Many' });
    expect(pageOf('Many', (await list(4)).body)).toEqual(ids.slice(15, FULL_PASS_AT + 1));
    const served = [];
    for (let page = 1; page <= 4; page++) served.push(...pageOf('Many', (await list(page)).body));
    expect(served).toEqual(many);
    expect(pageOf('Few', (await list(3)).body)).toEqual([]);
  });
});

describe('resource reads', () => {
  it('GET /workspaces lists the requesting user workspaces sorted by id; GET /workspaces/{id} one', async () => {
    const c = await testClient();
    const r = await c.json('GET', '/workspaces');
    expect(r.body).toMatchObject({ type: 'Workspace', total: 1 });
    expect(r.body.data[0]).toMatchObject({
      id: c.wsId,
      name: 'acme',
      type: 'LIVE',
      url: 'https://acme-eu.leanix.net/acme',
    });
    const one = await c.json('GET', `/workspaces/${c.wsId}`);
    expect(one.body).toMatchObject({ status: 'OK', type: 'Workspace', total: 1, data: { id: c.wsId } });
  });

  it('GET /accounts/{id}, its users and workspaces', async () => {
    const c = await testClient();
    expect((await c.json('GET', `/accounts/${c.accountId}`)).body.data).toMatchObject({
      id: c.accountId,
      name: 'Acme Corporation',
    });
    // the demo token is a workspace ADMIN (user role ACCOUNTUSER): it sees the account's users of its own workspace
    // and those without any permission, not the one who belongs to acme-sandbox only (its technical user; access.ts)
    const { store } = c.core;
    const reachable = store
      .userIdsOfAccount(c.accountId)
      .filter((id) => store.permissionIdsOfUser(id).length === 0 || store.permissionFor(id, c.wsId));
    expect(store.userIdsOfAccount(c.accountId)).toHaveLength(42);
    expect(reachable).toHaveLength(41);
    expect((await c.json('GET', `/accounts/${c.accountId}/users`)).body.total).toBe(41);
    const ws = await c.json('GET', `/accounts/${c.accountId}/workspaces`);
    expect(ws.body.data.map((w: { name: string }) => w.name)).toEqual(['acme', 'acme-sandbox']);
  });

  it('GET /users/{id} carries permissions, workspaceName and workspaceInstanceUrl; returnSinglePermission narrows', async () => {
    const c = await testClient();
    const u = c.core.store
      .exportJson()
      .users.find((x) => !x.technicalUser && c.core.store.permissionIdsOfUser(x.id).length === 2)!;
    const r = await c.json('GET', `/users/${u.id}`);
    expect(r.body).toMatchObject({
      type: 'User',
      total: 1,
      workspaceName: 'acme',
      workspaceInstanceUrl: 'https://acme-eu.leanix.net',
    });
    expect(r.body.data.permissions).toHaveLength(2);
    expect(r.body.data.links).toEqual([{ rel: 'permissions', href: `/users/${u.id}/permissions` }]);
    const single = await c.json('GET', `/users/${u.id}?returnSinglePermission=true`);
    expect(single.body.data.permissions.map((p: { workspaceId: string }) => p.workspaceId)).toEqual([c.wsId]);
    const perms = await c.json('GET', `/users/${u.id}/permissions`);
    expect(perms.body).toMatchObject({ type: 'Permission', total: 2 });
    expect((await c.json('GET', `/users/nope`)).status).toBe(404);
  });

  it('GET workspace user/permission by id, 404 for unknown ids', async () => {
    const c = await testClient();
    const p = c.core.store.exportJson().permissions.find((x) => x.workspaceId === c.wsId)!;
    const r = await c.json('GET', `/workspaces/${c.wsId}/permissions/${p.id}`);
    expect(r.body).toMatchObject({
      type: 'Permission',
      data: { id: p.id, workspaceId: c.wsId, user: { id: p.userId } },
    });
    expect((await c.json('GET', `/permissions/${p.id}`)).body.data.id).toBe(p.id);
    expect((await c.json('GET', `/workspaces/${c.wsId}/users/${p.userId}`)).body.data.id).toBe(p.userId);
    const missing = await c.json('GET', `/workspaces/${c.wsId}/permissions/unknown-id`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].value).toBe('permissionId');
    expect((await c.json('GET', `/permissions/unknown-id`)).status).toBe(404);
  });

  it('GET /permissions filters by userId and status and stays within the token workspace', async () => {
    const c = await testClient();
    const p = c.core.store.exportJson().permissions.find((x) => x.workspaceId === c.wsId && x.status === 'ACTIVE')!;
    const r = await c.json('GET', `/permissions?userId=${p.userId}&workspaceId=${c.wsId}`);
    expect(r.body.data.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const other = c.core.store.workspaces().find((w) => w.id !== c.wsId)!;
    expect((await c.json('GET', `/permissions?workspaceId=${other.id}`)).status).toBe(403);
  });

  it('renders dates as epoch milliseconds by default and ISO strings with the dateFormat quirk', async () => {
    const c = await testClient();
    const u = c.core.store.exportJson().users.find((x) => x.lastLogin)!;
    expect((await c.json('GET', `/users/${u.id}`)).body.data.lastLogin).toBe(Date.parse(u.lastLogin!));
    c.core.quirks.dateFormat = 'iso';
    expect((await c.json('GET', `/users/${u.id}`)).body.data.lastLogin).toBe(u.lastLogin);
  });
});
