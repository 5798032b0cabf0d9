import { describe, expect, it } from 'vitest';
import { terminalProgress } from './progress.ts';

describe('terminal progress', () => {
  it('draws a self-overwriting line on a TTY, throttled, and ends it with the final counts', () => {
    const out: string[] = [];
    let t = 0;
    const p = terminalProgress('account import', { isTTY: true, write: (s: string) => out.push(s) }, 100, () => t);
    p.onProgress?.(1, 30);
    t = 50;
    p.onProgress?.(2, 60); // throttled
    t = 150;
    p.onProgress?.(3, 90);
    t = 160;
    p.onProgress?.(4, 100); // throttled, but shown by done()
    p.done();
    expect(out).toEqual([
      '\raccount import: 1 page, 30 records\u001b[K',
      '\raccount import: 3 pages, 90 records\u001b[K',
      '\raccount import: 4 pages, 100 records\u001b[K',
      '\n',
    ]);
  });
  it('prints nothing when the stream is not a terminal', () => {
    const out: string[] = [];
    const p = terminalProgress('x', { isTTY: false, write: (s: string) => out.push(s) });
    expect(p.onProgress).toBeUndefined();
    p.done();
    expect(out).toEqual([]);
  });
});
