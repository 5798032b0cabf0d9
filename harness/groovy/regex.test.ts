// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy `${...}` templates are the test data
import { describe, expect, it } from 'vitest';
import { GroovyThrow } from './errors.ts';
import { javaFind, javaFindAll, javaMatches, javaReplace, javaSplit } from './regex.ts';
import { regexBudget } from './regex-vm.ts';

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

describe('bounded matching (issue 11: catastrophic backtracking)', () => {
  const evil = `${'a'.repeat(32)}!`;
  it('answers what Java answers for nested quantifiers, in linear work', () => {
    expect(javaMatches(evil, '(a+)+$')).toBe(false);
    expect(javaMatches(evil, '(a|aa)+$')).toBe(false);
    expect(javaReplace(evil, '(a*)*b', 'x', true)).toBe(evil);
    expect(javaSplit(evil, '(a+)+b')).toEqual([evil]);
    expect(javaFindAll(evil, '(a+)+$')).toEqual([]);
    expect(javaFind(evil, '(\\w+\\s?)+$')).toEqual(null);
    // the memo does not depend on the input size: 100,000 characters
    const long = `${'a'.repeat(100_000)}!`;
    expect(javaMatches(long, '(a+)+$')).toBe(false);
  });
  it('fails with harness.Budget when backreferences make the work exponential', () => {
    let err: unknown;
    try {
      javaMatches(evil, '(a*)*\\1$', regexBudget(1_000_000));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GroovyThrow);
    expect((err as GroovyThrow).type).toBe('harness.Budget');
    expect((err as GroovyThrow).message).toMatch(/catastrophic backtracking/);
  });
  it('keeps Java semantics for captures of empty loop iterations, lookbehind and possessive quantifiers', () => {
    expect(javaFindAll('aaa', '(a*)*')[0]).toEqual(['aaa', '']);
    expect(javaFindAll('aab', '(a?)+b')[0]).toEqual(['aab', '']);
    expect(javaFindAll('aaa', 'a*+a')).toEqual([]);
    expect(javaSplit('a1b2c3', '(?<=\\d)')).toEqual(['a1', 'b2', 'c3']);
    expect(javaMatches('abc', '[a-z&&[^b]]+')).toBe(false);
  });
  it('fails with PatternSyntaxException like Java', () => {
    expect(() => javaMatches('x', 'a**')).toThrow("Dangling meta character '*' near index 2");
    expect(() => javaMatches('x', 'a{x}')).toThrow('Illegal repetition near index 2');
    expect(javaMatches('aaa', 'a{3}{2}')).toBe(true);
  });
  it('refuses a counted repetition too large to expand with harness.Budget', () => {
    expect(() => javaMatches('x', 'a{100000}')).toThrow(/instructions/);
  });
});
