/**
 * The real-Groovy oracle itself. Expected values are the calibration results of
 * /work/shared/reference/groovy-oracle.md (observed on Groovy 2.4.21 / OpenJDK 17), repeated here so the oracle is
 * checked before the differential test trusts it; plus the oracle's own choices (text kept verbatim, binding maps keep
 * the JSON key order, template output cannot corrupt the protocol). Skips without groovy, fails in CI without it.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { describe, expect, it } from 'vitest';
import { locateGroovy, probeGroovy, runOracle } from './run.ts';

const setup = probeGroovy();

describe('locateGroovy', () => {
  it('says clearly when groovy is not on PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const r = locateGroovy();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/groovy not found on PATH.*apt-get install -y groovy/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it.runIf(process.env.CI)('finds groovy in CI', () => {
    expect(setup.ok, setup.ok ? '' : setup.reason).toBe(true);
  });
});

describe.skipIf(!setup.ok)(`runOracle (one JVM per batch)${setup.ok ? '' : ` (skipped: ${setup.reason})`}`, () => {
  it('matches the calibration results and keeps text verbatim', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['${1/2}', {}],
      ['${1e3}', {}],
      ["${'abc'.substring(5)}", {}],
      ['${user.middlename.toLowerCase()}', { user: { middlename: null } }],
      ['${user.nosuchfield}', { user: {} }],
      ['${[a: [1, 2], b: null]}', {}],
      ["${'false' ? 'yes' : 'no'}", {}],
      ['${Math.addExact(2147483647, 1)}', {}],
      ['${nope}', {}],
      ['${1 +}', {}],
      ['{"a": "\\\\ $x ${v}"}', { v: 'é' }],
      ['${m} ${m.keySet()}', { m: { b: 1, a: 2.5 } }],
      [
        "${println 'noise'; new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(l)}",
        { l: [1, { a: 'b' }] },
      ],
    ];
    const r = await runOracle(cases.map(([template, bindings], k) => ({ id: String(k), template, bindings })));
    const show = r.map((x) => (x.ok ? x.value : `${x.error.type}: ${x.error.message.split('\n')[0]}`));
    expect(show).toEqual([
      '0.5',
      '1E+3',
      'java.lang.StringIndexOutOfBoundsException: begin 5, end 3, length 3',
      'java.lang.NullPointerException: Cannot invoke method toLowerCase() on null object',
      'null',
      '[a:[1, 2], b:null]',
      'yes',
      'java.lang.ArithmeticException: integer overflow',
      'groovy.lang.MissingPropertyException: No such property: nope for class: Template',
      'org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:',
      '{"a": "\\\\ $x é"}',
      '[b:1, a:2.5] [b, a]',
      '[1,{"a":"b"}]',
    ]);
  }, 60_000);

  it('parse mode only compiles (no evaluation)', async () => {
    const r = await runOracle([
      { id: 'a', template: '${nope.x()}', mode: 'parse' },
      { id: 'b', template: '${a +* b}', mode: 'parse' },
    ]);
    expect(r.map((x) => x.ok)).toEqual([true, false]);
  }, 60_000);
});
