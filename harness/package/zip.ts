/** Finds the connection export inside an EIC transport zip (read with fflate). */
import { strFromU8, unzipSync } from 'fflate';
import { HarnessError } from '../../lib/diagnostic.ts';

/** One JSON file found in a zip. */
export interface ZipJson {
  path: string;
  text: string;
}

const MAX_ENTRY_BYTES = 50 * 1024 * 1024;

/** The JSON files of a zip (entries ending in .json), decoded as UTF-8; throws HarnessError for a bad zip. */
export function jsonFilesInZip(bytes: Uint8Array, file: string): ZipJson[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => /\.json$/i.test(f.name) && !f.name.startsWith('__MACOSX/') && f.originalSize <= MAX_ENTRY_BYTES,
    });
  } catch (e) {
    throw new HarnessError(
      'package.bad-zip',
      `${file} is not a readable zip file (${e instanceof Error ? e.message : String(e)})`,
      { file },
      'Pass the transport zip exported by EIC, the Connection_*.json inside it, or a folder of <Attribute>.json files.',
    );
  }
  return Object.entries(entries).map(([path, data]) => ({ path, text: strFromU8(data) }));
}
