// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
import { describe, expect, it } from 'vitest';
import { urlProblems } from './url-check.ts';

const codes = (u: string) => urlProblems(u).map((p) => p.code);

describe('urlProblems', () => {
  it('accepts well-formed URLs, including query strings with //', () => {
    expect(codes('https://acme.leanix.net/services/mtm/v1/users/abc')).toEqual([]);
    expect(codes('https://h.example.com/a?next=https://x//y')).toEqual([]);
  });

  it('flags the blanked host of exports (connector reference §8: https://.leanix.net)', () => {
    expect(codes('https://.leanix.net/services/mtm/v1/users')).toEqual(['url.blank-host']);
    expect(codes('https:///x')).toContain('url.blank-host');
  });

  it('flags an empty path segment (blank workspace: /workspaces//users)', () => {
    const p = urlProblems('https://acme.leanix.net/services/mtm/v1/workspaces//users');
    expect(p.map((x) => x.code)).toEqual(['url.empty-segment']);
    expect(p[0].index).toBe('https://acme.leanix.net/services/mtm/v1/workspaces'.length);
  });

  it('flags whitespace, leading, inner or trailing', () => {
    expect(codes('https://acme.leanix.net/x ')).toEqual(['url.whitespace']);
    expect(urlProblems('https://acme.leanix.net/x ')[0].message).toMatch(/trailing/);
    expect(codes('https:// .leanix.net/x')).toEqual(['url.whitespace', 'url.blank-host']);
  });

  it('flags unfilled placeholders and non-absolute URLs', () => {
    expect(codes('https://<host>.leanix.net/x')).toEqual(['url.placeholder']);
    expect(codes('https://@@HOST@@/x')).toEqual(['url.placeholder']);
    expect(codes('/services/x')).toEqual(['url.invalid']);
    expect(codes('')).toEqual(['url.empty']);
  });
});

describe('urlProblems with leading whitespace', () => {
  it('reports the whitespace once, not also as a non-absolute URL (ironclad AddAccessJSON in the corpus)', () => {
    expect(codes(' https://ironcladapp.com/scim/v2/Groups/x')).toEqual(['url.whitespace']);
  });
});

describe('urlProblems, issue 14', () => {
  it('makes leading/trailing whitespace a warning (EIC may trim it) and inner whitespace an error', () => {
    expect(urlProblems(' https://ironcladapp.com/x')[0]).toMatchObject({ code: 'url.whitespace', severity: 'warning' });
    expect(urlProblems('https://h.example.com/x ')[0].message).toMatch(/may send it as is.*or trim it/);
    expect(urlProblems('https://h.example.com/a b')[0]).toMatchObject({ code: 'url.whitespace', severity: 'error' });
  });

  it('warns about hosts a SaaS EIC cannot reach', () => {
    for (const u of [
      'http://localhost:8080/api',
      'https://127.0.0.1/x',
      'https://10.0.0.5/scim',
      'https://hostname/api',
    ]) {
      expect(
        urlProblems(u).map((p) => [p.code, p.severity]),
        u,
      ).toEqual([['url.unreachable-host', 'warning']]);
    }
  });

  it('reports a path ending in "/" as a blanked last segment only when the package blanks values elsewhere', () => {
    const adobe = 'https://usermanagement.adobe.io/v2/usermanagement/action/'; // Adobe Creative Cloud CreateAccountJSON
    expect(codes(adobe)).toEqual([]);
    expect(urlProblems(adobe, { exportBlanks: true }).map((p) => [p.code, p.index])).toEqual([
      ['url.blank-segment', adobe.length - 1],
    ]);
    expect(urlProblems('https://h.example.com/users/?q=1', { exportBlanks: true })).toEqual([]);
  });

  it('quotes the display text and maps positions through `position`', () => {
    const source = 'https://h.example.com/${x}//y';
    const p = urlProblems('https://h.example.com/abc//y', {
      display: source,
      position: (i) => (i < 22 ? i : i - 3 + 4),
    });
    expect(p[0]).toMatchObject({ code: 'url.empty-segment', index: source.indexOf('//y') });
    expect(p[0].message).toContain(JSON.stringify(source));
    expect(p[0].message).toContain(`at position ${source.indexOf('//y')}`);
  });

  it('checks a literal fragment of an expression only for what is written out', () => {
    expect(codes2('https://usermanagement.adobe.io/v2/usermanagement/users//')).toEqual(['url.empty-segment']);
    expect(codes2('https://h.example.com/v1/x?page=')).toEqual([]);
    expect(codes2('https://')).toEqual([]);
  });
});

const codes2 = (u: string) => urlProblems(u, { fragment: true }).map((p) => p.code);
