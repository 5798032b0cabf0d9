/** Progress of a long import on a terminal: one self-overwriting stderr line, only when the stream is a TTY. */

/** The part of a write stream the progress line needs. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A progress reporter: `onProgress` for ImportOptions, `done()` to end the line. */
export interface TerminalProgress {
  onProgress?: (pagesDone: number, recordsDone: number) => void;
  done(): void;
}

/**
 * Creates a progress line on `stream` (default stderr), redrawn at most every `intervalMs`; when the stream is not a
 * TTY (piped, CI) it prints nothing and `onProgress` is undefined.
 */
export function terminalProgress(
  label: string,
  stream: ProgressStream = process.stderr,
  intervalMs = 100,
  clock: () => number = Date.now,
): TerminalProgress {
  if (!stream.isTTY) return { done() {} };
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  let latest = '';
  const draw = () => {
    stream.write(`\r${latest}\u001b[K`);
    shown = true;
  };
  return {
    onProgress(pages, records) {
      latest = `${label}: ${pages} page${pages === 1 ? '' : 's'}, ${records} record${records === 1 ? '' : 's'}`;
      const now = clock();
      if (now - last < intervalMs) return;
      last = now;
      draw();
    },
    done() {
      if (!shown) return;
      draw();
      stream.write('\n');
    },
  };
}
