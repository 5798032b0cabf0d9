/**
 * Sandbox catalogue: escape attempts against the binding engine. Every probe must be refused (a harness.Security,
 * harness.Unsupported or harness.Budget error naming the construct) and canaries prove nothing ran: no global flag set,
 * no prototype polluted, no file created, no process exit, no host value leaked into a rendered string.
 * These probes are never sent to real Groovy (the oracle would execute them).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkTemplate, renderTemplate } from './index.ts';
import type { Bindings, RenderResult } from './types.ts';

const REFUSED = ['harness.Security', 'harness.Unsupported'];
const BUDGET = ['harness.Budget'];
const CANARY_FILE = join(tmpdir(), `harness-sandbox-canary-${process.pid}`);
const CANARY_GLOBAL = '__harnessSandboxCanary';

/** A realistic binding set: escapes may try to climb out through it. */
const bindings = (): Bindings => ({
  user: { firstname: 'Ada', email: 'ada@example.com' },
  response: { call1: { message: { id: 1 } } },
  access_token: 'Bearer token-value',
});

interface Probe {
  name: string;
  template: string;
  /** Acceptable error types. */
  refusedWith: string[];
}

/**
 * A probe refused by the sandbox. `groovyToo` lists the failure real Groovy itself would give for the same text over
 * plain-map bindings (e.g. `user.constructor` is a missing map key, so null, so an NPE on the next call): that answer is
 * also a refusal, because nothing of the host is reached.
 */
const probe = (name: string, template: string, groovyToo: string[] = []): Probe => ({
  name,
  template,
  refusedWith: [...REFUSED, ...groovyToo],
});
const runaway = (name: string, template: string, also: string[] = []): Probe => ({
  name,
  template,
  refusedWith: [...BUDGET, ...also],
});
const NPE = 'java.lang.NullPointerException';
const MPE = 'groovy.lang.MissingPropertyException';
const MME = 'groovy.lang.MissingMethodException';
const COMPILE = 'org.codehaus.groovy.control.MultipleCompilationErrorsException';

