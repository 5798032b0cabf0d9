/**
 * Pagination planners for import calls, the three kinds EIC documents:
 * - `nextUrl`: `nextUrlPath` is a Groovy template over `response.completeResponseMap` (the parsed body),
 *   `response.objectList` (this page's records) and `headers` (response headers), or a plain body path; null or ""
 *   stops. A relative next URL is resolved against the current one.
 * - `offset`: `offsetParam=<n>&batchParam=<batchSize>`, n = 0, +batchSize per page; stops when n reaches the total
 *   (`totalCountPath`: a body path, `headers.x`, or a literal cap), or on an empty or short page.
 * - `page`: `pageNumberParam` from `firstPageNumber` (default 1) and `pageSizeParam=pageSize`; stops when
 *   pages × size reaches the total, or on an empty page or one shorter than `pageRecordCount` (default pageSize).
 * Every planner refuses to loop: a next URL seen before, or more than `maxPages` pages, is an error.
 */
import { HarnessError } from '../../../lib/diagnostic.ts';
import { getPath } from '../../http/paths.ts';
import { DEFAULT_MAX_PAGES } from './constants.ts';
import type { TemplateRenderer } from './types.ts';

export type Pagination =
  | { kind: 'none' }
  | { kind: 'nextUrl'; nextUrlPath: string }
  | { kind: 'offset'; offsetParam: string; batchParam: string; batchSize: number; totalCountPath?: unknown }
  | {
      kind: 'page';
      pageNumberParam: string;
      pageSizeParam?: string;
      pageSize: number;
      firstPageNumber: number;
      totalCountPath?: unknown;
      pageRecordCount?: unknown;
    };

