/** Test helper: a ConnectionPackage built in memory from attribute values (objects are pretty-printed). */
import { parseAttribute } from '../package/attribute.ts';
import type { ConnectionPackage, PackageAttribute } from '../package/types.ts';

/** Builds a folder-like package; string values are used as the attribute text verbatim. */
export function packageOf(attrs: Record<string, unknown>, extra: Partial<ConnectionPackage> = {}): ConnectionPackage {
  const attributes: Record<string, PackageAttribute> = {};
  for (const [name, v] of Object.entries(attrs)) {
    const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
    attributes[name] = parseAttribute(name, text, `${name}.json`);
  }
  return {
    name: 'test',
    origin: 'mem',
    kind: 'folder',
    attributes,
    connectionEncrypted: false,
    diagnostics: [],
    ...extra,
  };
}
