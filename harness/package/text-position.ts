/** Positions inside JSON text: offsets to line/column, JSON paths to nodes, decoded string indexes to raw offsets. */
import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';

export type JsonPath = (string | number)[];

/** 1-based line and column of a 0-based offset in `text` (CRLF counts as one line break). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Parses JSON text into a jsonc-parser tree (tolerant; undefined when nothing could be parsed). */
export function jsonTree(text: string): Node | undefined {
  return parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
}

/** The node at a JSON path, or the deepest existing ancestor when the path does not exist. */
export function nodeAtPath(tree: Node | undefined, path: JsonPath): Node | undefined {
  if (!tree) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (node) return node;
  }
  return tree;
}

/** The property-name node of the member at `path` (for pointing at a key rather than its value). */
export function keyNodeAtPath(tree: Node | undefined, path: JsonPath): Node | undefined {
  const value = tree && path.length > 0 ? findNodeAtLocation(tree, path) : undefined;
  const prop = value?.parent;
  if (prop?.type === 'property' && prop.children?.[0]) return prop.children[0];
  return undefined;
}

/**
 * Maps an index into a decoded JSON string value to the offset inside its raw literal (quotes included),
 * so that a position found in the value can be shown in the file.
 */
export function rawOffsetInLiteral(literal: string, decodedIndex: number): number {
  let raw = literal.startsWith('"') ? 1 : 0;
  let decoded = 0;
  while (raw < literal.length && decoded < decodedIndex) {
    if (literal[raw] === '\\') raw += literal[raw + 1] === 'u' ? 6 : 2;
    else raw += 1;
    decoded++;
  }
  return Math.min(raw, literal.length);
}

/** Line/column in `text` of a JSON path, optionally of a character inside the string value found there. */
export function positionOf(
  text: string,
  tree: Node | undefined,
  path: JsonPath,
  opts: { key?: boolean; inner?: number } = {},
): { line: number; column: number; offset: number } | undefined {
  const node = opts.key ? (keyNodeAtPath(tree, path) ?? nodeAtPath(tree, path)) : nodeAtPath(tree, path);
  if (!node) return undefined;
  let offset = node.offset;
  if (opts.inner !== undefined && node.type === 'string') {
    offset += rawOffsetInLiteral(text.slice(node.offset, node.offset + node.length), opts.inner);
  }
  return { ...lineColumnAt(text, offset), offset };
}
