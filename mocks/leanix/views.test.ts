import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../fixtures/tenant/generate.ts';
import type { ItemPart } from './envelope.ts';
import { createStore } from './store.ts';
import { createViewCache } from './views.ts';
import type { DateFormat } from './wire-date.ts';

/** The UTF-8 text of a list item's parts. */
const joined = (parts: readonly ItemPart[]) =>
  Buffer.concat(parts.map((x) => (typeof x === 'string' ? Buffer.from(x) : x))).toString('utf8');

const setup = () => {
  const store = createStore();
  store.seed(generateTenant({ seed: 5, users: 6, workspacesPerAccount: 2 }));
  return { store, views: createViewCache(store, () => 'epochMillis') };
};

describe('createViewCache', () => {
  it('serves the same JSON text before and after a record was turned into bytes (the text is then dropped)', () => {
    const { store, views } = setup();
    for (const id of store.userIds()) {
      const u = store.user(id)!;
      const text = views.userJson(u);
      expect(JSON.parse(text).id).toBe(u.id);
      const bytes = views.userBytes(u);
      expect(Buffer.from(bytes).toString('utf8')).toBe(text);
      expect(views.userJson(u)).toBe(text);
      expect(views.userBytes(u)).toBe(bytes); // cached, not rebuilt
    }
    for (const id of store.permissionIds()) {
      const p = store.permission(id)!;
      const parts = views.permissionBytes(p); // bytes first: the text is decoded from them later
      const text = views.permissionJson(p);
      expect(joined(parts)).toBe(text);
      expect(JSON.parse(text).user.id).toBe(p.userId);
      // the embedded user is the user row's own cached bytes, not a copy held by the permission
      expect(parts[1]).toBe(views.userBytes(store.user(p.userId)!));
    }
  });

  it('rebuilds a cached record when its user changes', () => {
    const { store, views } = setup();
    const u = store.user(store.userIds()[0])!;
    const p = store.permission(store.permissionIdsOfUser(u.id)[0])!;
    views.permissionBytes(p);
    store.putUser({ ...u, firstName: 'Renamed' });
    expect(JSON.parse(views.permissionJson(p)).user.firstName).toBe('Renamed');
    expect(JSON.parse(joined(views.permissionBytes(p))).user.firstName).toBe('Renamed');
  });

  it('serves a permission with its user as the user is now, account name included', () => {
    const { store, views } = setup();
    const p = store.permission(store.permissionIds()[0])!;
    const u = store.user(p.userId)!;
    views.permissionBytes(p);
    store.putAccount({ ...store.account(u.accountId)!, name: 'Renamed Corp' });
    const json = JSON.parse(joined(views.permissionBytes(p)));
    expect(json.user.account.name).toBe('Renamed Corp');
    expect(JSON.parse(views.permissionJson(p)).user.account.name).toBe('Renamed Corp');
  });

  it('serves a permission whose user record is gone with the user id alone', () => {
    const { store, views } = setup();
    const p = store.permission(store.permissionIds()[0])!;
    const orphan = { ...p, userId: 'gone' };
    const parts = views.permissionBytes(orphan);
    expect(parts).toHaveLength(2);
    const json = JSON.parse(joined(parts));
    expect(json.user).toEqual({ id: 'gone' });
    expect(JSON.parse(views.permissionJson(orphan))).toEqual(json);
  });

  it('renders each permission as exactly JSON.stringify of its object, in both date formats and with awkward values', () => {
    const store = createStore();
    store.seed(generateTenant({ seed: 5, users: 6, workspacesPerAccount: 2 }));
    const ids = store.permissionIds();
    const first = store.permission(ids[0])!;
    const inviter = store.user(store.userIds()[1])!;
    store.putPermission({
      ...first,
      customerRoles: 'say "hi" \\ ünïcødé \u2028 😀',
      accessControlEntities: '[{"id":"x","note":"longer than the thirty-two characters remembered"}]',
      invitedByUserId: inviter.id,
      lastLogin: null,
    });
    let f: DateFormat = 'epochMillis';
    const views = createViewCache(store, () => f);
    const all = [...ids.map((id) => store.permission(id)!), { ...first, id: 'orphan', workspaceId: 'no-such-ws' }];
    for (const format of ['epochMillis', 'iso'] as const) {
      f = format;
      for (const p of all) {
        const expected = JSON.stringify(views.permissionObject(p));
        expect(views.permissionJson(p)).toBe(expected);
        expect(joined(views.permissionBytes(p))).toBe(expected);
      }
    }
  });

  it('serves a permission with its workspace and its inviter as they are now', () => {
    const { store, views } = setup();
    const p0 = store.permission(store.permissionIds()[0])!;
    const inviter = store.user(store.userIds()[1])!;
    const p = store.putPermission({ ...p0, invitedByUserId: inviter.id });
    views.permissionBytes(p);
    store.putWorkspace({ ...store.workspace(p.workspaceId)!, name: 'renamed-ws' });
    store.putUser({ ...inviter, userName: 'renamed.inviter@x.io' });
    const json = JSON.parse(joined(views.permissionBytes(p)));
    expect(json.workspace.name).toBe('renamed-ws');
    expect(json.invitedByUser.userName).toBe('renamed.inviter@x.io');
  });
});
