// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy templates are the test data
import { describe, expect, it } from 'vitest';
import { EIC_CLASS_NAMES } from '../../eic/columns.ts';
import { createEicState } from '../../eic/state.ts';
import { renderTemplate } from '../../groovy/index.ts';
import { probeGroovy, runOracle } from '../../groovy/oracle/run.ts';
import { taskBindings, userView } from './bindings.ts';

describe('task bindings', () => {
  it('resolves user fields case-insensitively and gives null for known absent fields', () => {
    const v = userView({ username: 'jdoe', PhoneNumber: '123', CustomProperty1: 'cp' });
    expect(v?.phonenumber).toBe('123');
    expect(v?.phoneNumber).toBe('123');
    expect(v?.customproperty1).toBe('cp');
    expect(v?.middlename).toBeNull();
    expect(v?.systemUserName).toBe('jdoe');
  });

  it('carries every integration-guide variable plus account and entitlementValue', () => {
    const state = createEicState();
    state.upsertIdentity({ username: 'boss', email: 'boss@x.io' });
    state.upsertIdentity({ username: 'jdoe', manager: 'boss' });
    state.upsertAccount({ name: 'boss@x.io', accountID: 'b1', owner: 'boss' });
    const task = state.createTask({
      type: 'ADDACCESS',
      identity: 'jdoe',
      attributes: { RoleType: 'admin' },
      businessJustification: 'needs it',
      requestId: 'REQ-7',
    });
    const b = taskBindings(
      task,
      state,
      {
        identity: state.getIdentity('jdoe'),
        account: { name: 'j@x.io', accountID: 'A1', status: '1' },
        accountName: 'j@x.io',
        entitlementValue: { type: 'Permission', entitlementID: 'ADMIN', entitlement_value: 'ADMIN', status: 1 },
      },
      {},
      'LeanIX',
    );
    for (const k of [
      'ServiceAccountOwnerMap',
      'endpoints',
      'accountName',
      'userManager',
      'approvers',
      'arsTasks',
      'task',
      'managerAccount',
      'password',
      'requestid',
      'response',
      'userAccount',
      'requestAccessAttributes',
      'reqAttrs',
      'businessJustification',
      'user',
      'account',
      'entitlementValue',
    ])
      expect(b).toHaveProperty(k);
    expect(b.requestid).toBe('REQ-7');
    expect((b.reqAttrs as Record<string, unknown>).RoleType).toBe('admin');
    expect((b.userManager as Record<string, unknown>).email).toBe('boss@x.io');
    expect((b.managerAccount as Record<string, unknown>).accountID).toBe('b1');
    expect((b.account as Record<string, unknown>).accountID).toBe('A1');
    expect((b.endpoints as Record<string, unknown>).endpointname).toBe('LeanIX');
  });
});

describe('EIC objects and map order in templates (issue 13 items 6 and 8)', () => {
  const state = createEicState();
  state.upsertIdentity({
    username: 'boss',
    lastname: 'Babbage',
    email: 'boss@x.io',
    customproperty2: 'cp2',
    city: 'London',
  });
  state.upsertIdentity({ username: 'jdoe', firstname: 'Jane', manager: 'boss' });
  const task = state.createTask({ type: 'ADDACCESS', identity: 'jdoe' });
  const bindings = () =>
    taskBindings(
      task,
      state,
      {
        identity: state.getIdentity('jdoe'),
        account: { name: 'j@x.io', accountID: 'A1', status: '1', customproperty6: 'MEMBER' },
        accountName: 'j@x.io',
        entitlementValue: { type: 'Workspace', entitlementID: 'ws-1', entitlement_value: 'WS', status: 1 },
      },
      {},
      'LeanIX',
    );
  const render = (t: string) => renderTemplate(t, bindings());

  it('user, account and entitlementValue throw MissingPropertyException naming the EIC class', () => {
    for (const [t, cls] of [
      ['${user.fristname}', EIC_CLASS_NAMES.user],
      ['${account.acountID}', EIC_CLASS_NAMES.account],
      ['${entitlementValue.entitlementId}', EIC_CLASS_NAMES.entitlementValue],
      ["${user['nosuch']}", EIC_CLASS_NAMES.user],
    ] as const) {
      const r = render(t);
      expect(r.ok ? r.value : r.error, t).toEqual(
        expect.objectContaining({
          type: 'groovy.lang.MissingPropertyException',
          message: `No such property: ${t.includes('nosuch') ? 'nosuch' : t.slice(t.indexOf('.') + 1, -1)} for class: ${cls}`,
        }),
      );
    }
  });

  it('known columns render their value, or null when empty', () => {
    const r = render(
      '${user.firstname}|${user.middlename}|${user.customproperty65}|${account.accountID}|${account.customproperty45}|${entitlementValue.entitlement_glossary}|${entitlementValue.entitlementID}',
    );
    expect(r.ok && r.value).toBe('Jane|null|null|A1|null|null|ws-1');
  });

  it('userManager is a map of the manager record in its own key order', () => {
    const r = render('${userManager}');
    expect(r.ok && r.value).toBe(
      '[username:boss, lastname:Babbage, email:boss@x.io, customproperty2:cp2, city:London, systemUserName:boss]',
    );
  });

  const oracle = probeGroovy();
  it.skipIf(!oracle.ok)(
    'renders ${userManager} as real Groovy renders the same JSON',
    async () => {
      const manager = bindings().userManager as Record<string, unknown>;
      const [g] = await runOracle([{ id: 'm', template: '${userManager}', bindings: { userManager: manager } }]);
      const r = render('${userManager}');
      expect(g).toMatchObject({ ok: true, value: r.ok ? r.value : '(engine failed)' });
    },
    120_000,
  );
});
