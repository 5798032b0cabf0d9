/** Paging, sorting and boolean query parameters of MTM list endpoints, and the optional RFC 8288 Link header. */
import { badRequest } from './envelope.ts';

export interface Paging {
  page: number;
  size: number;
}

function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw badRequest(name, `${name} must be an integer, got ${JSON.stringify(raw)}`);
  return Number(raw.trim());
}

/**
 * Reads `page` (1-based; missing or < 1 means 1) and `size` (default per endpoint; < 1 is a 400; over `max` is
 * clamped to `max`, as real clients asking for 1000 still get a page rather than an error).
 */
export function parsePaging(url: URL, defaultSize: number, max: number): Paging {
  const page = Math.max(1, intParam(url, 'page') ?? 1);
  const size = intParam(url, 'size') ?? defaultSize;
  if (size < 1) throw badRequest('size', `size must be at least 1, got ${size}`);
  return { page, size: Math.min(size, max) };
}

/** Reads an optional boolean query parameter (`true`/`false`, any case); anything else is a 400. */
export function boolParam(url: URL, name: string): boolean | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(name, `${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** Reads a comma-separated query parameter (repeated parameters are merged); empty items dropped. */
export function listParam(url: URL, name: string): string[] {
  const out: string[] = [];
  for (const raw of url.searchParams.getAll(name)) {
    for (const part of raw.split(',')) {
      const t = part.trim();
      if (t) out.push(t);
    }
  }
  return out;
}

/** One `field-asc` / `field-desc` item of a `sort` parameter. */
export interface SortKey {
  field: string;
  desc: boolean;
}

/** Parses `sort=email-asc,id-desc` against the allowed fields (400 naming `sort` otherwise). */
export function parseSort(url: URL, allowed: readonly string[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const item of listParam(url, 'sort')) {
    const m = /^([A-Za-z]+)(?:-(asc|desc))?$/i.exec(item);
    const field = m ? allowed.find((f) => f.toLowerCase() === m[1].toLowerCase()) : undefined;
    if (!m || !field) {
      throw badRequest(
        'sort',
        `cannot sort by ${JSON.stringify(item)}; use one of ${allowed.join(', ')} with -asc or -desc`,
      );
    }
    keys.push({ field, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' });
  }
  return keys;
}

/** Number of the last page (at least 1, so an empty list has one empty page). */
export function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * The Link header for a page: `<first>;rel="first", <prev>;rel="prev", <next>;rel="next", <last>;rel="last"`, with
 * prev/next only when they exist. No space before `;`, parts joined by ", ", and commas inside URLs percent-encoded
 * (URLSearchParams does it), because the Saviynt LeanIX package splits the header on ',' and takes part [2] of 4
 * or part [1] of 3 when it contains "next", stripping `<` and `>;rel="next"`.
 */
export function linkHeader(requestUrl: URL, page: number, size: number, total: number): string {
  const last = lastPage(total, size);
  const at = (p: number) => {
    const u = new URL(requestUrl.href);
    u.searchParams.set('page', String(p));
    u.searchParams.set('size', String(size));
    return u.href.replaceAll(',', '%2C');
  };
  const parts = [`<${at(1)}>;rel="first"`];
  if (page > 1) parts.push(`<${at(Math.min(page - 1, last))}>;rel="prev"`);
  if (page < last) parts.push(`<${at(page + 1)}>;rel="next"`);
  parts.push(`<${at(last)}>;rel="last"`);
  return parts.join(', ');
}
