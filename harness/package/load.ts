/** Loads an EIC connection package from a folder, an export `Connection_*.json`, a transport zip or one attribute file. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Diagnostic, HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import { readRegularFile } from '../../lib/files.ts';
import { LIMITS } from '../../lib/limits.ts';
import { firstJsonError, parseAttribute } from './attribute.ts';
import { attributeFromFileSuffix, attributeOfPackageFile } from './attribute-name.ts';
import { type ParsedExport, parseExport } from './export.ts';
import { applyPatches, type Patch, parsePatchDocument, readPatchFile } from './patch.ts';
import { lineColumnAt } from './text-position.ts';
import type { ConnectionPackage, PackageAttribute } from './types.ts';
import { jsonFilesInZip } from './zip.ts';

/** Options of loadPackage. */
export interface LoadOptions {
  /** Path of a plaintext ConnectionJSON that replaces the (usually encrypted) one of the package. */
  connectionJson?: string;
  /** A patch file path (YAML or JSON) or patches to apply on load. */
  patches?: string | Patch[];
}

const EXPORT_NAME = /^Connection_.*\.json$/i;
const HINT =
  'A package is a folder of <AttributeName>.json files (CreateAccountJSON.json, ...), an EIC export Connection_*.json, the transport zip containing it, or one attribute file named *<AttributeName>.json.';

async function readBytes(path: string, what = 'package'): Promise<Uint8Array> {
  try {
    return await readRegularFile(path, { max: LIMITS.fileBytes, what });
  } catch (e) {
    if (isHarnessError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new HarnessError(
      'package.not-found',
      `Cannot read ${what} ${path}${code === 'ENOENT' ? ': no such file or folder' : code ? ` (${code})` : ''}`,
      { file: path },
    );
  }
}

function fromExport(parsed: ParsedExport, origin: string, kind: 'export' | 'zip'): ConnectionPackage {
  return {
    name: parsed.name,
    origin,
    kind,
    attributes: parsed.attributes,
    connectionEncrypted: parsed.connectionEncrypted,
    diagnostics: parsed.diagnostics,
  };
}

/** Builds a package from a zip's bytes: the export inside is the `Connection_*.json` (or any JSON with EXTERNAL_ATTR). */
export function packageFromZip(bytes: Uint8Array, file: string): ConnectionPackage {
  const jsons = jsonFilesInZip(bytes, file);
  const byName = jsons.filter((j) => EXPORT_NAME.test(basename(j.path)));
  const candidates = [...byName, ...jsons.filter((j) => !byName.includes(j))];
  const exports: { path: string; parsed: ParsedExport }[] = [];
  for (const j of candidates) {
    const parsed = parseExport(j.text, `${file}!${j.path}`);
    if (parsed) exports.push({ path: j.path, parsed });
  }
  if (exports.length === 0) {
    throw new HarnessError(
      'package.no-export',
      `${file} contains no connection export (a Connection_*.json with an EXTERNAL_ATTR list); found ${jsons.length === 0 ? 'no JSON files' : jsons.map((j) => j.path).join(', ')}`,
      { file },
      HINT,
    );
  }
  const pkg = fromExport(exports[0].parsed, file, 'zip');
  if (exports.length > 1) {
    pkg.diagnostics.push({
      code: 'package.multiple-exports',
      severity: 'warning',
      message: `${file} holds ${exports.length} connection exports; loaded ${exports[0].path} (others: ${exports
        .slice(1)
        .map((e) => e.path)
        .join(', ')})`,
      location: { file },
      hint: 'Extract the zip and pass the export you want.',
    });
  }
  return pkg;
}

/**
 * Builds a package from one JSON file's text: an export (by content, or by its `Connection_*.json` name, in which
 * case a broken export still loads with diagnostics) or a single attribute named by the file-name suffix.
 */
export function packageFromJsonFile(text: string, file: string): ConnectionPackage {
  const name = basename(file);
  const attrName = attributeFromFileSuffix(name);
  if (!attrName) {
    const parsed = parseExport(text, file);
    if (parsed) return fromExport(parsed, file, 'export');
    if (EXPORT_NAME.test(name)) {
      const err = firstJsonError(text);
      const pos = err ? lineColumnAt(text, err.offset) : undefined;
      return {
        name: name.replace(/\.json$/i, ''),
        origin: file,
        kind: 'export',
        attributes: {},
        connectionEncrypted: false,
        diagnostics: [
          {
            code: 'package.no-export',
            severity: 'error',
            message: err
              ? `${name} is not valid JSON (${err.message} at line ${pos!.line}, column ${pos!.column}) and no EXTERNAL_ATTR list could be read`
              : `${name} has no EXTERNAL_ATTR list: it is not an EIC connection export`,
            location: { file, line: pos?.line, column: pos?.column },
            hint: HINT,
          },
        ],
      };
    }
    const err = firstJsonError(text);
    throw new HarnessError(
      'package.unknown-file',
      err
        ? `${file} is neither an EIC export nor an attribute file: it is not valid JSON and its name does not end in <AttributeName>.json`
        : `${file} is neither an EIC export (no EXTERNAL_ATTR list) nor an attribute file (its name does not end in <AttributeName>.json)`,
      { file },
      HINT,
    );
  }
  return {
    name: name.replace(/\.json$/i, ''),
    origin: file,
    kind: 'file',
    attributes: { [attrName]: parseAttribute(attrName, text, file) },
    connectionEncrypted: false,
    diagnostics: [],
  };
}

async function packageFromFolder(dir: string): Promise<ConnectionPackage> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  entries.sort();
  const attributes: Record<string, PackageAttribute> = {};
  const diagnostics: Diagnostic[] = [];
  const others: string[] = [];
  for (const f of entries) {
    const attr = attributeOfPackageFile(f);
    if (!attr) {
      if (/\.json$/i.test(f)) others.push(f);
      continue;
    }
    const path = join(dir, f);
    const text = new TextDecoder().decode(await readBytes(path, 'attribute file'));
    if (text.trim() === '') continue; // empty means absent
    if (attributes[attr]) {
      diagnostics.push({
        code: 'package.duplicate-attribute',
        severity: 'warning',
        message: `${attr} is given twice (${basename(attributes[attr].source)} and ${f}); ${f} is used`,
        location: { file: path, attribute: attr },
        hint: 'Keep one file per attribute.',
      });
    }
    attributes[attr] = parseAttribute(attr, text, path);
  }
  if (Object.keys(attributes).length === 0) {
    // A customer folder as exported: the export or the transport zip inside.
    const exportFile = entries.find((f) => EXPORT_NAME.test(f));
    if (exportFile) return loadFile(join(dir, exportFile));
    const zip = entries.find((f) => /\.zip$/i.test(f));
    if (zip) return loadFile(join(dir, zip));
    const suffixed = others.filter((f) => attributeFromFileSuffix(f));
    throw new HarnessError(
      'package.empty-folder',
      `${dir} holds no package: no <AttributeName>.json file, no Connection_*.json export and no zip${
        suffixed.length > 0
          ? ` (files such as ${suffixed[0]} are single attributes of separate apps: validate them one by one)`
          : ''
      }`,
      { file: dir },
      HINT,
    );
  }
  for (const f of others) {
    diagnostics.push({
      code: 'package.unknown-file',
      severity: 'info',
      message: `${f} is not named after a connection attribute and was ignored`,
      location: { file: join(dir, f) },
      hint: 'Attribute files are named exactly <AttributeName>.json, e.g. CreateAccountJSON.json.',
    });
  }
  return {
    name: basename(dir),
    origin: dir,
    kind: 'folder',
    attributes,
    connectionEncrypted: false,
    diagnostics,
  };
}

