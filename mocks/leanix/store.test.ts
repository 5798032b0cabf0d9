import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../fixtures/tenant/generate.ts';
import { HarnessError } from '../../lib/diagnostic.ts';
import type { TenantData, User } from './model.ts';
import { checkTenant, createStore, REPLACED_LOG } from './store.ts';

const tenant = () => generateTenant({ seed: 3, users: 20, workspacesPerAccount: 2 });

function someHuman(d: TenantData): User {
  return d.users.find((u) => !u.technicalUser)!;
}

describe('store indexes', () => {
  it('finds users by id, email and userName case-insensitively', () => {
    const d = tenant();
    const s = createStore();
    s.seed(d);
    const u = someHuman(d);
    expect(s.user(u.id)).toBe(u);
    expect(s.userByEmail(u.email.toUpperCase())?.id).toBe(u.id);
    expect(s.userByUserName(u.userName.toUpperCase())?.id).toBe(u.id);
    expect(s.userByEmail('nobody@nowhere')).toBeUndefined();
  });

  it('finds a userName that differs from the email, and forgets the old one after a rename', () => {
    const s = createStore();
    s.seed(tenant());
    const u = someHuman(s.exportJson());
    s.putUser({ ...s.user(u.id)!, userName: 'Renamed.Person' });
    expect(s.userByUserName('renamed.person')?.id).toBe(u.id);
    expect(s.userByUserName(u.userName)).toBeUndefined();
    expect(s.userByEmail(u.email)?.id).toBe(u.id);
  });

  it('keeps the one permission per user and workspace reachable by the pair, and lists per workspace and user', () => {
    const d = tenant();
    const s = createStore();
    s.seed(d);
    for (const p of d.permissions) {
      expect(s.permissionFor(p.userId, p.workspaceId)?.id).toBe(p.id);
      expect(s.permissionIdsOfWorkspace(p.workspaceId)).toContain(p.id);
      expect(s.permissionIdsOfUser(p.userId)).toContain(p.id);
    }
    const perWs = d.workspaces.map((w) => s.permissionIdsOfWorkspace(w.id).length);
    expect(perWs.reduce((a, b) => a + b, 0)).toBe(d.permissions.length);
    expect(s.userIdsOfAccount(d.accounts[0].id)).toHaveLength(d.users.length);
  });

  it('bumps the version on every write', () => {
    const s = createStore();
    s.seed(tenant());
    const v = s.version;
    const u = someHuman(s.exportJson());
    s.putUser({ ...s.user(u.id)!, firstName: 'Changed' });
    expect(s.version).toBeGreaterThan(v);
  });

  it('tells which users and permissions shape-keeping writes replaced since a version, until the shape changes or the log is full', () => {
    const s = createStore();
    s.seed(tenant());
    const v0 = s.version;
    const u = someHuman(s.exportJson());
    s.putUser({ ...s.user(u.id)!, firstName: 'Changed' });
    const p = s.permission(s.permissionIdsOfUser(u.id)[0])!;
    s.putPermission({ ...p, lastLogin: '2026-01-01T00:00:00Z' });
    expect(s.replacedSince(v0)).toEqual({ users: new Set([u.id]), permissions: new Set([p.id]) });
    const v1 = s.version;
    expect(s.replacedSince(v1)).toEqual({ users: new Set(), permissions: new Set() });
    s.putUser({ ...s.user(u.id)!, status: 'ARCHIVED' }); // a shape change: rows may have come or gone
    expect(s.replacedSince(v1)).toBeUndefined();
    const v2 = s.version;
    expect(s.replacedSince(v2)).toEqual({ users: new Set(), permissions: new Set() });
    for (let i = 0; i <= REPLACED_LOG; i++) s.putUser({ ...s.user(u.id)!, firstName: `n${i}` });
    expect(s.replacedSince(v2)).toBeUndefined(); // more writes than the log holds
    expect(s.replacedSince(s.version - 1)).toEqual({ users: new Set([u.id]), permissions: new Set() });
  });

  it('deleteUser removes the user with its permissions and tokens from every index', () => {
    const d = tenant();
    const s = createStore();
    s.seed(d);
    const tech = d.users.find((u) => u.technicalUser)!;
    s.deleteUser(tech.id);
    expect(s.user(tech.id)).toBeUndefined();
    expect(s.userByEmail(tech.email)).toBeUndefined();
    expect(s.permissionIdsOfUser(tech.id)).toHaveLength(0);
    expect(s.apiTokensOfUser(tech.id)).toHaveLength(0);
    expect(s.exportJson().permissions.some((p) => p.userId === tech.id)).toBe(false);
  });
});

