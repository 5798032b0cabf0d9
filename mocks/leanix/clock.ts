/** A fake clock per fake instance: drives token expiry, timestamps and rate-limit windows; nothing waits on wall time. */

export interface Clock {
  /** Current fake time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms` (never backwards) and fires due timers. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-ms time (must not go backwards). */
  set(epochMs: number): void;
  /** Resolves after `ms` of fake time (when the clock is advanced past it), for fault delays. */
  sleep(ms: number): Promise<void>;
}

/** The default start of fake time: 2025-01-01T00:00:00Z, so seeded data is stable across runs. */
export const DEFAULT_EPOCH = Date.UTC(2025, 0, 1);

interface Timer {
  at: number;
  resolve: () => void;
}

/** Creates a manual clock starting at `start` (epoch ms). */
export function createClock(start: number = DEFAULT_EPOCH): Clock {
  let current = start;
  let timers: Timer[] = [];
  const fire = () => {
    const due = timers.filter((t) => t.at <= current);
    timers = timers.filter((t) => t.at > current);
    for (const t of due) t.resolve();
  };
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`clock.advance: ms must be >= 0, got ${ms}`);
      current += ms;
      fire();
    },
    set(epochMs) {
      if (epochMs < current) throw new RangeError('clock.set: the fake clock never goes backwards');
      current = epochMs;
      fire();
    },
    sleep(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => timers.push({ at: current + ms, resolve }));
    },
  };
}
