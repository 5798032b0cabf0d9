// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
// The binding engine is replaced by a minimal renderer (dotted-path lookup in the bindings, `null` when missing),
// so these tests check how the validator renders with sample bindings and reports positions in the rendered text.
import { describe, expect, it, vi } from 'vitest';
import { packageOf } from './testing.ts';
import { validatePackage } from './validate.ts';

vi.mock('../groovy/index.ts', () => ({
  hasPlaceholders: (s: string) => s.includes('${'),
  findPlaceholders: () => [],
  checkTemplate: () => [],
  renderTemplate: (t: string, b: Record<string, unknown>) => {
    if (t.includes('${boom}')) return { ok: false, error: { type: 'java.lang.NullPointerException', message: 'x' } };
    const value = t.replace(/\$\{([\w.]+)\}/g, (_m, p: string) => {
      let cur: unknown = b;
      for (const k of p.split('.'))
        cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
      return cur === undefined || cur === null ? 'null' : String(cur);
    });
    return { ok: true, value, raw: value };
  },
}));

const call = (over: Record<string, unknown>) => ({
  name: 'G',
  connection: 'a',
  url: 'https://h.example.com/x',
  httpContentType: 'application/json',
  ...over,
});

describe('rendered checks', () => {
  it('render URLs with the sample bindings of reference §4 (no false blank segments)', () => {
    const d = validatePackage(
      packageOf({ EnableAccountJSON: { call: [call({ url: 'https://h.example.com/users/${account.accountID}/x' })] } }),
    );
    expect(d.filter((x) => x.code.startsWith('url.'))).toEqual([]);
  });

  it('still catch an empty segment written in a URL that has placeholders', () => {
    const d = validatePackage(
      packageOf({
        EnableAccountJSON: { call: [call({ url: 'https://h.example.com/ws//users/${account.accountID}' })] },
      }),
    );
    expect(d.filter((x) => x.code === 'url.empty-segment')).toHaveLength(1);
  });

  it('fill response paths the templates reference, so chained calls render', () => {
    const body = '{"user": {"id": "${response.call1.message.data.id}"}}';
    const calls = [call({ name: 'call1' }), call({ name: 'call2', httpParams: body })];
    const d = validatePackage(packageOf({ CreateAccountJSON: { call: calls } }));
    expect(d.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('give the JSON error position in the TEMPLATE, though it is found in the rendered body (issue 14, item 9)', () => {
    const body = '{"first": "${user.firstname}", "n": 1,}';
    const d = validatePackage(packageOf({ UpdateAccountJSON: { call: [call({ httpParams: body })] } }));
    const f = d.find((x) => x.code === 'body.invalid-json')!;
    expect(f.location?.offset).toBe(body.indexOf(',}') + 1);
    expect(f.message).toContain(`(position ${body.indexOf(',}') + 1}) of the template`);
    expect(f.message).toContain('"${user.firstname}", "n": 1,⟨here⟩}');
    expect(f.message).not.toContain('Jane');
  });

  it('map an error inside a rendered value to the placeholder that produced it', () => {
    // The stub renders ${user.firstname} as Jane; a value ending the body early is blamed on its placeholder.
    const body = '{"a": 1}${user.firstname}';
    const f = validatePackage(packageOf({ UpdateAccountJSON: { call: [call({ httpParams: body })] } })).find(
      (x) => x.code === 'body.invalid-json',
    )!;
    expect(f.location?.offset).toBe(body.indexOf('${'));
  });

  it('quote the URL as written and point into it, not at the sample value (issue 14, item 9)', () => {
    const url = 'https://h.example.com/u/${account.accountID}/x y';
    const f = validatePackage(packageOf({ EnableAccountJSON: { call: [call({ url })] } })).find(
      (x) => x.code === 'url.whitespace',
    )!;
    expect(f.message).toContain(JSON.stringify(url));
    expect(f.message).toContain(`at position ${url.indexOf(' ')}`);
    expect(f.message).not.toContain('3f2b6c1e');
  });

  it('accept a raw (unquoted) placeholder as an opaque JSON value, with an info', () => {
    const body = '{"agents": [{"agentId": ${account.accountID}}]}';
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [call({ httpParams: body })] } }));
    expect(d.map((x) => x.code)).not.toContain('body.invalid-json');
    expect(d.find((x) => x.code === 'body.unquoted-value')?.message).toContain('${account.accountID}');
  });

  it('report a sample-render failure as info and skip the check', () => {
    const d = validatePackage(packageOf({ UpdateAccountJSON: { call: [call({ httpParams: '{"a": ${boom}' })] } }));
    expect(d.map((x) => x.code)).toContain('template.sample-render');
    expect(d.map((x) => x.code)).not.toContain('body.invalid-json');
  });
});