/** The catalogue. Grouped by attack; each must fail with one of its refusedWith types. */
const PROBES: Probe[] = [
  // JavaScript prototype and constructor chains
  probe('string constructor chain to Function', "${''.constructor.constructor('return process')()}", [MPE]),
  probe(
    'Function constructor sets a global flag',
    `\${''.constructor.constructor('globalThis.${CANARY_GLOBAL} = 1')()}`,
    [MPE],
  ),
  probe('constructor via index on a string', "${''['constructor']['constructor']('return process')()}", [MPE]),
  probe('constructor on a binding map', "${user.constructor.constructor('return process')()}", [NPE]),
  probe('__proto__ of a binding map', "${user.__proto__.toString.constructor('return 1')()}", [NPE]),
  probe('__proto__ assignment pollutes Object.prototype', "${user.__proto__.polluted = 'yes'}", [NPE]),
  probe('__proto__ via index', "${user['__proto__']['polluted'] = 'yes'}", [NPE]),
  probe('toString.constructor', "${toString.constructor('return process')()}", [MPE]),
  probe('method reference .constructor', "${'abc'.toUpperCase.constructor('return 1')()}", [MPE]),
  probe('prototype of a string', "${''.constructor.prototype}", [MPE]),
  probe('valueOf / hasOwnProperty host methods', "${user.hasOwnProperty('email')}", [MME]),
  probe('__defineGetter__', "${user.__defineGetter__('x', null)}", [MME]),
  probe('this', '${this}'),
  probe('this.class', '${this.class}'),
  probe('this.binding', '${this.binding.variables}'),
  // Java reflection and class access
  probe('getClass().forName', "${''.getClass().forName('java.lang.Runtime')}"),
  probe('Class.forName', "${Class.forName('java.lang.Runtime')}"),
  probe('.class.classLoader', "${''.class.classLoader}"),
  probe('getClass().getClassLoader()', '${user.getClass().getClassLoader()}'),
  probe('metaClass', "${''.metaClass.methods}"),
  probe('metaClass override', "${String.metaClass.toString = { -> 'x' }}"),
  probe('invokeMethod', "${''.invokeMethod('execute', null)}"),
  probe('getProperty on script', "${getProperty('binding')}"),
  probe('Thread', '${Thread.currentThread().getContextClassLoader()}'),
  // process, file, network, environment
  probe('String.execute', "${'ls'.execute().text}"),
  probe('String.execute touches a canary', `\${'touch ${CANARY_FILE}'.execute()}`),
  probe('Runtime.exec', "${Runtime.getRuntime().exec('ls')}"),
  probe('ProcessBuilder', "${new ProcessBuilder('ls').start()}"),
  probe('File.text', "${new File('/etc/passwd').text}"),
  probe('File write canary', `\${new File('${CANARY_FILE}').write('x')}`),
  probe('java.io.File fully qualified', "${new java.io.File('/etc/passwd').getText()}"),
  probe('System.getenv()', '${System.getenv()}'),
  probe('System.getenv(PATH)', "${System.getenv('PATH')}"),
  probe('System.getProperty', "${System.getProperty('user.home')}"),
  probe('System.exit', '${System.exit(0)}'),
  // System.currentTimeMillis() is allowed (a clock read); nothing else of System is
  probe('System held in a variable', '${def s = System; s.exit(0)}'),
  probe('System without the clock call', '${System.currentTimeMillis}'),
  probe('System.currentTimeMillis with arguments', '${System.currentTimeMillis(0)}'),
  probe('java.lang.System.currentTimeMillis()', '${java.lang.System.currentTimeMillis()}'),
  probe('System.exit after a clock read', '${System.currentTimeMillis(); System.exit(0)}'),
  probe('System.getenv through the clock class', '${(System.currentTimeMillis()).class.forName("java.lang.System")}'),
  probe('URL.text', "${new URL('http://example.com').text}"),
  probe('Socket', "${new Socket('example.com', 80)}"),
  // evaluation of code
  probe('Eval.me', "${Eval.me('1 + 1')}"),
  probe('evaluate', "${evaluate('1 + 1')}"),
  probe('GroovyShell', "${new GroovyShell().evaluate('1')}"),
  probe('@Grab', "${@Grab('org.apache:x:1') def x = 1; x}", [COMPILE]),
  probe('import', '${import java.io.File; new File("/etc/passwd").text}', [COMPILE]),
  probe('class declaration', '${class X { }; new X()}', [COMPILE]),
  // JavaScript host globals (no such Groovy binding: refused or MissingProperty, never the host value)
  probe('process', '${process.env}', [MPE]),
  probe('globalThis', '${globalThis}', [MPE]),
  probe('require', "${require('fs')}", [MME]),
  probe('eval', "${eval('1')}", [MME]),
  probe('Function', "${Function('return 1')()}", [MME]),
  // runaway loops and strings
  runaway('while(true)', '${while (true) {}}'),
  runaway('for(;;)', '${for (;;) {}}'),
  runaway('recursion via closures', '${def f; f = { f() }; f()}', ['java.lang.StackOverflowError']),
  runaway('string multiplication', "${'x' * 100000000}"),
  runaway('doubling string in a loop', "${def s = 'x'; while (true) { s = s + s }; s}"),
  runaway('padLeft huge', "${'x'.padLeft(100000000)}"),
  runaway(
    'nested loops',
    '${def n = 0; for (int i = 0; i < 100000; i++) { for (int j = 0; j < 100000; j++) { n++ } }; n}',
  ),
];

function isBudgetProbe(p: Probe): boolean {
  return p.refusedWith.includes('harness.Budget');
}

