/**
 * End-to-end account and access import: the LeanIX packages run by the EIC emulator against the fake LeanIX
 * in-process (the fake's fetch is the transport; nothing reaches the network).
 * Expectations come from the fake itself, read independently of the import: a plain client pages through the same
 * MTM listings with size=100 (`listAll`), so "every user / role / link" means what LeanIX lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR as fixturePackageDir } from '../fixtures/packages/leanix/index.ts';
import { LEANIX_PUBLISHED_DIR } from '../fixtures/packages/leanix-published/index.ts';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { ACCOUNT_STATUS } from '../harness/eic/types.ts';
import type { Emulator } from '../harness/emulator.ts';
import { createEmulator } from '../harness/emulator.ts';
import {
  type ImportOptions,
  isNoChange,
  renderImportReport,
  runAccessImport,
  runAccountImport,
  runtimeCallRunner,
} from '../harness/jobs/import/index.ts';
import type { ConnectionPackage, Patch } from '../harness/package/index.ts';
import { loadPackage } from '../harness/package/index.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../lib/reference.ts';
import type { FakeLeanIX } from '../mocks/leanix/fake.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
import type { TenantData } from '../mocks/leanix/model.ts';

const HOST = 'demo';
const BASE = `https://${HOST}.leanix.net/services/mtm/v1`;

/** Page-based paging at 30 users a page (the package pages by 100), so a 100-user tenant spans several pages. */
const USERS_PAGING: Patch = {
  attribute: 'ImportAccountEntJSON',
  path: 'accountParams.call.call1.pagination',
  value: {
    page: {
      pageNumberParam: 'page',
      pageSizeParam: 'size',
      pageSize: 30,
      firstPageNumber: 1,
      totalCountPath: 'completeResponseMap.total',
    },
  },
};
/** The same at 25 a page for the permission listings (entitlements and links). */
const PERMISSION_PAGING: Patch[] = [
  {
    attribute: 'ImportAccountEntJSON',
    path: 'entitlementParams.entTypes.Permission.call.call1.pagination',
    value: {
      page: {
        pageNumberParam: 'page',
        pageSizeParam: 'size',
        pageSize: 25,
        totalCountPath: 'completeResponseMap.total',
      },
    },
  },
  {
    attribute: 'ImportAccountEntJSON',
    path: 'acctEntParams.entTypes.Permission.call.call1.pagination',
    value: {
      page: {
        pageNumberParam: 'page',
        pageSizeParam: 'size',
        pageSize: 25,
        totalCountPath: 'completeResponseMap.total',
      },
    },
  },
];
const statusPatch = (cfg: Record<string, unknown>): Patch => ({
  attribute: 'ImportAccountEntJSON',
  path: 'accountParams.statusAndThresholdConfig',
  value: cfg,
});

interface Rig {
  fake: FakeLeanIX;
  tenant: TenantData;
  ws: string;
  emu: Emulator;
  pkg: ConnectionPackage;
  importAccounts(o?: ImportOptions): ReturnType<typeof runAccountImport>;
  importAccess(o?: ImportOptions): ReturnType<typeof runAccessImport>;
  listAll(path: string): Promise<Record<string, unknown>[]>;
}

async function rig(
  opts: { users?: number; patches?: Patch[]; published?: boolean; timeoutMs?: number } = {},
): Promise<Rig> {
  const tenant = generateTenant({ seed: 7, users: opts.users ?? 100, workspacesPerAccount: 2 });
  const fake = await createFakeLeanIX({ tenant });
  const ws = tenant.workspaces[0];
  const token = tenant.apiTokens.find((t) => t.workspaceId === ws.id)!.token;
  const fill: Patch[] = [
    { find: '<host>', with: HOST },
    { find: '<workspaceId>', with: ws.id },
    { find: '<accountId>', with: ws.accountId },
    { find: '<apiTokenBasic>', with: Buffer.from(`apitoken:${token}`).toString('base64') },
  ];
  const pkg = opts.published
    ? await loadPackage(referencePath('packages', 'LeanIX'), {
        connectionJson: `${fixturePackageDir}/ConnectionJSON.json`,
        patches: [
          ...fill,
          { find: 'https://.leanix.net', with: `https://${HOST}.leanix.net` },
          { find: 'https:// .leanix.net', with: `https://${HOST}.leanix.net` },
          { find: '/workspaces//', with: `/workspaces/${ws.id}/` },
          ...(opts.patches ?? []),
        ],
      })
    : await loadPackage(fixturePackageDir, { patches: [...fill, ...(opts.patches ?? [])] });
  const emu = createEmulator({
    package: pkg,
    transport: { fetch: (r) => fake.fetch(r), now: fake.clock.now, sleep: async () => {} },
    timeoutMs: opts.timeoutMs,
  });
  const ctx = {
    state: emu.state,
    runner: runtimeCallRunner(emu.runtime, { kind: 'job', id: 'import' }),
    now: fake.clock.now,
  };
  let bearer = '';
  const listAll = async (path: string) => {
    if (!bearer) {
      const res = await fake.fetch(`${BASE}/oauth2/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`apitoken:${token}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      bearer = ((await res.json()) as { access_token: string }).access_token;
    }
    const out: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const res = await fake.fetch(`${BASE}${path}?page=${page}&size=100`, {
        headers: { Authorization: `Bearer ${bearer}` },
      });
      const body = (await res.json()) as { total: number; data: Record<string, unknown>[] };
      out.push(...body.data);
      if (out.length >= body.total || body.data.length === 0) return out;
    }
  };
  return {
    fake,
    tenant,
    ws: ws.id,
    emu,
    pkg,
    importAccounts: (o) => runAccountImport(ctx, pkg, o),
    importAccess: (o) => runAccessImport(ctx, pkg, o),
    listAll,
  };
}

