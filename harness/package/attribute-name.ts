/** Recognises attribute names in file names: `CreateAccountJSON.json` and `<app>-CreateAccountJSON.json`. */
import { ATTRIBUTE_NAMES } from './types.ts';

const BY_LOWER = new Map<string, string>(ATTRIBUTE_NAMES.map((n) => [n.toLowerCase(), n]));

/** The canonical attribute name for a name written in any case, or undefined. */
export function canonicalAttributeName(name: string): string | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}

/** The attribute a folder-package file holds: the file must be exactly `<AttributeName>.json` (any case). */
export function attributeOfPackageFile(fileName: string): string | undefined {
  const m = /^(.+)\.json$/i.exec(fileName);
  return m ? canonicalAttributeName(m[1]) : undefined;
}

/** The attribute a single file holds, from its name suffix: `aa360-AddAccessJSON.json` → `AddAccessJSON`. */
export function attributeFromFileSuffix(fileName: string): string | undefined {
  const exact = attributeOfPackageFile(fileName);
  if (exact) return exact;
  const lower = fileName.toLowerCase();
  let best: string | undefined;
  for (const name of ATTRIBUTE_NAMES) {
    const suffix = `${name.toLowerCase()}.json`;
    if (!lower.endsWith(suffix)) continue;
    const before = lower.charAt(lower.length - suffix.length - 1);
    if (!/[-_. ]/.test(before)) continue;
    if (!best || name.length > best.length) best = name;
  }
  return best;
}
