import { describe, expect, it } from 'vitest';
import { EicState } from '../../eic/state.ts';
import type { Account, EntitlementValue } from '../../eic/types.ts';
import { planLinks } from './reconcile-access.ts';
import { emptyReport } from './report.ts';

const ents: EntitlementValue[] = [{ type: 'Permission', entitlementID: 'E1', entitlement_value: 'E1', status: 1 }];

/** Plans the links of three pairs keyed by accountID against a state whose carol has the accountID `carolId`. */
function plan(carolId: unknown) {
  const state = new EicState();
  state.upsertAccount({ name: 'alice', accountID: 'a1', status: '1' });
  state.upsertAccount({ name: 'carol', accountID: carolId as string, status: '1' });
  const report = emptyReport('access', 'test', 0);
  const pairs = { entType: 'Permission', acctKeyField: 'accountID', entKeyField: 'entitlementID', source: 'http' };
  const { adds } = planLinks(
    state,
    [
      {
        ...pairs,
        pairs: [
          ['a1', 'E1'],
          ['5', 'E1'],
          ['n1', 'E1'],
          ['zz', 'E1'],
        ],
      },
    ],
    () => ents,
    { deleteForActive: true, newAccounts: [{ name: 'nora', accountID: 'n1', status: '1' } as Account] },
    report,
  );
  return { adds: adds.map((l) => l.accountName), unknown: report.unknownAccounts.map((u) => u.key) };
}

describe('planLinks', () => {
  it('resolves account keys through EIC, then the accounts the import creates', () => {
    expect(plan('5')).toEqual({ adds: ['alice', 'carol', 'nora'], unknown: ['zz'] });
  });

  it('matches an accountID stored as a number by its text, as before', () => {
    expect(plan(5)).toEqual({ adds: ['alice', 'carol', 'nora'], unknown: ['zz'] });
  });
});