/** What one fetched page offers the planner. */
export interface PageSeen {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  records: readonly unknown[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Reads a call's `pagination` object; throws a HarnessError naming the JSON path when it is malformed. */
export function parsePagination(
  raw: unknown,
  where: (string | number)[],
  attribute = 'ImportAccountEntJSON',
): Pagination {
  if (raw === undefined || raw === null) return { kind: 'none' };
  const fail = (sub: (string | number)[], expected: string): never => {
    throw new HarnessError(
      'import.pagination.config',
      `pagination: expected ${expected}`,
      { attribute, path: [...where, 'pagination', ...sub] },
      'see the REST connector guide: pagination is {"nextUrl":{...}}, {"offset":{...}} or {"page":{...}}',
    );
  };
  if (!isObj(raw)) return fail([], 'an object');
  if (isObj(raw.nextUrl)) {
    const p = raw.nextUrl.nextUrlPath;
    if (typeof p !== 'string') return fail(['nextUrl', 'nextUrlPath'], 'a string (a body path or a Groovy expression)');
    return { kind: 'nextUrl', nextUrlPath: p };
  }
  if (isObj(raw.offset)) {
    const o = raw.offset;
    if (typeof o.offsetParam !== 'string') return fail(['offset', 'offsetParam'], 'a query parameter name');
    if (typeof o.batchParam !== 'string') return fail(['offset', 'batchParam'], 'a query parameter name');
    const batchSize = num(o.batchSize);
    if (!batchSize) return fail(['offset', 'batchSize'], 'a positive number');
    return {
      kind: 'offset',
      offsetParam: o.offsetParam,
      batchParam: o.batchParam,
      batchSize,
      totalCountPath: o.totalCountPath,
    };
  }
  if (isObj(raw.page)) {
    const p = raw.page;
    if (typeof p.pageNumberParam !== 'string') return fail(['page', 'pageNumberParam'], 'a query parameter name');
    const pageSize = num(p.pageSize);
    if (!pageSize) return fail(['page', 'pageSize'], 'a positive number');
    return {
      kind: 'page',
      pageNumberParam: p.pageNumberParam,
      pageSizeParam: typeof p.pageSizeParam === 'string' ? p.pageSizeParam : undefined,
      pageSize,
      firstPageNumber: num(p.firstPageNumber) ?? 1,
      totalCountPath: p.totalCountPath,
      pageRecordCount: p.pageRecordCount,
    };
  }
  return fail([], 'one of nextUrl, offset or page');
}

/** Sets query parameters on a URL, replacing any of the same name, keeping the rest of the URL as written. */
export function withQuery(url: string, params: Record<string, string | number>): string {
  const hashAt = url.indexOf('#');
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = base.indexOf('?');
  const path = q >= 0 ? base.slice(0, q) : base; // whitespace: the URL rule of harness/http/url.ts, applied before
  const names = new Set(Object.keys(params));
  const kept = (q >= 0 ? base.slice(q + 1) : '')
    .split('&')
    .filter((kv) => kv !== '' && !names.has(decodeURIComponent(kv.split('=')[0])));
  for (const [k, v] of Object.entries(params)) kept.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${path}?${kept.join('&')}`;
}

/** Response headers as the `headers` binding: each under its lower-case name and its Canonical-Case name. */
export function headerBindings(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    out[lower] = v;
    out[lower.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())] = v;
    out[k] = v;
  }
  return out;
}

/** Resolves a `totalCountPath`/`pageRecordCount` value: a literal number, `headers.x`, or a body path. */
export function resolveCount(spec: unknown, seen: PageSeen): number | undefined {
  const literal = num(spec);
  if (literal !== undefined) return literal;
  if (typeof spec !== 'string' || spec.trim() === '') return undefined;
  let v: unknown;
  if (/^headers\./i.test(spec)) {
    const name = spec.slice('headers.'.length).toLowerCase();
    v = Object.entries(seen.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  } else {
    const path = spec.replace(/^completeResponseMap\./, '');
    v = getPath(seen.body, path);
  }
  return num(v);
}

/** Plans the URLs of one paged call; `next` returns the following URL or null when the listing is complete. */
export class Pager {
  private readonly seenUrls = new Set<string>();
  private pages = 0;
  private offset = 0;
  private pageNumber: number;
  private readonly maxPages: number;

  constructor(
    readonly pagination: Pagination,
    private readonly baseUrl: string,
    private readonly render: TemplateRenderer,
    private readonly extraBindings: Record<string, unknown> = {},
    options: { maxPages?: number; where?: (string | number)[]; attribute?: string } = {},
  ) {
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.where = options.where ?? [];
    this.attribute = options.attribute ?? 'ImportAccountEntJSON';
    this.pageNumber = pagination.kind === 'page' ? pagination.firstPageNumber : 0;
  }
  private readonly where: (string | number)[];
  private readonly attribute: string;

  /** Pages planned so far (the first included). */
  get pageCount(): number {
    return this.pages;
  }

  /** The URL of the first page. */
  first(): string {
    const p = this.pagination;
    let url = this.baseUrl;
    if (p.kind === 'offset') url = withQuery(url, { [p.offsetParam]: 0, [p.batchParam]: p.batchSize });
    else if (p.kind === 'page')
      url = withQuery(url, {
        [p.pageNumberParam]: this.pageNumber,
        ...(p.pageSizeParam ? { [p.pageSizeParam]: p.pageSize } : {}),
      });
    return this.admit(url);
  }

  private admit(url: string): string {
    this.pages++;
    if (this.pages > this.maxPages)
      throw new HarnessError(
        'import.pagination.limit',
        `stopped after ${this.maxPages} pages of one call: the pagination never ends (last next URL ${url})`,
        { attribute: this.attribute, path: [...this.where, 'pagination'] },
        'check the stop condition of the pagination, or raise maxPages if the target really has that many pages',
      );
    if (this.seenUrls.has(url))
      throw new HarnessError(
        'import.pagination.loop',
        `the next-page URL ${url} was already fetched in this listing: the pagination loops`,
        { attribute: this.attribute, path: [...this.where, 'pagination'] },
        'the next URL must change from page to page and be null (or "") after the last page',
      );
    this.seenUrls.add(url);
    return url;
  }

  /** Decides the next URL after a page; null stops. Throws a HarnessError on a loop, the page cap or a bad template. */
  next(seen: PageSeen): string | null {
    const p = this.pagination;
    switch (p.kind) {
      case 'none':
        return null;
      case 'nextUrl': {
        const next = this.evalNextUrl(p.nextUrlPath, seen);
        if (next === null) return null;
        let abs = next;
        try {
          abs = new URL(next, seen.url).toString();
        } catch {
          // not resolvable (e.g. a relative base): send as written
        }
        return this.admit(abs);
      }
      case 'offset': {
        if (seen.records.length === 0) return null;
        this.offset += p.batchSize;
        const total = resolveCount(p.totalCountPath, seen);
        if (total !== undefined && this.offset >= total) return null;
        if (total === undefined && seen.records.length < p.batchSize) return null;
        return this.admit(withQuery(this.baseUrl, { [p.offsetParam]: this.offset, [p.batchParam]: p.batchSize }));
      }
      case 'page': {
        if (seen.records.length === 0) return null;
        const done = this.pageNumber - p.firstPageNumber + 1;
        const total = resolveCount(p.totalCountPath, seen);
        if (total !== undefined && done * p.pageSize >= total) return null;
        const perPage = resolveCount(p.pageRecordCount, seen) ?? p.pageSize;
        if (seen.records.length < Math.min(perPage, p.pageSize)) return null;
        this.pageNumber++;
        return this.admit(
          withQuery(this.baseUrl, {
            [p.pageNumberParam]: this.pageNumber,
            ...(p.pageSizeParam ? { [p.pageSizeParam]: p.pageSize } : {}),
          }),
        );
      }
    }
  }

  private evalNextUrl(spec: string, seen: PageSeen): string | null {
    let raw: unknown;
    if (spec.includes('${')) {
      const r = this.render(spec, {
        ...this.extraBindings,
        response: { completeResponseMap: seen.body, objectList: seen.records },
        headers: headerBindings(seen.headers),
      });
      if (!r.ok)
        throw new HarnessError(
          'import.pagination.groovy',
          `nextUrlPath failed: ${r.error.type}: ${r.error.message}`,
          {
            attribute: this.attribute,
            path: [...this.where, 'pagination', 'nextUrl', 'nextUrlPath'],
            offset: r.error.offset,
          },
          'the expression must yield the next URL, or null/"" after the last page',
        );
      raw = r.raw;
    } else {
      const path = spec.replace(/^completeResponseMap\./, '');
      raw = isObj(seen.body) && Object.hasOwn(seen.body, path) ? seen.body[path] : getPath(seen.body, path);
    }
    if (raw === null || raw === undefined) return null;
    const s = String(raw).trim();
    return s === '' || s === 'null' ? null : s;
  }
}
