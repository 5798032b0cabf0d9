/**
 * Generators of the hostile inputs of the hardening review (issue 11), shared by the server and CLI tests: each
 * builds exactly the file that took the harness down, without holding its expanded size in memory.
 */

import { crc32 } from 'node:zlib';
import { deflateSync, strToU8 } from 'fflate';

const MiB = 1024 * 1024;

/** A scenario whose `steps` is `[` x n … `]` x n (12 KB for n = 5000). */
export function deepArraysScenario(n = 5000): string {
  return `name: a\nsteps: ${'['.repeat(n)}${']'.repeat(n)}\n`;
}

/** A scenario with one map of `n` keys (728 KB for n = 50,000). */
export function manyKeysScenario(n = 50_000): string {
  const keys = Array.from({ length: n }, (_, i) => `      k${i}: ${i}`).join('\n');
  return `name: a\ngiven:\n  leanix:\n    quirks:\n${keys}\nsteps: [{ name: s, validate: null }]\n`;
}

/** A "billion laughs" YAML: 9 levels of 9 aliases each (9^9 strings when expanded). */
export function billionLaughsScenario(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `name: laughs\n${lines.join('\n')}\nsteps: [{ name: s, validate: null }]\n`;
}

/** A scenario of `steps` validate steps (54 MB for 1.2 million). */
export function hugeScenario(steps = 1_200_000): string {
  const step = '  - name: a step that only validates the package\n    validate: null\n';
  return `name: huge\ngiven:\n  eic: { package: ../fixtures/packages/leanix }\nsteps:\n${step.repeat(steps)}`;
}

/** JSON text nested `n` arrays deep. */
export function deepJson(n = 100_000): string {
  return `${'['.repeat(n)}${']'.repeat(n)}`;
}

/** One entry of a hand-built zip. */
interface ZipEntry {
  name: string;
  /** Deflated bytes. */
  data: Uint8Array;
  crc: number;
  /** The uncompressed size written into the headers (may lie). */
  size: number;
}

/** A zip (deflate, no data descriptors) of the given entries, written byte by byte so sizes can lie. */
export function buildZip(entries: ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(10, 8, true);
    dv.setUint32(16, e.crc, true);
    dv.setUint32(20, e.data.length, true);
    dv.setUint32(24, e.size, true);
    dv.setUint16(28, name.length, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    parts.push(local, e.data);
    central.push(dir);
    offset += local.length + e.data.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, end]);
}

/** 49 MiB of spaces, deflated once (~50 KB), with its CRC. */
function spaces49(): { data: Uint8Array; crc: number; size: number } {
  const raw = new Uint8Array(49 * MiB).fill(0x20);
  return { data: deflateSync(raw, { level: 9 }), crc: crc32(raw), size: raw.length };
}

/** The zip bomb of the review: `entries` JSON entries of 49 MiB each (60: ~3 MB of zip, 2.9 GiB expanded). */
export function zipBomb(entries = 60): Uint8Array {
  const one = spaces49();
  return buildZip(Array.from({ length: entries }, (_, i) => ({ name: `Connection_${i}.json`, ...one })));
}

/** A zip whose entries say they hold 100 bytes but inflate to 49 MiB each. */
export function lyingZip(entries = 20): Uint8Array {
  const one = spaces49();
  return buildZip(Array.from({ length: entries }, (_, i) => ({ name: `Connection_${i}.json`, ...one, size: 100 })));
}
