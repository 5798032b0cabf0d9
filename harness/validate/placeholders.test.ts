// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
import { describe, expect, it } from 'vitest';
import { placeholderSpans, spansInJsonStrings } from './placeholders.ts';

describe('placeholderSpans', () => {
  it('balances braces and skips Groovy string literals', () => {
    const t = 'a ${x ? "}" : {y}} b ${z}';
    const spans = placeholderSpans(t);
    expect(spans.map((s) => t.slice(s.start, s.end))).toEqual(['${x ? "}" : {y}}', '${z}']);
  });
  it('runs an unterminated span to the end', () => {
    expect(placeholderSpans('x ${a.b')).toEqual([{ start: 2, end: 7 }]);
  });
});

describe('spansInJsonStrings', () => {
  it('tells quoted placeholders from raw ones', () => {
    const t = '{"a": "${q}", "n": ${n}, "e": "\\"${e}"}';
    expect(spansInJsonStrings(t, placeholderSpans(t))).toEqual([true, false, true]);
  });
});
