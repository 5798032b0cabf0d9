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
    const real = state.replaceAccount.bind(state);
    let calls = 0;
    const spy = vi.spyOn(state, 'replaceAccount').mockImplementation((a) => {
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

  // one plan that renames (moving links), moves an accountID, updates and removes a link; it fails at a row write or
  // at the last step (the link removal), after the links have moved
  it.each(['replaceAccount', 'removeLink'] as const)(
    'undoes renames, moved links, link removals and cleared accountIDs when %s fails',
    (failing) => {
      const state = new EicState();
      state.upsertAccount({ name: 'alice', accountID: 'a1', status: '1' });
      state.addLink('alice', 'Permission', 'ADMIN');
      state.addLink('alice', 'Permission', 'MEMBER');
      state.upsertAccount({ name: 'carol', accountID: 'c1', status: '1', owner: 'u1' });
      state.upsertAccount({ name: 'dave', accountID: 'd1', status: '1' });
      state.addLink('dave', 'Permission', 'VIEWER');
      state.addLink('dave', 'Permission', 'ADMIN');
      const before = state.snapshot();
      const rows: Account[] = [
        { name: 'alicia', accountID: 'a1', status: '1' },
        { name: 'erin', accountID: 'c1', status: '1' }, // takes carol's accountID: carol's is cleared first
        { name: 'dave', accountID: 'd1', status: '2' },
      ] as Account[];
      const plan = {
        rows,
        renames: [{ from: 'alice', to: 'alicia' }],
        linkRemovals: [
          { accountName: 'dave', entitlementType: 'Permission', entitlementID: 'VIEWER' },
          { accountName: 'dave', entitlementType: 'Permission', entitlementID: 'ADMIN' },
        ],
      };
      const proto = EicState.prototype;
      let removals = 0;
      const spy =
        failing === 'replaceAccount'
          ? vi.spyOn(state, 'replaceAccount').mockImplementation((a) => {
              if (a.name === 'dave') throw new Error('disk full');
              return proto.replaceAccount.call(state, a);
            })
          : vi.spyOn(state, 'removeLink').mockImplementation((...args) => {
              if (++removals === 2) throw new Error('disk full'); // VIEWER removed, then ADMIN fails
              return proto.removeLink.apply(state, args);
            });
      expect(() => applyAccounts(state, plan)).toThrow('disk full');
      spy.mockRestore();
      // the same rows and links; a re-inserted account (alice) and its links come back at the end of the listing
      const sorted = (snap: typeof before) => ({
        ...snap,
        accounts: [...snap.accounts].sort((x, y) => x.name.localeCompare(y.name)),
        links: [...snap.links].sort((x, y) =>
          `${x.accountName}/${x.entitlementID}`.localeCompare(`${y.accountName}/${y.entitlementID}`),
        ),
      });
      expect(sorted(state.snapshot())).toEqual(sorted(before));
      expect(state.getAccountById('c1')?.name).toBe('carol');
      expect(state.accountsOf('u1').map((a) => a.name)).toEqual(['carol']);
      // and the same plan without the failure: the rename moves the links, erin takes c1
      applyAccounts(state, plan);
      expect(state.linksOf('alicia').map((l) => l.entitlementID)).toEqual(['ADMIN', 'MEMBER']);
      expect(state.getAccount('alice')).toBeUndefined();
      expect(state.getAccountById('c1')?.name).toBe('erin');
      expect(state.getAccount('carol')?.accountID).toBeNull();
      expect(state.linksOf('dave')).toEqual([]);
    },
  );

  it('undoes links moved onto an account that exists and keeps the links it had', () => {
    const state = new EicState();
    state.upsertAccount({ name: 'alice', accountID: 'a1', status: '1' });
    state.addLink('alice', 'Permission', 'ADMIN');
    state.addLink('alice', 'Permission', 'MEMBER');
    state.upsertAccount({ name: 'alicia', accountID: null, status: '1' });
    state.addLink('alicia', 'Permission', 'ADMIN');
    const sorted = (snap: ReturnType<EicState['snapshot']>) => ({
      ...snap,
      accounts: [...snap.accounts].sort((x, y) => x.name.localeCompare(y.name)),
      links: snap.links.map((l) => `${l.accountName}/${l.entitlementID}`).sort(),
    });
    const before = sorted(state.snapshot());
    const plan = {
      rows: [{ name: 'alicia', accountID: 'a1', status: '1' }] as Account[],
      renames: [{ from: 'alice', to: 'alicia' }],
      linkRemovals: [{ accountName: 'alicia', entitlementType: 'Permission', entitlementID: 'VIEWER' }],
    };
    // fails at the last step, after alice's ADMIN and MEMBER have moved onto alicia (ADMIN was there already)
    let removals = 0;
    const spy = vi.spyOn(state, 'removeLink').mockImplementation((...args) => {
      if (++removals === 1) throw new Error('disk full');
      return EicState.prototype.removeLink.apply(state, args);
    });
    expect(() => applyAccounts(state, plan)).toThrow('disk full');
    spy.mockRestore();
    expect(sorted(state.snapshot())).toEqual(before);
    expect(state.linksOf('alicia').map((l) => l.entitlementID)).toEqual(['ADMIN']);
    const alices = state.linksOf('alice').map((l) => l.entitlementID);
    expect(alices.sort()).toEqual(['ADMIN', 'MEMBER']);
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
