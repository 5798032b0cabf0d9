// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { describe, expect, it } from 'vitest';
import { skipCode, splitTemplate, toGStringSource } from './gstring-source.ts';

describe('splitTemplate', () => {
  it('splits text and placeholders, with nested braces and braces inside string literals', () => {
    const t = 'a ${m.collect { it }} b ${x == "}" ? \'{\' : "${y}"} c';
    expect(splitTemplate(t)).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'expr', text: '${m.collect { it }}' },
      { kind: 'text', text: ' b ' },
      { kind: 'expr', text: '${x == "}" ? \'{\' : "${y}"}' },
      { kind: 'text', text: ' c' },
    ]);
  });

  it('skips comments and escaped quotes inside code', () => {
    const t = "${ 'it\\'s }' /* } */ }!";
    expect(splitTemplate(t).map((p) => p.kind)).toEqual(['expr', 'text']);
    expect(splitTemplate(t)[1].text).toBe('!');
  });

  it('an unterminated placeholder runs to the end (Groovy then reports the compile error)', () => {
    expect(splitTemplate('x ${a.b')).toEqual([
      { kind: 'text', text: 'x ' },
      { kind: 'expr', text: '${a.b' },
    ]);
    expect(skipCode('{ {', 1)).toBe(3);
  });
});

describe('toGStringSource', () => {
  it('escapes backslash, double quote and dollar in text only', () => {
    expect(toGStringSource('{"a":"${x.y("k")}\\n$q"}')).toBe('"""{\\"a\\":\\"${x.y("k")}\\\\n\\$q\\"}"""');
  });

  it('leaves a template without placeholders as an escaped literal', () => {
    expect(toGStringSource('plain "text"')).toBe('"""plain \\"text\\""""');
  });
});
