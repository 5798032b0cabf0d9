import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../lib/limits.ts';
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
    expect(() => clock.advance(-1)).toThrow(expect.objectContaining({ code: 'clock.range' }));
  });

  it('refuses steps past year 9999 or not finite, and stays usable where it was', () => {
    const clock = createClock(1000);
    for (const ms of [1e308, Number.POSITIVE_INFINITY, Number.NaN, LIMITS.clockMaxEpochMs])
      expect(() => clock.advance(ms)).toThrow(expect.objectContaining({ code: 'clock.range' }));
    for (const t of [1e308, Number.NaN, LIMITS.clockMaxEpochMs + 1])
      expect(() => clock.set(t)).toThrow(expect.objectContaining({ code: 'clock.range' }));
    expect(clock.now()).toBe(1000);
    expect(new Date(clock.now()).toISOString()).toBe('1970-01-01T00:00:01.000Z');
    clock.set(LIMITS.clockMaxEpochMs);
    expect(new Date(clock.now()).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });
});
