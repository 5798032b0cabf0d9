import { describe, expect, it } from 'vitest';
import { LineCounter } from 'yaml';
import { LIMITS } from './limits.ts';
import { parseYamlDocument, yamlToJs } from './yaml.ts';

const parse = (text: string) => parseYamlDocument(text, { file: 'f.yaml', lineCounter: new LineCounter() });

describe('parseYamlDocument', () => {
  it('parses ordinary YAML as the library does, aliases included', () => {
    const doc = parse('a: &x { b: [1, 2] }\nc: *x\n');
    expect(doc.errors).toEqual([]);
    expect(yamlToJs(doc)).toEqual({ a: { b: [1, 2] }, c: { b: [1, 2] } });
  });

  it('refuses nesting past the limit (flow and block) with line and column, before composing', () => {
    // the top map is level 1: the 64th `[` (column 4 + 63) is one too many
    const n = LIMITS.yamlDepth;
    expect(() => parse(`x: ${'['.repeat(n)}${']'.repeat(n)}`)).toThrow(
      expect.objectContaining({
        code: 'limit.depth',
        location: { file: 'f.yaml', line: 1, column: 4 + LIMITS.yamlDepth - 1 },
      }),
    );
    expect(() => parse(`${'- '.repeat(100_000)}x`)).toThrow(expect.objectContaining({ code: 'limit.depth' }));
    expect(parse(`x: ${'['.repeat(LIMITS.yamlDepth - 1)}${']'.repeat(LIMITS.yamlDepth - 1)}`).errors).toEqual([]);
  });

  it('refuses a map of more keys than the limit', () => {
    const keys = Array.from({ length: LIMITS.yamlKeys + 1 }, (_, i) => `k${i}: ${i}`).join('\n');
    expect(() => parse(keys)).toThrow(
      expect.objectContaining({ code: 'limit.keys', location: { file: 'f.yaml', line: 1, column: 1 } }),
    );
  });

  it('reports duplicate keys (linear check) and multiple documents as document errors', () => {
    const dup = parse('a: 1\nb: 2\na: 3\n');
    expect(dup.errors.map((e) => [e.code, e.message, e.pos[0]])).toEqual([
      ['DUPLICATE_KEY', 'Map keys must be unique', 10],
    ]);
    expect(parse('a: 1\n---\nb: 2\n').errors[0].code).toBe('MULTIPLE_DOCS');
    expect(parse('a: { 1: x, "1": y }').errors).toEqual([]); // the number 1 and the string "1" differ
  });

  it('turns a billion-laughs expansion into limit.aliases', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const k of 'bcdefg')
      lines.push(
        `${k}: &${k} [${Array(10)
          .fill(`*${String.fromCharCode(k.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    expect(() => yamlToJs(parse(lines.join('\n')), { file: 'f.yaml' })).toThrow(
      expect.objectContaining({ code: 'limit.aliases', location: { file: 'f.yaml' } }),
    );
  });
});
