import { describe, expect, it } from 'vitest';
import { parseScenario } from './load.ts';
import { expandVariants, mergeGiven, runTitle, scenarioForVariant } from './variants.ts';

const TEXT = `name: v
given:
  leanix: { tenant: demo, quirks: { a: 1 } }
  eic: { fillPlaceholders: true, options: { urlWhitespace: trim } }
variants:
  published:
    description: as published
    given: { eic: { package: pub, options: { retryBackoff: fixed } }, leanix: { quirks: { b: 2 } } }
  corrected:
    given: { eic: { package: cor } }
steps:
  - name: both
    validate: null
    expectFor: { published: { diagnostics: [] } }
  - name: only published
    variants: [published]
    validate: null
`;

const parse = (text: string) => {
  const r = parseScenario(text, 'v.scenario.yaml');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.location?.line}: ${d.message}`).join('\n'));
  return r.scenario;
};

describe('variants', () => {
  it('merge objects key by key and replace lists and values', () => {
    expect(mergeGiven({ a: { x: 1, y: [1, 2] }, b: 1 }, { a: { y: [3] }, c: 2 })).toEqual({
      a: { x: 1, y: [3] },
      b: 1,
      c: 2,
    });
    expect(mergeGiven({ a: 1 }, undefined)).toEqual({ a: 1 });
  });

  it('give each variant its merged given and its own steps', () => {
    const s = parse(TEXT);
    const pub = scenarioForVariant(s, 'published');
    expect(pub.given).toEqual({
      leanix: { tenant: 'demo', quirks: { a: 1, b: 2 } },
      eic: { fillPlaceholders: true, package: 'pub', options: { urlWhitespace: 'trim', retryBackoff: 'fixed' } },
    });
    expect(pub.steps.map((x) => x.name)).toEqual(['both', 'only published']);
    expect(pub.description).toBe('as published');
    expect(pub.variants).toBeUndefined();
    expect(scenarioForVariant(s, 'corrected').steps.map((x) => x.name)).toEqual(['both']);
  });

  it('expand a loaded scenario into one per variant, and leave one without variants alone', () => {
    const loaded = { file: 'v', scenario: parse(TEXT), resolvePath: (p: string) => p };
    const runs = expandVariants(loaded);
    expect(runs.map((r) => [r.variant, r.scenario.given.eic?.package])).toEqual([
      ['published', 'pub'],
      ['corrected', 'cor'],
    ]);
    expect(expandVariants(runs[0])).toEqual([runs[0]]);
    const plain = {
      ...loaded,
      scenario: parse('name: p\ngiven: { eic: { package: x } }\nsteps: [{ name: s, validate: null }]'),
    };
    expect(expandVariants(plain)).toEqual([plain]);
    expect(runTitle({ name: 'n', variant: 'published' })).toBe('n [published]');
    expect(runTitle({ name: 'n' })).toBe('n');
  });

  it('are checked on load: unknown variant names, a variant without a package, a bad name (with the line)', () => {
    const bad = (text: string) => {
      const r = parseScenario(text, 'v.scenario.yaml');
      return r.ok ? [] : r.diagnostics.map((d) => `${d.location?.line} ${d.message}`);
    };
    expect(bad(TEXT.replace('variants: [published]', 'variants: [publshed]'))).toEqual([
      '16 no variant "publshed"; the variants are published, corrected',
    ]);
    expect(bad(TEXT.replace('expectFor: { published:', 'expectFor: { fixed:'))).toEqual([
      '14 no variant "fixed"; the variants are published, corrected',
    ]);
    expect(bad(TEXT.replace('given: { eic: { package: cor } }', 'description: no package'))).toEqual([
      "10 variant corrected has no package: set given.eic.package for every variant, or in this variant's given",
    ]);
    expect(bad(TEXT.replace('  corrected:', '  "bad name":'))[0]).toMatch(/a variant name/);
    expect(bad('name: p\ngiven: { eic: {} }\nsteps: [{ name: s, validate: null, variants: [x] }]')).toEqual([
      '3 no variant "x": this scenario declares no variants',
      '2 given.eic needs a package',
    ]);
  });
});
