/**
 * Bounded file reading: only regular files, at most a given number of bytes. `/dev/zero`, `/dev/urandom`, FIFOs,
 * sockets and folders fail at once with a typed error instead of growing memory without end or blocking forever.
 * The file is opened non-blocking (a FIFO does not wait for a writer) and checked on its handle (no race with a
 * swapped path); reading stops one byte past the limit, so a file that grows while read is caught too.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { HarnessError } from './diagnostic.ts';
import { checkSize, formatBytes, limitError } from './limits.ts';

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What is read and how much of it may be: `what` names it in messages (`scenario file`, `package`). */
export interface BoundedRead {
  max: number;
  what: string;
}

function notRegular(path: string, what: string): HarnessError {
  return new HarnessError(
    'file.not-regular',
    `${what} ${path} is not a regular file (a device, FIFO, socket or folder)`,
    { file: path },
    'name a file on disk',
  );
}

/**
 * Reads a regular file of at most `max` bytes. Throws HarnessError `file.not-regular` or `limit.size`; a file that
 * cannot be opened rethrows the fs error (with its `code`, e.g. ENOENT) for the caller to word.
 */
export async function readRegularFile(path: string, { max, what }: BoundedRead): Promise<Buffer> {
  const fh = await open(path, FLAGS);
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw notRegular(path, what);
    checkSize(info.size, max, `${what} ${path}`, { file: path });
    const reader = bounded(info.size, max, `${what} ${path}`, path);
    for (;;) {
      const [buf, offset] = reader.space();
      const { bytesRead } = await fh.read(buf, offset, buf.length - offset, offset);
      if (reader.took(bytesRead)) return reader.bytes();
    }
  } finally {
    await fh.close();
  }
}

/**
 * The buffer of one bounded read: sized for the file as stat saw it plus one byte, grown (never past `max` + 1) when
 * the file turns out longer (it grew, or a /proc file that says 0); `took` throws `limit.size` past `max`.
 */
function bounded(size: number, max: number, what: string, file: string) {
  let buf = Buffer.allocUnsafe(Math.min(size, max) + 1);
  let got = 0;
  return {
    space(): [Buffer, number] {
      if (got === buf.length) {
        const next = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(next, 0, 0, got);
        buf = next;
      }
      return [buf, got];
    },
    /** Counts bytes read; true at the end of the file. */
    took(n: number): boolean {
      if (n === 0) return true;
      got += n;
      if (got > max) throw limitError('size', `${what} is larger than ${formatBytes(max)}`, { file });
      return false;
    },
    bytes: () => buf.subarray(0, got),
  };
}

/** readRegularFile, synchronous. */
export function readRegularFileSync(path: string, { max, what }: BoundedRead): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw notRegular(path, what);
    checkSize(info.size, max, `${what} ${path}`, { file: path });
    const reader = bounded(info.size, max, `${what} ${path}`, path);
    for (;;) {
      const [buf, offset] = reader.space();
      if (reader.took(readSync(fd, buf, offset, buf.length - offset, offset))) return reader.bytes();
    }
  } finally {
    closeSync(fd);
  }
}
