/**
 * `colsToPropsMap` evaluation: `"<EIC column>": "<source path>~#~<type>"` applied to one record of a target's reply.
 *
 * Decisions where EIC's documentation is silent (README "Running an import" repeats them):
 * - The path is taken verbatim up to the LAST `~#~`: `"scimManaged ~#~char"` looks up the key `scimManaged ` (with
 *   the space), finds nothing and stores null, as EIC does with an unknown key; `"emails[0].value~~#~char"` likewise.
 * - Objects and arrays are stored as JSON text (the same rule as `harness/http/paths.ts`).
 * - `date` text is parsed with `globalSettings.dateFormat` (ISO 8601 when none is set) and `epochdate` takes epoch
 *   milliseconds; both are stored as `yyyy-MM-dd HH:mm:ss` in UTC. A value that does not parse is stored as null and
 *   reported as a warning (EIC logs it and leaves the column empty).
 * - `bool` stores `true`/`false` (Java Boolean.parseBoolean: anything but "true" is false); null stays null.
 * - A source containing `${...}` (with or without `#CONST#`) is a Groovy template with `response` bound to the current
 *   item and, as in the Sav4Sav samples, the item's top-level fields bound as bare variables. `#CONST#text` without a
 *   placeholder is the constant `text`.
 */
import { splitPath } from '../../http/paths.ts';
import { STORE_ACC_ENT_MAPPINGINFO } from './constants.ts';
import { parseJavaDate, toStoredDate } from './dateFormat.ts';
import type { TemplateRenderer } from './types.ts';

export type ColumnType = 'char' | 'date' | 'bool' | 'epochdate';

/** One parsed `colsToPropsMap` entry. */
export interface ColumnSpec {
  column: string;
  /** The right-hand side as written. */
  spec: string;
  type: ColumnType;
  kind: 'path' | 'template' | 'constant' | 'store';
  /** Path segments (kind path), template text (kind template), constant (kind constant) or the STORE# marker. */
  source: string;
  segments: (string | number)[];
}

/** A value that could not be mapped as asked (bad date, Groovy error, unknown type). */
export interface MappingWarning {
  code: string;
  column: string;
  spec: string;
  message: string;
}

/** Parses one right-hand side `path~#~type`; unknown types are read as `char` with a warning. */
export function parseColumnSpec(column: string, spec: string): { spec: ColumnSpec; warning?: MappingWarning } {
  const at = spec.lastIndexOf('~#~');
  const source = at >= 0 ? spec.slice(0, at) : spec;
  const rawType = at >= 0 ? spec.slice(at + 3) : 'char';
  const t = rawType.trim().toLowerCase();
  let type: ColumnType = 'char';
  let warning: MappingWarning | undefined;
  if (t === 'char' || t === 'date' || t === 'bool' || t === 'epochdate') type = t;
  else if (t === 'boolean') type = 'bool';
  else
    warning = {
      code: 'import.map.type',
      column,
      spec,
      message: `unknown column type "${rawType}" (expected char, date, bool or epochdate); read as char`,
    };
  let kind: ColumnSpec['kind'] = 'path';
  let src = source;
  if (source.startsWith('STORE#')) kind = 'store';
  else if (source.startsWith('#CONST#')) {
    src = source.slice('#CONST#'.length);
    kind = src.includes('${') ? 'template' : 'constant';
  } else if (source.includes('${')) kind = 'template';
  return { spec: { column, spec, type, kind, source: src, segments: kind === 'path' ? splitPath(src) : [] }, warning };
}

/** Parses a whole `colsToPropsMap` object; non-string right-hand sides are reported and skipped. */
export function parseColsToPropsMap(map: Record<string, unknown>): { specs: ColumnSpec[]; warnings: MappingWarning[] } {
  const specs: ColumnSpec[] = [];
  const warnings: MappingWarning[] = [];
  for (const [column, rhs] of Object.entries(map)) {
    if (typeof rhs !== 'string') {
      warnings.push({
        code: 'import.map.spec',
        column,
        spec: JSON.stringify(rhs),
        message: 'expected a string "<path>~#~<type>"; column skipped',
      });
      continue;
    }
    const { spec, warning } = parseColumnSpec(column, rhs);
    specs.push(spec);
    if (warning) warnings.push(warning);
  }
  return { specs, warnings };
}

