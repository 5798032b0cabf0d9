import { describe, expect, it } from 'vitest';
import { checkJsonDepth, checkSize, formatBytes, jsonTooDeepAt, LIMITS } from './limits.ts';

describe('JSON depth', () => {
  it('finds the first bracket past the limit, outside strings only', () => {
    expect(jsonTooDeepAt('[[[]]]', 3)).toBe(-1);
    expect(jsonTooDeepAt('[[[[]]]]', 3)).toBe(3);
    expect(jsonTooDeepAt('{"a":{"b":{"c":{}}}}', 3)).toBe(15);
    // brackets inside strings, escaped quotes included, do not count
    expect(jsonTooDeepAt('["[[[[", "\\"[[[["]', 2)).toBe(-1);
    expect(jsonTooDeepAt(`${'['.repeat(LIMITS.jsonDepth)}${']'.repeat(LIMITS.jsonDepth)}`)).toBe(-1);
    expect(jsonTooDeepAt('['.repeat(100_000))).toBe(LIMITS.jsonDepth);
  });

  it('reports line and column of the offending bracket as limit.depth', () => {
    // the object is level 1, so the 200th bracket (line 2 starts with 7 characters before the first) is one too many
    const text = `{\n  "a": ${'['.repeat(300)}`;
    expect(() => checkJsonDepth(text, { file: 'x.json' })).toThrow(
      expect.objectContaining({ code: 'limit.depth', location: { file: 'x.json', line: 2, column: 7 + 200 } }),
    );
  });
});

describe('sizes', () => {
  it('words sizes and fails over the limit as limit.size', () => {
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(300)).toBe('300 bytes');
    expect(() => checkSize(10, 10, 'x')).not.toThrow();
    expect(() => checkSize(2 * 1024 * 1024, 1024 * 1024, 'scenario a.yaml')).toThrow(
      expect.objectContaining({ code: 'limit.size', message: 'scenario a.yaml is 2 MiB, over the limit of 1 MiB' }),
    );
  });
});
