import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasReference, NO_REFERENCE, referencePath } from '../../lib/reference.ts';
import { ApiFailure } from './envelope.ts';
import { boolParam, lastPage, linkHeader, listParam, parsePaging, parseSort } from './paging.ts';

const u = (q: string) => new URL(`https://acme.leanix.net/services/mtm/v1/workspaces/w/permissions${q}`);

/** The Groovy text saviyntNextUrl transcribes, as it stands in the reference package (checked below). */
const SAVIYNT_NEXT_URL_PATH =
  "${headers?.Link?.split(',')?.size()==4?headers?.Link?.split(',')[2]?.replace('<', '')?.replace('>;rel=\"next\"','')?.trim():" +
  "headers?.Link?.split(',')?.size()==3&&headers?.Link?.split(',')[1]?.contains('next')?headers?.Link?.split(',')[1]?.replace('<', '')?.replace('>;rel=\"next\"','')?.trim():null}";

/**
 * The Saviynt LeanIX package's nextUrlPath, transcribed from saviynt-rest-connector.md §8 (ImportAccountEntJSON):
 *   headers?.Link?.split(',')?.size()==4 ? headers?.Link?.split(',')[2]?.replace('<', '')?.replace('>;rel="next"','')?.trim()
 *   : headers?.Link?.split(',')?.size()==3 && headers?.Link?.split(',')[1]?.contains('next') ? (same on [1]) : null
 * Java's String.replace replaces every occurrence, hence replaceAll.
 */
function saviyntNextUrl(link: string | undefined): string | null {
  if (link === undefined) return null;
  const parts = link.split(',');
  const clean = (s: string) => s.replaceAll('<', '').replaceAll('>;rel="next"', '').trim();
  if (parts.length === 4) return clean(parts[2]);
  if (parts.length === 3 && parts[1].includes('next')) return clean(parts[1]);
  return null;
}

describe('parsePaging', () => {
  it('defaults, treats page<1 as 1, clamps size to the max', () => {
    expect(parsePaging(u(''), 30, 100)).toEqual({ page: 1, size: 30 });
    expect(parsePaging(u('?page=0&size=10'), 30, 100)).toEqual({ page: 1, size: 10 });
    expect(parsePaging(u('?page=-3'), 30, 100).page).toBe(1);
    expect(parsePaging(u('?size=1000'), 30, 100).size).toBe(100);
  });

  it('refuses non-integers and size<1 with a 400 naming the parameter', () => {
    for (const [q, field] of [
      ['?page=abc', 'page'],
      ['?size=1.5', 'size'],
      ['?size=0', 'size'],
    ]) {
      try {
        parsePaging(u(q), 30, 100);
        throw new Error('expected a failure');
      } catch (e) {
        expect(e).toBeInstanceOf(ApiFailure);
        expect((e as ApiFailure).status).toBe(400);
        expect((e as ApiFailure).errors[0].value).toBe(field);
      }
    }
  });
});

describe('query helpers', () => {
  it('parses sort lists, defaulting to asc, matching field names case-insensitively', () => {
    expect(parseSort(u('?sort=email-asc,ID-desc,lastName'), ['id', 'email', 'lastName'])).toEqual([
      { field: 'email', desc: false },
      { field: 'id', desc: true },
      { field: 'lastName', desc: false },
    ]);
    expect(() => parseSort(u('?sort=shoeSize-asc'), ['id'])).toThrow(/cannot sort by "shoeSize-asc"/);
    expect(() => parseSort(u('?sort=id-up'), ['id'])).toThrow(ApiFailure);
  });

  it('reads booleans strictly and comma lists loosely', () => {
    expect(boolParam(u('?silent=TRUE'), 'silent')).toBe(true);
    expect(boolParam(u('?silent=false'), 'silent')).toBe(false);
    expect(boolParam(u(''), 'silent')).toBeUndefined();
    expect(() => boolParam(u('?silent=yes'), 'silent')).toThrow(ApiFailure);
    expect(listParam(u('?email=a@x, b@x&email=c@x,'), 'email')).toEqual(['a@x', 'b@x', 'c@x']);
  });

  it('counts pages, with one page for an empty list', () => {
    expect(lastPage(0, 10)).toBe(1);
    expect(lastPage(10, 10)).toBe(1);
    expect(lastPage(11, 10)).toBe(2);
  });
});

describe('linkHeader', () => {
  it('lists first, prev, next, last with prev/next only when they exist', () => {
    const mid = linkHeader(u('?size=10&page=2'), 2, 10, 35);
    expect(mid.split(', ').map((p) => p.replace(/^<[^>]+>;/, ''))).toEqual([
      'rel="first"',
      'rel="prev"',
      'rel="next"',
      'rel="last"',
    ]);
    expect(linkHeader(u('?size=10'), 1, 10, 35)).not.toContain('rel="prev"');
    expect(linkHeader(u('?size=10&page=4'), 4, 10, 35)).not.toContain('rel="next"');
  });

  it('is followed page by page by the Saviynt nextUrlPath expression, keeping other query parameters', () => {
    const total = 35;
    const visited: number[] = [];
    let url: string | null = u('?size=10').href;
    while (url) {
      const at = new URL(url);
      const page = Number(at.searchParams.get('page') ?? '1');
      visited.push(page);
      expect(at.searchParams.get('size')).toBe('10');
      url = saviyntNextUrl(linkHeader(at, page, 10, total));
      if (visited.length > 10) throw new Error('runaway paging');
    }
    expect(visited).toEqual([1, 2, 3, 4]);
  });

  it('gives the Saviynt expression nothing to follow on a single page', () => {
    expect(saviyntNextUrl(linkHeader(u(''), 1, 30, 12))).toBeNull();
  });

  it('percent-encodes commas inside URLs so splitting on "," stays correct', () => {
    const h = linkHeader(u('?sort=email-asc,id-desc&size=5'), 1, 5, 20);
    expect(h.split(',')).toHaveLength(3);
    const next = saviyntNextUrl(h)!;
    expect(new URL(next).searchParams.get('sort')).toBe('email-asc,id-desc');
    expect(new URL(next).searchParams.get('page')).toBe('2');
  });
});

describe.skipIf(!hasReference)('the transcribed Saviynt expression matches the reference package', () => {
  it(
    hasReference
      ? 'every nextUrlPath of leanix-example/ImportAccountEntJSON.json is the transcribed one'
      : NO_REFERENCE,
    () => {
      const found: string[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) {
            if (k === 'nextUrlPath' && typeof x === 'string') found.push(x);
            else walk(x);
          }
        }
      };
      walk(JSON.parse(readFileSync(referencePath('leanix-example', 'ImportAccountEntJSON.json'), 'utf8')));
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) expect(f).toBe(SAVIYNT_NEXT_URL_PATH);
    },
  );
});
