/** What every check receives about one attribute, and how a finding is given its file location. */
import type { Node } from 'jsonc-parser';
import type { Diagnostic, Severity } from '../../lib/diagnostic.ts';
import { type JsonPath, jsonTree, lineColumnAt, positionOf } from '../package/text-position.ts';
import type { ConnectionPackage, PackageAttribute } from '../package/types.ts';

/** One attribute under validation. */
export interface AttrContext {
  pkg: ConnectionPackage;
  attr: PackageAttribute;
  name: string;
  json: unknown;
  text: string;
  tree: Node | undefined;
}

/** Builds the context of a parsed attribute. */
export function attrContext(pkg: ConnectionPackage, attr: PackageAttribute): AttrContext {
  return { pkg, attr, name: attr.name, json: attr.json, text: attr.text, tree: jsonTree(attr.text) };
}

/** Options of `finding`: point at the key instead of the value, or at a character inside a string value. */
export interface At {
  key?: boolean;
  inner?: number;
  /** Absolute offset in the attribute text (overrides the path lookup). */
  textOffset?: number;
}

/** A diagnostic located at a JSON path of the attribute (with line and column in the attribute's own text). */
export function finding(
  ctx: AttrContext,
  code: string,
  severity: Severity,
  path: JsonPath,
  message: string,
  hint?: string,
  at: At = {},
): Diagnostic {
  const pos =
    at.textOffset !== undefined ? lineColumnAt(ctx.text, at.textOffset) : positionOf(ctx.text, ctx.tree, path, at);
  const d: Diagnostic = {
    code,
    severity,
    message,
    location: { file: ctx.attr.source, attribute: ctx.name, path, line: pos?.line, column: pos?.column },
  };
  if (hint) d.hint = hint;
  return d;
}

/** Calls `visit` for every string value (not keys) in a JSON value, with its path. */
export function walkStrings(value: unknown, visit: (path: JsonPath, s: string) => void, path: JsonPath = []): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      walkStrings(v, visit, [...path, i]);
    });
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...path, k]);
  }
}

/** Calls `visit` for every object (arrays are walked through, not visited) in a JSON value, parents first. */
export function walkObjects(
  value: unknown,
  visit: (path: JsonPath, obj: Record<string, unknown>) => void,
  path: JsonPath = [],
): void {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      walkObjects(v, visit, [...path, i]);
    });
  else if (value && typeof value === 'object') {
    visit(path, value as Record<string, unknown>);
    for (const [k, v] of Object.entries(value)) walkObjects(v, visit, [...path, k]);
  }
}

/** How deeply a JSON value nests (a scalar is 0), measured without recursion so any depth is safe. */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    for (const x of Array.isArray(v) ? v : Object.values(v))
      if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return max;
}

/** The value at a path of a JSON value, or undefined. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
