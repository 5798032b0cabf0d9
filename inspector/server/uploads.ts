/**
 * Files uploaded through the inspector (connection packages, ConnectionJSONs), kept by their upload name in a private
 * temporary folder for the life of the server, so an uploaded scenario can name them (`package: customer.zip`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The uploaded files of one server. */
export class UploadStore {
  /** The folder holding them (removed by `close()`). */
  readonly dir = mkdtempSync(join(tmpdir(), 'harness-uploads-'));

  /** Keeps a file under its upload name (a bare file name; a later upload of the same name replaces it). */
  save(name: string, bytes: Uint8Array): void {
    if (!UploadStore.isBareName(name)) return;
    writeFileSync(join(this.dir, name), bytes);
  }

  /** The path of an uploaded file named `p` (a bare file name), or undefined when none was uploaded. */
  resolve(p: string): string | undefined {
    if (!UploadStore.isBareName(p)) return undefined;
    const abs = join(this.dir, p);
    return existsSync(abs) ? abs : undefined;
  }

  /** Removes the folder and everything in it. */
  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private static isBareName(name: string): boolean {
    return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
  }
}
