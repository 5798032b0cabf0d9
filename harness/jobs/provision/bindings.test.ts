import { describe, expect, it } from 'vitest';
import { createEicState } from '../../eic/state.ts';
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
