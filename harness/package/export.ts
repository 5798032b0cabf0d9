/** Reads an EIC connection export (`Connection_*.json`): the EXTERNAL_ATTR list whose values are JSON strings. */
import { type ParseError, parse } from 'jsonc-parser';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { checkJsonDepth } from '../../lib/limits.ts';
import { excerptAt, parseAttribute } from './attribute.ts';
import { canonicalAttributeName } from './attribute-name.ts';
import { looksEncrypted } from './encrypted.ts';
import { lineColumnAt } from './text-position.ts';
import type { PackageAttribute } from './types.ts';

/** What an export yields before options (plaintext ConnectionJSON, patches) are applied. */
export interface ParsedExport {
  name: string;
  attributes: Record<string, PackageAttribute>;
  connectionEncrypted: boolean;
  diagnostics: Diagnostic[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds the connection object holding EXTERNAL_ATTR: at the root or one level down (`{"LeanIX": {...}}`). */
function findConnection(root: unknown): { conn: Json; key?: string } | undefined {
  if (!isObject(root)) return undefined;
  if (Array.isArray(root.EXTERNAL_ATTR)) return { conn: root };
  for (const [key, v] of Object.entries(root)) {
    if (isObject(v) && Array.isArray(v.EXTERNAL_ATTR)) return { conn: v, key };
  }
  return undefined;
}

/** True when the parsed JSON value is an EIC connection export. */
export function isExportJson(value: unknown): boolean {
  return findConnection(value) !== undefined;
}

/**
 * Parses an export's text tolerantly: a syntax error in the export itself is a diagnostic and whatever could be
 * recovered is kept; returns undefined when no EXTERNAL_ATTR list is found. Text nested deeper than
 * LIMITS.jsonDepth throws HarnessError `limit.depth`.
 */
export function parseExport(text: string, file: string): ParsedExport | undefined {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonDepth(clean, { file });
  const errors: ParseError[] = [];
  const root: unknown = parse(clean, errors, { disallowComments: false, allowTrailingComma: true });
  const diagnostics: Diagnostic[] = [];
  if (errors.length > 0) {
    const { line, column } = lineColumnAt(clean, errors[0].offset);
    diagnostics.push({
      code: 'package.export-syntax',
      severity: 'error',
      message: `The export is not valid JSON at line ${line}, column ${column} (${excerptAt(clean, errors[0].offset)}); only the attributes before that point were read`,
      location: { file, line, column },
      hint: 'Re-export the connection from EIC, or repair the file.',
    });
  }
  const found = findConnection(root);
  if (!found) return undefined;
  const { conn, key } = found;
  const name = (typeof conn.connectionname === 'string' && conn.connectionname) || key || file.replace(/^.*[\\/]/, '');
  const attributes: Record<string, PackageAttribute> = {};
  let connectionEncrypted = false;
  const list = conn.EXTERNAL_ATTR as unknown[];
  list.forEach((entry, i) => {
    const source = `${file}#EXTERNAL_ATTR[${i}]`;
    if (!isObject(entry)) {
      diagnostics.push({
        code: 'package.export-entry',
        severity: 'warning',
        message: `EXTERNAL_ATTR[${i}] is not an object with attributename and a value; skipped`,
        location: { file, path: ['EXTERNAL_ATTR', i] },
        hint: 'Each EXTERNAL_ATTR entry is {"attributename": ..., "encryptedattributevalue": "<JSON text>"}.',
      });
      return;
    }
    const rawName = entry.attributename;
    if (typeof rawName !== 'string' || rawName.trim() === '') {
      diagnostics.push({
        code: 'package.export-entry',
        severity: 'warning',
        message: `EXTERNAL_ATTR[${i}] has no attributename; skipped`,
        location: { file, path: ['EXTERNAL_ATTR', i] },
        hint: 'Each EXTERNAL_ATTR entry names its attribute in "attributename".',
      });
      return;
    }
    const attrName = canonicalAttributeName(rawName) ?? rawName;
    const value = entry.encryptedattributevalue ?? entry.attributevalue;
    if (value === null || value === undefined || value === '') return; // empty means absent
    if (typeof value !== 'string') {
      diagnostics.push({
        code: 'package.export-entry',
        severity: 'warning',
        message: `EXTERNAL_ATTR[${i}] (${attrName}) has a value that is not a string; skipped`,
        location: { file: source, attribute: attrName },
        hint: 'Attribute values in an EIC export are JSON text inside a string.',
      });
      return;
    }
    if (value.trim() === '') return;
    if (attributes[attrName]) {
      diagnostics.push({
        code: 'package.duplicate-attribute',
        severity: 'warning',
        message: `${attrName} appears more than once in EXTERNAL_ATTR; the later entry (EXTERNAL_ATTR[${i}]) is used`,
        location: { file: source, attribute: attrName },
        hint: 'Remove the duplicate entry from the export.',
      });
    }
    if (looksEncrypted(value)) {
      if (attrName === 'ConnectionJSON') connectionEncrypted = true;
      else {
        diagnostics.push({
          code: 'package.encrypted-attribute',
          severity: 'warning',
          message: `${attrName} is encrypted in the export and cannot be read; it is treated as absent`,
          location: { file: source, attribute: attrName },
          hint: `Put a plaintext ${attrName}.json in a folder package instead.`,
        });
      }
      delete attributes[attrName];
      return;
    }
    attributes[attrName] = parseAttribute(attrName, value, source);
  });
  return { name, attributes, connectionEncrypted, diagnostics };
}
