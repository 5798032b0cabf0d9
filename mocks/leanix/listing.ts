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

export interface ListCache {
  /** The cached rows for `key` at `version`, computing them with `build` on a miss. */
  get<T>(key: string, version: number, build: () => T[]): T[];
  /** Number of cached listings. */
  size(): number;
}

/** Creates a cache holding at most `max` listings, all dropped when the version changes. */
export function createListCache(max = 64): ListCache {
  let version = -1;
  const entries = new Map<string, unknown[]>();
  return {
    get<T>(key: string, v: number, build: () => T[]): T[] {
      if (v !== version) {
        entries.clear();
        version = v;
      }
      const hit = entries.get(key);
      if (hit) {
        // refresh recency
        entries.delete(key);
        entries.set(key, hit);
        return hit as T[];
      }
      const rows = build();
      entries.set(key, rows);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
      return rows;
    },
    size: () => entries.size,
  };
}
