/**
 * Provisioning end to end: the EIC emulator runs the project's corrected LeanIX package (fixtures/packages/leanix)
 * against the fake LeanIX in-process (`fake.fetch` is the emulator's Transport.fetch; nothing reaches the network).
 * Expectations come from issue 4 "Done when" and reference saviynt-rest-connector.md §1.3, §7, §8 and
 * leanix-mtm-api.md §2, §5 (one permission per user and workspace; remove access = downgrade to VIEWER).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadLeanixPackage } from '../fixtures/packages/leanix/index.ts';
import { DEMO_API_TOKEN, DEMO_TENANT_SPEC, generateTenant } from '../fixtures/tenant/generate.ts';
import type { Identity } from '../harness/eic/types.ts';
import { TASK_STATUS } from '../harness/eic/types.ts';
import { createEmulator, type Emulator } from '../harness/emulator.ts';
import { createFakeLeanIX, type FakeLeanIX } from '../mocks/leanix/fake.ts';

const HOUR = 3_600_000;
const IDENTITIES: Identity[] = [
  { username: 'jnew', firstname: 'Jane', lastname: 'New', email: 'jane.new@example.com' },
  { username: 'bnew', firstname: 'Bob', lastname: 'New', email: 'bob.new@example.com' },
  { username: 'cnew', firstname: 'Cleo', lastname: null, email: 'cleo.new@example.com' },
];

interface World {
  fake: FakeLeanIX;
  emu: Emulator;
  ws: string;
  /** Called after each request the emulator sends (to move the fake clock mid-job). */
  afterRequest: (n: number) => void;
}

