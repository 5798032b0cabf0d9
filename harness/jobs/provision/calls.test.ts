import { describe, expect, it } from 'vitest';
import { callsForEntitlementType, callsOf, TASK_ATTRIBUTE } from './calls.ts';

describe('provisioning call lists', () => {
  it('maps every task type to its JSON attribute', () => {
    expect(TASK_ATTRIBUTE.NEWACCOUNT).toBe('CreateAccountJSON');
    expect(TASK_ATTRIBUTE.CHANGEPASSWORD).toBe('ChangePassJSON');
    expect(TASK_ATTRIBUTE.UPDATEUSER).toBe('UpdateUserJSON');
  });

  it('keeps array order, or sorts by callOrder when every call has one', () => {
    expect(callsOf({ call: [{ name: 'b' }, { name: 'a' }] }).map((c) => c.name)).toEqual(['b', 'a']);
    const ordered = callsOf({
      call: [
        { name: 'b', callOrder: 1 },
        { name: 'a', callOrder: 0 },
      ],
    });
    expect(ordered.map((c) => [c.name, c.path])).toEqual([
      ['a', ['call', 1]],
      ['b', ['call', 0]],
    ]);
  });

  it('unwraps UpdateUserJSON actions and filters them by name', () => {
    const json = { actions: { 'Update Login': { call: [{ name: 'x' }] }, Other: { call: [{ name: 'y' }] } } };
    expect(callsOf(json).map((c) => c.path)).toEqual([
      ['actions', 'Update Login', 'call', 0],
      ['actions', 'Other', 'call', 0],
    ]);
    expect(callsOf(json, ['Other']).map((c) => c.name)).toEqual(['y']);
  });

  it('routes Add/RemoveAccess to the calls named after the entitlement type', () => {
    const calls = callsOf({ call: [{ name: 'Group' }, { name: 'Role' }, { name: 'Role' }] });
    expect(callsForEntitlementType(calls, 'Role').map((c) => c.path)).toEqual([
      ['call', 1],
      ['call', 2],
    ]);
    expect(callsForEntitlementType(calls, 'Permission')).toEqual([]);
  });
});
