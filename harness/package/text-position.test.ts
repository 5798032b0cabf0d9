import { describe, expect, it } from 'vitest';
import { jsonTree, lineColumnAt, positionOf, rawOffsetInLiteral } from './text-position.ts';

describe('lineColumnAt', () => {
  it('counts lines and columns from 1, CRLF as one break', () => {
    const text = 'ab\r\ncd\nef';
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 4)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt(text, 8)).toEqual({ line: 3, column: 2 });
  });
});

describe('rawOffsetInLiteral', () => {
  it('skips escapes so a decoded index lands on the right raw character', () => {
    const literal = JSON.stringify('a"b\\c\u00e9d'); // "a\"b\\céd"
    const decoded = JSON.parse(literal) as string;
    const i = decoded.indexOf('d');
    expect(literal[rawOffsetInLiteral(literal, i)]).toBe('d');
    expect(rawOffsetInLiteral('"\\u0041x"', 1)).toBe(7);
  });
});

describe('positionOf', () => {
  it('finds a value, a key, and a character inside a string value', () => {
    const text = '{\n  "a": {\n    "url": "https://x/y z"\n  }\n}';
    const tree = jsonTree(text);
    expect(positionOf(text, tree, ['a', 'url'])).toMatchObject({ line: 3, column: 12 });
    expect(positionOf(text, tree, ['a', 'url'], { key: true })).toMatchObject({ line: 3, column: 5 });
    const space = 'https://x/y z'.indexOf(' ');
    const pos = positionOf(text, tree, ['a', 'url'], { inner: space })!;
    expect(text[pos.offset]).toBe(' ');
  });

  it('falls back to the deepest existing ancestor for a missing path', () => {
    const text = '{"a": {"b": 1}}';
    expect(positionOf(text, jsonTree(text), ['a', 'zz'])).toMatchObject({ line: 1, column: 7 });
  });
});
