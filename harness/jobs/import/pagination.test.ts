// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates are written with ${...} on purpose
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../../lib/diagnostic.ts';
import type { RenderResult } from '../../groovy/types.ts';
import type { PageSeen } from './pagination.ts';
import { headerBindings, Pager, parsePagination, resolveCount, withQuery } from './pagination.ts';

/** A stand-in renderer: evaluates `${next}` as `response.completeResponseMap.next` (the engine has its own tests). */
const render = (template: string, b: Record<string, unknown>): RenderResult => {
  const body = (b.response as { completeResponseMap: Record<string, unknown> }).completeResponseMap;
  if (template === '${next}') return { ok: true, value: String(body.next), raw: body.next ?? null };
  if (template === '${headers.Link}') {
    const h = b.headers as Record<string, string>;
    return { ok: true, value: String(h.Link), raw: h.Link ?? null };
  }
  return { ok: false, error: { type: 'groovy.lang.MissingPropertyException', message: 'nope' } };
};

const page = (url: string, body: unknown, records: number, headers: Record<string, string> = {}): PageSeen => ({
  url,
  body,
  headers,
  records: Array.from({ length: records }, (_, i) => i),
});

describe('pagination config', () => {
  it('reads the three kinds and names the JSON path of a malformed one', () => {
    expect(parsePagination(undefined, []).kind).toBe('none');
    expect(parsePagination({ nextUrl: { nextUrlPath: 'next' } }, [])).toEqual({ kind: 'nextUrl', nextUrlPath: 'next' });
    expect(parsePagination({ page: { pageNumberParam: 'page', pageSize: '50' } }, [])).toMatchObject({
      kind: 'page',
      pageSize: 50,
      firstPageNumber: 1,
    });
    try {
      parsePagination({ offset: { offsetParam: 'o', batchParam: 'l' } }, ['accountParams', 'call', 'call1']);
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e) && e.location.path).toEqual([
        'accountParams',
        'call',
        'call1',
        'pagination',
        'offset',
        'batchSize',
      ]);
    }
  });
});

describe('nextUrl planner', () => {
  it('follows a body path, resolves relative URLs, and stops on null or ""', () => {
    const p = new Pager({ kind: 'nextUrl', nextUrlPath: 'links.next' }, 'https://h/api/users', render);
    expect(p.first()).toBe('https://h/api/users');
    expect(p.next(page('https://h/api/users', { links: { next: '/api/users?c=2' } }, 5))).toBe(
      'https://h/api/users?c=2',
    );
    expect(p.next(page('https://h/api/users?c=2', { links: { next: '' } }, 5))).toBeNull();
    const q = new Pager({ kind: 'nextUrl', nextUrlPath: '@odata.nextLink' }, 'https://h/u', render);
    q.first();
    expect(q.next(page('https://h/u', { '@odata.nextLink': 'https://h/u?skip=1' }, 1))).toBe('https://h/u?skip=1');
  });
  it('evaluates a template over completeResponseMap and headers', () => {
    const p = new Pager({ kind: 'nextUrl', nextUrlPath: '${next}' }, 'https://h/x', render);
    p.first();
    expect(p.next(page('https://h/x', { next: 'https://h/x?p=2' }, 1))).toBe('https://h/x?p=2');
    expect(p.next(page('https://h/x?p=2', { next: null }, 1))).toBeNull();
    const h = new Pager({ kind: 'nextUrl', nextUrlPath: '${headers.Link}' }, 'https://h/x', render);
    h.first();
    expect(h.next(page('https://h/x', {}, 1, { link: 'https://h/x?p=9' }))).toBe('https://h/x?p=9');
  });
  it('refuses a next URL seen before and a run past maxPages', () => {
    const p = new Pager({ kind: 'nextUrl', nextUrlPath: 'next' }, 'https://h/x', render);
    p.first();
    p.next(page('https://h/x', { next: 'https://h/x?p=2' }, 1));
    expect(() => p.next(page('https://h/x?p=2', { next: 'https://h/x' }, 1))).toThrow(/already fetched/);
    let n = 0;
    const q = new Pager({ kind: 'nextUrl', nextUrlPath: 'next' }, 'https://h/x', render, {}, { maxPages: 3 });
    q.first();
    const go = () => {
      for (;;) q.next(page('x', { next: `https://h/x?p=${++n}` }, 1));
    };
    expect(go).toThrow(/stopped after 3 pages/);
  });
  it('reports a Groovy failure of nextUrlPath with its JSON path', () => {
    const p = new Pager({ kind: 'nextUrl', nextUrlPath: '${bad}' }, 'https://h/x', render, {}, { where: ['w'] });
    p.first();
    try {
      p.next(page('https://h/x', {}, 1));
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e) && e.code).toBe('import.pagination.groovy');
      expect(isHarnessError(e) && e.location.path).toEqual(['w', 'pagination', 'nextUrl', 'nextUrlPath']);
    }
  });
});

