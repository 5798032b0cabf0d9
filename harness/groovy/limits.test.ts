/**
 * Hostile work for the binding engine (issue 11): patterns with catastrophic backtracking, quadratic collection
 * methods, giant format widths, numbers and strings. Each either answers what Groovy answers (the matcher and the
 * collection methods are linear where Groovy's are) or fails with a typed harness.Budget error; none may hang or
 * end in harness.InternalError. No timing thresholds: a regression shows up as a test that never finishes.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy templates are the test data
import { describe, expect, it } from 'vitest';
import { renderTemplate } from './index.ts';
import type { RenderResult } from './types.ts';

const render = (t: string): RenderResult => renderTemplate(t, {});
const value = (t: string): string => {
  const r = render(t);
  if (!r.ok) throw new Error(`${t}: ${r.error.type}: ${r.error.message}`);
  return r.value;
};
const errorOf = (t: string): { type: string; message: string } => {
  const r = render(t);
  if (r.ok) throw new Error(`${t} rendered ${r.value.slice(0, 80)}`);
  return r.error;
};

const EVIL = "('a' * 32 + '!')";

describe('regular expressions run with bounded work', () => {
  it.each([
    [`\${${EVIL} ==~ /(a+)+$/}`, 'false'],
    [`\${${EVIL}.matches('(a+)+$')}`, 'false'],
    [`\${${EVIL}.replaceAll('(a+)+$', 'x') == ${EVIL}}`, 'true'],
    [`\${${EVIL}.replaceFirst('(a|aa)+$', 'x') == ${EVIL}}`, 'true'],
    [`\${${EVIL}.split('(a+)+b').size()}`, '1'],
    [`\${${EVIL}.find(/(a+)+$/)}`, 'null'],
    [`\${${EVIL}.findAll(/(a+)+$/)}`, '[]'],
    [`\${(${EVIL} =~ /(a+)+$/).size()}`, '0'],
    [`\${${EVIL} in ~/(a+)+$/}`, 'false'],
    [`\${switch (${EVIL}) { case ~/(a+)+$/: return 'y'; default: return 'n' }}`, 'n'],
  ])('%s → %s (what Java answers, in linear time)', (t, want) => {
    expect(value(t)).toBe(want);
  });

  it('charges backreference blow-ups to the step budget: harness.Budget', () => {
    const e = errorOf(`\${${EVIL} ==~ /(a*)*\\1$/}`);
    expect(e.type).toBe('harness.Budget');
    expect(e.message).toMatch(/regular expression.*catastrophic backtracking/);
  });

  it('a pattern too large to compile is harness.Budget, a malformed one PatternSyntaxException', () => {
    expect(errorOf("${'x'.matches('a{100000}')}").type).toBe('harness.Budget');
    expect(errorOf("${'x'.matches('(a')}").type).toBe('java.util.regex.PatternSyntaxException');
  });
});

describe('collection methods stay linear or are counted', () => {
  const lists = 'def a = (1..90000).toList(); def b = (1..90000).toList();';
  it.each([
    [`\${${lists} a.intersect(b).size()}`, '90000'],
    [`\${${lists} (a - b).size()}`, '0'],
    [`\${${lists} a.disjoint(b)}`, 'false'],
    [`\${${lists} a.containsAll(b)}`, 'true'],
    [`\${${lists} a.removeAll(b); a.size()}`, '0'],
    [`\${${lists} a.retainAll(b); a.size()}`, '90000'],
    [`\${${lists} a.addAll(b.take(5000)); a.unique().size()}`, '90000'],
    [`\${${lists} (a as Set).size()}`, '90000'],
    ['${(1..90000).toSet() == (1..90000).toSet()}', 'true'],
    ['${(1..2000).toSet() == (2000..1).toSet()}', 'true'],
  ])('%s → %s', (t, want) => {
    expect(value(t)).toBe(want);
  });

  it.each([
    "${def a = (1..90000).collect { 'x' + it }; def b = a.collect { it }; (a - b).size()}",
    '${def l = [1]; 30.times { l = [l, l] }; l.flatten().size()}',
    '${def l = [1]; 25.times { l = [l, l] }; l.toString().size()}',
    '${def l = [1]; 25.times { l = [l, l] }; groovy.json.JsonOutput.toJson(l).size()}',
    '${([1] * 999999999).size()}',
    '${(1..999999999).collect { it }.size()}',
    '${(0..99999999).toList().size()}',
    '${def d = (1..20000).collect { it * 1.5d }; d.unique().size()}',
    '${(1..5000).toSet() == (5000..1).toSet()}',
    "${('a' * 2000).replaceAll(/a/) { 'b' * 1000 }}",
  ])('%s → harness.Budget', (t) => {
    expect(errorOf(t).type).toBe('harness.Budget');
  });
});

describe('strings, formats and numbers past the output limit are harness.Budget, never an internal error', () => {
  it.each([
    "${String.format('%0999999999d', 1)}",
    "${String.format('%.999999999f', 1.5)}",
    "${String.format('%999999999s', 'x')}",
    "${String.format('%999999999%')}",
    "${'x' * 999999999}",
    "${'x'.multiply(999999999)}",
    "${'x'.repeat(999999999)}",
    "${'x'.padLeft(999999999)}",
    "${'x'.padRight(999999999, 'ab')}",
    "${'x'.center(999999999)}",
    "${def s = 'x' * 1000000; s.replace('x', 'yy')}",
    "${def s = 'x' * 1000000; s.replaceAll('x', 'yy')}",
    '${1.0.setScale(999999999)}',
    '${1.0.setScale(999999)}',
    '${1e999999999.toPlainString()}',
    '${1e999999999 + 1}',
    '${Long.MAX_VALUE.toBigInteger() ** 100000}',
    '${def x = 3G; 30.times { x = x * x }; x}',
  ])('%s', (t) => {
    const e = errorOf(t);
    expect(e.type).toBe('harness.Budget');
    expect(e.message).toMatch(/limit/);
  });

  it('keeps Java answers below the limits', () => {
    expect(value("${String.format('%05d', 42)}")).toBe('00042');
    expect(value('${(2G ** 1000).toString().size()}')).toBe('302');
    expect(value('${1.5.setScale(3)}')).toBe('1.500');
    expect(value('${Integer.toString(5, 99)}')).toBe('5');
  });
});
