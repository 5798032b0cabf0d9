import { describe, expect, it, vi } from 'vitest';
import { EicState } from '../../eic/state.ts';
import type { Account } from '../../eic/types.ts';
import { applyAccounts } from './reconcile-accounts.ts';

describe('applyAccounts', () => {
  it('puts every touched account back as it was when a write fails half way', () => {
    const state = new EicState();
    state.upsertAccount({ name: 'alice', accountID: 'a1', status: '1', customproperty1: 'old' });
    state.addLink('alice', 'Permission', 'ADMIN');
    state.upsertAccount({ name: 'carol', accountID: 'c1', status: '1' });
    const before = state.snapshot();
    const rows: Account[] = [
      { name: 'alice', accountID: 'a1', status: '1', customproperty1: 'new' },
      { name: 'bob', accountID: 'b1', status: '1' },
      { name: 'carol', accountID: 'c1', status: '1', customproperty2: 'x' },
    ] as Account[];
    const real = state.upsertAccount.bind(state);
    let calls = 0;
    const spy = vi.spyOn(state, 'upsertAccount').mockImplementation((a) => {
      calls++;
      if (calls === 3) throw new Error('disk full'); // alice updated and bob created before carol fails
      return real(a);
    });
    expect(() => applyAccounts(state, { rows, renames: [], linkRemovals: [] })).toThrow('disk full');
    spy.mockRestore();
    expect(state.snapshot()).toEqual(before);
    expect(state.getAccount('bob')).toBeUndefined();
    expect(state.linksOf('alice').map((l) => l.entitlementID)).toEqual(['ADMIN']);
  });

  it('writes new and updated rows when nothing fails', () => {
    const state = new EicState();
    state.upsertAccount({ name: 'alice', accountID: 'a1', status: '1', customproperty1: 'old' });
    applyAccounts(state, {
      rows: [
        { name: 'alice', accountID: 'a1', status: '1' },
        { name: 'bob', accountID: 'b1', status: '1' },
      ] as Account[],
      renames: [],
      linkRemovals: [],
    });
    expect(state.getAccount('alice')?.customproperty1).toBeUndefined();
    expect(state.getAccountById('b1')?.name).toBe('bob');
  });
});
