import { describe, expect, it } from 'vitest';
import { formatMismatches, isMatcher, matchValue } from './match.ts';

describe('matchValue', () => {
  it('matches objects partially and reports each differing path', () => {
    expect(matchValue({ a: 1 }, { a: 1, b: 2 })).toEqual([]);
    const m = matchValue({ a: 1, n: { x: 'y' } }, { a: 2, n: { x: 'z' } });
    expect(m.map((x) => x.path)).toEqual([['a'], ['n', 'x']]);
    expect(m[0]).toMatchObject({ expected: 1, actual: 2 });
  });

  it('in strict mode reports keys the expectation does not name', () => {
    expect(matchValue({ a: 1 }, { a: 1, b: 2 }, true)).toEqual([
      { path: ['b'], expected: undefined, actual: 2, note: 'unexpected key' },
    ]);
  });

  it('treats a number and a string with the same text as equal, other types not', () => {
    expect(matchValue(1, '1')).toEqual([]);
    expect(matchValue('1', 1)).toEqual([]);
    expect(matchValue(true, 'true')).toHaveLength(1);
    expect(matchValue(null, undefined)).toHaveLength(1);
  });

  it('supports {{any}}, $regex, $type and $absent', () => {
    expect(matchValue('{{any}}', 0)).toEqual([]);
    expect(matchValue('{{any}}', undefined)).toHaveLength(1);
    expect(matchValue({ $regex: '^a.c$' }, 'abc')).toEqual([]);
    expect(matchValue({ $regex: '^a.c$' }, 'abd')[0].note).toContain('/^a.c$/');
    expect(matchValue({ $regex: '^ABC$', $flags: 'i' }, 'abc')).toEqual([]);
    expect(matchValue({ $type: 'array' }, [])).toEqual([]);
    expect(matchValue({ $type: 'object' }, [])[0].note).toBe('expected a object, got array');
    expect(matchValue({ $absent: true }, undefined)).toEqual([]);
    expect(matchValue({ x: { $absent: true } }, { x: 1 })).toHaveLength(1);
    expect(isMatcher({ $regex: 'a', other: 1 })).toBe(false);
  });

  it('matches arrays as "each expected element somewhere" by default, in order and length when strict', () => {
    expect(matchValue([{ id: 2 }], [{ id: 1 }, { id: 2 }])).toEqual([]);
    expect(matchValue([{ id: 3 }], [{ id: 1 }])[0]).toMatchObject({ path: [0], note: 'no matching element' });
    // the same actual element cannot satisfy two expected ones
    expect(matchValue([1, 1], [1])).toHaveLength(1);
    expect(matchValue([2, 1], [1, 2], true)).toHaveLength(2);
    expect(matchValue([1], [1, 2], true)[0].note).toBe('array length differs');
  });

  it('renders a diff with the JSON path, expected and actual', () => {
    const text = formatMismatches(matchValue({ user: { role: 'ADMIN' } }, { user: { role: 'VIEWER' } }));
    expect(text).toContain('$.user.role');
    expect(text).toContain('- expected "ADMIN"');
    expect(text).toContain('+ actual   "VIEWER"');
    expect(formatMismatches(matchValue({ a: 1 }, {}))).toContain('(missing)');
  });
});