describe('offset planner', () => {
  it('advances by batchSize and stops at the total from the body', () => {
    const p = new Pager(
      {
        kind: 'offset',
        offsetParam: 'offset',
        batchParam: 'limit',
        batchSize: 2,
        totalCountPath: 'completeResponseMap.total',
      },
      'https://h/u?x=1',
      render,
    );
    expect(p.first()).toBe('https://h/u?x=1&offset=0&limit=2');
    expect(p.next(page('', { total: 5 }, 2))).toBe('https://h/u?x=1&offset=2&limit=2');
    expect(p.next(page('', { total: 5 }, 2))).toBe('https://h/u?x=1&offset=4&limit=2');
    expect(p.next(page('', { total: 5 }, 1))).toBeNull();
  });
  it('treats a numeric totalCountPath as a cap and stops on a short page without a total', () => {
    const cap = new Pager(
      { kind: 'offset', offsetParam: 'o', batchParam: 'l', batchSize: 10, totalCountPath: '20' },
      'https://h/u',
      render,
    );
    cap.first();
    expect(cap.next(page('', {}, 10))).toContain('o=10');
    expect(cap.next(page('', {}, 10))).toBeNull();
    const open = new Pager({ kind: 'offset', offsetParam: 'o', batchParam: 'l', batchSize: 10 }, 'https://h/u', render);
    open.first();
    expect(open.next(page('', {}, 10))).toContain('o=10');
    expect(open.next(page('', {}, 3))).toBeNull();
  });
});

describe('page planner', () => {
  it('counts pages from firstPageNumber, sets the size, and stops at the total', () => {
    const p = new Pager(
      {
        kind: 'page',
        pageNumberParam: 'page',
        pageSizeParam: 'size',
        pageSize: 3,
        firstPageNumber: 1,
        totalCountPath: 'completeResponseMap.total',
      },
      'https://h/u?size=10',
      render,
    );
    expect(p.first()).toBe('https://h/u?page=1&size=3');
    expect(p.next(page('', { total: 7 }, 3))).toBe('https://h/u?page=2&size=3');
    expect(p.next(page('', { total: 7 }, 3))).toBe('https://h/u?page=3&size=3');
    expect(p.next(page('', { total: 7 }, 1))).toBeNull();
  });
  it('reads the total from a header, starts at page 0, and stops on an empty page', () => {
    const p = new Pager(
      { kind: 'page', pageNumberParam: 'p', pageSize: 2, firstPageNumber: 0, totalCountPath: 'headers.X-Total-Count' },
      'https://h/u',
      render,
    );
    expect(p.first()).toBe('https://h/u?p=0');
    expect(p.next(page('', {}, 2, { 'x-total-count': '100' }))).toBe('https://h/u?p=1');
    expect(p.next(page('', {}, 0, { 'x-total-count': '100' }))).toBeNull();
  });
});

describe('helpers', () => {
  it('withQuery replaces parameters of the same name and keeps the others', () => {
    expect(withQuery('https://h/p?size=10&q=a%20b', { size: 100, page: 2 })).toBe(
      'https://h/p?q=a%20b&size=100&page=2',
    );
  });
  it('headerBindings offers lower-case and Canonical-Case names', () => {
    expect(headerBindings({ link: 'l', 'x-total-count': '3' })).toMatchObject({
      Link: 'l',
      link: 'l',
      'X-Total-Count': '3',
    });
  });
  it('resolveCount reads paths with or without the completeResponseMap prefix', () => {
    const seen = page('', { meta: { total: '12' } }, 0);
    expect(resolveCount('completeResponseMap.meta.total', seen)).toBe(12);
    expect(resolveCount('meta.total', seen)).toBe(12);
    expect(resolveCount(5000, seen)).toBe(5000);
    expect(resolveCount('nothing', seen)).toBeUndefined();
  });
});
