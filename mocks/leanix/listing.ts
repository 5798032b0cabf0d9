/**
 * Filtered and sorted listings, cached by store version: paging through a 10,000-row workspace filters and sorts once,
 * then every page is a slice. Any write bumps the store version and drops the cache.
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

/** A cached listing: the filtered, sorted rows and, once a page was served, their serialised bytes. */
export interface Listing<T> {
  rows: T[];
  /** All rows' JSON joined by commas, with the byte offset where each row starts (offsets[n] = length + 1). */
  serialized?: { bytes: Uint8Array; offsets: Uint32Array };
}

export interface ListCache {
  /** The cached listing for `key` at `version`, computing its rows with `build` on a miss. */
  get<T>(key: string, version: number, build: () => T[]): Listing<T>;
  /** Number of cached listings. */
  size(): number;
}

/** Creates a cache holding at most `max` listings, all dropped when the version changes. */
export function createListCache(max = 64): ListCache {
  let version = -1;
  const entries = new Map<string, Listing<unknown>>();
  return {
    get<T>(key: string, v: number, build: () => T[]): Listing<T> {
      if (v !== version) {
        entries.clear();
        version = v;
      }
      const hit = entries.get(key);
      if (hit) {
        // refresh recency
        entries.delete(key);
        entries.set(key, hit);
        return hit as Listing<T>;
      }
      const listing: Listing<T> = { rows: build() };
      entries.set(key, listing as Listing<unknown>);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
      return listing;
    },
    size: () => entries.size,
  };
}

/** Joins every row's bytes once (comma-separated) so each later page is one slice of it. */
export function serializeListing<T>(
  rows: readonly T[],
  toBytes: (row: T) => Uint8Array,
): NonNullable<Listing<T>['serialized']> {
  const parts = rows.map(toBytes);
  const offsets = new Uint32Array(parts.length + 1);
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    offsets[i] = total;
    total += parts[i].byteLength + 1;
  }
  offsets[parts.length] = total;
  const bytes = new Uint8Array(Math.max(0, total - 1));
  for (let i = 0; i < parts.length; i++) {
    bytes.set(parts[i], offsets[i]);
    if (i < parts.length - 1) bytes[offsets[i + 1] - 1] = 44; // ','
  }
  return { bytes, offsets };
}

/** The bytes of rows [start, end) of a serialised listing (a view, no copy). */
export function sliceListing(s: NonNullable<Listing<unknown>['serialized']>, start: number, end: number): Uint8Array {
  if (end <= start) return new Uint8Array(0);
  return s.bytes.subarray(s.offsets[start], s.offsets[end] - 1);
}
