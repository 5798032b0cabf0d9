// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
import { describe, expect, it } from 'vitest';
import { TASK_STATUS } from '../../eic/types.ts';
import { createEmulator } from '../../emulator.ts';
import { json, pathRenderer, stubTransport } from '../../http/testing.ts';
import type { ConnectionPackage } from '../../package/types.ts';

// A tiny in-memory package: the shapes come from reference §3 (call arrays, accountIdPath, responseColsToPropsMap).
function pkg(attrs: Record<string, unknown>): ConnectionPackage {
  const attributes: ConnectionPackage['attributes'] = {};
  for (const [name, value] of Object.entries(attrs)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    attributes[name] = { name, text, json: parsed, source: `${name}.json` };
  }
  return { name: 'Test', origin: 'memory', kind: 'folder', attributes, connectionEncrypted: false, diagnostics: [] };
}

const CONN = {
  authentications: {
    a: {
      authType: 'oauth2',
      url: 'https://t.example/token',
      accessToken: 'Bearer good',
      retryFailureStatusCode: [401],
      tokenType: 'Bearer',
    },
  },
};
const call = (name: string, url: string, body = '', method = 'POST') => ({
  name,
  connection: 'a',
  url,
  httpMethod: method,
  httpParams: body,
  httpHeaders: { Authorization: '${access_token}' },
  httpContentType: 'application/json',
  successResponses: { statusCode: [200, 201] },
});

function setup(
  handler: (req: Request) => Response | Promise<Response>,
  extra: Record<string, unknown> = {},
  tries = 2,
) {
  const transport = stubTransport(handler);
  const emu = createEmulator({
    package: pkg({
      ConnectionJSON: CONN,
      CreateAccountJSON: {
        accountIdPath: 'call1.message.data.id',
        responseColsToPropsMap: { customproperty6: 'call1.message.data.role~#~char' },
        call: [
          call('call1', 'https://api.example/users', '{"email":"${user.email}"}'),
          call('call2', 'https://api.example/perm/${response.call1.message.data.id}'),
        ],
      },
      AddAccessJSON: {
        call: [
          call(
            'Permission',
            'https://api.example/perm',
            '{"role":"${entitlementValue.entitlementID}","user":"${account.accountID}"}',
          ),
        ],
      },
      RemoveAccessJSON: { call: [call('Group', 'https://api.example/group')] },
      EnableAccountJSON: { call: [call('call1', 'https://api.example/users/${account.accountID}', '', 'PUT')] },
      RemoveAccountJSON: '{ broken',
      ...extra,
    }),
    transport,
    render: pathRenderer,
    settings: { provisioningTries: tries },
    identities: [{ username: 'jdoe', email: 'j@x.io' }],
  });
  emu.state.upsertEntitlementValue({ type: 'Permission', entitlementID: 'ADMIN' });
  return { emu, transport };
}

