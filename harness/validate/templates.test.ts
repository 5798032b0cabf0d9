// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
// The binding engine is replaced here by a stub whose findings are known, so these tests check only how the
// validator maps engine findings to JSON paths and line/column in the attribute text.
import { describe, expect, it, vi } from 'vitest';
import { packageOf } from './testing.ts';
import { validatePackage } from './validate.ts';

vi.mock('../groovy/index.ts', () => ({
  hasPlaceholders: (s: string) => s.includes('${'),
  findPlaceholders: () => [],
  renderTemplate: (t: string) => ({ ok: true, value: t, raw: t }),
  // Reports an error at the first `?}` (a dangling ternary), like a parser would.
  checkTemplate: (t: string) => {
    const i = t.indexOf('?}');
    return i < 0
      ? []
      : [{ code: 'groovy.syntax', severity: 'error', message: 'unexpected token: }', location: { offset: i + 1 } }];
  },
}));

describe('template findings', () => {
  it('are mapped to the JSON path of the string and to the line/column of the offending character', () => {
    const text = '{\n  "call": [\n    {"name": "G", "url": "https://h.example.com/u/${a ?}"}\n  ]\n}';
    const d = validatePackage(packageOf({ AddAccessJSON: text })).filter((x) => x.code === 'template.syntax');
    expect(d).toHaveLength(1);
    const loc = d[0].location!;
    expect(loc.path).toEqual(['call', 0, 'url']);
    expect(loc.offset).toBe('https://h.example.com/u/${a ?'.length);
    const lines = text.split('\n');
    expect(lines[loc.line! - 1][loc.column! - 1]).toBe('}');
  });

  it('account for escapes in the JSON text when locating the character', () => {
    const text = '{"call":[{"name":"G","url":"https://h.example.com/","httpParams":"{\\"a\\": \\"${x ?}\\"}"}]}';
    const d = validatePackage(packageOf({ AddAccessJSON: text })).find((x) => x.code === 'template.syntax')!;
    expect(text[d.location!.column! - 1]).toBe('}');
    expect(text.slice(d.location!.column! - 3, d.location!.column!)).toBe(' ?}');
  });

  it('flag a binding written without its $ (Lessonly package, reference §5)', () => {
    const d = validatePackage(
      packageOf({
        AddAccessJSON: { call: [{ name: 'G', url: 'https://h.example.com/g/{entitlementValue.entitlementID}' }] },
      }),
    );
    expect(d.find((x) => x.code === 'template.missing-dollar')?.hint).toBe('Write ${entitlementValue.entitlementID}.');
  });
});
