import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, resolveQuirks } from './quirks.ts';

describe('resolveQuirks', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_QUIRKS).toMatchObject({
      linkHeaders: false,
      unknownFields: 'ignore',
      deleteUsers: '405',
      maxPageSize: 100,
    });
    expect(DEFAULT_QUIRKS.pageSizes).toEqual({
      workspaces: 30,
      workspaceUsers: 30,
      workspacePermissions: 30,
      accountUsers: 30,
      users: 30,
      permissions: 50,
    });
  });

  it('merges page sizes key by key and returns a fresh object each time', () => {
    const q = resolveQuirks({ linkHeaders: true, pageSizes: { users: 5 } });
    expect(q.linkHeaders).toBe(true);
    expect(q.pageSizes.users).toBe(5);
    expect(q.pageSizes.permissions).toBe(50);
    q.pageSizes.workspaces = 1;
    expect(resolveQuirks().pageSizes.workspaces).toBe(30);
  });
});

describe('resolveQuirks validation', () => {
  it('names an unknown quirk, a bad enum value or a bad page size', () => {
    expect(() => resolveQuirks({ linkHeader: true } as never)).toThrow(/unknown quirk "linkHeader"/);
    expect(() => resolveQuirks({ deleteUsers: 'sometimes' } as never)).toThrow(/deleteUsers/);
    expect(() => resolveQuirks({ expiredTokenStatus: 500 } as never)).toThrow(/expiredTokenStatus/);
    expect(() => resolveQuirks({ pageSizes: { users: 0 } })).toThrow(/positive integer/);
    expect(() => resolveQuirks({ pageSizes: { things: 5 } as never })).toThrow(/unknown page size/);
  });
});
