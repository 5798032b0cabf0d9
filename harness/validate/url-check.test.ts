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
