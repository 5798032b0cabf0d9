// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates are written with ${...} on purpose
import { beforeEach, describe, expect, it } from 'vitest';
import type { EicState } from '../../eic/state.ts';
import { createEicState } from '../../eic/state.ts';
import { ACCOUNT_STATUS } from '../../eic/types.ts';
import { isNoChange, renderImportReport, runAccessImport, runAccountImport } from './index.ts';
import { packageWith, ScriptedTarget, simpleRender } from './testkit.ts';

// Expectations follow the import rules of the reference (saviynt-rest-connector.md §2 and §6): full import creates,
// updates, suspends missing accounts; statusAndThresholdConfig; links replaced per entitlement type.

const H = 'https://t.example/api';
const user = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  userName: `${id}@x.com`,
  status: 'ACTIVE',
  ...extra,
});

function accountJson(extra: Record<string, unknown> = {}, call: Record<string, unknown> = {}) {
  return {
    accountParams: {
      connection: 'acctAuth',
      ...extra,
      call: {
        call1: {
          callOrder: 0,
          http: { url: `${H}/users`, httpMethod: 'GET' },
          listField: 'data',
          keyField: 'accountID',
          colsToPropsMap: {
            accountID: 'id~#~char',
            name: 'userName~#~char',
            customproperty7: 'status~#~char',
            customproperty1: 'email~#~char',
            status: 'status~#~char',
          },
          pagination: {
            page: {
              pageNumberParam: 'page',
              pageSizeParam: 'size',
              pageSize: 2,
              totalCountPath: 'completeResponseMap.total',
            },
          },
          ...call,
        },
      },
    },
  };
}

/** Serves `users` in pages of 2 at `${H}/users?page=N&size=2`. */
function serveUsers(t: ScriptedTarget, users: unknown[]) {
  const pages = Math.max(1, Math.ceil(users.length / 2));
  for (let p = 1; p <= pages; p++)
    t.on(`${H}/users?page=${p}&size=2`, { body: { total: users.length, data: users.slice((p - 1) * 2, p * 2) } });
}

let state: EicState;
let target: ScriptedTarget;
const ctx = () => ({ state, runner: target.runner, render: simpleRender, now: () => 0 });

beforeEach(() => {
  state = createEicState();
  target = new ScriptedTarget();
});

