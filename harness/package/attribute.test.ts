import { describe, expect, it } from 'vitest';
import { parseAttribute } from './attribute.ts';
import { looksEncrypted } from './encrypted.ts';

describe('parseAttribute', () => {
  it('parses valid JSON and strips a BOM', () => {
    const a = parseAttribute('ConfigJSON', '\ufeff{"showLogs": true}', 'f.json');
    expect(a.json).toEqual({ showLogs: true });
    expect(a.parseError).toBeUndefined();
  });

  it('reports a syntax error with line and column in the attribute text', () => {
    const a = parseAttribute(
      'AddAccessJSON',
      '{\n  "call": [\n    {"name": "x",}\n  ]\n}',
      'exp.json#EXTERNAL_ATTR[3]',
    );
    expect(a.json).toBeUndefined();
    expect(a.parseError).toMatchObject({
      code: 'json.syntax',
      severity: 'error',
      location: { file: 'exp.json#EXTERNAL_ATTR[3]', attribute: 'AddAccessJSON', line: 3, column: 18 },
    });
  });

  it('rejects comments (EIC stores plain JSON)', () => {
    expect(parseAttribute('ConfigJSON', '{ // c\n}', 'f').parseError?.message).toMatch(/comment/);
  });
});

describe('looksEncrypted', () => {
  it('detects base64 ciphertext but not JSON or short text', () => {
    expect(looksEncrypted('F094T0v6WHOpHcSzOqzN/G0EOXMVamwB8u2E9ttQNJNH/uqcgtvsw9t4')).toBe(true);
    expect(looksEncrypted('{"authentications":{}}')).toBe(false);
    expect(looksEncrypted('abc')).toBe(false);
    expect(looksEncrypted('just some words here ok')).toBe(false);
  });
});