describe('store lifecycle', () => {
  it('reset goes back to the last seed, including the id counter', () => {
    const s = createStore();
    s.seed(tenant());
    const before = JSON.stringify(s.exportJson());
    const first = s.nextId();
    const u = someHuman(s.exportJson());
    s.putUser({ ...s.user(u.id)!, status: 'ARCHIVED' });
    s.reset();
    expect(JSON.stringify(s.exportJson())).toBe(before);
    expect(s.nextId()).toBe(first);
  });

  it('snapshot is deep: later writes do not leak into it, restore brings the state back', () => {
    const s = createStore();
    s.seed(tenant());
    const snap = s.snapshot();
    const frozen = JSON.stringify(snap.data);
    const u = someHuman(s.exportJson());
    s.putUser({ ...s.user(u.id)!, firstName: 'Mutated' });
    s.deleteUser(u.id);
    expect(JSON.stringify(snap.data)).toBe(frozen);
    s.restore(snap);
    expect(s.user(u.id)?.firstName).toBe(u.firstName);
    expect(JSON.stringify(s.exportJson())).toBe(frozen);
  });

  it('clear empties everything but reset still returns to the seed', () => {
    const d = tenant();
    const s = createStore();
    s.seed(d);
    s.clear();
    expect(s.counts()).toEqual({ accounts: 0, workspaces: 0, users: 0, permissions: 0, apiTokens: 0 });
    s.reset();
    expect(s.counts().users).toBe(d.users.length);
  });

  it('exportJson is a plain copy that round-trips through seed', () => {
    const s = createStore();
    s.seed(tenant());
    const out = s.exportJson();
    out.users[0].firstName = 'not in the store';
    expect(s.user(out.users[0].id)?.firstName).not.toBe('not in the store');
    const s2 = createStore();
    s2.seed(JSON.parse(JSON.stringify(s.exportJson())));
    expect(s2.exportJson()).toEqual(s.exportJson());
  });
});

describe('checkTenant', () => {
  const bad = (mutate: (d: TenantData) => void): HarnessError => {
    const d = structuredClone(tenant());
    mutate(d);
    try {
      checkTenant(d);
    } catch (e) {
      return e as HarnessError;
    }
    throw new Error('expected checkTenant to fail');
  };

  it('names the JSON path of a dangling reference', () => {
    const e = bad((d) => {
      d.permissions[3].userId = 'ghost';
    });
    expect(e).toBeInstanceOf(HarnessError);
    expect(e.location.path).toEqual(['permissions', 3, 'userId']);
    expect(e.message).toContain('ghost');
  });

  it('refuses unknown enum values, duplicate emails and a second permission for the same pair', () => {
    expect(
      bad((d) => {
        (d.users[2] as { role: string }).role = 'KING';
      }).location.path,
    ).toEqual(['users', 2, 'role']);
    expect(
      bad((d) => {
        d.users[3].email = d.users[2].email.toUpperCase();
      }).location.path,
    ).toEqual(['users', 3, 'email']);
    expect(
      bad((d) => {
        d.permissions.push({ ...d.permissions[0], id: 'another' });
      }).message,
    ).toMatch(/second permission/);
  });

  it('refuses duplicate user and permission ids, a duplicate userName, and a dangling userId after a known one', () => {
    let at = -1;
    const push = (d: TenantData, u: User) => {
      at = d.users.push(u) - 1;
    };
    expect(
      bad((d) => push(d, { ...d.users[2], email: 'fresh@example.com', userName: 'fresh@example.com' })).location.path,
    ).toEqual(['users', at, 'id']);
    // same userName (case aside), other email
    expect(
      bad((d) =>
        push(d, {
          ...d.users[2],
          id: 'u-new',
          email: 'other@example.com',
          userName: d.users[2].userName.toUpperCase(),
        }),
      ).location.path,
    ).toEqual(['users', at, 'userName']);
    const dupPermission = bad((d) => {
      push(d, { ...d.users[2], id: 'u-new', email: 'other@example.com', userName: 'other@example.com' });
      at = d.permissions.push({ ...d.permissions[0], userId: 'u-new' }) - 1; // a valid pair, but a taken id
    });
    expect(dupPermission.message).toMatch(/duplicate id/);
    expect(dupPermission.location.path).toEqual(['permissions', at, 'id']);
    // the user already holds permissions (so it is known); a later one naming a ghost is still caught
    expect(
      bad((d) => {
        at = d.permissions.push({ ...d.permissions[5], id: 'p-ghost', userId: 'ghost' }) - 1;
      }).location.path,
    ).toEqual(['permissions', at, 'userId']);
  });

  it('treats missing lists as empty and refuses a non-object', () => {
    expect(checkTenant({}).users).toEqual([]);
    expect(() => checkTenant([])).toThrow(HarnessError);
  });

  it('a failed seed leaves the previous state untouched', () => {
    const s = createStore();
    s.seed(tenant());
    const before = s.counts();
    expect(() => s.seed({ ...tenant(), users: [{ id: 1 } as unknown as User] })).toThrow(HarnessError);
    expect(s.counts()).toEqual(before);
  });
});
