import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from './files.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);
const small = join(dir, 'small.txt');
writeFileSync(small, 'hello');

describe.each([
  ['readRegularFile', readRegularFile],
  ['readRegularFileSync', async (p: string, o: { max: number; what: string }) => readRegularFileSync(p, o)],
])('%s', (_name, read) => {
  it('reads a regular file within the limit', async () => {
    expect((await read(small, { max: 5, what: 'file' })).toString()).toBe('hello');
  });

  it('refuses devices, FIFOs (without waiting for a writer) and folders as file.not-regular', async () => {
    for (const path of ['/dev/zero', '/dev/urandom', fifo, dir])
      await expect(read(path, { max: 1000, what: 'package' })).rejects.toMatchObject({
        code: 'file.not-regular',
        message: `package ${path} is not a regular file (a device, FIFO, socket or folder)`,
      });
  });

  it('refuses a file over the limit by its size, and a /proc file that says 0 bytes once it reads past', async () => {
    await expect(read(small, { max: 4, what: 'file' })).rejects.toMatchObject({ code: 'limit.size' });
    await expect(read('/proc/self/status', { max: 64, what: 'file' })).rejects.toMatchObject({
      code: 'limit.size',
      message: 'file /proc/self/status is larger than 64 bytes',
    });
  });

  it('rethrows the fs error of a file that cannot be opened', async () => {
    await expect(read(join(dir, 'missing'), { max: 10, what: 'file' })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
