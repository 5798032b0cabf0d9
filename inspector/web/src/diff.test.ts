import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../../harness/jobs/import/report.ts';
import { importDiff } from './diff.ts';
import type { ImportReport } from './types.ts';

// The report an import starts from (harness/jobs/import/report.ts), as the API sends it.
const empty: ImportReport = emptyReport('account', 'LeanIX', 0);

describe('importDiff', () => {
  it('marks creations and additions "+", updates "~" with old → new, removals and inactivations "−"', () => {
    const lines = importDiff({
      ...empty,
      accounts: {
        ...empty.accounts,
        created: [{ name: 'jane@x', accountID: 'u-1', status: '1', owner: 'jane' }],
        updated: [{ name: 'bob@x', accountID: 'u-2', changes: [{ column: 'displayname', from: 'Bob', to: 'Robert' }] }],
        inactivated: [{ name: 'old@x', accountID: 'u-3', from: '1', to: '2' }],
      },
      entitlements: { created: [{ type: 'Permission', entitlementID: 'ADMIN' }], updated: [], inactivated: [] },
      links: {
        added: [{ accountName: 'jane@x', entitlementType: 'Permission', entitlementID: 'ADMIN' }],
        removed: [{ accountName: 'old@x', entitlementType: 'Permission', entitlementID: 'VIEWER' }],
      },
    });
    expect(lines.map((l) => `${l.sign} ${l.text}`)).toEqual([
      '+ account jane@x (u-1) status 1 owner jane',
      '~ account bob@x (u-2) displayname: Bob → Robert',
      '− account old@x (u-3) inactivated, status: 1 → 2',
      '+ entitlement Permission ADMIN',
      '+ link jane@x → Permission ADMIN',
      '− link old@x → Permission VIEWER',
    ]);
  });

  it('shows an empty or missing old value as ∅ and has no lines for an import that changed nothing', () => {
    const lines = importDiff({
      ...empty,
      entitlements: {
        ...empty.entitlements,
        updated: [
          { type: 'Permission', entitlementID: 'ADMIN', changes: [{ column: 'description', from: null, to: 'x' }] },
        ],
      },
    });
    expect(lines).toEqual([{ sign: '~', text: 'entitlement Permission ADMIN description: ∅ → x' }]);
    expect(importDiff(empty)).toEqual([]);
  });

  it('marks the removals a partial read made', () => {
    const lines = importDiff({
      ...empty,
      outcome: 'partial',
      accounts: {
        ...empty.accounts,
        suspended: [{ name: 'a@x', accountID: 'a@x', from: '1', to: '2', partialRead: true }],
        inactivated: [{ name: 'b@x', accountID: 'b@x', from: '1', to: '2' }],
      },
      entitlements: {
        ...empty.entitlements,
        inactivated: [{ type: 'Permission', entitlementID: 'X', partialRead: true }],
      },
      links: {
        added: [],
        removed: [{ accountName: 'a@x', entitlementType: 'Permission', entitlementID: 'X', partialRead: true }],
      },
    });
    expect(lines.map((l) => `${l.sign} ${l.text}`)).toEqual([
      '− account a@x suspended, status: 1 → 2 (partial read)',
      '− account b@x inactivated, status: 1 → 2',
      '− entitlement Permission X inactivated (partial read)',
      '− link a@x → Permission X (partial read)',
    ]);
  });
});