async function world(
  opts: { apiToken?: string; tries?: number; instant?: boolean; timeoutMs?: number } = {},
): Promise<World> {
  const fake = await createFakeLeanIX({ tenant: generateTenant(DEMO_TENANT_SPEC) });
  const data = fake.exportJson();
  const ws = data.workspaces[0];
  const pkg = await loadLeanixPackage({
    host: 'demo',
    workspaceId: ws.id,
    accountId: ws.accountId,
    apiToken: opts.apiToken ?? DEMO_API_TOKEN,
  });
  let n = 0;
  const w: World = { fake, ws: ws.id, emu: undefined as unknown as Emulator, afterRequest: () => {} };
  w.emu = createEmulator({
    package: pkg,
    transport: {
      fetch: async (req) => {
        const res = await fake.fetch(req);
        w.afterRequest(++n);
        return res;
      },
      now: () => fake.clock.now(),
    },
    settings: { provisioningTries: opts.tries ?? 3, instantProvisioning: opts.instant ?? false },
    identities: IDENTITIES,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  // The entitlement values an access import would have produced (entitlementID = role, cp5 = workspace id).
  for (const role of ['ADMIN', 'MEMBER', 'VIEWER'])
    w.emu.state.upsertEntitlementValue({ type: 'Permission', entitlementID: role, customproperty5: ws.id });
  return w;
}

const perm = (w: World, userId: string) => w.fake.store.permissionFor(userId, w.ws);
const permsInWs = (w: World, userId: string) =>
  w.fake.store.permissionIdsOfUser(userId).filter((id) => w.fake.store.permission(id)?.workspaceId === w.ws);
const tokenCalls = (w: World) => w.emu.exchanges().filter((e) => e.label === 'token');

async function createAccount(w: World, username: string) {
  const id = IDENTITIES.find((i) => i.username === username) as Identity;
  const task = await w.emu.submitTask({ type: 'NEWACCOUNT', identity: username, accountName: String(id.email) });
  const report = await w.emu.runProvisioningJob();
  return { task, report, account: w.emu.state.getAccount(String(id.email)) };
}

describe('provisioning the LeanIX package against the fake LeanIX', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('creates the account: user in LeanIX with the mandatory VIEWER permission, EIC account with LeanIX id', async () => {
    const { task, account } = await createAccount(w, 'jnew');
    expect(task.lastError).toBeNull();
    expect(task.status).toBe(TASK_STATUS.COMPLETE);
    const user = w.fake.store.userByEmail('jane.new@example.com');
    expect(user).toMatchObject({
      userName: 'jane.new@example.com',
      firstName: 'Jane',
      lastName: 'New',
      status: 'ACTIVE',
    });
    expect(perm(w, user!.id)?.role).toBe('VIEWER');
    // EIC shows a provisioned account as "Manually Provisioned" until an import confirms it [S22 td-p/102454]
    expect(account).toMatchObject({
      accountID: user!.id,
      status: 'Manually Provisioned',
      owner: 'jnew',
      customproperty6: 'ACCOUNTUSER',
    });
    // The stored "Bearer dummy" is tried first, rejected, then the token is fetched and the call resent.
    expect(task.exchanges.map((e) => `${e.label}:${e.response?.status}`)).toEqual([
      'call1:401',
      'token:200',
      'call1:200',
      'call2:200',
    ]);
  });

  it('adds access (sets the role) and removes it (downgrades to VIEWER), one permission per workspace always', async () => {
    const { account } = await createAccount(w, 'jnew');
    const userId = String(account?.accountID);
    const ent = { type: 'Permission', entitlementID: 'ADMIN' };
    await w.emu.submitTask({ type: 'ADDACCESS', accountName: account!.name, entitlement: ent });
    await w.emu.runProvisioningJob();
    expect(perm(w, userId)?.role).toBe('ADMIN');
    expect(permsInWs(w, userId)).toHaveLength(1);
    expect(w.emu.state.hasLink(account!.name, 'Permission', 'ADMIN')).toBe(true);

    const rem = await w.emu.submitTask({ type: 'REMOVEACCESS', accountName: account!.name, entitlement: ent });
    await w.emu.runProvisioningJob();
    expect(rem.status).toBe(TASK_STATUS.COMPLETE);
    expect(perm(w, userId)?.role).toBe('VIEWER');
    expect(permsInWs(w, userId)).toHaveLength(1);
    expect(w.emu.state.hasLink(account!.name, 'Permission', 'ADMIN')).toBe(false);
  });

  it('removes, enables and disables the account: ARCHIVED/ACTIVE in LeanIX, status in EIC', async () => {
    const { account } = await createAccount(w, 'bnew');
    const name = account!.name;
    const userId = String(account!.accountID);
    await w.emu.submitTask({ type: 'REMOVEACCOUNT', accountName: name });
    await w.emu.runProvisioningJob();
    expect(w.fake.store.user(userId)?.status).toBe('ARCHIVED');
    expect(w.emu.state.getAccount(name)?.status).toBe('Manually Suspended');

    await w.emu.submitTask({ type: 'ENABLEACCOUNT', accountName: name });
    await w.emu.runProvisioningJob();
    expect(w.fake.store.user(userId)?.status).toBe('ACTIVE');
    expect(w.emu.state.getAccount(name)?.status).toBe('1');

    await w.emu.submitTask({ type: 'DISABLEACCOUNT', accountName: name });
    await w.emu.runProvisioningJob();
    expect(w.fake.store.user(userId)?.status).toBe('ARCHIVED');
    expect(w.emu.state.getAccount(name)?.status).toBe('2');
    // The user name is untouched by the status PUTs.
    expect(w.fake.store.user(userId)?.userName).toBe('bob.new@example.com');
  });

  it('updates the account from the identity', async () => {
    const { account } = await createAccount(w, 'cnew');
    w.emu.state.upsertIdentity({ ...IDENTITIES[2], lastname: 'Renamed' });
    const t = await w.emu.runTask({ type: 'UPDATEACCOUNT', accountName: account!.name });
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(w.fake.store.user(String(account!.accountID))?.lastName).toBe('Renamed');
  });

  it('refreshes an access token that expires in the middle of a job, and the job completes', async () => {
    // the hour passes while request 4 is answered, so the read timeout must be longer than that (connectionTimeoutConfig)
    w = await world({ timeoutMs: 2 * HOUR });
    for (const u of ['jnew', 'bnew', 'cnew']) {
      const id = IDENTITIES.find((i) => i.username === u) as Identity;
      await w.emu.submitTask({ type: 'NEWACCOUNT', identity: u, accountName: String(id.email) });
    }
    // Request 4 is the first task's call2; after it the token (3599 s) expires before the next task runs.
    w.afterRequest = (n) => {
      if (n === 4) w.fake.clock.advance(HOUR + 1000);
    };
    const report = await w.emu.runProvisioningJob();
    expect(report.completed).toBe(3);
    expect(report.failed + report.retryable).toBe(0);
    expect(tokenCalls(w)).toHaveLength(2);
    const second = w.emu.exchanges({ kind: 'task', id: '2' });
    expect(second.map((e) => `${e.label}:${e.response?.status}`).slice(0, 3)).toEqual([
      'call1:401',
      'token:200',
      'call1:200',
    ]);
    expect(w.fake.store.userByEmail('cleo.new@example.com')).toBeDefined();
  });

  it('never writes the API token, its Basic credential or an access token into the exchanges or the EIC export', async () => {
    await createAccount(w, 'jnew');
    const text = JSON.stringify(w.emu.exchanges()) + JSON.stringify(w.emu.state.toJSON());
    expect(text).not.toContain(DEMO_API_TOKEN);
    expect(text).not.toContain(Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64'));
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(text).toContain('Bearer [REDACTED]');
  });
});

describe('authentication failures', () => {
  it('fails the task saying the API token expired when the token endpoint rejects it', async () => {
    const fake = await createFakeLeanIX({ tenant: generateTenant(DEMO_TENANT_SPEC) });
    const ws = fake.exportJson().workspaces[0];
    const expired = fake.core.addApiToken({
      workspaceId: ws.id,
      expiresAt: new Date(fake.clock.now() - 1000).toISOString(),
    });
    const pkg = await loadLeanixPackage({
      host: 'demo',
      workspaceId: ws.id,
      accountId: ws.accountId,
      apiToken: expired.token,
    });
    const emu = createEmulator({
      package: pkg,
      transport: { fetch: (r) => fake.fetch(r), now: () => fake.clock.now() },
      identities: IDENTITIES,
    });
    const task = await emu.runTask({ type: 'NEWACCOUNT', identity: 'jnew', accountName: 'jane.new@example.com' });
    expect(task.status).toBe(TASK_STATUS.NEW);
    expect(task.lastError?.code).toBe('auth.api-token-rejected');
    expect(task.lastError?.message).toMatch(/API token expired/);
    expect(fake.store.userByEmail('jane.new@example.com')).toBeUndefined();
    expect(JSON.stringify(emu.exchanges())).not.toContain(expired.token);
  });

  it('stops a 401 loop after maxRefreshTryCount token refreshes', async () => {
    const w = await world();
    w.fake.faults.add({ method: 'POST', path: '/users', status: 401, times: 'always' });
    const task = await w.emu.runTask({ type: 'NEWACCOUNT', identity: 'jnew', accountName: 'jane.new@example.com' });
    expect(task.lastError?.code).toBe('auth.refresh-exhausted');
    expect(task.lastError?.message).toContain('maxRefreshTryCount 5');
    expect(tokenCalls(w)).toHaveLength(5);
    expect(task.exchanges.filter((e) => e.label === 'call1')).toHaveLength(6);
  });
});

describe('WSRETRY', () => {
  it('retries a failing task on the next run and it completes once LeanIX answers again', async () => {
    const w = await world({ tries: 3 });
    w.fake.faults.add({ method: 'POST', path: '/users', status: 500, times: 1 });
    const t = await w.emu.submitTask({ type: 'NEWACCOUNT', identity: 'jnew', accountName: 'jane.new@example.com' });
    const r1 = await w.emu.runProvisioningJob();
    expect(r1.retryable).toBe(1);
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.lastResponse?.status).toBe(500);
    expect(t.lastError?.message).toContain('HTTP 500');
    const r2 = await w.emu.runProvisioningJob();
    expect(r2.completed).toBe(1);
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(t.tries).toBe(2);
  });

  it('stops retrying after the configured number of tries and moves the task on (COMPLETE, with its error)', async () => {
    const w = await world({ tries: 2 });
    const { account } = await createAccount(w, 'jnew');
    w.fake.faults.add({ method: 'PUT', path: '/users/:id', status: 500, times: 'always' });
    const t = await w.emu.submitTask({ type: 'REMOVEACCOUNT', accountName: account!.name });
    await w.emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.NEW);
    const r2 = await w.emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(t.lastError?.message).toContain('HTTP 500');
    expect(t.reason).toMatch(/provisioning tries are used up/);
    expect(r2).toMatchObject({ completed: 0, failed: 1 });
    expect(t.tries).toBe(2);
    const r3 = await w.emu.runProvisioningJob();
    expect(r3.attempts).toHaveLength(0);
    expect(w.fake.store.user(String(account!.accountID))?.status).toBe('ACTIVE');
    expect(w.emu.state.getAccount(account!.name)?.status).toBe('Manually Provisioned');
  });

  it('instant provisioning runs the task at submission, without retries', async () => {
    const w = await world({ instant: true });
    w.fake.faults.add({ method: 'POST', path: '/users', status: 500, times: 1 });
    const t = await w.emu.submitTask({ type: 'NEWACCOUNT', identity: 'jnew', accountName: 'jane.new@example.com' });
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.tries).toBe(1);
    await w.emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
  });
});
