// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy `${...}` templates are the test data
import { describe, expect, it } from 'vitest';
import { checkTemplate, findPlaceholders, formatGroovyValue, hasPlaceholders, renderTemplate } from './index.ts';

function ok(template: string, bindings: Record<string, unknown> = {}) {
  const r = renderTemplate(template, bindings);
  if (!r.ok) throw new Error(`${r.error.type}: ${r.error.message}`);
  return r;
}
function err(template: string, bindings: Record<string, unknown> = {}) {
  const r = renderTemplate(template, bindings);
  if (r.ok) throw new Error(`expected an error, got ${r.value}`);
  return r.error;
}

describe('templates', () => {
  it('keeps text outside placeholders verbatim and treats a lone $ as literal', () => {
    expect(ok('a $b ${x} {c} $', { x: 1 }).value).toBe('a $b 1 {c} $');
  });
  it('handles braces and quotes inside placeholders', () => {
    expect(ok("${'}'}|${[a:1].a}|${\"{${'x'}}\"}").value).toBe('}|1|{x}');
  });
  it('returns raw plain data for a single placeholder and the string otherwise', () => {
    expect(ok('${null}').raw).toBe(null);
    expect(ok('${[a: [1, 2.5]]}').raw).toEqual({ a: [1, 2.5] });
    expect(ok('${1}x').raw).toBe('1x');
    expect(ok('${u.n}', { u: { n: 12345678901 } }).raw).toBe(12345678901);
  });
  it('types JSON numbers like JsonSlurper: integers Integer/Long, others BigDecimal', () => {
    // checked against Groovy 2.4.21: 2147483647 + 1 on an Integer wraps; on a BigDecimal 1.5 * 2 is 3.0
    expect(ok('${n + 1}', { n: 2147483647 }).value).toBe('-2147483648');
    expect(ok('${n + 1}', { n: 2147483648 }).value).toBe('2147483649');
    expect(ok('${n * 2}', { n: 1.5 }).value).toBe('3.0');
  });
  it('does not mutate the caller bindings', () => {
    const b = { l: [1], m: { a: 1 } };
    ok('${l.add(2); m.put("b", 2); l.size() + m.size()}', b);
    expect(b).toEqual({ l: [1], m: { a: 1 } });
  });
  it('shares script variables between placeholders but not locals', () => {
    expect(ok('${x = 5; x}-${x + 1}').value).toBe('5-6');
    expect(err('${def y = 1; y}-${y}').type).toBe('groovy.lang.MissingPropertyException');
  });
  it('reports the position of a runtime failure', () => {
    const e = err('abc\n${user.name.toLowerCase()}', { user: {} });
    expect(e.type).toBe('java.lang.NullPointerException');
    expect(e.offset).toBe(16);
    expect(e.line).toBe(2);
    expect(e.column).toBe(13);
  });
  it('reports syntax errors as MultipleCompilationErrorsException with line/column', () => {
    const e = err('x ${1 +}');
    expect(e.type).toBe('org.codehaus.groovy.control.MultipleCompilationErrorsException');
    expect(e.message).toMatch(/^startup failed:/);
    expect(e.column).toBe(8);
  });
  it('never throws, even for non-string input', () => {
    expect(renderTemplate(42 as unknown as string, {}).ok).toBe(false);
    expect(renderTemplate('${x}', null as unknown as Record<string, unknown>).ok).toBe(false);
  });
});

describe('budget and output limits', () => {
  it('stops an endless loop quickly with harness.Budget', () => {
    const t0 = Date.now();
    const e = err('${while (true) {}}');
    expect(e.type).toBe('harness.Budget');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
  it('honours a lower step budget', () => {
    expect(renderTemplate('${def s = 0; for (i in 1..50) { s += i }; s}', {}, { maxSteps: 40 }).ok).toBe(false);
    expect(renderTemplate('${def s = 0; for (i in 1..50) { s += i }; s}', {}, { maxSteps: 400 }).ok).toBe(true);
  });
  it('refuses huge strings before building them', () => {
    expect(err("${'x' * 1e9}").type).toBe('harness.Budget');
    expect(renderTemplate("${'x' * 100}", {}, { maxOutput: 50 }).ok).toBe(false);
  });
});

describe('sandbox essentials', () => {
  it.each([
    ["${'ls'.execute()}", 'harness.Security'],
    ['${System.exit(0)}', 'harness.Security'],
    ["${Class.forName('x')}", 'harness.Security'],
    ["${new File('/etc/passwd').text}", 'harness.Security'],
    ['${this}', 'harness.Security'],
    ['${x.class}', 'harness.Security'],
    ['${new Random().nextInt()}', 'harness.Unsupported'],
    ['${System.getProperty("user.home")}', 'harness.Security'],
    ['${System.currentTimeMillis().getClass()}', 'harness.Security'],
    ['${println 1}', 'harness.Unsupported'],
  ])('%s → %s', (t, type) => {
    expect(err(t, { x: 1 }).type).toBe(type);
  });
  it('treats JS-internal names as missing map keys', () => {
    expect(ok('${u.constructor}|${u.__proto__}|${u.prototype}', { u: {} }).value).toBe('null|null|null');
  });
});

describe('checkTemplate', () => {
  it('is empty for valid templates', () => {
    expect(checkTemplate('${user.firstname == null ? "" : user.firstname.toLowerCase()}')).toEqual([]);
  });
  it('reports every broken placeholder with line and column, continuing after an error', () => {
    const d = checkTemplate('${1 +}\n ${ok}\n  ${(2}');
    expect(d.map((x) => x.code)).toEqual(['groovy.syntax', 'groovy.syntax']);
    expect(d[0]!.location).toMatchObject({ line: 1, column: 6 });
    expect(d[1]!.location).toMatchObject({ line: 3, column: 7 });
  });
  it('reports security and unsupported findings without running anything', () => {
    const d = checkTemplate("${Runtime.getRuntime().exec('x')} ${new Random()} ${'a'.execute()}");
    expect(d.map((x) => x.code)).toEqual([
      'groovy.security', // Runtime
      'groovy.security', // getRuntime()
      'groovy.security', // exec()
      'groovy.unsupported', // Random
      'groovy.security', // execute()
    ]);
  });
  it('reports an unterminated placeholder', () => {
    const d = checkTemplate("x ${a == null ? 'b");
    expect(d).toHaveLength(1);
    expect(d[0]!.location?.offset).toBe(2);
  });
});

describe('helpers', () => {
  it('finds placeholders with nested braces and strings', () => {
    expect(findPlaceholders("a${x}b${[1].each { it }}c${'}'}")).toEqual([
      { start: 1, end: 5, source: '${x}' },
      { start: 6, end: 24, source: '${[1].each { it }}' },
      { start: 25, end: 31, source: "${'}'}" },
    ]);
    expect(hasPlaceholders('no $x here')).toBe(false);
    expect(hasPlaceholders('a ${x}')).toBe(true);
  });
  it('formats plain data the GString way', () => {
    expect(formatGroovyValue({ a: [1, 'x', null], b: {} })).toBe('[a:[1, x, null], b:[:]]');
    expect(formatGroovyValue(0.5)).toBe('0.5');
    expect(formatGroovyValue(null)).toBe('null');
  });
});
