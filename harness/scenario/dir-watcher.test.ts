import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryWatcher, nearestDirectory } from './dir-watcher.ts';

const watchers: DirectoryWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.close();
});

/** A watcher whose changes can be awaited: `next(path)` resolves once that path was reported. */
function watcher() {
  const seen: string[] = [];
  const waiting: { path: string; done: () => void }[] = [];
  const w = new DirectoryWatcher((p) => {
    seen.push(p);
    for (const x of waiting.filter((x) => x.path === p)) x.done();
  });
  watchers.push(w);
  const next = (path: string) =>
    seen.includes(path) ? Promise.resolve() : new Promise<void>((done) => waiting.push({ path, done }));
  return { w, seen, next };
}

describe('nearestDirectory', () => {
  it('is the path itself for a folder, else its nearest existing parent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dir-watcher-'));
    writeFileSync(join(dir, 'f.json'), '{}');
    expect(nearestDirectory(dir)).toBe(dir);
    expect(nearestDirectory(join(dir, 'f.json'))).toBe(dir);
    expect(nearestDirectory(join(dir, 'gone', 'deeper', 'x.json'))).toBe(dir);
  });
});

describe('DirectoryWatcher', () => {
  it('reports writes, saves by rename and deletions in a watched folder by the path they name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dir-watcher-'));
    const { w, next } = watcher();
    w.set([dir, join(dir, 'not-there')]);
    expect(w.directories).toEqual([dir]);
    writeFileSync(join(dir, 'a.json'), '{}');
    await next(join(dir, 'a.json'));
    writeFileSync(join(dir, 'b.json.tmp'), '{}');
    renameSync(join(dir, 'b.json.tmp'), join(dir, 'b.json'));
    await next(join(dir, 'b.json'));
    rmSync(join(dir, 'a.json'));
    const before = watcher(); // a second watcher sees only what happens after it starts
    before.w.set([dir]);
    writeFileSync(join(dir, 'c.json'), '{}');
    await before.next(join(dir, 'c.json'));
    expect(before.seen).not.toContain(join(dir, 'b.json'));
  });

  it('set() drops folders no longer wanted and re-watches a folder deleted and re-created', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dir-watcher-'));
    const pkg = join(root, 'connector');
    mkdirSync(pkg);
    const { w, next, seen } = watcher();
    w.set([root, pkg]);
    rmSync(pkg, { recursive: true });
    await next(pkg); // seen from the parent
    mkdirSync(pkg);
    w.set([root, pkg]); // the caller recomputes the set after each batch
    writeFileSync(join(pkg, 'CreateAccountJSON.json'), '{}');
    await next(join(pkg, 'CreateAccountJSON.json'));
    w.set([pkg]);
    expect(w.directories).toEqual([pkg]);
    const count = seen.length;
    writeFileSync(join(root, 'ignored.json'), '{}');
    writeFileSync(join(pkg, 'seen.json'), '{}');
    await next(join(pkg, 'seen.json'));
    expect(seen.slice(count)).not.toContain(join(root, 'ignored.json'));
  });
});
