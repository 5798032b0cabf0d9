/**
 * Patch files: fill the tenant values an EIC export blanks (`https://.leanix.net`, `/workspaces//users`) without
 * editing the export. YAML or JSON:
 *   replace: [{ find: 'https://.leanix.net', with: 'https://acme.leanix.net', attribute?: CreateAccountJSON }]
 *   set:     [{ attribute: ImportAccountEntJSON, path: 'accountParams.call.call1.http.url', value: 'https://...' }]
 */
import { applyEdits, findNodeAtLocation, modify, type Node, parseTree } from 'jsonc-parser';
import { LineCounter } from 'yaml';
import { z } from 'zod';
import { type Diagnostic, formatPath, HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import { readRegularFile } from '../../lib/files.ts';
import { LIMITS } from '../../lib/limits.ts';
import { parseYamlDocument, yamlToJs } from '../../lib/yaml.ts';
import { parseAttribute } from './attribute.ts';
import { canonicalAttributeName } from './attribute-name.ts';
import { suggest } from './suggest.ts';
import type { JsonPath } from './text-position.ts';
import { ATTRIBUTE_NAMES, type PackageAttribute } from './types.ts';

/** Text replacement in every string value (or in the raw text) of one attribute, some, or all. */
export interface ReplacePatch {
  find: string;
  with: string;
  /** Limit to these attributes (default: all). */
  attribute?: string | string[];
  /** `values` (default): inside JSON string values; `text`: in the attribute's raw text. */
  in?: 'values' | 'text';
}

/** Sets the value at a JSON path of one attribute (the parent must exist). */
export interface SetPatch {
  attribute: string;
  /** Dotted path with `[n]` indexes (`call[0].url`, `accountParams.call.call1.http.url`) or path segments. */
  path: string | JsonPath;
  value: unknown;
}

export type Patch = ReplacePatch | SetPatch;

const attributeName = z.string().refine((s) => canonicalAttributeName(s) !== undefined, {
  error: (iss) => {
    const s = String(iss.input);
    const near = suggest(s, ATTRIBUTE_NAMES);
    return `expected an attribute name (${ATTRIBUTE_NAMES.slice(0, 3).join(', ')}, ...)${near ? `; did you mean ${near}?` : ''}`;
  },
});

const ReplaceSchema = z.strictObject({
  find: z.string().min(1, 'expected a non-empty string to find'),
  with: z.string({ error: 'expected the replacement string' }),
  attribute: z.union([attributeName, z.array(attributeName)]).optional(),
  in: z.enum(['values', 'text']).optional(),
});
const SetSchema = z
  .strictObject({
    attribute: attributeName,
    path: z.union([
      z.string().min(1, 'expected a JSON path such as call[0].url'),
      z.array(z.union([z.string(), z.number().int()])),
    ]),
    value: z.unknown(),
  })
  .refine((o) => 'value' in o, { error: 'expected a value to set', path: ['value'] });

const PatchFileSchema = z.strictObject({
  replace: z.array(ReplaceSchema).optional(),
  set: z.array(SetSchema).optional(),
});

/** Parses a dotted path with `[n]`, `['key']` and `["key"]` segments into path segments. */
export function parseJsonPath(path: string): JsonPath {
  const out: JsonPath = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/g;
  let m: RegExpExecArray | null = re.exec(path);
  while (m) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3] ?? m[4] ?? '');
    m = re.exec(path);
  }
  return out;
}

/** Validates an already-parsed patch document (from YAML or JSON); throws HarnessError `patch.invalid`. */
export function parsePatchDocument(doc: unknown, file: string): Patch[] {
  const result = PatchFileSchema.safeParse(doc ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
    throw new HarnessError(
      'patch.invalid',
      `Invalid patch file at ${formatPath(path)}: ${/nonoptional/.test(issue.message) ? 'expected a value' : issue.message}${more}`,
      { file, path },
      'A patch file has `replace: [{find, with, attribute?, in?}]` and/or `set: [{attribute, path, value}]`.',
    );
  }
  const patches: Patch[] = [];
  for (const r of result.data.replace ?? []) patches.push(r);
  for (const s of result.data.set ?? []) patches.push({ attribute: s.attribute, path: s.path, value: s.value });
  return patches;
}

