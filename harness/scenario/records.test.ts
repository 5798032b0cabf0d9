import { describe, expect, it } from 'vitest';
import { formatRecordFailure, matchRecords } from './records.ts';

const users = [
  { email: 'a@x', userName: 'a', status: 'ACTIVE' },
  { email: 'b@x', userName: 'b', status: 'ARCHIVED' },
];
const KEYS = [['email'], ['userName']] as const;

describe('matchRecords', () => {
  it('passes when every pattern matches some record', () => {
    expect(matchRecords('users', [{ email: 'b@x', status: 'ARCHIVED' }, { status: 'ACTIVE' }], users, KEYS)).toEqual(
      [],
    );
  });

  it('finds the record by natural key and shows its difference', () => {
    const [f] = matchRecords('users', [{ email: 'b@x', status: 'ACTIVE' }], users, KEYS);
    expect(f.where).toBe('users[0]');
    expect(f.message).toContain('email="b@x"');
    expect(f.mismatches).toEqual([{ path: ['status'], expected: 'ACTIVE', actual: 'ARCHIVED' }]);
    expect(formatRecordFailure(f)).toContain('$.status');
  });

  it('says when no record has the key', () => {
    const [f] = matchRecords('users', [{ userName: 'zz' }], users, KEYS);
    expect(f.message).toBe('no record with userName="zz" (2 record(s) present)');
  });

  it('counts with $count and forbids with $absent', () => {
    expect(matchRecords('users', [{ $count: 2 }], users, KEYS)).toEqual([]);
    expect(matchRecords('users', [{ status: 'ACTIVE', $count: 2 }], users, KEYS)[0].mismatches[0]).toMatchObject({
      expected: 2,
      actual: 1,
    });
    expect(matchRecords('users', [{ email: 'c@x', $absent: true }], users, KEYS)).toEqual([]);
    expect(matchRecords('users', [{ email: 'a@x', $absent: true }], users, KEYS)).toHaveLength(1);
  });

  it('in strict mode fails on records no pattern matched', () => {
    expect(matchRecords('users', [{ email: 'a@x' }], users, KEYS, true)[0].message).toContain(
      '1 record(s) not matched',
    );
    expect(matchRecords('users', [{ email: 'a@x' }, { email: 'b@x' }], users, KEYS, true)).toEqual([]);
  });

  it('reads [] as "no records" and a { $exact: true } element as strict', () => {
    expect(matchRecords('users', [], [], KEYS)).toEqual([]);
    expect(matchRecords('users', [], users, KEYS)[0].message).toMatch(/^expected no records \(\[\]\), found 2/);
    expect(matchRecords('users', [{ $exact: true }, { email: 'a@x' }], users, KEYS)[0].message).toContain(
      '1 record(s) not matched',
    );
    expect(matchRecords('users', [{ $exact: true }, { email: 'a@x' }, { email: 'b@x' }], users, KEYS)).toEqual([]);
  });
});
