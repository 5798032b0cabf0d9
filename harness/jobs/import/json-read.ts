/** Small readers of JSON config values that raise `import.config` errors naming the attribute and JSON path. */
import { HarnessError } from '../../../lib/diagnostic.ts';

export const ATTR = 'ImportAccountEntJSON';
export type Path = (string | number)[];
export type Obj = Record<string, unknown>;
/** True for a plain JSON object. */
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Throws `import.config`: at `path` of `attribute`, `expected` was expected. */
export function bad(path: Path, expected: string, attribute = ATTR): never {
  throw new HarnessError('import.config', `expected ${expected}`, { attribute, path });
}

/** A string value (or `fallback` when absent); anything else is an `import.config` error. */
export function str(v: unknown, path: Path, what: string, fallback?: string): string {
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    return bad(path, what);
  }
  if (typeof v !== 'string') return bad(path, what);
  return v;
}

/** A JSON boolean as EIC configs write it (true, "true"), `dflt` when absent. */
export function bool(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  return v === true || String(v).toLowerCase() === 'true';
}
