/** A fake clock per fake instance: drives token expiry, timestamps and rate-limit windows; nothing waits on wall time. */
import { HarnessError } from '../../lib/diagnostic.ts';
import { LIMITS } from '../../lib/limits.ts';

export interface Clock {
  /** Current fake time in epoch milliseconds. */
  now(): number;
  /**
   * Moves the clock forward by `ms` (never backwards) and fires due timers. Throws HarnessError `clock.range` (and
   * stays where it is) for a negative or non-finite step, or one past LIMITS.clockMaxEpochMs (year 9999).
   */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-ms time (not backwards, not past year 9999; else `clock.range`). */
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

function rangeError(message: string): HarnessError {
  return new HarnessError('clock.range', `fake clock: ${message}`, {}, 'epoch milliseconds up to year 9999');
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
  const moveTo = (next: number) => {
    if (!(next <= LIMITS.clockMaxEpochMs))
      throw rangeError(`the fake clock cannot pass ${new Date(LIMITS.clockMaxEpochMs).toISOString()}`);
    current = next;
    fire();
  };
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0 && Number.isFinite(ms))) throw rangeError(`ms must be a finite number >= 0, got ${ms}`);
      moveTo(current + ms);
    },
    set(epochMs) {
      if (!Number.isFinite(epochMs)) throw rangeError(`not a time: ${epochMs}`);
      if (epochMs < current) throw rangeError('the fake clock never goes backwards');
      moveTo(epochMs);
    },
    sleep(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => timers.push({ at: current + ms, resolve }));
    },
  };
}