describe('account import', () => {
  it('creates every account of every page, then changes nothing when run again', async () => {
    serveUsers(target, [user('a'), user('b'), user('c'), user('d'), user('e')]);
    const pkg = packageWith(accountJson());
    const r1 = await runAccountImport(ctx(), pkg);
    expect(r1.outcome).toBe('completed');
    expect(r1.counts).toMatchObject({ accountsCreated: 5, pages: 3, recordsRead: 5 });
    expect(
      state
        .listAccounts()
        .map((a) => a.name)
        .sort(),
    ).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com']);
    expect(state.getAccount('a@x.com')).toMatchObject({
      accountID: 'a',
      status: 'ACTIVE',
      customproperty7: 'ACTIVE',
      customproperty1: null,
    });
    const r2 = await runAccountImport(ctx(), pkg);
    expect(isNoChange(r2)).toBe(true);
    expect(r2.counts.accountsUnchanged).toBe(5);
  });

  it('updates changed columns (old → new) and suspends accounts missing from the target', async () => {
    serveUsers(target, [user('a'), user('b'), user('c')]);
    const pkg = packageWith(accountJson());
    await runAccountImport(ctx(), pkg);
    target.routes.clear();
    serveUsers(target, [user('a', { status: 'ARCHIVED' }), user('c')]);
    const r = await runAccountImport(ctx(), pkg);
    expect(r.accounts.updated).toEqual([
      {
        name: 'a@x.com',
        accountID: 'a',
        changes: [
          { column: 'customproperty7', from: 'ACTIVE', to: 'ARCHIVED' },
          { column: 'status', from: 'ACTIVE', to: 'ARCHIVED' },
        ],
      },
    ]);
    expect(r.accounts.suspended).toEqual([
      { name: 'b@x.com', accountID: 'b', from: 'ACTIVE', to: ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT },
    ]);
    expect(state.getAccount('b@x.com')?.status).toBe(ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT);
    expect(renderImportReport(r)).toMatch(/~ a@x\.com: customproperty7 "ACTIVE" → "ARCHIVED"/);
  });

  it('applies statusColumn/activeStatus, inactivateAccountsNotInFile and deleteLinks', async () => {
    const status = {
      statusColumn: 'customproperty7',
      activeStatus: ['ACTIVE'],
      inactivateAccountsNotInFile: true,
      deleteLinks: true,
    };
    const pkg = packageWith(accountJson({ statusAndThresholdConfig: status }));
    serveUsers(target, [user('a'), user('b', { status: 'ARCHIVED' }), user('c')]);
    await runAccountImport(ctx(), pkg);
    expect(state.getAccount('a@x.com')?.status).toBe('1');
    expect(state.getAccount('b@x.com')?.status).toBe('2');
    state.addLink('c@x.com', 'Role', 'ADMIN');
    state.addLink('a@x.com', 'Role', 'ADMIN');
    target.routes.clear();
    serveUsers(target, [user('a'), user('b', { status: 'ARCHIVED' })]);
    const r = await runAccountImport(ctx(), pkg);
    expect(r.accounts.inactivated.map((a) => a.name)).toEqual(['c@x.com']);
    expect(state.getAccount('c@x.com')?.status).toBe('2');
    expect(state.linksOf('c@x.com')).toEqual([]);
    expect(state.linksOf('a@x.com')).toHaveLength(1);
    expect(r.links.removed).toEqual([{ accountName: 'c@x.com', entitlementType: 'Role', entitlementID: 'ADMIN' }]);
  });

  it('reads statusAndThresholdConfig from the STATUS_THRESHOLD_CONFIG attribute too', async () => {
    const pkg = packageWith(accountJson(), {
      statusAndThresholdConfig: { statusColumn: 'customproperty7', activeStatus: ['ARCHIVED'] },
    });
    serveUsers(target, [user('a')]);
    await runAccountImport(ctx(), pkg);
    expect(state.getAccount('a@x.com')?.status).toBe('2');
  });

  it('aborts with no change at all when more accounts than accountThresholdValue would go', async () => {
    const pkg = packageWith(accountJson({ statusAndThresholdConfig: { accountThresholdValue: 1 } }));
    serveUsers(target, [user('a'), user('b'), user('c')]);
    await runAccountImport(ctx(), pkg);
    const before = state.snapshot();
    target.routes.clear();
    serveUsers(target, [user('a', { email: 'new@x.com' })]);
    const r = await runAccountImport(ctx(), pkg);
    expect(r.outcome).toBe('aborted');
    expect(r.applied).toBe(false);
    expect(r.error?.code).toBe('import.threshold');
    expect(state.snapshot()).toEqual(before);
  });

  it('with doNotChangeIfFailed, leaves EIC exactly as before when any page fails, for every page k', async () => {
    const users = [user('a'), user('b'), user('c'), user('d'), user('e')];
    const pkg = packageWith(accountJson({ doNotChangeIfFailed: true }));
    serveUsers(target, users.slice(0, 3));
    await runAccountImport(ctx(), pkg);
    const before = state.snapshot();
    for (const k of [1, 2, 3]) {
      target.routes.clear();
      serveUsers(target, users);
      target.on(`${H}/users?page=${k}&size=2`, { fail: 500 });
      const r = await runAccountImport(ctx(), pkg);
      expect(r.outcome).toBe('failed');
      expect(r.applied).toBe(false);
      expect(r.partialRead).toBeUndefined();
      expect(r.error?.message).toMatch(new RegExp(`page ${k} failed`));
      expect(state.snapshot()).toEqual(before);
    }
    target.on(`${H}/users?page=2&size=2`, { text: '{"total":5,"data":[{"id":"c"' });
    target.on(`${H}/users?page=3&size=2`, { body: { total: 5, data: users.slice(4) } });
    const truncated = await runAccountImport(ctx(), pkg);
    expect(truncated.error?.code).toBe('import.body.invalid');
    expect(state.snapshot()).toEqual(before);
  });

  it('without doNotChangeIfFailed, reconciles a partial read: accounts not read are suspended, marked partialRead', async () => {
    const users = [user('a'), user('b'), user('c'), user('d'), user('e')];
    serveUsers(target, users);
    const pkg = packageWith(accountJson({ statusAndThresholdConfig: { deleteLinks: true } }));
    await runAccountImport(ctx(), pkg);
    state.addLink('e@x.com', 'Role', 'r1');
    target.on(`${H}/users?page=2&size=2`, { fail: 503 });
    const r = await runAccountImport(ctx(), pkg);
    expect(r.outcome).toBe('partial');
    expect(r.applied).toBe(true);
    expect(r.error?.message).toMatch(/page 2 failed/);
    expect(r.accounts.suspended.map((a) => [a.name, a.partialRead])).toEqual([
      ['c@x.com', true],
      ['d@x.com', true],
      ['e@x.com', true],
    ]);
    expect(r.links.removed).toEqual([
      { accountName: 'e@x.com', entitlementType: 'Role', entitlementID: 'r1', partialRead: true },
    ]);
    expect(r.partialRead).toMatchObject({
      doNotChangeIfFailed: false,
      changes: { accountsSuspended: 3, linksRemoved: 1 },
    });
    expect(r.warnings.map((w) => w.code)).toContain('import.partial-read');
    expect(state.getAccount('a@x.com')?.status).toBe('ACTIVE');
    expect(state.getAccount('e@x.com')?.status).toBe(ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT);
    expect(renderImportReport(r)).toMatch(
      /PARTIAL READ APPLIED[\s\S]*e@x\.com: ACTIVE → SUSPENDED FROM IMPORT SERVICE \(partial read\)/,
    );
  });

  it('a call that cannot be built (configuration) fails the import and changes nothing, even without the flag', async () => {
    serveUsers(target, [user('a'), user('b'), user('c')]);
    const pkg = packageWith(accountJson());
    await runAccountImport(ctx(), pkg);
    const before = state.snapshot();
    const runner: typeof target.runner = async (req) =>
      req.url?.includes('page=2')
        ? {
            ok: false,
            failure: 'render',
            diagnostic: {
              code: 'call.bad-url',
              severity: 'error',
              message: 'the rendered url contains inner whitespace',
            },
          }
        : target.runner(req);
    const r = await runAccountImport({ ...ctx(), runner }, pkg);
    expect(r).toMatchObject({ outcome: 'failed', applied: false, error: { code: 'call.bad-url' } });
    expect(r.partialRead).toBeUndefined();
    expect(state.snapshot()).toEqual(before);
  });

  it('evaluates accountThresholdValue on a partial read: exceeded, the import aborts and changes nothing', async () => {
    const users = [user('a'), user('b'), user('c'), user('d'), user('e')];
    serveUsers(target, users);
    const pkg = packageWith(accountJson({ statusAndThresholdConfig: { accountThresholdValue: 2 } }));
    await runAccountImport(ctx(), pkg);
    const before = state.snapshot();
    target.on(`${H}/users?page=2&size=2`, { fail: 503 });
    const r = await runAccountImport(ctx(), pkg);
    expect(r.outcome).toBe('aborted');
    expect(r.error?.code).toBe('import.threshold');
    expect(r.error?.message).toMatch(/3 accounts, more than accountThresholdValue 2 \(after a partial read/);
    expect(state.snapshot()).toEqual(before);
  });

  it('onFailedReadKeeping apply-read: the records read are applied, nothing is suspended', async () => {
    serveUsers(target, [user('a'), user('b'), user('c')]);
    const pkg = packageWith(accountJson({ doNotChangeIfFailed: true }));
    await runAccountImport(ctx(), pkg);
    serveUsers(target, [user('a', { email: 'new@x.com' }), user('b'), user('c')]);
    target.on(`${H}/users?page=2&size=2`, { fail: 500 });
    const r = await runAccountImport(ctx(), pkg, { onFailedReadKeeping: 'apply-read' });
    expect(r).toMatchObject({
      outcome: 'partial',
      applied: true,
      counts: { accountsUpdated: 1, accountsSuspended: 0 },
    });
    expect(r.partialRead?.doNotChangeIfFailed).toBe(true);
    expect(state.getAccount('a@x.com')?.customproperty1).toBe('new@x.com');
    expect(state.getAccount('c@x.com')?.status).toBe('ACTIVE');
  });

  it('retries a failing page when retries are configured, then completes', async () => {
    serveUsers(target, [user('a'), user('b'), user('c')]);
    let n = 0;
    const ok = { body: { total: 3, data: [user('c')] } };
    target.on(`${H}/users?page=2&size=2`, () => (++n < 3 ? { fail: 429 } : ok));
    const waits: number[] = [];
    const r = await runAccountImport(ctx(), packageWith(accountJson()), {
      retries: 2,
      retryWaitMs: 5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(r.outcome).toBe('completed');
    expect(r.counts.retries).toBe(2);
    expect(waits).toEqual([5, 5]);
    expect(state.accountCount).toBe(3);
  });

  it('runs dependent calls once per account, binding ${accountName}, and merges their columns', async () => {
    serveUsers(target, [user('a'), user('b')]);
    target.on(`${H}/users/a@x.com`, { body: { dept: 'Sales' } });
    target.on(`${H}/users/b@x.com`, { body: { dept: 'IT' } });
    const json = accountJson();
    (json.accountParams.call as Record<string, unknown>).call2 = {
      callOrder: 1,
      inputParams: { dependentCall: true },
      http: { url: `${H}/users/\${accountName}`, httpMethod: 'GET' },
      listField: '',
      colsToPropsMap: { customproperty2: 'dept~#~char' },
    };
    await runAccountImport(ctx(), packageWith(json));
    expect(state.getAccount('a@x.com')?.customproperty2).toBe('Sales');
    expect(state.getAccount('b@x.com')?.customproperty2).toBe('IT');
  });

  it('correlates accounts to identities: username = name by default, or a configured rule', async () => {
    state.upsertIdentity({ username: 'A@X.COM' });
    state.upsertIdentity({ username: 'bob', email: 'b@corp.com' });
    serveUsers(target, [user('a'), user('b', { email: 'b@corp.com' })]);
    const r = await runAccountImport(ctx(), packageWith(accountJson()));
    expect(state.getAccount('a@x.com')?.owner).toBe('A@X.COM');
    expect(state.getAccount('b@x.com')?.owner).toBeUndefined();
    expect(r.accounts.correlated).toEqual([{ name: 'a@x.com', owner: 'A@X.COM' }]);
    const r2 = await runAccountImport(ctx(), packageWith(accountJson()), {
      correlation: { identityColumn: 'email', accountColumn: 'customproperty1' },
    });
    expect(state.getAccount('b@x.com')?.owner).toBe('bob');
    expect(r2.accounts.updated[0].changes).toEqual([{ column: 'owner', from: null, to: 'bob' }]);
  });

  it('reactivates a suspended account that is back in the target; the report is plain JSON', async () => {
    const pkg = packageWith(accountJson());
    serveUsers(target, [user('a'), user('b')]);
    await runAccountImport(ctx(), pkg);
    target.routes.clear();
    serveUsers(target, [user('a')]);
    await runAccountImport(ctx(), pkg);
    expect(state.getAccount('b@x.com')?.status).toBe(ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT);
    target.routes.clear();
    serveUsers(target, [user('a'), user('b')]);
    const r = await runAccountImport(ctx(), pkg);
    expect(r.accounts.updated).toEqual([
      {
        name: 'b@x.com',
        accountID: 'b',
        changes: [{ column: 'status', from: ACCOUNT_STATUS.SUSPENDED_FROM_IMPORT, to: 'ACTIVE' }],
      },
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('renames an account whose name changed in the target (matched on accountID), keeping its links', async () => {
    serveUsers(target, [user('a')]);
    const pkg = packageWith(accountJson());
    await runAccountImport(ctx(), pkg);
    state.addLink('a@x.com', 'Role', 'r1');
    target.routes.clear();
    serveUsers(target, [user('a', { userName: 'ann@x.com' })]);
    const r = await runAccountImport(ctx(), pkg);
    expect(r.accounts.updated[0].changes).toEqual([{ column: 'name', from: 'a@x.com', to: 'ann@x.com' }]);
    expect(state.getAccount('a@x.com')).toBeUndefined();
    expect(state.getAccountById('a')?.name).toBe('ann@x.com');
    expect(state.linksOf('ann@x.com')).toEqual([
      { accountName: 'ann@x.com', entitlementType: 'Role', entitlementID: 'r1' },
    ]);
  });

  it('fails with the JSON path when the config is malformed', async () => {
    const json = accountJson({}, { http: { httpMethod: 'GET' } });
    const r = await runAccountImport(ctx(), packageWith(json));
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatchObject({
      code: 'import.config',
      location: { path: ['accountParams', 'call', 'call1', 'http', 'url'] },
    });
  });
});

describe('account import flags', () => {
  it('accountsNotInImportAction decides what happens to missing accounts; includeExistingInActiveAccounts false leaves inactive ones', async () => {
    serveUsers(target, [user('a'), user('b')]);
    await runAccountImport(ctx(), packageWith(accountJson()));
    serveUsers(target, [user('a')]);
    target.routes.delete(`${H}/users?page=2&size=2`);
    const none = await runAccountImport(
      ctx(),
      packageWith(accountJson({ statusAndThresholdConfig: { accountsNotInImportAction: 'None' } })),
    );
    expect(none.counts).toMatchObject({ accountsSuspended: 0, accountsInactivated: 0 });
    const inactivate = await runAccountImport(
      ctx(),
      packageWith(
        accountJson({
          statusAndThresholdConfig: { accountsNotInImportAction: 'Inactivate', inactivateAccountsNotInFile: false },
        }),
      ),
    );
    expect(inactivate.accounts.inactivated.map((a) => a.name)).toEqual(['b@x.com']);
    expect(state.getAccount('b@x.com')?.status).toBe('2');
    serveUsers(target, [user('a'), user('b')]);
    const skipped = await runAccountImport(ctx(), packageWith(accountJson({ includeExistingInActiveAccounts: false })));
    expect(skipped.accounts.skipped).toEqual([
      { name: 'b@x.com', accountID: 'b', reason: 'inactive in EIC (2) and includeExistingInActiveAccounts is false' },
    ]);
    expect(state.getAccount('b@x.com')?.status).toBe('2');
    await runAccountImport(ctx(), packageWith(accountJson()));
    expect(state.getAccount('b@x.com')?.status).toBe('ACTIVE');
  });

  it('statusConfig maps the status column, else the statusColumn; with neither mapped it warns and accounts are active', async () => {
    serveUsers(target, [user('a', { enabled: 'no' }), user('b', { enabled: 'yes' })]);
    const cols = { accountID: 'id~#~char', name: 'userName~#~char', customproperty11: 'enabled~#~char' };
    const viaColumn = accountJson(
      { statusAndThresholdConfig: { statusColumn: 'customproperty11' } },
      { colsToPropsMap: cols, statusConfig: { active: 'yes', inactive: 'no' } },
    );
    await runAccountImport(ctx(), packageWith(viaColumn));
    expect(state.getAccount('a@x.com')?.status).toBe('2');
    expect(state.getAccount('b@x.com')?.status).toBe('1');
    const unmapped = accountJson(
      {},
      { colsToPropsMap: { accountID: 'id~#~char', name: 'userName~#~char' }, statusConfig: { active: 'yes' } },
    );
    const r = await runAccountImport(ctx(), packageWith(unmapped));
    expect(r.warnings.filter((w) => w.code === 'import.statusConfig.unmapped')).toHaveLength(1);
    expect(state.getAccount('a@x.com')?.status).toBe('1');
  });
});

describe('access import', () => {
  const entParams = {
    entTypes: {
      Role: {
        entTypeOrder: 0,
        call: {
          call1: {
            connection: 'acctAuth',
            http: { url: `${H}/roles`, httpMethod: 'GET' },
            listField: '',
            keyField: 'entitlementID',
            colsToPropsMap: { entitlementID: 'id~#~char', entitlement_value: 'name~#~char' },
          },
        },
      },
    },
  };
  /** Roles from /roles, links from one `http` call to /grants (user.id → role). */
  const grantsJson = {
    entitlementParams: entParams,
    acctEntParams: {
      entTypes: {
        Role: {
          call: {
            call1: {
              processingType: 'http',
              connection: 'c',
              http: { url: `${H}/grants`, httpMethod: 'GET' },
              listField: 'data',
              acctIdPath: 'user.id',
              entIdPath: 'role',
            },
          },
        },
      },
    },
  };
  async function seedAccounts(ids: string[]) {
    serveUsers(
      target,
      ids.map((id) => user(id)),
    );
    await runAccountImport(ctx(), packageWith(accountJson()));
  }

  it('http: imports entitlements and links, inactivates missing entitlements, replaces links, reports unknown accounts', async () => {
    await seedAccounts(['a', 'b']);
    const json = {
      ...accountJson(),
      entitlementParams: entParams,
      acctEntParams: {
        entTypes: {
          Role: {
            call: {
              call1: {
                processingType: 'http',
                connection: 'acctAuth',
                http: { url: `${H}/grants`, httpMethod: 'GET' },
                listField: 'data',
                acctIdPath: 'user.id',
                entIdPath: 'role',
                acctKeyField: 'accountID',
                entKeyField: 'entitlementID',
              },
            },
          },
        },
      },
    };
    target.on(`${H}/roles`, {
      body: [
        { id: 'r1', name: 'Admin' },
        { id: 'r2', name: 'Viewer' },
      ],
    });
    target.on(`${H}/grants`, {
      body: {
        data: [
          { user: { id: 'a' }, role: 'r1' },
          { user: { id: 'zz' }, role: 'r1' },
          { user: { id: 'b' }, role: 'r9' },
        ],
      },
    });
    const r1 = await runAccessImport(ctx(), packageWith(json));
    expect(r1.outcome).toBe('completed');
    expect(r1.counts).toMatchObject({
      entitlementsCreated: 2,
      linksAdded: 1,
      unknownAccounts: 1,
      unknownEntitlements: 1,
    });
    expect(r1.unknownAccounts).toEqual([{ entType: 'Role', keyField: 'accountID', key: 'zz', links: 1 }]);
    expect(state.linksOf('a@x.com')).toEqual([
      { accountName: 'a@x.com', entitlementType: 'Role', entitlementID: 'r1' },
    ]);
    expect(isNoChange(await runAccessImport(ctx(), packageWith(json)))).toBe(true);

    target.on(`${H}/roles`, { body: [{ id: 'r2', name: 'Viewer' }] });
    target.on(`${H}/grants`, { body: { data: [{ user: { id: 'b' }, role: 'r2' }] } });
    const r2 = await runAccessImport(ctx(), packageWith(json));
    expect(r2.entitlements.inactivated).toEqual([{ type: 'Role', entitlementID: 'r1' }]);
    expect(state.getEntitlementValue('Role', 'r1')?.status).toBe(2);
    expect(r2.links).toEqual({
      added: [{ accountName: 'b@x.com', entitlementType: 'Role', entitlementID: 'r2' }],
      removed: [{ accountName: 'a@x.com', entitlementType: 'Role', entitlementID: 'r1' }],
    });
  });

  it('reactivates an entitlement that is back, and matches on entitlement_value when keyField says so', async () => {
    const byValue = {
      entTypes: {
        Role: {
          call: {
            call1: { ...entParams.entTypes.Role.call.call1, keyField: 'entitlement_value' },
          },
        },
      },
    };
    target.on(`${H}/roles`, {
      body: [
        { id: 'r1', name: 'Admin' },
        { id: 'r1', name: 'Admin2' },
      ],
    });
    const r1 = await runAccessImport(ctx(), packageWith({ entitlementParams: byValue }));
    expect(r1.entitlements.created).toEqual([{ type: 'Role', entitlementID: 'r1' }]);
    target.on(`${H}/roles`, { body: [] });
    await runAccessImport(ctx(), packageWith({ entitlementParams: entParams }));
    expect(state.getEntitlementValue('Role', 'r1')?.status).toBe(2);
    target.on(`${H}/roles`, { body: [{ id: 'r1', name: 'Admin' }] });
    const r3 = await runAccessImport(ctx(), packageWith({ entitlementParams: entParams }));
    expect(r3.entitlements.updated).toEqual([
      {
        type: 'Role',
        entitlementID: 'r1',
        changes: [
          { column: 'entitlement_value', from: 'Admin2', to: 'Admin' },
          { column: 'status', from: '2', to: '1' },
        ],
      },
    ]);
  });

  it('reports every link as unknown (not silently dropped) when the account import never ran', async () => {
    const json = grantsJson;
    target.on(`${H}/roles`, { body: [{ id: 'r1', name: 'Admin' }] });
    target.on(`${H}/grants`, {
      body: {
        data: [
          { user: { id: 'a' }, role: 'r1' },
          { user: { id: 'b' }, role: 'r1' },
        ],
      },
    });
    const r = await runAccessImport(ctx(), packageWith(json));
    expect(r.counts.unknownAccounts).toBe(2);
    expect(r.warnings.map((w) => w.code)).toContain('import.access.no-accounts');
    expect(state.listLinks()).toEqual([]);
  });

  it('httpEntToAcct and httpAcctToEnt iterate entitlements / accounts with ${id}', async () => {
    await seedAccounts(['a', 'b']);
    target.on(`${H}/roles`, {
      body: [
        { id: 'r1', name: 'Admin' },
        { id: 'r2', name: 'Viewer' },
      ],
    });
    target.on(`${H}/roles/r1/members`, { body: [{ value: 'a' }] });
    target.on(`${H}/roles/r2/members`, { body: [{ value: 'a' }, { value: 'b' }] });
    const e2a = {
      entitlementParams: entParams,
      acctEntParams: {
        entTypes: {
          Role: {
            call: {
              call1: {
                processingType: 'httpEntToAcct',
                connection: 'c',
                http: { url: `${H}/roles/\${id}/members`, httpMethod: 'GET' },
                listField: '',
                acctIdPath: 'value',
                acctKeyField: 'accountID',
                entKeyField: 'entitlementID',
              },
            },
          },
        },
      },
    };
    await runAccessImport(ctx(), packageWith(e2a));
    expect(
      state
        .listLinks()
        .map((l) => `${l.accountName}:${l.entitlementID}`)
        .sort(),
    ).toEqual(['a@x.com:r1', 'a@x.com:r2', 'b@x.com:r2']);

    target.on(`${H}/users/a/roles`, { body: { roles: [{ id: 'r2' }] } });
    target.on(`${H}/users/b/roles`, { body: { roles: [] } });
    const a2e = {
      entitlementParams: entParams,
      acctEntParams: {
        entTypes: {
          Role: {
            call: {
              call1: {
                processingType: 'httpAcctToEnt',
                connection: 'c',
                http: { url: `${H}/users/\${id}/roles`, httpMethod: 'GET' },
                listField: 'roles',
                entIdPath: 'id',
                acctKeyField: 'accountID',
                entKeyField: 'entitlementID',
              },
            },
          },
        },
      },
    };
    const r = await runAccessImport(ctx(), packageWith(a2e));
    expect(state.listLinks()).toEqual([{ accountName: 'a@x.com', entitlementType: 'Role', entitlementID: 'r2' }]);
    expect(r.counts.linksRemoved).toBe(2);
  });

  it('acctToEntMapping uses the ids captured in CP31 during account import', async () => {
    const json = accountJson({
      acctEntMappings: { Role: { listPath: 'roles', idPath: 'id', keyField: 'entitlementID' } },
    });
    const call1 = json.accountParams.call.call1 as { colsToPropsMap: Record<string, string> };
    call1.colsToPropsMap.customproperty31 = 'STORE#ACC#ENT#MAPPINGINFO~#~char';
    serveUsers(target, [user('a', { roles: [{ id: 'r1' }, { id: 'r2' }] }), user('b', { roles: [] })]);
    await runAccountImport(ctx(), packageWith(json));
    expect(JSON.parse(String(state.getAccount('a@x.com')?.customproperty31))).toEqual({
      Role: { entIds: ['r1', 'r2'], keyField: 'entitlementID' },
    });
    target.on(`${H}/roles`, {
      body: [
        { id: 'r1', name: 'Admin' },
        { id: 'r2', name: 'Viewer' },
      ],
    });
    const full = { ...json, entitlementParams: entParams, acctEntParams: { processingType: 'acctToEntMapping' } };
    const r = await runAccessImport(ctx(), packageWith(full));
    expect(r.counts.linksAdded).toBe(2);
    expect(state.linksOf('a@x.com').map((l) => l.entitlementID)).toEqual(['r1', 'r2']);
  });

  it('importAsEntitlement creates the entitlement values listed in the accounts (Adobe style: groups ["g1"])', async () => {
    const json = accountJson({
      acctEntMappings: {
        Group: {
          listPath: 'groups',
          idPath: '',
          keyField: 'entitlementID',
          importAsEntitlement: true,
          colsToPropsMap: { entitlementID: '#CONST#${response}~#~char' },
        },
      },
    });
    const call1 = json.accountParams.call.call1 as { colsToPropsMap: Record<string, string> };
    call1.colsToPropsMap.customproperty31 = 'STORE#ACC#ENT#MAPPINGINFO~#~char';
    serveUsers(target, [user('a', { groups: ['g1', 'g2'] }), user('b', { groups: ['g2'] })]);
    await runAccountImport(ctx(), packageWith(json));
    const r = await runAccessImport(
      ctx(),
      packageWith({ ...json, acctEntParams: { processingType: 'acctToEntMapping' } }),
    );
    expect(r.entitlements.created).toEqual([
      { type: 'Group', entitlementID: 'g1' },
      { type: 'Group', entitlementID: 'g2' },
    ]);
    expect(
      state
        .listLinks()
        .map((l) => `${l.accountName}:${l.entitlementID}`)
        .sort(),
    ).toEqual(['a@x.com:g1', 'a@x.com:g2', 'b@x.com:g2']);
  });

  it('entToAcctMapping uses the member lists read with the entitlements', async () => {
    await seedAccounts(['a', 'b']);
    target.on(`${H}/groups`, { body: { Resources: [{ id: 'g1', displayName: 'G1', members: [{ value: 'b' }] }] } });
    const json = {
      entitlementParams: {
        entTypes: {
          Group: {
            call: {
              call1: {
                connection: 'c',
                http: { url: `${H}/groups`, httpMethod: 'GET' },
                listField: 'Resources',
                keyField: 'entitlementID',
                colsToPropsMap: { entitlementID: 'id~#~char', entitlement_value: 'displayName~#~char' },
              },
            },
            acctEntMappings: { listField: 'members', idPath: 'value', keyField: 'accountID' },
          },
        },
      },
      acctEntParams: { processingType: 'entToAcctMapping' },
    };
    await runAccessImport(ctx(), packageWith(json));
    expect(state.listLinks()).toEqual([{ accountName: 'b@x.com', entitlementType: 'Group', entitlementID: 'g1' }]);
  });

  it('ignores a pagination object at the entitlement-type level (as EIC does) and says so', async () => {
    target.on(`${H}/roles`, { body: [{ id: 'r1', name: 'Admin' }] });
    const json = {
      entitlementParams: {
        entTypes: { Role: { ...entParams.entTypes.Role, pagination: { nextUrl: { nextUrlPath: 'next' } } } },
      },
    };
    const r = await runAccessImport(ctx(), packageWith(json));
    expect(target.requests).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toContain('import.pagination.ignored');
  });

  it('a failing entitlement or link call changes nothing with doNotChangeIfFailed, and reconciles what was read without it', async () => {
    await seedAccounts(['a']);
    target.on(`${H}/roles`, { body: [{ id: 'r1', name: 'Admin' }] });
    target.on(`${H}/grants`, { body: { data: [{ user: { id: 'a' }, role: 'r1' }] } });
    await runAccessImport(ctx(), packageWith(grantsJson));
    const before = state.snapshot();
    target.on(`${H}/grants`, { fail: 'timeout' });
    const safe = { ...grantsJson, entitlementParams: { ...entParams, doNotChangeIfFailed: true } };
    const r = await runAccessImport(ctx(), packageWith(safe));
    expect(r.outcome).toBe('failed');
    expect(state.snapshot()).toEqual(before);
    const partial = await runAccessImport(ctx(), packageWith(grantsJson));
    expect(partial.outcome).toBe('partial');
    expect(partial.links.removed).toEqual([
      { accountName: 'a@x.com', entitlementType: 'Role', entitlementID: 'r1', partialRead: true },
    ]);
    expect(state.listLinks()).toEqual([]);
    target.on(`${H}/roles`, { fail: 500 });
    const ents = await runAccessImport(ctx(), packageWith(grantsJson));
    expect(ents.outcome).toBe('partial');
    expect(ents.entitlements.inactivated).toEqual([{ type: 'Role', entitlementID: 'r1', partialRead: true }]);
    expect(target.requests.at(-1)?.url).toBe(`${H}/roles`);
  });
  it('importAsAccount creates the member accounts EIC does not know, then links them', async () => {
    await seedAccounts(['a']);
    target.on(`${H}/groups`, {
      body: { Resources: [{ id: 'g1', displayName: 'G1', members: [{ value: 'a' }, { value: 'zed' }] }] },
    });
    const json = (importAsAccount: boolean) => ({
      entitlementParams: {
        entTypes: {
          Group: {
            call: {
              call1: {
                connection: 'c',
                http: { url: `${H}/groups`, httpMethod: 'GET' },
                listField: 'Resources',
                keyField: 'entitlementID',
                colsToPropsMap: { entitlementID: 'id~#~char', entitlement_value: 'displayName~#~char' },
              },
            },
            acctEntMappings: { listField: 'members', idPath: 'value', keyField: 'accountID', importAsAccount },
          },
        },
      },
      acctEntParams: { processingType: 'entToAcctMapping' },
    });
    const off = await runAccessImport(ctx(), packageWith(json(false)));
    expect(off.unknownAccounts).toEqual([{ entType: 'Group', keyField: 'accountID', key: 'zed', links: 1 }]);
    const on = await runAccessImport(ctx(), packageWith(json(true)));
    expect(on.accounts.created).toEqual([{ name: 'zed', accountID: 'zed', status: '1' }]);
    expect(state.getAccount('zed')).toMatchObject({ accountID: 'zed', status: '1' });
    expect(state.hasLink('zed', 'Group', 'g1')).toBe(true);
  });

  it('entThresholdValue aborts an import that would inactivate too many entitlements of a type', async () => {
    target.on(`${H}/roles`, {
      body: [
        { id: 'r1', name: 'A' },
        { id: 'r2', name: 'B' },
        { id: 'r3', name: 'C' },
      ],
    });
    const json = { entitlementParams: entParams };
    await runAccessImport(ctx(), packageWith(json));
    target.on(`${H}/roles`, { body: [{ id: 'r1', name: 'A' }] });
    const before = state.snapshot();
    const status = (v: Record<string, unknown>) => ({ statusAndThresholdConfig: v });
    const r = await runAccessImport(
      ctx(),
      packageWith(json, status({ entThresholdValue: { entType: { Role: { ent: 1 } } } })),
    );
    expect(r).toMatchObject({ outcome: 'aborted', error: { code: 'import.threshold' } });
    expect(r.error?.message).toMatch(/inactivate 2 Role entitlements, more than entThresholdValue 1/);
    expect(state.snapshot()).toEqual(before);
    const kept = await runAccessImport(ctx(), packageWith(json, status({ inactivateEntsNotInFeed: false })));
    expect(kept.counts.entitlementsInactivated).toBe(0);
    const legacy = {
      entitlementParams: {
        entTypes: {
          Role: { call: { call1: { ...entParams.entTypes.Role.call.call1, disableDeletedEntitlements: false } } },
        },
      },
    };
    expect((await runAccessImport(ctx(), packageWith(legacy))).counts.entitlementsInactivated).toBe(0);
    expect((await runAccessImport(ctx(), packageWith(json))).counts.entitlementsInactivated).toBe(2);
  });
});
