import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../lib/redact.ts';
import { createEicState } from './state.ts';
import { TASK_STATUS } from './types.ts';

describe('EicState', () => {
  it('indexes accounts by name and accountID and keeps the index right when the id changes', () => {
    const s = createEicState();
    s.upsertAccount({ name: 'a@x.io', accountID: 'id-1', customproperty6: 'ACCOUNTUSER' });
    expect(s.getAccountById('id-1')?.name).toBe('a@x.io');
    s.upsertAccount({ name: 'a@x.io', accountID: 'id-2' });
    expect(s.getAccountById('id-1')).toBeUndefined();
    expect(s.getAccountById('id-2')?.customproperty6).toBe('ACCOUNTUSER');
    expect(s.getAccount('a@x.io')?.status).toBe('1');
    expect(() => s.upsertAccount({ name: 'b@x.io', accountID: 'id-2' })).toThrowError(/already belongs/);
  });

  it('indexes accounts by owner and follows owner changes and deletions', () => {
    const s = createEicState();
    s.upsertAccount({ name: 'a', owner: 'u1' });
    s.upsertAccount({ name: 'b', owner: 'u1' });
    expect(s.accountsOf('u1').map((a) => a.name)).toEqual(['a', 'b']);
    s.upsertAccount({ name: 'b', owner: 'u2' });
    expect(s.accountsOf('u1').map((a) => a.name)).toEqual(['a']);
    expect(s.accountsOf('u2').map((a) => a.name)).toEqual(['b']);
    s.deleteAccount('a');
    expect(s.accountsOf('u1')).toEqual([]);
    expect(s.getAccount('a')).toBeUndefined();
  });

  it('keeps entitlement values per type and links per account', () => {
    const s = createEicState();
    s.upsertEntitlementValue({ type: 'Permission', entitlementID: 'ADMIN', customproperty5: 'ws-1' });
    expect(s.listEntitlementTypes().map((t) => t.name)).toEqual(['Permission']);
    expect(s.getEntitlementValue('Permission', 'ADMIN')?.entitlement_value).toBe('ADMIN');
    s.addLink('a', 'Permission', 'ADMIN');
    s.addLink('a', 'Permission', 'ADMIN');
    s.addLink('a', 'Group', 'g1');
    expect(s.linksOf('a')).toHaveLength(2);
    expect(s.linksOf('a', 'Permission')).toHaveLength(1);
    s.replaceLinks('a', 'Permission', ['VIEWER']);
    expect(s.linksOf('a', 'Permission').map((l) => l.entitlementID)).toEqual(['VIEWER']);
    expect(s.removeLink('a', 'Group', 'g1')).toBe(true);
    expect(s.hasLink('a', 'Group', 'g1')).toBe(false);
  });

  it('creates tasks with increasing ids and status NEW, filters by status', () => {
    const s = createEicState();
    const t1 = s.createTask({ type: 'NEWACCOUNT', identity: 'u1' });
    const t2 = s.createTask({
      type: 'ADDACCESS',
      accountName: 'a',
      entitlement: { type: 'Permission', entitlementID: 'ADMIN' },
    });
    expect([t1.id, t2.id]).toEqual(['1', '2']);
    expect(t1.status).toBe(TASK_STATUS.NEW);
    s.updateTask('1', { status: TASK_STATUS.COMPLETE });
    expect(s.listTasks([TASK_STATUS.NEW]).map((t) => t.id)).toEqual(['2']);
  });

  it('snapshots and restores everything, indexes included', () => {
    const s = createEicState({ provisioningTries: 5 });
    s.upsertIdentity({ username: 'u1', email: 'u1@x.io' });
    s.upsertAccount({ name: 'a', accountID: 'id-a' });
    s.addLink('a', 'Permission', 'ADMIN');
    s.createTask({ type: 'NEWACCOUNT', identity: 'u1' });
    const snap = s.snapshot();
    s.upsertAccount({ name: 'b', accountID: 'id-b' });
    s.removeLink('a', 'Permission', 'ADMIN');
    s.createTask({ type: 'REMOVEACCOUNT', accountName: 'a' });
    s.restore(snap);
    expect(s.getAccountById('id-b')).toBeUndefined();
    expect(s.getAccountById('id-a')?.name).toBe('a');
    expect(s.hasLink('a', 'Permission', 'ADMIN')).toBe(true);
    expect(s.listTasks()).toHaveLength(1);
    expect(s.createTask({ type: 'ENABLEACCOUNT', accountName: 'a' }).id).toBe('2');
    expect(s.settings.provisioningTries).toBe(5);
  });

  it('exports plain JSON with task passwords redacted', () => {
    const s = createEicState();
    s.createTask({ type: 'CHANGEPASSWORD', accountName: 'a', password: 'Secret-123' });
    const text = JSON.stringify(s.toJSON());
    expect(text).not.toContain('Secret-123');
    expect(text).toContain(REDACTED);
    expect(s.getTask('1')?.password).toBe('Secret-123');
  });

  it('rejects settings and identities EIC would not accept', () => {
    expect(() => createEicState({ provisioningTries: 0 })).toThrowError(/between 1 and 20/);
    expect(() => createEicState().upsertIdentity({ username: '' })).toThrowError(/username/);
  });

  it('holds 100,000 accounts with indexed lookups', () => {
    const s = createEicState();
    for (let i = 0; i < 100_000; i++) s.upsertAccount({ name: `user${i}@x.io`, accountID: `id-${i}` });
    expect(s.accountCount).toBe(100_000);
    expect(s.getAccountById('id-99999')?.name).toBe('user99999@x.io');
  });
});
