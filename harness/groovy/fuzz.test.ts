/**
 * Fuzzing the binding engine: at least 100,000 inputs (random strings over a Groovy-heavy alphabet, mutated corpus
 * templates, generated expressions; fixed seed) through checkTemplate and renderTemplate. Nothing may throw: checkTemplate
 * returns Diagnostics, renderTemplate returns a well-formed RenderResult. GROOVY_FUZZ_COUNT raises the count.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../fixtures/groovy/extract.ts';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { seededRandom } from '../../lib/random.ts';
import { generateCases } from './differential-generate.ts';
import { checkTemplate, renderTemplate } from './index.ts';
import type { Bindings, RenderResult } from './types.ts';

const COUNT = Number(process.env.GROOVY_FUZZ_COUNT ?? 100_000);
const SEED = 0x5eed_f022;

const ALPHABET = [
  ...'${}()[]\'"`.,;:?!=<>+-*/%&|^~@#\\ \n\t',
  ...'abcxyzAZ_019',
  '${',
  '?.',
  '?:',
  '*.',
  '==',
  '!=',
  '&&',
  '||',
  '->',
  '..',
  "'''",
  '"""',
  'def ',
  'return ',
  'if(',
  'else',
  'for(',
  'while(',
  'new ',
  'null',
  'true',
  'user',
  'response',
  '.size()',
  '.split(',
  '.substring(',
  'it',
  '{ it ->',
  '1e',
  '0x',
  '1.5',
  '2147483647',
  '\u0000',
  '\u00e9',
  '\ud83d\ude00',
  '\ud800',
];

const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/groovy/bindings.json', import.meta.url), 'utf8')) as {
  corpus: { bindings: Bindings }[];
};

function randomString(rnd: () => number): string {
  const n = Math.floor(rnd() * 40);
  let s = rnd() < 0.7 ? '${' : '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

function mutate(rnd: () => number, base: string): string {
  let s = base;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.35) s = s.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + s.slice(at);
    else if (r < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 3));
    else if (r < 0.85)
      s = s.slice(0, at) + s.slice(Math.floor(rnd() * s.length), Math.floor(rnd() * s.length)) + s.slice(at);
    else s = s.slice(0, at);
  }
  return s;
}

function isDiagnostic(d: Diagnostic): boolean {
  return (
    typeof d.code === 'string' &&
    (d.severity === 'error' || d.severity === 'warning' || d.severity === 'info') &&
    typeof d.message === 'string' &&
    d.message.length > 0
  );
}

function isRenderResult(r: RenderResult): boolean {
  if (r.ok === true) return typeof r.value === 'string';
  return r.ok === false && typeof r.error?.type === 'string' && typeof r.error.message === 'string';
}

describe('fuzz: parser and renderer never throw', () => {
  it(`${COUNT} random and mutated inputs give typed results only`, () => {
    const rnd = seededRandom(SEED);
    const corpus = loadCorpus().map((t) => t.template);
    const generated = generateCases(2000, SEED).map((g) => g.template);
    const seeds = [...corpus, ...generated];
    const bindings = fixtures.corpus[0].bindings;
    const limits = { maxSteps: 5_000, maxOutput: 65_536 };
    const failures: { input: string; where: string; error: string }[] = [];
    let rendered = 0;
    let refusedOrFailed = 0;
    for (let k = 0; k < COUNT; k++) {
      const input = k % 3 === 0 ? randomString(rnd) : mutate(rnd, seeds[Math.floor(rnd() * seeds.length)]);
      try {
        const diags = checkTemplate(input);
        if (!Array.isArray(diags) || !diags.every(isDiagnostic))
          failures.push({
            input,
            where: 'checkTemplate',
            error: `not Diagnostic[]: ${JSON.stringify(diags).slice(0, 200)}`,
          });
      } catch (e) {
        failures.push({ input, where: 'checkTemplate', error: String(e) });
      }
      try {
        const r = renderTemplate(input, structuredClone(bindings), limits);
        if (!isRenderResult(r))
          failures.push({ input, where: 'renderTemplate', error: `not a RenderResult: ${JSON.stringify(r)}` });
        else if (r.ok) rendered++;
        else refusedOrFailed++;
      } catch (e) {
        failures.push({ input, where: 'renderTemplate', error: String(e) });
      }
      if (failures.length >= 20) break;
    }
    expect(failures, JSON.stringify(failures.slice(0, 5), null, 2)).toEqual([]);
    // Both paths were exercised (not everything rejected up front).
    expect(rendered).toBeGreaterThan(100);
    expect(refusedOrFailed).toBeGreaterThan(100);
  }, 300_000);
});