describe('sandbox: every escape attempt is refused', () => {
  const results = new Map<string, RenderResult>();
  let exitSpy: ReturnType<typeof vi.spyOn>;

  beforeAll(() => {
    rmSync(CANARY_FILE, { force: true });
    exitSpy = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit called from a template');
    }) as never);
    for (const p of PROBES) results.set(p.name, renderTemplate(p.template, bindings()));
  });

  afterAll(() => {
    exitSpy.mockRestore();
    rmSync(CANARY_FILE, { force: true });
  });

  it('has at least 40 probes', () => {
    expect(PROBES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PROBES.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const r = results.get(p.name)!;
    expect(r.ok, `rendered ${r.ok ? JSON.stringify(r.value) : ''}`).toBe(false);
    if (r.ok) return;
    expect(p.refusedWith).toContain(r.error.type);
    expect(r.error.message.length).toBeGreaterThan(0);
    if (!isBudgetProbe(p) && REFUSED.includes(r.error.type))
      expect(r.error.offset, 'position of the construct').toBeTypeOf('number');
  });

  it('canary: no global flag was set by a Function constructor', () => {
    expect((globalThis as Record<string, unknown>)[CANARY_GLOBAL]).toBeUndefined();
  });

  it('canary: Object.prototype and Array.prototype are untouched', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(typeof Array.prototype.push).toBe('function');
  });

  it('canary: no file was created and process.exit was never called', () => {
    expect(existsSync(CANARY_FILE)).toBe(false);
    expect(exitSpy).not.toHaveBeenCalled();
  });

  it('canary: no host value leaked into any result', () => {
    const path = process.env.PATH ?? '/usr/bin';
    for (const r of results.values()) {
      const text = JSON.stringify(r);
      expect(text).not.toContain(path);
      expect(text).not.toContain('root:x:0:0');
      expect(text).not.toMatch(/\[native code\]|function \w*\(/);
    }
  });

  it('checkTemplate flags the classes and methods the sandbox refuses, without running them', () => {
    const flagged = [
      "${Runtime.getRuntime().exec('ls')}",
      "${'ls'.execute()}",
      "${new File('/etc/passwd').text}",
      '${System.exit(0)}',
      "${Class.forName('java.lang.Runtime')}",
      "${Eval.me('1')}",
      `\${new File('${CANARY_FILE}').write('x')}`,
    ];
    for (const t of flagged) {
      const diags = checkTemplate(t);
      expect(diags.length, t).toBeGreaterThan(0);
      expect(diags[0].severity).toBe('error');
      expect(diags[0].location?.offset ?? diags[0].location?.column, `${t}: position`).toBeTypeOf('number');
    }
    expect(existsSync(CANARY_FILE)).toBe(false);
  });

  it('the budget can be lowered per call and is reported as harness.Budget', () => {
    const r = renderTemplate('${def n = 0; for (int i = 0; i < 1000; i++) { n++ }; n}', {}, { maxSteps: 50 });
    expect(r.ok ? 'ok' : r.error.type).toBe('harness.Budget');
    const within = renderTemplate('${def n = 0; for (int i = 0; i < 10; i++) { n++ }; n}', {});
    expect(within.ok ? within.value : within.error.type).toBe('10');
  });

  it('the output limit stops long strings', () => {
    const r = renderTemplate("${'ab' * 1000}", {}, { maxOutput: 100 });
    expect(r.ok ? 'ok' : r.error.type).toBe('harness.Budget');
  });

  it('data keys named like JS internals are plain map keys (Groovy semantics: missing key is null)', () => {
    // Groovy: a missing key on a Map reads as null; a present one reads as its value. Nothing of the host shows.
    const r = renderTemplate('${m.constructor}|${m.__proto__}|${m.toString}|${m.valueOf}', { m: { toString: 'T' } });
    expect(r.ok ? r.value : `${r.error.type}: ${r.error.message}`).toBe('null|null|T|null');
  });
});
