import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';

describe('fake clock', () => {
  it('only moves when told and fires sleepers that are due', async () => {
    const clock = createClock(1000);
    let woke = false;
    const p = clock.sleep(500).then(() => {
      woke = true;
    });
    clock.advance(499);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await p;
    expect(woke).toBe(true);
    expect(clock.now()).toBe(1500);
  });

  it('refuses to go backwards', () => {
    const clock = createClock(1000);
    expect(() => clock.set(999)).toThrow(/backwards/);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