describe('provisioning tasks', () => {
  it('NEWACCOUNT chains responses, sets accountID from accountIdPath and writes responseColsToPropsMap back', async () => {
    const { emu, transport } = setup((req) =>
      req.url.endsWith('/users') ? json(200, { data: { id: 'U-9', role: 'ACCOUNTUSER' } }) : json(200, {}),
    );
    const t = await emu.runTask({ type: 'NEWACCOUNT', identity: 'jdoe', accountName: 'j@x.io' });
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(transport.requests[1].url).toBe('https://api.example/perm/U-9');
    expect(emu.state.getAccount('j@x.io')).toMatchObject({
      accountID: 'U-9',
      status: 'Manually Provisioned',
      owner: 'jdoe',
      customproperty6: 'ACCOUNTUSER',
    });
    expect(emu.state.getAccountById('U-9')?.name).toBe('j@x.io');
    expect(t.exchanges.map((e) => e.owner)).toEqual([
      { kind: 'task', id: t.id },
      { kind: 'task', id: t.id },
    ]);
  });

  it('ADDACCESS adds the link; a missing JSON or a missing call for the entitlement type is an ERROR', async () => {
    const { emu } = setup(() => json(200, {}));
    emu.state.upsertAccount({ name: 'j@x.io', accountID: 'U-1', owner: 'jdoe' });
    const add = await emu.runTask({
      type: 'ADDACCESS',
      accountName: 'j@x.io',
      entitlement: { type: 'Permission', entitlementID: 'ADMIN' },
    });
    expect(add.status).toBe(TASK_STATUS.COMPLETE);
    expect(emu.state.hasLink('j@x.io', 'Permission', 'ADMIN')).toBe(true);
    const rem = await emu.runTask({
      type: 'REMOVEACCESS',
      accountName: 'j@x.io',
      entitlement: { type: 'Permission', entitlementID: 'ADMIN' },
    });
    expect(rem.status).toBe(TASK_STATUS.ERROR);
    expect(rem.lastError?.code).toBe('provision.no-call-for-entitlement-type');
    expect(emu.state.hasLink('j@x.io', 'Permission', 'ADMIN')).toBe(true);
    const dis = await emu.runTask({ type: 'DISABLEACCOUNT', accountName: 'j@x.io' });
    expect(dis.status).toBe(TASK_STATUS.ERROR);
    expect(dis.lastError?.message).toContain('DisableAccountJSON is not configured');
    expect(dis.tries).toBe(0);
    const bad = await emu.runTask({ type: 'REMOVEACCOUNT', accountName: 'j@x.io' });
    expect(bad.lastError?.code).toBe('provision.invalid-json');
  });

  it('treats a missing entitlement call as NO_ACTION_REQUIRED in no-op mode', async () => {
    const transport = stubTransport(() => json(200, {}));
    const emu = createEmulator({
      package: pkg({ ConnectionJSON: CONN, RemoveAccessJSON: { call: [call('Group', 'https://api.example/g')] } }),
      transport,
      render: pathRenderer,
      provisioning: { missingEntitlementCall: 'no-op' },
    });
    emu.state.upsertAccount({ name: 'a', accountID: '1' });
    emu.state.upsertEntitlementValue({ type: 'Permission', entitlementID: 'ADMIN' });
    const t = await emu.runTask({
      type: 'REMOVEACCESS',
      accountName: 'a',
      entitlement: { type: 'Permission', entitlementID: 'ADMIN' },
    });
    expect(t.status).toBe(TASK_STATUS.NO_ACTION_REQUIRED);
    expect(transport.requests).toHaveLength(0);
  });

  it('keeps the error, request and response of a failed attempt and retries it on the next WSRETRY run', async () => {
    let fail = true;
    const { emu } = setup(() => (fail ? json(500, { status: 'ERROR', message: 'boom' }) : json(200, {})), {}, 3);
    emu.state.upsertAccount({ name: 'j@x.io', accountID: 'U-1', owner: 'jdoe' });
    const t = emu.state.createTask({ type: 'ENABLEACCOUNT', accountName: 'j@x.io' });
    const r1 = await emu.runProvisioningJob();
    expect(r1.retryable).toBe(1);
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.tries).toBe(1);
    expect(t.lastError?.code).toBe('call.unsuccessful');
    expect(t.lastError?.message).toContain('HTTP 500');
    expect(t.lastRequest?.method).toBe('PUT');
    expect(t.lastResponse?.status).toBe(500);
    fail = false;
    const r2 = await emu.runProvisioningJob();
    expect(r2.completed).toBe(1);
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(t.tries).toBe(2);
    expect(t.lastError).toBeNull();
  });

  it('moves a task on as COMPLETE when its last try fails (the default), and WSRETRY skips it afterwards', async () => {
    const { emu, transport } = setup(() => json(503, {}), {}, 2);
    emu.state.upsertAccount({ name: 'j@x.io', accountID: 'U-1', status: '2' });
    const t = emu.state.createTask({ type: 'ENABLEACCOUNT', accountName: 'j@x.io' });
    await emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.reason).toMatch(/try 1 of 2 failed: the answer is not a success per successResponses; the task stays NEW/);
    const r2 = await emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(t.lastError?.code).toBe('call.unsuccessful');
    expect(t.reason).toMatch(/try 2 of 2 failed.*provisioning tries are used up.*COMPLETE \[S22 td-p\/27611\]/);
    expect(r2).toMatchObject({ completed: 0, failed: 1, retryable: 0 });
    expect(t.history.map((h) => `${h.from}>${h.to}`)).toEqual(['null>1', '1>2', '2>1', '1>2', '2>3']);
    expect(emu.state.getAccount('j@x.io')?.status).toBe('2');
    const before = transport.requests.length;
    const r3 = await emu.runProvisioningJob();
    expect(r3.attempts).toHaveLength(0);
    expect(transport.requests.length).toBe(before);
  });

  it('onTriesExhausted PROVFAILED or ERROR ends a task that keeps failing with that status', async () => {
    for (const onTriesExhausted of ['PROVFAILED', 'ERROR'] as const) {
      const transport = stubTransport(() => json(503, {}));
      const emu = createEmulator({
        package: pkg({
          ConnectionJSON: CONN,
          EnableAccountJSON: { call: [call('call1', 'https://api.example/u', '', 'PUT')] },
        }),
        transport,
        render: pathRenderer,
        settings: { provisioningTries: 1 },
        provisioning: { onTriesExhausted },
      });
      emu.state.upsertAccount({ name: 'a', accountID: '1' });
      const t = await emu.runTask({ type: 'ENABLEACCOUNT', accountName: 'a' });
      expect(t.status).toBe(TASK_STATUS[onTriesExhausted]);
      expect(t.reason).toContain(`option onTriesExhausted: ${onTriesExhausted}`);
    }
  });

  it('an answer matched by unsuccessResponses is an ERROR at once; a 200 with an error body stays NEW', async () => {
    let body: unknown = { status: 'ERROR' };
    const transport = stubTransport(() => json(200, body));
    const enable = {
      ...call('call1', 'https://api.example/u', '', 'PUT'),
      successResponses: [{ status: 'OK' }],
      unsuccessResponses: { status: 'DENIED' },
    };
    const emu = createEmulator({
      package: pkg({ ConnectionJSON: CONN, EnableAccountJSON: { call: [enable] } }),
      transport,
      render: pathRenderer,
      settings: { provisioningTries: 3 },
    });
    emu.state.upsertAccount({ name: 'a', accountID: '1' });
    const t = await emu.runTask({ type: 'ENABLEACCOUNT', accountName: 'a' });
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.lastError?.message).toMatch(/response body status is "ERROR", successResponses expects "OK"/);
    body = { status: 'DENIED' };
    await emu.runProvisioningJob();
    expect(t.status).toBe(TASK_STATUS.ERROR);
    expect(t.tries).toBe(2);
    expect(t.reason).toMatch(/matches unsuccessResponses, an error response from the API/);
    expect(await emu.runProvisioningJob()).toMatchObject({ attempts: [] });
  });

  it('instant provisioning runs once at submission; a failure stays NEW for WSRETRY', async () => {
    const transport = stubTransport(() => json(500, {}));
    const emu = createEmulator({
      package: pkg({
        ConnectionJSON: CONN,
        EnableAccountJSON: { call: [call('call1', 'https://api.example/u', '', 'PUT')] },
      }),
      transport,
      render: pathRenderer,
      settings: { instantProvisioning: true, provisioningTries: 3 },
    });
    emu.state.upsertAccount({ name: 'a', accountID: '1' });
    const t = await emu.submitTask({ type: 'ENABLEACCOUNT', accountName: 'a' });
    expect(transport.requests).toHaveLength(1);
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.tries).toBe(1);
  });

  it('UPDATEUSER runs the calls of every action (or the named ones) without needing an account', async () => {
    const { emu, transport } = setup(() => json(200, {}), {
      UpdateUserJSON: {
        actions: {
          'Update Login': {
            call: [{ ...call('Update Login', 'https://api.example/emp/${user.username}', '', 'PATCH'), callOrder: 0 }],
          },
          Other: { call: [call('Other', 'https://api.example/other')] },
        },
      },
    });
    const t = await emu.runTask({ type: 'UPDATEUSER', identity: 'jdoe', actions: ['Update Login'] });
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(transport.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH https://api.example/emp/jdoe']);
  });

  it('fails a task whose account is missing, naming the account', async () => {
    const { emu } = setup(() => json(200, {}));
    const t = await emu.runTask({ type: 'ENABLEACCOUNT', accountName: 'ghost@x.io' });
    expect(t.status).toBe(TASK_STATUS.NEW);
    expect(t.lastError?.message).toContain('ghost@x.io');
  });

  it('never lets the task password reach the journal', async () => {
    const { emu } = setup(() => json(200, { data: { id: 'U-2' } }), {
      CreateAccountJSON: { call: [call('call1', 'https://api.example/users', '{"pw":"${password}"}')] },
    });
    const t = await emu.runTask({ type: 'NEWACCOUNT', identity: 'jdoe', password: 'Zx!secret-991' });
    expect(t.status).toBe(TASK_STATUS.COMPLETE);
    expect(JSON.stringify(emu.exchanges())).not.toContain('Zx!secret-991');
    expect(JSON.stringify(emu.state.toJSON())).not.toContain('Zx!secret-991');
  });
  it('keeps only showResponse calls on the task and writes back exactly the named columns, typed', async () => {
    const transport = stubTransport(() => json(200, { data: { when: '03/02/2025 10:00', role: 'ADMIN' } }));
    const calls = [
      { ...call('call1', 'https://api.example/u', '', 'PUT'), showResponse: true },
      call('call2', 'https://api.example/v', '', 'PUT'),
    ];
    const emu = createEmulator({
      package: pkg({
        ConnectionJSON: CONN,
        EnableAccountJSON: {
          dateFormat: 'dd/MM/yyyy HH:mm',
          responseColsToPropsMap: {
            customproperty20: 'call1.message.data.when~#~date',
            customproperty21: 'call2.message.data.role~#~char',
            customproperty22: 'call1.message.data.missing~#~char',
          },
          call: calls,
        },
      }),
      transport,
      render: pathRenderer,
    });
    emu.state.upsertAccount({ name: 'a', accountID: '1', customproperty22: 'old', customproperty23: 'kept' });
    const t = await emu.runTask({ type: 'ENABLEACCOUNT', accountName: 'a' });
    expect(t.shownResponses.map((r) => r.call)).toEqual(['call1']);
    expect(JSON.parse(t.shownResponses[0].body)).toEqual({ data: { when: '03/02/2025 10:00', role: 'ADMIN' } });
    expect(emu.state.getAccount('a')).toMatchObject({
      status: '1',
      customproperty20: '2025-02-03 10:00:00',
      customproperty21: 'ADMIN',
      customproperty22: null,
      customproperty23: 'kept',
    });
  });
});
