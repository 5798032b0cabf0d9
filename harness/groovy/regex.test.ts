// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy `${...}` templates are the test data
import { describe, expect, it } from 'vitest';
import { javaMatches, javaReplace, javaSplit } from './regex.ts';

// Expectations checked against Groovy 2.4.21 / Java 17 String.split / replaceAll on this machine.
describe('javaSplit', () => {
  it.each([
    ['a,b,,', ',', 0, ['a', 'b']],
    ['a,b,,', ',', -1, ['a', 'b', '', '']],
    ['', ',', 0, ['']],
    [',', ',', 0, []],
    ['a1b2c', '\\d', 0, ['a', 'b', 'c']],
    ['a|b', '|', 0, ['a', '|', 'b']],
    ['a.b', '.', 0, []],
    ['ab', '', 0, ['a', 'b']],
    [' a b ', ' ', 0, ['', 'a', 'b']],
    ['boo:and:foo', 'o', 0, ['b', '', ':and:f']],
    ['a.b.c', '\\.', 2, ['a', 'b.c']],
  ] as const)('%j.split(%j, %i)', (s, re, limit, want) => {
    expect(javaSplit(s, re, limit)).toEqual(want);
  });
});

describe('javaReplace', () => {
  it('expands Java group references', () => {
    expect(javaReplace('abc', '(b)', '[$1]', true)).toBe('a[b]c');
    expect(javaReplace('a1', '(?<d>\\d)', '<${d}>', true)).toBe('a<1>');
    expect(javaReplace('aaa', 'a', '\\$', true)).toBe('$$$');
    expect(javaReplace('path/to/x', '/.*', '', false)).toBe('path');
  });
  it('fails like Java on bad references', () => {
    expect(() => javaReplace('abc', 'b', '$2', true)).toThrow('No group 2');
    expect(() => javaReplace('abc', 'b', '$', true)).toThrow('Illegal group reference');
  });
  it('supports inline case-insensitivity and \\Q..\\E', () => {
    expect(javaReplace('AbC', '(?i)b', 'x', true)).toBe('AxC');
    expect(javaReplace('a.b', '\\Q.\\E', '-', true)).toBe('a-b');
  });
});

describe('javaMatches', () => {
  it('matches the whole string only', () => {
    expect(javaMatches('abc', 'ab')).toBe(false);
    expect(javaMatches('abc', 'a.c')).toBe(true);
    expect(javaMatches('aab', 'a|aab')).toBe(true);
  });
});
