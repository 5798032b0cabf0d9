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

  it('reads [] as an empty list, and a { $exact: true } element as "these elements and no others" (any order)', () => {
    expect(matchValue([], [])).toEqual([]);
    expect(matchValue({ attempts: [] }, { attempts: [{ taskId: '1' }] })[0]).toMatchObject({
      path: ['attempts'],
      note: 'expected an empty list, got 1 element(s)',
    });
    const exact = [{ $exact: true }, { id: 2 }, { id: 1 }];
    expect(matchValue(exact, [{ id: 1 }, { id: 2, x: 0 }])).toEqual([]);
    expect(matchValue(exact, [{ id: 1 }, { id: 2 }, { id: 3 }])[0]).toMatchObject({
      path: [2],
      note: 'element not in the $exact list',
    });
    expect(matchValue(exact, [{ id: 1 }])[0]).toMatchObject({ path: [1], note: 'no matching element' });
  });

  it('counts list elements with $count (an element quantifier or a matcher of the list) and forbids with $absent', () => {
    const list = [{ role: 'VIEWER' }, { role: 'VIEWER' }, { role: 'ADMIN' }];
    expect(matchValue([{ role: 'VIEWER', $count: 2 }], list)).toEqual([]);
    expect(matchValue([{ role: 'VIEWER', $count: 1 }], list)[0]).toMatchObject({
      path: [0, '$count'],
      expected: 1,
      actual: 2,
    });
    expect(matchValue([{ role: 'MEMBER', $absent: true }], list)).toEqual([]);
    expect(matchValue([{ role: 'ADMIN', $absent: true }], list)[0].note).toBe('expected no element like this');
    expect(matchValue([{ $count: 0 }], [])).toEqual([]);
    expect(matchValue([{ $count: 0 }], list)).toHaveLength(1);
    expect(matchValue({ $count: 3 }, list)).toEqual([]);
    expect(matchValue({ $count: 0 }, list)[0].note).toBe('expected 0 element(s), got 3');
    expect(matchValue({ $count: 0 }, 'x')[0].note).toBe('expected a list of 0, got string');
    // quantifiers do not use up elements: the ADMIN element still matches the plain pattern
    expect(matchValue([{ role: 'ADMIN', $count: 1 }, { role: 'ADMIN' }], list)).toEqual([]);
  });

  it('renders a diff with the JSON path, expected and actual', () => {
    const text = formatMismatches(matchValue({ user: { role: 'ADMIN' } }, { user: { role: 'VIEWER' } }));
    expect(text).toContain('$.user.role');
    expect(text).toContain('- expected "ADMIN"');
    expect(text).toContain('+ actual   "VIEWER"');
    expect(formatMismatches(matchValue({ a: 1 }, {}))).toContain('(missing)');
  });
});