/** Seeds the fake with a modified copy of its tenant (users removed / archived, with their permissions). */
function reseed(r: Rig, change: { remove?: string[]; archive?: string[] }) {
  const data = structuredClone(r.fake.exportJson());
  const gone = new Set(change.remove ?? []);
  data.users = data.users.filter((u) => !gone.has(u.id));
  data.permissions = data.permissions.filter((p) => !gone.has(p.userId));
  for (const u of data.users) if (change.archive?.includes(u.id)) u.status = 'ARCHIVED';
  r.fake.seed(data);
}

const humanUsers = async (r: Rig) =>
  (await r.listAll(`/workspaces/${r.ws}/users`)).filter((u) => !u.technicalUser).map((u) => String(u.id));

describe('LeanIX import, corrected package with paging configured', () => {
  it('imports every user, every role entitlement and every user-role link of a multi-page tenant', async () => {
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING] });
    const users = await r.listAll(`/workspaces/${r.ws}/users`);
    const perms = await r.listAll(`/workspaces/${r.ws}/permissions`);
    expect(users.length).toBeGreaterThan(60); // several pages of 30

    const pages: number[] = [];
    const acc = await r.importAccounts({ onProgress: (p) => pages.push(p) });
    expect(acc.outcome).toBe('completed');
    expect(pages).toEqual(Array.from({ length: Math.ceil(users.length / 30) }, (_, i) => i + 1));
    expect(
      r.emu.state
        .listAccounts()
        .map((a) => a.accountID)
        .sort(),
    ).toEqual(users.map((u) => String(u.id)).sort());
    const one = users.find((u) => u.status === 'ARCHIVED') ?? users[0];
    expect(r.emu.state.getAccountById(String(one.id))).toMatchObject({
      name: one.userName,
      customproperty1: one.email,
      status: one.status,
      customproperty9: String(one.scimManaged ?? false),
    });

    const access = await r.importAccess();
    expect(access.outcome).toBe('completed');
    const roles = [...new Set(perms.map((p) => String(p.role)))].sort();
    expect(
      r.emu.state
        .listEntitlementValues('Permission')
        .map((e) => e.entitlementID)
        .sort(),
    ).toEqual(roles);
    const expected = perms.map((p) => `${(p.user as { userName: string }).userName}|${p.role}`).sort();
    const links = r.emu.state
      .listLinks()
      .map((l) => `${l.accountName}|${l.entitlementID}`)
      .sort();
    expect(links).toEqual(expected);
    expect(access.counts.unknownAccounts).toBe(0);
  });

  it("follows the published package's Link-header nextUrl expression when LeanIX sends Link headers", async () => {
    // The expression is Saviynt's own (packages/LeanIX, entitlement pagination), placed in the calls where EIC reads it.
    const published = JSON.parse(readFileSync(join(LEANIX_PUBLISHED_DIR, 'ImportAccountEntJSON.json'), 'utf8'));
    const linkPaging = published.entitlementParams.entTypes.Permission.pagination;
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING.map((p) => ({ ...p, value: linkPaging }))] });
    r.fake.setQuirks({ linkHeaders: true });
    const perms = await r.listAll(`/workspaces/${r.ws}/permissions`);
    expect((await r.importAccounts()).outcome).toBe('completed');
    const access = await r.importAccess();
    expect(access.outcome).toBe('completed');
    // entitlements and links: pages of the default size 30, all followed through the Groovy expression
    expect(access.counts.pages).toBe(2 * Math.ceil(perms.length / 30));
    expect(r.emu.state.listLinks().length).toBe(perms.length);
  });

  it('is idempotent: the same unchanged tenant imported twice changes nothing the second time', async () => {
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING] });
    expect((await r.importAccounts()).outcome).toBe('completed');
    expect((await r.importAccess()).outcome).toBe('completed');
    expect(r.emu.state.listLinks().length).toBeGreaterThan(60);
    const before = r.emu.state.snapshot();
    const acc = await r.importAccounts();
    const access = await r.importAccess();
    expect(isNoChange(acc)).toBe(true);
    expect(isNoChange(access)).toBe(true);
    expect(r.emu.state.snapshot()).toEqual(before);
  });

  it('shows a change made in LeanIX (as provisioning would) on the next import', async () => {
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING] });
    await r.importAccounts();
    await r.importAccess();
    const perms = await r.listAll(`/workspaces/${r.ws}/permissions`);
    const p = perms.find((x) => x.role === 'VIEWER')!;
    const user = p.user as { id: string; userName: string };
    const token = r.tenant.apiTokens.find((t) => t.workspaceId === r.ws)!.token;
    const tok = await r.fake.fetch(`${BASE}/oauth2/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`apitoken:${token}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const bearer = ((await tok.json()) as { access_token: string }).access_token;
    const res = await r.fake.fetch(`${BASE}/permissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'ADMIN', user: { id: user.id }, workspace: { id: r.ws } }),
    });
    expect(res.status).toBe(200);
    const access = await r.importAccess();
    expect(access.links.added).toContainEqual({
      accountName: user.userName,
      entitlementType: 'Permission',
      entitlementID: 'ADMIN',
    });
    expect(access.links.removed).toContainEqual({
      accountName: user.userName,
      entitlementType: 'Permission',
      entitlementID: 'VIEWER',
    });
    expect(r.emu.state.hasLink(user.userName, 'Permission', 'ADMIN')).toBe(true);
  });

  it('ends users archived in LeanIX as ARCHIVED/inactive and users removed from it as suspended, as EIC says', async () => {
    const status = statusPatch({ statusColumn: 'customproperty7', activeStatus: ['ACTIVE'], deleteLinks: true });
    for (const withStatusConfig of [false, true]) {
      const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING, ...(withStatusConfig ? [status] : [])] });
      await r.importAccounts();
      await r.importAccess();
      const [archived, removed] = (await humanUsers(r)).filter(
        (id) => r.emu.state.getAccountById(id)?.customproperty7 === 'ACTIVE',
      );
      const removedName = r.emu.state.getAccountById(removed)!.name;
      expect(r.emu.state.linksOf(removedName).length).toBeGreaterThan(0);
      reseed(r, { archive: [archived], remove: [removed] });
      const rep = await r.importAccounts();
      expect(rep.outcome).toBe('completed');
      // Without statusAndThresholdConfig EIC stores LeanIX's raw status; with it, Inactive ('2').
      expect(r.emu.state.getAccountById(archived)?.status).toBe(
        withStatusConfig ? ACCOUNT_STATUS.INACTIVE : 'ARCHIVED',
      );
      expect(r.emu.state.getAccountById(removed)?.status).toBe(ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT);
      expect(rep.accounts.suspended).toEqual([
        {
          name: removedName,
          accountID: removed,
          from: withStatusConfig ? '1' : 'ACTIVE',
          to: ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT,
        },
      ]);
      // deleteLinks drops the links of accounts that ended inactive or suspended
      expect(r.emu.state.linksOf(removedName).length === 0).toBe(withStatusConfig);
      expect(r.emu.state.accountCount).toBe((await r.listAll(`/workspaces/${r.ws}/users`)).length + 1);
    }
  });

  it('changes nothing when more accounts than accountThresholdValue would be suspended', async () => {
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING, statusPatch({ accountThresholdValue: 5 })] });
    expect((await r.importAccounts()).outcome).toBe('completed');
    const before = r.emu.state.snapshot();
    reseed(r, { remove: (await humanUsers(r)).slice(0, 6) });
    const rep = await r.importAccounts();
    expect(rep.outcome).toBe('aborted');
    expect(rep.error?.code).toBe('import.threshold');
    expect(rep.counts.accountsSuspended).toBe(6);
    expect(r.emu.state.snapshot()).toEqual(before);
    expect(renderImportReport(rep)).toMatch(/ABORTED, nothing changed/);
  });

  it('reports links of accounts EIC does not have when the access import runs before the account import', async () => {
    const r = await rig({ patches: [USERS_PAGING, ...PERMISSION_PAGING] });
    const perms = await r.listAll(`/workspaces/${r.ws}/permissions`);
    const rep = await r.importAccess();
    expect(rep.outcome).toBe('completed');
    expect(rep.unknownAccounts.reduce((n, u) => n + u.links, 0)).toBe(perms.length);
    expect(rep.warnings.map((w) => w.code)).toContain('import.access.no-accounts');
    expect(r.emu.state.listLinks()).toEqual([]);
  });
});

describe('LeanIX import, faults on page k', () => {
  const kinds = [
    { name: 'HTTP 500', rule: { status: 500 } },
    { name: 'HTTP 429', rule: { status: 429, headers: { 'Retry-After': '1' } } },
    // ConfigJSON's connectionTimeoutConfig retries dropped connections and timeouts (retryCount 3): they must last
    { name: 'dropped connection', rule: { drop: true, times: 'always' as const } },
    { name: 'truncated JSON', rule: { corrupt: 'truncate' as const } },
    // the emulator's read timeout is 1 s here; the page answers after 1.5 s of fake time (no wall time passes)
    { name: 'timeout', rule: { delayMs: 1500, times: 'always' as const } },
  ];

  it('leaves EIC exactly as before for every page k and every fault kind: no account lost or duplicated', async () => {
    const r = await rig({ patches: [USERS_PAGING], timeoutMs: 1000 });
    expect((await r.importAccounts()).outcome).toBe('completed');
    // change the tenant so that a completed import would change EIC (one user removed, one archived)
    const ids = await humanUsers(r);
    reseed(r, { remove: [ids[0]], archive: [ids[1]] });
    const before = r.emu.state.snapshot();
    const pageCount = Math.ceil((await r.listAll(`/workspaces/${r.ws}/users`)).length / 30);
    expect(pageCount).toBeGreaterThan(2);
    for (const kind of kinds) {
      for (let k = 1; k <= pageCount; k++) {
        r.fake.faults.clear();
        r.fake.faults.add({ method: 'GET', path: '/workspaces/:id/users', page: k, ...kind.rule });
        const rep = await r.importAccounts();
        expect(rep.outcome, `${kind.name} on page ${k}`).toBe('failed');
        expect(rep.error?.message, `${kind.name} on page ${k}`).toMatch(new RegExp(`page ${k}`));
        expect(r.emu.state.snapshot(), `${kind.name} on page ${k}`).toEqual(before);
      }
    }
    r.fake.faults.clear();
    const ok = await r.importAccounts();
    expect(ok.counts).toMatchObject({ accountsSuspended: 1, accountsUpdated: 1 });
  });

  it('completes after a token refresh (401 expiry) or a retry (429, 500) on page k, with the same result as a clean run', async () => {
    const clean = await rig({ patches: [USERS_PAGING] });
    await clean.importAccounts();
    const expected = clean.emu.state
      .listAccounts()
      .map((a) => a.accountID)
      .sort();
    const r = await rig({ patches: [USERS_PAGING] });
    const pageCount = Math.ceil(expected.length / 30);
    for (let k = 1; k <= pageCount; k++) {
      for (const rule of [
        { status: 401, body: { status: 'ERROR', message: 'ExpiredAuthenticationToken' } },
        { status: 429, headers: { 'Retry-After': '1' } },
        { status: 500 },
      ]) {
        r.fake.faults.clear();
        r.fake.faults.add({ method: 'GET', path: '/workspaces/:id/users', page: k, ...rule });
        const rep = await r.importAccounts({ retries: 2 });
        expect(rep.outcome, `HTTP ${rule.status} on page ${k}`).toBe('completed');
        expect(
          r.emu.state
            .listAccounts()
            .map((a) => a.accountID)
            .sort(),
        ).toEqual(expected);
      }
    }
  });
});

describe.skipIf(!hasReference)('LeanIX import, the package as published', () => {
  it(
    hasReference ? 'imports only the first page of users (30): what a customer sees in EIC' : NO_REFERENCE,
    async () => {
      const r = await rig({ published: true });
      const total = (await r.listAll(`/workspaces/${r.ws}/users`)).length;
      expect(total).toBeGreaterThan(30);
      const acc = await r.importAccounts();
      expect(acc.outcome).toBe('completed');
      expect(acc.counts).toMatchObject({ pages: 1, recordsRead: 30, accountsCreated: 30 });
      // the customer's view: 30 accounts in EIC while LeanIX has more
      expect(r.emu.state.accountCount).toBe(30);
      // the stray space in "scimManaged ~#~char" leaves customproperty9 empty for everyone
      expect(r.emu.state.listAccounts().every((a) => a.customproperty9 === null)).toBe(true);

      const access = await r.importAccess();
      expect(access.outcome).toBe('completed');
      expect(access.warnings.map((w) => w.code)).toContain('import.pagination.ignored');
      // one page of 30 permissions at most (no Link header from MTM), and links of users beyond page 1 are unknown
      expect(r.emu.state.listLinks().length).toBeLessThanOrEqual(30);
      expect(r.fake.journal.entries().filter((e) => e.path.includes('/permissions')).length).toBe(2);
    },
  );
});
