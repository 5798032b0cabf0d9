import { describe, expect, it } from 'vitest';
import { Converter, formatValue, GMap, groovyCompare, groovyEquals, stringHash, truthy } from './values.ts';

describe('GMap', () => {
  it('iterates a HashMap in Java bucket order', () => {
    // checked against Groovy 2.4.21: new HashMap with these puts renders [firstName:4, lastName:5, id:1, email:3, username:2]
    const m = new GMap('java.util.HashMap');
    for (const [i, k] of ['id', 'username', 'email', 'firstName', 'lastName'].entries()) m.set(k, i + 1);
    expect(m.keys()).toEqual(['firstName', 'lastName', 'id', 'email', 'username']);
  });
  it('keeps insertion order for a LinkedHashMap and its JSON views', () => {
    const conv = new Converter();
    const m = conv.value({ b: 1, a: 2 }) as GMap;
    expect(m.keys()).toEqual(['b', 'a']);
    m.set('c', 3);
    expect(formatValue(m)).toBe('[b:1, a:2, c:3]');
  });
  it('reads only own keys of plain objects', () => {
    const m = new Converter().value({}) as GMap;
    expect(m.get('constructor')).toBeUndefined();
    expect(m.get('__proto__')).toBeUndefined();
    expect(m.has('toString')).toBe(false);
  });
  it('copies on write, leaving the source object untouched', () => {
    const src = { a: 1 };
    const m = new Converter().value(src) as GMap;
    m.set('b', 2);
    expect(src).toEqual({ a: 1 });
  });
});

describe('Groovy truth, equality and ordering', () => {
  it('follows Groovy truth', () => {
    expect([null, '', 0, [], new GMap('java.util.LinkedHashMap'), false].map(truthy)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['false', '0', 1, [0]].map(truthy)).toEqual([true, true, true, true]);
  });
  it('compares numbers by value and collections deeply', () => {
    const conv = new Converter();
    expect(groovyEquals(1, conv.value(1.0))).toBe(true);
    expect(groovyEquals(conv.value([1, { a: 2 }]), conv.value([1, { a: 2 }]))).toBe(true);
    expect(groovyEquals(1, '1')).toBe(false);
    expect(groovyCompare(null, 1)).toBeLessThan(0);
    expect(groovyCompare('b', 'a')).toBeGreaterThan(0);
  });
  it('hashes strings like Java', () => {
    expect(stringHash('abc')).toBe(96354);
    expect(stringHash('polygenelubricants')).toBe(-2147483648);
  });
});
