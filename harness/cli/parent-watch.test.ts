import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ParentGone, watchParent } from './parent-watch.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchParent', () => {
  it('reports a changed parent pid once, then stops polling', () => {
    vi.useFakeTimers();
    let ppid = 4242;
    const seen: ParentGone[] = [];
    watchParent((why) => seen.push(why), { ppid: () => ppid, stdin: null, hangup: false, intervalMs: 100 });
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
    ppid = 1; // re-parented to init
    vi.advanceTimersByTime(100);
    ppid = 77;
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['parent-exited']);
  });

  it('does not watch the pid of a process whose parent is already init', () => {
    vi.useFakeTimers();
    let ppid = 1;
    const seen: ParentGone[] = [];
    watchParent((why) => seen.push(why), { ppid: () => ppid, stdin: null, hangup: false });
    ppid = 500;
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });

  it('reports the end of a piped stdin, and ignores what arrives before', async () => {
    const stdin = new PassThrough();
    const seen: ParentGone[] = [];
    watchParent((why) => seen.push(why), { ppid: () => 0, stdin, hangup: false });
    stdin.write('hello\n');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
    stdin.end();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['stdin-closed']);
  });

  it('reports SIGHUP, and the returned function stops every watch', () => {
    vi.useFakeTimers();
    let ppid = 4242;
    const stdin = new PassThrough();
    const seen: ParentGone[] = [];
    const before = process.listenerCount('SIGHUP');
    const stop = watchParent((why) => seen.push(why), { ppid: () => ppid, stdin });
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    process.emit('SIGHUP', 'SIGHUP');
    expect(seen).toEqual(['SIGHUP']);
    stop();
    expect(process.listenerCount('SIGHUP')).toBe(before);

    const later: ParentGone[] = [];
    const stop2 = watchParent((why) => later.push(why), { ppid: () => ppid, stdin, hangup: false });
    stop2();
    ppid = 1;
    vi.advanceTimersByTime(5000);
    stdin.end();
    expect(later).toEqual([]);
  });
});
