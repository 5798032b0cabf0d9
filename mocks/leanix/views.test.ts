import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../fixtures/tenant/generate.ts';
import { createStore } from './store.ts';
import { createViewCache } from './views.ts';

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
      expect(Buffer.concat(parts).toString('utf8')).toBe(text);
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
    expect(JSON.parse(Buffer.concat(views.permissionBytes(p)).toString('utf8')).user.firstName).toBe('Renamed');
  });

  it('serves a permission with its user as the user is now, account name included', () => {
    const { store, views } = setup();
    const p = store.permission(store.permissionIds()[0])!;
    const u = store.user(p.userId)!;
    views.permissionBytes(p);
    store.putAccount({ ...store.account(u.accountId)!, name: 'Renamed Corp' });
    const json = JSON.parse(Buffer.concat(views.permissionBytes(p)).toString('utf8'));
    expect(json.user.account.name).toBe('Renamed Corp');
    expect(JSON.parse(views.permissionJson(p)).user.account.name).toBe('Renamed Corp');
  });

  it('serves a permission whose user record is gone with the user id alone', () => {
    const { store, views } = setup();
    const p = store.permission(store.permissionIds()[0])!;
    const orphan = { ...p, userId: 'gone' };
    const parts = views.permissionBytes(orphan);
    expect(parts).toHaveLength(2);
    const json = JSON.parse(Buffer.concat(parts).toString('utf8'));
    expect(json.user).toEqual({ id: 'gone' });
    expect(JSON.parse(views.permissionJson(orphan))).toEqual(json);
  });
});
