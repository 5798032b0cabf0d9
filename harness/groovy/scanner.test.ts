// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy `${...}` templates are the test data
import { describe, expect, it } from 'vitest';
import { scanPlaceholders } from './scanner.ts';

describe('scanPlaceholders', () => {
  it('skips quotes, nested GStrings and comments inside a placeholder', () => {
    const t = 'x${"a}${"}"}b"}y${a /* } */ + 1}';
    expect(scanPlaceholders(t).map((p) => p.source)).toEqual(['${"a}${"}"}b"}', '${a /* } */ + 1}']);
  });
  it('marks an unterminated placeholder', () => {
    const [p] = scanPlaceholders("a ${x == 'y");
    expect(p).toMatchObject({ start: 2, closed: false });
  });
  it('ignores a $ not followed by {', () => {
    expect(scanPlaceholders('$x $ {y}')).toEqual([]);
  });
});
