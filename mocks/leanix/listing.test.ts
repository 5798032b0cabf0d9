import { describe, expect, it } from 'vitest';
import { createListCache, PAGE_MARKS, sortRows } from './listing.ts';

/** A page renderer (10 bytes a page) that counts its calls. */
function counting() {
  let n = 0;
  return {
    render: () => {
      n++;
      return new Uint8Array(10);
    },
    renders: () => n,
  };
}

/** Store versions with the shape changing on every write. */
const v = (n: number) => ({ version: n, shapeVersion: n });

describe('list cache', () => {
  it('builds once per key and version, and drops everything when the version changes', () => {
    const cache = createListCache(2);
    let builds = 0;
    const build = () => {
      builds++;
      return [1, 2, 3];
    };
    cache.get('a', v(1), false, build);
    cache.get('a', v(1), false, build);
    expect(builds).toBe(1);
    cache.get('a', v(2), false, build);
    expect(builds).toBe(2);
    cache.get('b', v(2), false, build);
    cache.get('c', v(2), false, build);
    expect(cache.size()).toBe(2);
  });

  it('keeps a page from its second request on, and starts over when a write changes the version', () => {
    const cache = createListCache();
    const { render, renders } = counting();
    const first = cache.get('a', v(1), false, () => [1, 2, 3]);
    const once = cache.page(first, 0, 2, render);
    expect(first.pages.get('0:2')).toBeNull(); // served once: marked, not kept (a client paging through once)
    const body = cache.page(
      cache.get('a', v(1), false, () => []),
      0,
      2,
      render,
    );
    expect(body).not.toBe(once);
    expect(cache.page(first, 0, 2, render)).toBe(body); // the third request is a lookup
    expect(renders()).toBe(2);
    cache.page(first, 2, 3, render);
    expect(renders()).toBe(3);
    const next = cache.get('a', v(2), false, () => [1, 2, 3]);
    cache.page(next, 0, 2, render);
    cache.page(next, 0, 2, render);
    expect(renders()).toBe(5);
  });

  it('keeps a page that was kept before a write from its first request after it (a page read again and again)', () => {
    const cache = createListCache();
    const { render, renders } = counting();
    const versions = (n: number) => ({ version: n, shapeVersion: 1 });
    const l = cache.get('plain', versions(1), true, () => [1, 2, 3]);
    cache.page(l, 0, 1, render);
    cache.page(l, 0, 1, render); // kept: hot from now on
    cache.page(l, 1, 2, render); // served once: not hot
    expect(cache.get('plain', versions(2), true, () => [])).toBe(l);
    expect([...l.pages]).toEqual([['0:1', null]]); // the kept page counts as seen; the one served once is forgotten
    const body = cache.page(l, 0, 1, render);
    expect(l.pages.get('0:1')).toBe(body);
    cache.page(l, 1, 2, render);
    expect(l.pages.get('1:2')).toBeNull();
    expect(renders()).toBe(5);
    cache.get('plain', versions(3), true, () => []);
    cache.get('plain', versions(4), true, () => []); // not read in version 3: no longer kept at once
    cache.page(l, 0, 1, render);
    expect(l.pages.get('0:1')).toBeNull();
    expect(renders()).toBe(6);
  });

  it('remembers a bounded number of pages served once (a client asking for ever new pages cannot grow it)', () => {
    const cache = createListCache();
    const l = cache.get('a', v(1), false, () => [1]);
    for (let i = 0; i < PAGE_MARKS + 100; i++) cache.page(l, i, i + 1, () => new Uint8Array(1));
    expect(l.pages.size).toBe(PAGE_MARKS);
    const late = PAGE_MARKS + 50;
    cache.page(l, late, late + 1, () => new Uint8Array(1));
    expect(l.pages.has(`${late}:${late + 1}`)).toBe(false); // not marked, so never kept until the next write
    const next = cache.get('a', v(2), false, () => [1]);
    cache.page(next, late, late + 1, () => new Uint8Array(1));
    expect(next.pages.get(`${late}:${late + 1}`)).toBeNull(); // a write starts the count over
  });

  it('keeps the rows of a listing without filter or sort across writes that keep the shape, but not its pages', () => {
    const cache = createListCache();
    let builds = 0;
    const build = () => {
      builds++;
      return [1, 2, 3];
    };
    const plain = cache.get('plain', { version: 1, shapeVersion: 1 }, true, build);
    cache.page(plain, 0, 3, () => new Uint8Array(1));
    cache.get('sorted', { version: 1, shapeVersion: 1 }, false, build);
    expect(cache.get('plain', { version: 2, shapeVersion: 1 }, true, build)).toBe(plain);
    expect(plain.pages.size).toBe(0);
    cache.get('sorted', { version: 2, shapeVersion: 1 }, false, build);
    expect(builds).toBe(3);
    cache.get('plain', { version: 3, shapeVersion: 2 }, true, build);
    expect(builds).toBe(4);
  });

  it('keeps page bodies within its byte budget', () => {
    const cache = createListCache(64, 25);
    const { render, renders } = counting();
    const l = cache.get('a', v(1), false, () => [1]);
    const twice = (start: number) => {
      cache.page(l, start, start + 1, render);
      cache.page(l, start, start + 1, render);
    };
    twice(0);
    twice(1);
    twice(2); // a third would pass 25 bytes: not kept, and the two kept so far stay
    expect([...l.pages.keys()]).toEqual(['0:1', '1:2', '2:3']);
    expect(l.pages.get('2:3')).toBeNull();
    cache.page(l, 0, 1, render);
    expect(renders()).toBe(6);
    cache.page(l, 5, 6, () => new Uint8Array(30));
    const big = cache.page(l, 5, 6, () => new Uint8Array(30)); // larger than the budget: served, never kept
    expect(big.byteLength).toBe(30);
    expect(l.pages.get('5:6')).toBeNull();
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
