/**
 * Finds the JSON files inside an EIC transport zip, within LIMITS: the central directory is read here (bounds-checked)
 * and each wanted entry is inflated with fflate's streaming inflater in small chunks, counting what comes out. So a
 * zip bomb stops at its budget (LIMITS.zipTotalBytes in total, at most LIMITS.zipRatio times the zip's own size past
 * LIMITS.zipRatioFloor), and an entry that holds more than its directory entry says stops at the declared size,
 * both before the work or the memory grows.
 */
import { Inflate, strFromU8 } from 'fflate';
import { HarnessError } from '../../lib/diagnostic.ts';
import { formatBytes, LIMITS, limitError } from '../../lib/limits.ts';

/** One JSON file found in a zip. */
export interface ZipJson {
  path: string;
  text: string;
}

/** A central directory entry. */
interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const HINT =
  'Pass the transport zip exported by EIC, the Connection_*.json inside it, or a folder of <Attribute>.json files.';
/** Compressed bytes handed to the inflater at a time: one push yields at most ~1,000 times this. */
const CHUNK = 4096;

class ZipFormatError extends Error {}

/** The most a zip of `zipBytes` bytes may expand to (see LIMITS). */
export function zipBudget(zipBytes: number): number {
  return Math.min(LIMITS.zipTotalBytes, Math.max(LIMITS.zipRatioFloor, LIMITS.zipRatio * zipBytes));
}

/**
 * The JSON files of a zip (entries ending in .json, not under `__MACOSX/`), decoded as UTF-8. Throws HarnessError
 * `package.bad-zip` for a zip that cannot be read (or whose entry lies about its size) and `limit.zip` past the
 * expansion budget.
 */
export function jsonFilesInZip(bytes: Uint8Array, file: string): ZipJson[] {
  let entries: Entry[];
  try {
    entries = centralDirectory(bytes).filter((e) => /\.json$/i.test(e.name) && !e.name.startsWith('__MACOSX/'));
  } catch (e) {
    throw badZip(file, e);
  }
  const budget = zipBudget(bytes.length);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > budget) throw tooBig(file, `its JSON files say they hold ${formatBytes(declared)}`, budget);
  return entries.map((e) => {
    try {
      return { path: e.name, text: strFromU8(extract(bytes, e)) };
    } catch (err) {
      throw badZip(file, err);
    }
  });
}

function badZip(file: string, e: unknown): HarnessError {
  return new HarnessError(
    'package.bad-zip',
    `${file} is not a readable zip file (${e instanceof Error ? e.message : String(e)})`,
    { file },
    HINT,
  );
}

function tooBig(file: string, what: string, budget: number): HarnessError {
  return limitError(
    'zip',
    `${file} expands past its limit: ${what}, the most allowed for this zip is ${formatBytes(budget)}`,
    { file },
    `a zip may expand to ${formatBytes(LIMITS.zipTotalBytes)} of JSON in total and to ${LIMITS.zipRatio} times its own size (see "Limits" in the README)`,
  );
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

function need(b: Uint8Array, at: number, n: number, what: string): void {
  if (at < 0 || at + n > b.length) throw new ZipFormatError(`${what} lies outside the file`);
}

/** The entries of the central directory (zip64 sizes and offsets included). */
function centralDirectory(b: Uint8Array): Entry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory record');
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if (eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z = u64(b, eocd - 12);
    need(b, z, 56, 'the zip64 end record');
    if (u32(b, z) !== 0x06064b50) throw new ZipFormatError('bad zip64 end record');
    count = u64(b, z + 32);
    offset = u64(b, z + 48);
  }
  if (count > LIMITS.zipEntries) throw new ZipFormatError(`${count} entries, more than ${LIMITS.zipEntries}`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    need(b, offset, 46, 'a central directory entry');
    if (u32(b, offset) !== 0x02014b50) throw new ZipFormatError('bad central directory entry');
    const flags = u16(b, offset + 8);
    const nameLen = u16(b, offset + 28);
    const extraLen = u16(b, offset + 30);
    const commentLen = u16(b, offset + 32);
    need(b, offset + 46, nameLen + extraLen, 'an entry name');
    const nameBytes = b.subarray(offset + 46, offset + 46 + nameLen);
    const e: Entry = {
      name: strFromU8(nameBytes, (flags & 0x800) === 0),
      method: u16(b, offset + 10),
      flags,
      compressedSize: u32(b, offset + 20),
      size: u32(b, offset + 24),
      localOffset: u32(b, offset + 42),
    };
    zip64Extra(b, offset + 46 + nameLen, extraLen, e);
    entries.push(e);
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Reads the zip64 extended information of an entry whose 32-bit fields are saturated. */
function zip64Extra(b: Uint8Array, at: number, len: number, e: Entry): void {
  const max = 0xffffffff;
  if (e.size !== max && e.compressedSize !== max && e.localOffset !== max) return;
  for (let p = at; p + 4 <= at + len; ) {
    const id = u16(b, p);
    const size = u16(b, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + size) throw new ZipFormatError('short zip64 field');
        const v = u64(b, q);
        q += 8;
        return v;
      };
      if (e.size === max) e.size = next();
      if (e.compressedSize === max) e.compressedSize = next();
      if (e.localOffset === max) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
  throw new ZipFormatError(`no zip64 sizes for ${e.name}`);
}

/** The bytes of one entry: inflating stops one chunk past its declared size; a mismatch is a format error. */
function extract(b: Uint8Array, e: Entry): Uint8Array {
  if (e.flags & 1) throw new ZipFormatError(`${e.name} is encrypted`);
  need(b, e.localOffset, 30, `the local header of ${e.name}`);
  if (u32(b, e.localOffset) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${e.name}`);
  const start = e.localOffset + 30 + u16(b, e.localOffset + 26) + u16(b, e.localOffset + 28);
  need(b, start, e.compressedSize, `the data of ${e.name}`);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipFormatError(`${e.name}: stored sizes differ`);
    return data;
  }
  if (e.method !== 8) throw new ZipFormatError(`${e.name}: unknown compression method ${e.method}`);
  const out = new Uint8Array(e.size);
  let got = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (got + chunk.length > e.size) over = true;
    else out.set(chunk, got);
    got += chunk.length;
    if (final) ended = true;
  });
  for (let p = 0; p < data.length && !over && !ended; p += CHUNK)
    inflater.push(data.subarray(p, p + CHUNK), p + CHUNK >= data.length);
  if (over) throw new ZipFormatError(`${e.name} holds more than the ${e.size} bytes its directory entry says`);
  if (got !== e.size) throw new ZipFormatError(`${e.name} holds ${got} bytes, its directory entry says ${e.size}`);
  return out;
}