async function loadFile(path: string): Promise<ConnectionPackage> {
  const bytes = await readBytes(path);
  if (/\.zip$/i.test(path) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return packageFromZip(bytes, path);
  return packageFromJsonFile(new TextDecoder().decode(bytes), path);
}

/**
 * Loads a connection package as customers have it. Bad input (a zip with no export, a file that is neither an
 * export nor an attribute) throws HarnessError; problems inside the package become `diagnostics`.
 */
export async function loadPackage(path: string, options: LoadOptions = {}): Promise<ConnectionPackage> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new HarnessError(
      'package.not-found',
      `Cannot read package ${path}: no such file or folder`,
      { file: path },
      HINT,
    );
  }
  const pkg = info.isDirectory() ? await packageFromFolder(path) : await loadFile(path);
  const attrs = pkg.attributes as Record<string, PackageAttribute>;
  if (options.connectionJson) {
    const text = new TextDecoder().decode(await readBytes(options.connectionJson, 'ConnectionJSON file'));
    attrs.ConnectionJSON = parseAttribute('ConnectionJSON', text, options.connectionJson);
    pkg.diagnostics.push({
      code: 'package.connection-replaced',
      severity: 'info',
      message: `ConnectionJSON taken from ${options.connectionJson}${pkg.connectionEncrypted ? ' (the export holds it encrypted)' : ''}`,
      location: { file: options.connectionJson, attribute: 'ConnectionJSON' },
    });
    pkg.connectionEncrypted = false;
  } else if (pkg.connectionEncrypted) {
    pkg.diagnostics.push({
      code: 'package.connection-encrypted',
      severity: 'warning',
      message:
        'ConnectionJSON is encrypted in this export, so authentication blocks cannot be read or checked, and calls cannot be executed',
      location: { file: pkg.origin, attribute: 'ConnectionJSON' },
      hint: 'Pass a plaintext ConnectionJSON: `--connection ConnectionJSON.json` on the command line, the `connectionJson` option of loadPackage, or the scenario key.',
    });
  }
  if (options.patches !== undefined) {
    const file = typeof options.patches === 'string' ? options.patches : 'patches';
    let patches: Patch[];
    if (typeof options.patches === 'string') patches = await readPatchFile(options.patches);
    else {
      // Validate programmatic patches like a file, but keep their order.
      parsePatchDocument(
        {
          replace: options.patches.filter((p) => 'find' in p),
          set: options.patches.filter((p) => !('find' in p)),
        },
        file,
      );
      patches = options.patches;
    }
    pkg.diagnostics.push(...applyPatches(attrs, patches, file));
  }
  return pkg;
}
