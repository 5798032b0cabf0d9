/**
 * Notices that the process that started this one went away, so a long-running command (`harness serve`) can stop
 * with its starter instead of living on as an orphan. `npx harness serve` killed with SIGTERM is the common case:
 * npm exec does not pass the signal on, and the server is re-parented (on Linux to init or the nearest subreaper).
 *
 * Three signs, each enough:
 * - the parent pid changes (polled; `process.ppid` is read afresh each time, the orphan's new parent differs);
 * - stdin, when it is a pipe or socket (a process spawned by a script or a test), ends: the starter held its other
 *   end. A TTY or /dev/null stdin is never read (a background job reading its terminal would be stopped by SIGTTIN);
 * - SIGHUP: the terminal closed.
 */
import { fstatSync } from 'node:fs';

/** Why the starter is considered gone. */
export type ParentGone = 'parent-exited' | 'stdin-closed' | 'SIGHUP';

/** Options of watchParent (the defaults are the process's own; tests pass their own). */
export interface ParentWatchOptions {
  /** How often the parent pid is compared (default 250 ms, so a stop follows within a second). */
  intervalMs?: number;
  /** Reads the current parent pid (default `process.ppid`). */
  ppid?: () => number;
  /** The stream whose end means the starter is gone (default `process.stdin` when it is a pipe or a socket). */
  stdin?: NodeJS.ReadableStream | null;
  /** Also stop on SIGHUP (default true). */
  hangup?: boolean;
}

/** `process.stdin` when it is a pipe or socket (never a TTY, a file or /dev/null), else null. */
export function pipedStdin(): NodeJS.ReadableStream | null {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isSocket() ? process.stdin : null;
  } catch {
    return null;
  }
}

/**
 * Calls `onGone` once when the starter goes away (see the module comment); returns a function that stops watching.
 * A process whose parent is already init (pid 1, or 0 for pid 1 itself: a container's main process, a daemon) is not
 * watched by pid. Nothing here keeps the process alive: the timer is unref'd and stdin is released when stopped.
 */
export function watchParent(onGone: (why: ParentGone) => void, options: ParentWatchOptions = {}): () => void {
  const ppid = options.ppid ?? (() => process.ppid);
  const stdin = options.stdin === undefined ? pipedStdin() : options.stdin;
  const first = ppid();
  let done = false;
  const cleanups: (() => void)[] = [];
  const stop = () => {
    done = true;
    for (const c of cleanups.splice(0)) c();
  };
  const gone = (why: ParentGone) => {
    if (done) return;
    stop();
    onGone(why);
  };
  if (first > 1) {
    const timer = setInterval(() => {
      if (ppid() !== first) gone('parent-exited');
    }, options.intervalMs ?? 250);
    timer.unref();
    cleanups.push(() => clearInterval(timer));
  }
  if (stdin) {
    const onEnd = () => gone('stdin-closed');
    // whatever arrives is read and dropped; only the end counts
    const onData = () => {};
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onEnd);
    cleanups.push(() => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onEnd);
      stdin.pause();
      (stdin as { unref?: () => void }).unref?.();
    });
  }
  if (options.hangup !== false) {
    const onHup = () => gone('SIGHUP');
    process.on('SIGHUP', onHup);
    cleanups.push(() => process.off('SIGHUP', onHup));
  }
  return stop;
}
