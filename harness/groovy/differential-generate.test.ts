import { describe, expect, it } from 'vitest';
import { generateCases } from './differential-generate.ts';

describe('generateCases', () => {
  it('is deterministic for a seed, distinct, and of the requested size', () => {
    const a = generateCases(300, 7);
    expect(a).toEqual(generateCases(300, 7));
    expect(a).not.toEqual(generateCases(300, 8));
    expect(a).toHaveLength(300);
    expect(new Set(a.map((c) => `${c.bindingsId} ${c.template}`)).size).toBe(300);
  });

  it('never produces sandbox probes or unbounded loops (these cases go to real Groovy)', () => {
    for (const c of generateCases(2000)) {
      expect(c.template).not.toMatch(/\b(while|System|Runtime|execute|File|URL|Eval|evaluate|Class|getClass)\b/);
      expect(c.template).not.toMatch(/for \(;;\)/);
      expect(c.template).toContain('${');
    }
  });

  it('covers the constructs the brief lists', () => {
    const all = generateCases(2000)
      .map((c) => c.template)
      .join('\n');
    for (const needle of [
      '?.',
      '?:',
      ' ? ',
      '.substring(',
      '.split(',
      'as String',
      '.collect {',
      '.findAll {',
      '.join(',
      ' / ',
      '[a: 1',
      'Math.addExact(',
      'for (',
      '.eachWithIndex {',
    ]) {
      expect(all, needle).toContain(needle);
    }
  });
});
