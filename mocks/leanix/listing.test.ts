import { describe, expect, it } from 'vitest';
import { createListCache, serializeListing, sliceListing, sortRows } from './listing.ts';

const enc = (s: string) => Buffer.from(s);
const dec = (b: Uint8Array) => Buffer.from(b).toString();

describe('serialised listings', () => {
  it('slices any page of the comma-joined rows, including the last and empty pages', () => {
    const rows = ['{"a":1}', '{"b":"ü"}', '{"c":3}', '{"d":4}', '{"e":5}'];
    const s = serializeListing(rows, enc);
    expect(dec(s.bytes)).toBe(rows.join(','));
    expect(dec(sliceListing(s, 0, 2))).toBe('{"a":1},{"b":"ü"}');
    expect(dec(sliceListing(s, 2, 4))).toBe('{"c":3},{"d":4}');
    expect(dec(sliceListing(s, 4, 5))).toBe('{"e":5}');
    expect(dec(sliceListing(s, 5, 5))).toBe('');
    expect(JSON.parse(`[${dec(sliceListing(s, 1, 5))}]`)).toHaveLength(4);
    expect(dec(serializeListing([], enc).bytes)).toBe('');
  });
});

describe('list cache', () => {
  it('builds once per key and version, and drops everything when the version changes', () => {
    const cache = createListCache(2);
    let builds = 0;
    const build = () => {
      builds++;
      return [1, 2, 3];
    };
    cache.get('a', 1, build);
    cache.get('a', 1, build);
    expect(builds).toBe(1);
    cache.get('a', 2, build);
    expect(builds).toBe(2);
    cache.get('b', 2, build);
    cache.get('c', 2, build);
    expect(cache.size()).toBe(2);
  });
});

describe('sortRows', () => {
  it('sorts case-insensitively with nulls last, multi-key, desc', () => {
    const rows = [
      { n: 'b', k: 1 },
      { n: null, k: 2 },
      { n: 'A', k: 3 },
      { n: 'a', k: 0 },
    ];
    const fields = { n: (r: { n: string | null }) => r.n, k: (r: { k: number }) => r.k };
    const out = sortRows(
      [...rows],
      [
        { field: 'n', desc: false },
        { field: 'k', desc: true },
      ],
      fields as never,
    );
    expect(out.map((r) => r.k)).toEqual([3, 0, 1, 2]);
  });
});
