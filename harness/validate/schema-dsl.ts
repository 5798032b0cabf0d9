/** A small schema language for attribute JSONs: known keys (unknown ones are warnings with "did you mean"), types. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { JsonPath } from '../package/text-position.ts';

export type Spec =
  | { t: 'any' }
  | { t: 'string' }
  | { t: 'number' }
  | { t: 'boolean' }
  /** String, number or boolean (EIC reads these leniently). */
  | { t: 'scalar' }
  | { t: 'array'; items: Spec }
  /** Object with known keys; `rest` validates any other key instead of warning (maps such as headers). */
  | { t: 'object'; keys: Record<string, Spec>; rest?: Spec; what?: string; required?: string[] }
  | { t: 'oneOf'; options: Spec[] };

export const any: Spec = { t: 'any' };
export const str: Spec = { t: 'string' };
export const num: Spec = { t: 'number' };
export const bool: Spec = { t: 'boolean' };
export const scalar: Spec = { t: 'scalar' };
/** An array of `items`. */
export const arr = (items: Spec): Spec => ({ t: 'array', items });
/** An object with known keys (others are warned about). */
export const obj = (
  keys: Record<string, Spec>,
  opts: { what?: string; rest?: Spec; required?: string[] } = {},
): Spec => ({
  t: 'object',
  keys,
  ...opts,
});
/** An object whose every key is free and every value matches `values`. */
export const map = (values: Spec, what?: string): Spec => ({ t: 'object', keys: {}, rest: values, what });
/** One of several shapes (the first whose type matches is used). */
export const oneOf = (...options: Spec[]): Spec => ({ t: 'oneOf', options });

/** A finding of the schema walk, before it is given a file location. */
export interface SchemaFinding {
  code: string;
  severity: Diagnostic['severity'];
  path: JsonPath;
  message: string;
  hint?: string;
  /** True when the finding is about the key rather than the value. */
  atKey?: boolean;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function matches(spec: Spec, v: unknown): boolean {
  switch (spec.t) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'scalar':
      return ['string', 'number', 'boolean'].includes(typeof v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'oneOf':
      return spec.options.some((o) => matches(o, v));
  }
}

function expected(spec: Spec): string {
  switch (spec.t) {
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'oneOf':
      return spec.options.map(expected).join(' or ');
    case 'scalar':
      return 'a string, number or boolean';
    default:
      return `a ${spec.t}`;
  }
}

/** Walks a value against a spec and collects findings (never throws). */
export function checkSchema(
  spec: Spec,
  value: unknown,
  path: JsonPath = [],
  out: SchemaFinding[] = [],
): SchemaFinding[] {
  if (spec.t === 'any') return out;
  if (value === null && spec.t !== 'object' && spec.t !== 'array') return out;
  if (!matches(spec, value)) {
    const container = spec.t === 'object' || spec.t === 'array' || spec.t === 'oneOf';
    out.push({
      code: 'schema.type',
      severity: container ? 'error' : 'warning',
      path,
      message: `Expected ${expected(spec)}, found ${typeName(value)}`,
      hint: container
        ? `EIC cannot read this part of the JSON; write ${expected(spec)} here.`
        : `Write ${expected(spec)} (EIC may read other types leniently, or not at all).`,
    });
    return out;
  }
  if (spec.t === 'oneOf') {
    const chosen = spec.options.find((o) => matches(o, value));
    if (chosen) checkSchema(chosen, value, path, out);
    return out;
  }
  if (spec.t === 'array') {
    (value as unknown[]).forEach((item, i) => {
      checkSchema(spec.items, item, [...path, i], out);
    });
    return out;
  }
  if (spec.t === 'object') {
    const o = value as Record<string, unknown>;
    const known = Object.keys(spec.keys);
    for (const [k, v] of Object.entries(o)) {
      const sub = spec.keys[k];
      const caseTwin = sub ? undefined : known.find((n) => n.toLowerCase() === k.trim().toLowerCase());
      if (sub) checkSchema(sub, v, [...path, k], out);
      else if (spec.rest && !caseTwin) checkSchema(spec.rest, v, [...path, k], out);
      else {
        const near = suggest(k, known);
        const caseOnly = near !== undefined && near.toLowerCase() === k.trim().toLowerCase();
        out.push({
          code: 'schema.unknown-key',
          severity: 'warning',
          path: [...path, k],
          atKey: true,
          message: `Unknown key "${k}"${spec.what ? ` in ${spec.what}` : ''}: EIC ignores it${
            caseOnly ? ' (keys are case-sensitive)' : ''
          }${near ? `. Did you mean "${near}"?` : ''}`,
          hint: near ? `Rename "${k}" to "${near}".` : `Known keys here: ${known.join(', ')}.`,
        });
      }
    }
    for (const r of spec.required ?? []) {
      if (!(r in o)) {
        out.push({
          code: 'schema.missing-key',
          severity: 'error',
          path,
          message: `Missing required key "${r}"${spec.what ? ` in ${spec.what}` : ''}`,
          hint: `Add "${r}".`,
        });
      }
    }
  }
  return out;
}
