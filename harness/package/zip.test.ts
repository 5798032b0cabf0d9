import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../lib/diagnostic.ts';
import { LIMITS } from '../../lib/limits.ts';
import { jsonFilesInZip, zipBudget } from './zip.ts';

const MiB = 1024 * 1024;

function errorOf(f: () => unknown): HarnessError {
  try {
    f();
  } catch (e) {
    if (e instanceof HarnessError) return e;
    throw e;
  }
  throw new Error('expected a HarnessError');
}

/** Offsets of every central directory entry of a zip fflate wrote. */
function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) out.push(i);
  return out;
}

describe('jsonFilesInZip', () => {
  it('reads deflated and stored JSON entries, skipping other files and __MACOSX', () => {
    const zip = zipSync({
      'Connection_x.json': strToU8(JSON.stringify({ a: 'b'.repeat(5000) })),
      'stored.json': [strToU8('{"s":1}'), { level: 0 }],
      'readme.txt': strToU8('hi'),
      '__MACOSX/._Connection_x.json': strToU8('{}'),
    });
    const files = jsonFilesInZip(zip, 'p.zip');
    expect(files.map((f) => f.path)).toEqual(['Connection_x.json', 'stored.json']);
    expect(JSON.parse(files[0].text).a).toHaveLength(5000);
    expect(files[1].text).toBe('{"s":1}');
  });

  it('refuses a zip bomb by the declared sizes before inflating anything (total over the budget)', () => {
    // 40 entries of 2 MiB of spaces: a few hundred KiB of zip, 80 MiB of JSON
    const big = new Uint8Array(2 * MiB).fill(0x20);
    const zip = zipSync(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`e${i}.json`, big])));
    expect(zip.length).toBeLessThan(MiB);
    const e = errorOf(() => jsonFilesInZip(zip, 'bomb.zip'));
    expect(e.code).toBe('limit.zip');
    expect(e.message).toContain('bomb.zip expands past its limit: its JSON files say they hold 80 MiB');
  });

  it('refuses a zip that expands past its ratio, even under the total limit', () => {
    const zip = zipSync({ 'a.json': new Uint8Array(4 * MiB).fill(0x20) });
    expect(4 * MiB).toBeGreaterThan(zipBudget(zip.length));
    expect(errorOf(() => jsonFilesInZip(zip, 'r.zip')).code).toBe('limit.zip');
  });

  it('stops an entry that holds more than its directory entry says (and one that holds less)', () => {
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: i, v: (i * 7919) % 10007 })));
    const zip = zipSync({ 'a.json': strToU8(text), 'b.json': strToU8('{"x":1}') });
    const [first] = centralEntries(zip);
    const lying = zip.slice();
    new DataView(lying.buffer).setUint32(first + 24, 10, true); // uncompressed size: 10 bytes
    const e = errorOf(() => jsonFilesInZip(lying, 'lie.zip'));
    expect(e.code).toBe('package.bad-zip');
    expect(e.message).toContain('a.json holds more than the 10 bytes its directory entry says');
    const short = zip.slice();
    new DataView(short.buffer).setUint32(first + 24, text.length + 5, true);
    expect(errorOf(() => jsonFilesInZip(short, 's.zip')).message).toContain(
      `a.json holds ${text.length} bytes, its directory entry says ${text.length + 5}`,
    );
  });

  it('fails as a bad zip (not a crash) on truncated or garbage directories', () => {
    const zip = zipSync({ 'a.json': strToU8('{"a":1}') });
    const [first] = centralEntries(zip);
    const bad = zip.slice();
    new DataView(bad.buffer).setUint32(first + 42, 0x7fffffff, true); // local header offset far outside
    expect(errorOf(() => jsonFilesInZip(bad, 'b.zip')).code).toBe('package.bad-zip');
    expect(errorOf(() => jsonFilesInZip(strToU8('PK not a zip'), 'c.zip')).code).toBe('package.bad-zip');
    expect(errorOf(() => jsonFilesInZip(zip.subarray(0, zip.length - 30), 'd.zip')).code).toBe('package.bad-zip');
  });

  it('budgets the floor for small zips and the total for large ones', () => {
    expect(zipBudget(10)).toBe(LIMITS.zipRatioFloor);
    expect(zipBudget(100 * MiB)).toBe(LIMITS.zipTotalBytes);
    expect(zipBudget(64 * 1024)).toBe(64 * 1024 * LIMITS.zipRatio);
  });
});
