/**
 * Filtered and sorted listings, cached by store version: paging through a 10,000-row workspace filters and sorts once,
 * then every page is a slice of the rows, and a page served twice is served from its cached body. A write drops the
 * page bodies; it drops the rows too unless it kept the store's shape and the listing has no filter or sort.
 */
import type { SortKey } from './paging.ts';

/** How to read a sortable field of a row (strings compare case-insensitively, nulls last). */
export type FieldReader<T> = (row: T) => string | number | null | undefined;

function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts rows (stable) by the keys; no keys keeps the given order. */
export function sortRows<T>(rows: T[], keys: readonly SortKey[], fields: Record<string, FieldReader<T>>): T[] {
  if (keys.length === 0) return rows;
  const readers = keys.map((k) => ({ read: fields[k.field], sign: k.desc ? -1 : 1 }));
  return rows.sort((x, y) => {
    for (const r of readers) {
      const c = compareValues(r.read(x), r.read(y));
      if (c !== 0) return c * r.sign;
    }
    return 0;
  });
}

/** A cached listing: the filtered, sorted rows and the response bodies of the pages served from it so far. */
export interface Listing<T> {
  /** The rows as built; after updates that kept the shape (`reusable`), possibly older versions of their records. */
  rows: T[];
  /**
   * The store version every row is current at (the one they were built at, until the caller brings them up to date; a
   * caller may bring single rows further).
   */
  version: number;
  /**
   * Page bodies by `start:end` (the whole envelope's bytes), while the cache's byte budget allows; `null` marks a page
   * seen once and not kept: served once since the last write, or kept before it. A page is kept on its next request.
   */
  pages: Map<string, Uint8Array | null>;
  /** Built without filter or sort: its rows stay valid while the store's shape version does. */
  reusable: boolean;
}

/** The store versions a listing is checked against (store.ts). */
export interface ListVersions {
  version: number;
  shapeVersion: number;
}

export interface ListCache {
  /**
   * The cached listing for `key`, computing its rows with `build` on a miss. A listing survives a change of `version`
   * when it is `reusable` and `shapeVersion` did not change (its page bodies do not); any other change drops it.
   */
  get<T>(key: string, v: ListVersions, reusable: boolean, build: () => T[]): Listing<T>;
  /**
   * The body of rows [start, end) of a listing: cached, else made by `render`, and kept from its second request on (from
   * its first when the page was kept before the last write) while every kept page together stays under the byte
   * budget (once it is full, no other page is kept until the next write).
   */
  page<T>(listing: Listing<T>, start: number, end: number, render: () => Uint8Array): Uint8Array;
  /** Number of cached listings. */
  size(): number;
}

/** Pages served once that a cache remembers at most between two writes (past it, other pages are not kept). */
export const PAGE_MARKS = 16_384;

/** Bytes of page bodies a cache keeps at most (~270 pages of 100 users). */
export const PAGE_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Creates a cache holding at most `max` listings. Pages are cached whole, so a page read again and again is a lookup,
 * and a write costs the next reader one page (its rows joined), not the whole listing re-serialised.
 */
export function createListCache(max = 64, pageBudget = PAGE_CACHE_BYTES): ListCache {
  let version = -1;
  let shape = -1;
  let pageBytes = 0;
  let marks = 0;
  const entries = new Map<string, Listing<unknown>>();
  /** Drops every page body on a write: a page that was kept is marked as seen (kept again on its next request). */
  const dropPages = () => {
    marks = 0;
    for (const l of entries.values())
      for (const [k, body] of l.pages) {
        if (body) {
          l.pages.set(k, null);
          marks++;
        } else l.pages.delete(k);
      }
    pageBytes = 0;
  };
  return {
    get<T>(key: string, v: ListVersions, reusable: boolean, build: () => T[]): Listing<T> {
      if (v.shapeVersion !== shape) {
        entries.clear();
        shape = v.shapeVersion;
      }
      if (v.version !== version) {
        dropPages();
        for (const [k, l] of entries) if (!l.reusable) entries.delete(k);
        version = v.version;
      }
      const hit = entries.get(key);
      if (hit) {
        // refresh recency
        entries.delete(key);
        entries.set(key, hit);
        return hit as Listing<T>;
      }
      const listing: Listing<T> = { rows: build(), version: v.version, pages: new Map(), reusable };
      entries.set(key, listing as Listing<unknown>);
      if (entries.size > max) {
        const oldest = entries.keys().next().value as string;
        for (const b of entries.get(oldest)!.pages.values()) pageBytes -= b?.byteLength ?? 0;
        entries.delete(oldest);
      }
      return listing;
    },
    page<T>(listing: Listing<T>, start: number, end: number, render: () => Uint8Array): Uint8Array {
      const key = `${start}:${end}`;
      const hit = listing.pages.get(key);
      if (hit) return hit;
      const body = render();
      // A page is kept from its second request on (or its first, when it was kept before the last write): a client
      // paging through once (an import) then leaves only young garbage, where kept bodies would be promoted and die
      // in the old generation, each 64 MiB of them forcing a full mark of the whole tenant (V8 starts marking on
      // external-memory pressure).
      if (hit === undefined) {
        // the marks are bounded too: a client asking for ever new page/size pairs must not grow the cache
        if (marks < PAGE_MARKS) {
          listing.pages.set(key, null);
          marks++;
        }
        return body;
      }
      // Full: nothing more is kept until the next write. Dropping kept pages to make room would turn a client paging
      // through more than the budget into a stream of bodies promoted and then dropped (see above).
      if (pageBytes + body.byteLength > pageBudget) return body;
      listing.pages.set(key, body);
      pageBytes += body.byteLength;
      return body;
    },
    size: () => entries.size,
  };
}
