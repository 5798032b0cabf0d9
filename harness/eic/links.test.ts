import { describe, expect, it } from 'vitest';
import { AccountLinks } from './links.ts';

const ids = (links: { entitlementType: string; entitlementID: string }[]) =>
  links.map((l) => `${l.entitlementType}:${l.entitlementID}`);

describe('AccountLinks', () => {
  it('keeps an account’s links in insertion order, from one link to many and back', () => {
    const l = new AccountLinks();
    const first = l.add('a', 'Permission', 'ws1');
    expect(l.add('a', 'Permission', 'ws1')).toBe(first);
    expect(ids(l.of('a'))).toEqual(['Permission:ws1']);
    l.add('a', 'Permission', 'ws2');
    expect(l.add('a', 'Permission', 'ws1')).toBe(first);
    l.add('a', 'Group', 'ws1');
    expect(ids(l.of('a'))).toEqual(['Permission:ws1', 'Permission:ws2', 'Group:ws1']);
    expect(l.has('a', 'Group', 'ws1')).toBe(true);
    expect(l.has('a', 'Group', 'ws2')).toBe(false);
    expect(l.remove('a', 'Permission', 'ws1')).toBe(true);
    expect(l.remove('a', 'Permission', 'ws1')).toBe(false);
    expect(ids(l.of('a'))).toEqual(['Permission:ws2', 'Group:ws1']);
  });

  it('tells a single link apart by type and id, and removes it', () => {
    const l = new AccountLinks();
    l.add('a', 'Permission', 'x');
    expect(l.has('a', 'Permission', 'x')).toBe(true);
    expect(l.has('a', 'Permission', 'y')).toBe(false);
    expect(l.has('a', 'Group', 'x')).toBe(false);
    expect(l.has('b', 'Permission', 'x')).toBe(false);
    expect(l.remove('a', 'Group', 'x')).toBe(false);
    expect(l.remove('a', 'Permission', 'x')).toBe(true);
    expect(l.of('a')).toEqual([]);
    expect(l.has('a', 'Permission', 'x')).toBe(false);
  });

  it('adds a link only when it is absent, and says whether it did', () => {
    const l = new AccountLinks();
    expect(l.addIfAbsent('a', 'P', '1')).toBe(true);
    expect(l.addIfAbsent('a', 'P', '1')).toBe(false);
    expect(l.addIfAbsent('a', 'P', '2')).toBe(true);
    expect(l.addIfAbsent('a', 'P', '2')).toBe(false);
    expect(l.addIfAbsent('a', 'P', '1')).toBe(false);
    expect(l.addIfAbsent('a', 'Q', '1')).toBe(true);
    expect(l.of('a').map((x) => `${x.entitlementType}:${x.entitlementID}`)).toEqual(['P:1', 'P:2', 'Q:1']);
  });

  it('lists every link account by account and drops an account’s links', () => {
    const l = new AccountLinks();
    l.add('a', 'P', '1');
    l.add('b', 'P', '1');
    l.add('b', 'P', '2');
    l.add('c', 'P', '3');
    expect(l.all().map((x) => `${x.accountName}:${x.entitlementID}`)).toEqual(['a:1', 'b:1', 'b:2', 'c:3']);
    l.dropAccount('b');
    expect(l.all().map((x) => `${x.accountName}:${x.entitlementID}`)).toEqual(['a:1', 'c:3']);
    expect(l.of('b')).toEqual([]);
  });
});