/** Reads and validates a YAML or JSON patch file; throws HarnessError with file, line/column or path. */
export async function readPatchFile(file: string): Promise<Patch[]> {
  let text: string;
  try {
    text = (await readRegularFile(file, { max: LIMITS.fileBytes, what: 'patch file' })).toString('utf8');
  } catch (e) {
    if (isHarnessError(e)) throw e;
    throw new HarnessError('patch.not-found', `Cannot read patch file ${file}`, { file });
  }
  const lineCounter = new LineCounter();
  const parsed = parseYamlDocument(text, { file, lineCounter });
  const [first] = parsed.errors;
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const msg = first.message.split('\n')[0];
    throw new HarnessError('patch.syntax', `Patch file is not valid YAML/JSON: ${msg} at line ${line}, column ${col}`, {
      file,
      line,
      column: col,
    });
  }
  return parsePatchDocument(yamlToJs(parsed, { file }), file);
}

function isReplace(p: Patch): p is ReplacePatch {
  return 'find' in p;
}

function targets(p: Patch, attrs: Record<string, PackageAttribute>): string[] {
  const wanted = isReplace(p) ? p.attribute : p.attribute;
  if (wanted === undefined) return Object.keys(attrs);
  const list = Array.isArray(wanted) ? wanted : [wanted];
  return list.map((n) => canonicalAttributeName(n) ?? n).filter((n) => attrs[n] !== undefined);
}

function stringNodes(node: Node | undefined, out: Node[] = []): Node[] {
  if (!node) return out;
  if (node.type === 'string' && !(node.parent?.type === 'property' && node.parent.children?.[0] === node)) {
    out.push(node);
  }
  for (const c of node.children ?? []) stringNodes(c, out);
  return out;
}

/** Replaces in string values; returns the new text and how many values changed. */
function replaceInValues(text: string, find: string, by: string): { text: string; count: number } {
  const tree = parseTree(text, [], { disallowComments: true });
  const edits = stringNodes(tree)
    .filter((n) => typeof n.value === 'string' && n.value.includes(find))
    .map((n) => ({
      offset: n.offset,
      length: n.length,
      content: JSON.stringify((n.value as string).split(find).join(by)),
    }));
  return { text: applyEdits(text, edits), count: edits.length };
}

function describe(p: Patch, index: number): string {
  return isReplace(p)
    ? `patch ${index + 1} (replace ${JSON.stringify(p.find)})`
    : `patch ${index + 1} (set ${p.attribute} ${typeof p.path === 'string' ? p.path : formatPath(p.path)})`;
}

/**
 * Applies patches in order (replacements and sets as listed) to the attributes, re-parsing each changed one.
 * Returns diagnostics: `patch.applied` (info) per patch that changed something, `patch.unmatched` (warning) otherwise.
 */
export function applyPatches(
  attrs: Record<string, PackageAttribute>,
  patches: Patch[],
  file = 'patches',
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  patches.forEach((p, i) => {
    let changed = 0;
    let why = '';
    const names = targets(p, attrs);
    if (names.length === 0) why = 'the attribute is absent from the package';
    for (const name of names) {
      const attr = attrs[name]!;
      let text = attr.text;
      if (isReplace(p)) {
        if ((p.in ?? 'values') === 'text' || attr.json === undefined) {
          const n = text.split(p.find).length - 1;
          if (n > 0) text = text.split(p.find).join(p.with);
          changed += n;
        } else {
          const r = replaceInValues(text, p.find, p.with);
          text = r.text;
          changed += r.count;
        }
        if (!why && changed === 0) why = 'the text was not found';
      } else {
        const path = typeof p.path === 'string' ? parseJsonPath(p.path) : p.path;
        const tree = attr.json === undefined ? undefined : parseTree(text, [], { disallowComments: true });
        const parent = tree ? findNodeAtLocation(tree, path.slice(0, -1)) : undefined;
        if (!tree) why = `${name} is not valid JSON`;
        else if (path.length === 0 || !parent || (parent.type !== 'object' && parent.type !== 'array')) {
          why = `the parent of ${formatPath(path)} does not exist in ${name}`;
        } else {
          text = applyEdits(
            text,
            modify(text, path, p.value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
          );
          changed++;
        }
      }
      if (text !== attr.text) attrs[name] = parseAttribute(name, text, attr.source);
    }
    if (changed > 0) {
      diags.push({
        code: 'patch.applied',
        severity: 'info',
        message: `${describe(p, i)} changed ${changed} value${changed === 1 ? '' : 's'}`,
        location: { file },
      });
    } else {
      diags.push({
        code: 'patch.unmatched',
        severity: 'warning',
        message: `${describe(p, i)} matched nothing: ${why || 'no match'}`,
        location: { file },
        hint: 'Check the attribute name, the path or the text to find (replacements match JSON string values as decoded).',
      });
    }
  });
  return diags;
}