/** Reads pre-split path segments from a value (undefined when a step is missing or the wrong kind). */
export function readSegments(value: unknown, segments: readonly (string | number)[]): unknown {
  let cur = value;
  for (let i = 0; i < segments.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const seg = segments[i];
    if (typeof seg === 'number') {
      cur = Array.isArray(cur) ? cur[seg] : undefined;
      continue;
    }
    if (Array.isArray(cur)) return undefined;
    // Own properties only, with one property read in the common case: a JSON value is never a function, so a function
    // found is inherited (toString, constructor); `__proto__` reads the prototype unless it is an own key.
    const v = (cur as Record<string, unknown>)[seg];
    cur = typeof v === 'function' || (seg === '__proto__' && !Object.hasOwn(cur, seg)) ? undefined : v;
  }
  return cur;
}

/** The stored text of a looked-up value: strings as-is, numbers/booleans via toString, objects as JSON, else null. */
export function toCharValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Options of a mapping run. */
export interface MappingOptions {
  /** `globalSettings.dateFormat` (SimpleDateFormat). */
  dateFormat?: string;
  /** Evaluates `${...}` templates (the binding engine). */
  render: TemplateRenderer;
}

/** Converts a looked-up value to the stored text of a column type; returns a warning message on failure. */
export function convertValue(
  v: unknown,
  type: ColumnType,
  dateFormat: string | undefined,
): { value: string | null; problem?: string } {
  if (v === null || v === undefined) return { value: null };
  switch (type) {
    case 'char':
      return { value: toCharValue(v) };
    case 'bool':
      return { value: String(v).trim().toLowerCase() === 'true' ? 'true' : 'false' };
    case 'epochdate': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return { value: null, problem: `expected epoch milliseconds, got ${JSON.stringify(v)}` };
      return { value: toStoredDate(n) };
    }
    case 'date': {
      if (typeof v !== 'string') return { value: null, problem: `expected date text, got ${JSON.stringify(v)}` };
      if (v.trim() === '') return { value: null };
      const ms = dateFormat ? parseJavaDate(v, dateFormat) : Date.parse(v);
      if (ms === null || Number.isNaN(ms))
        return {
          value: null,
          problem: `"${v}" does not match the date format ${dateFormat ? `"${dateFormat}"` : '(ISO 8601)'}`,
        };
      return { value: toStoredDate(ms) };
    }
  }
}

/**
 * An empty record of a spec list: its columns in order, each null (`store` columns left out). Records are copies of it
 * (`{...template}`): one allocation of the right size each, where adding the columns one by one grows the object's
 * property storage several times, for every record of an import.
 */
const templates = new WeakMap<readonly ColumnSpec[], Record<string, string | null>>();
function emptyRecord(specs: readonly ColumnSpec[]): Record<string, string | null> {
  let t = templates.get(specs);
  if (!t) {
    t = {};
    for (const s of specs) if (s.kind !== 'store') t[s.column] = null;
    templates.set(specs, t);
  }
  return { ...t };
}

/** Maps one item through parsed column specs; `store` columns are left to the caller. */
export function mapRecord(
  item: unknown,
  specs: readonly ColumnSpec[],
  options: MappingOptions,
  warnings?: MappingWarning[],
): Record<string, string | null> {
  const out = emptyRecord(specs);
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    let raw: unknown;
    if (s.kind === 'path') raw = readSegments(item, s.segments);
    else if (s.kind === 'constant') raw = s.source;
    else if (s.kind === 'template') {
      const bindings: Record<string, unknown> =
        item && typeof item === 'object' && !Array.isArray(item)
          ? Object.assign({}, item as Record<string, unknown>)
          : {};
      bindings.response = item;
      const r = options.render(s.source, bindings);
      if (!r.ok) {
        warnings?.push({
          code: 'import.map.groovy',
          column: s.column,
          spec: s.spec,
          message: `${r.error.type}: ${r.error.message}`,
        });
        out[s.column] = null;
        continue;
      }
      raw = r.raw;
    } else continue;
    if (s.type === 'char') {
      // the common case, without convertValue's result object (millions of them in a 100,000-user import)
      out[s.column] = toCharValue(raw);
      continue;
    }
    const { value, problem } = convertValue(raw, s.type, options.dateFormat);
    if (problem) warnings?.push({ code: `import.map.${s.type}`, column: s.column, spec: s.spec, message: problem });
    out[s.column] = value;
  }
  return out;
}

/** True when a spec is the CP31-style marker that receives the captured account→entitlement mapping info. */
export function isAcctEntStore(s: ColumnSpec): boolean {
  return s.kind === 'store' && s.source === STORE_ACC_ENT_MAPPINGINFO;
}
