/**
 * Uploaded connection packages: zip bytes (the EIC transport zip) or JSON text (the `Connection_*.json` export, or one
 * attribute file), validated like `harness validate`, and loaded into the live world with its placeholders filled
 * from the live tenant and an emulator over the live fake.
 */
import { createEmulator } from '../../harness/emulator.ts';
import { firstJsonError, parseAttribute } from '../../harness/package/attribute.ts';
import { packageFromJsonFile, packageFromZip } from '../../harness/package/index.ts';
import { fillPlaceholders } from '../../harness/package/placeholders.ts';
import { lineColumnAt } from '../../harness/package/text-position.ts';
import type { ConnectionPackage, PackageAttribute } from '../../harness/package/types.ts';
import { tenantVars } from '../../harness/scenario/tenant-values.ts';
import { fakeTransport } from '../../harness/scenario/world.ts';
import { validatePackage } from '../../harness/validate/index.ts';
import { type Diagnostic, HarnessError, sortDiagnostics, summarize } from '../../lib/diagnostic.ts';
import { secretValuesIn } from '../../lib/redact.ts';
import { apiError } from './respond.ts';
import { attachEmulator, type InspectorWorld, type PackageInfo, packageInfo } from './worlds.ts';

/** A safe display name for an upload: the `name` query's last path segment, else `upload`. */
export function uploadName(url: URL, fallback = 'upload'): string {
  const raw = url.searchParams.get('name') ?? '';
  const base = raw.split(/[\\/]/).pop()?.trim() ?? '';
  return base.length > 0 ? base.slice(0, 200) : fallback;
}

/**
 * Builds a package from uploaded bytes: a zip (by its `PK` magic) or JSON text. Input that is no package at all
 * throws an HttpError 400 naming the file and what was expected.
 */
export function packageFromUpload(bytes: Uint8Array, name: string): ConnectionPackage {
  if (bytes.byteLength === 0)
    throw apiError(400, 'package.upload', `${name} is empty: expected zip bytes or JSON text`, {
      location: { file: name },
      hint: 'Send the EIC transport zip or the Connection_*.json export as the request body.',
    });
  let pkg: ConnectionPackage;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const text = zip ? '' : new TextDecoder().decode(bytes);
  try {
    pkg = zip ? packageFromZip(bytes, name) : packageFromJsonFile(text, name);
  } catch (e) {
    if (e instanceof HarnessError) {
      // Malformed JSON: say where (a limit error already does; and the text may be too deep to parse again).
      const err = zip || e.code.startsWith('limit.') ? undefined : firstJsonError(text);
      const at: { line?: number; column?: number } = err ? lineColumnAt(text, err.offset) : {};
      throw apiError(
        400,
        e.code,
        err ? `${e.message} (${err.message} at line ${at.line}, column ${at.column})` : e.message,
        {
          location: { ...e.location, ...at, file: name },
          path: e.location.path,
          hint: e.hint,
        },
      );
    }
    throw e;
  }
  if (pkg.connectionEncrypted)
    pkg.diagnostics.push({
      code: 'package.connection-encrypted',
      severity: 'warning',
      message:
        'ConnectionJSON is encrypted in this export, so authentication blocks cannot be read or checked, and calls cannot be executed',
      location: { file: name, attribute: 'ConnectionJSON' },
      hint: 'Upload a package with a plaintext ConnectionJSON (a folder export, or the export with ConnectionJSON replaced).',
    });
  return pkg;
}

/** The result of validating an upload. */
export interface PackageValidation {
  name: string;
  package: PackageInfo;
  diagnostics: Diagnostic[];
  summary: { error: number; warning: number; info: number };
}

/**
 * Validates a package; diagnostics are sorted and name the uploaded file as `location.file` (their `attribute`,
 * `path`, `line` and `column` point inside it), except those in a separately uploaded ConnectionJSON, which keep
 * its name.
 */
export function validationOf(pkg: ConnectionPackage, name: string, extra: Diagnostic[] = []): PackageValidation {
  const ownFile = connectionFiles.get(pkg);
  const diagnostics = sortDiagnostics(
    [...validatePackage(pkg), ...extra].map((d) => ({
      ...d,
      location: { ...d.location, file: ownFile && d.location?.file === ownFile ? ownFile : name },
    })),
  );
  const s = summarize(diagnostics);
  return {
    name,
    package: packageInfo(pkg),
    diagnostics,
    summary: { error: s.errors, warning: s.warnings, info: s.infos },
  };
}

/** The file name of a ConnectionJSON uploaded on its own, by package (its findings name that file). */
const connectionFiles = new WeakMap<ConnectionPackage, string>();

/**
 * Replaces the ConnectionJSON of the package loaded in a world with a plaintext one (the export holds it encrypted,
 * as EIC exports do), then reloads the world's emulator like loadPackageInto; HttpError 409 when no package is loaded.
 */
export function replaceConnection(world: InspectorWorld, text: string, name: string): PackageValidation {
  const pkg = world.emu?.package;
  if (!pkg || !world.package)
    throw apiError(409, 'inspector.no-package', `world ${world.id} has no package to give a ConnectionJSON to`, {
      hint: 'load the package first: PUT /__harness/worlds/live/eic/package?name=<file name>',
    });
  const attrs = pkg.attributes as Record<string, PackageAttribute>;
  attrs.ConnectionJSON = parseAttribute('ConnectionJSON', text, name);
  connectionFiles.set(pkg, name);
  pkg.diagnostics = pkg.diagnostics.filter(
    (d) => d.code !== 'package.connection-encrypted' && d.code !== 'package.connection-replaced',
  );
  pkg.diagnostics.push({
    code: 'package.connection-replaced',
    severity: 'info',
    message: `ConnectionJSON taken from ${name}${pkg.connectionEncrypted ? ' (the export holds it encrypted)' : ''}`,
    location: { file: name, attribute: 'ConnectionJSON' },
  });
  pkg.connectionEncrypted = false;
  return loadPackageInto(world, pkg, pkg.origin);
}

/**
 * Loads a package into a world (the live one): fills `<host>`, `<workspaceId>`, `<accountId>` and `<apiTokenBasic>`
 * from the world's tenant (the workspace named or with id `workspace`, else the first), then replaces the world's
 * emulator with a fresh one over the world's fake (its fetch, its clock; waits advance the fake clock). Placeholders
 * the package does not hold are no finding; the fills made are `patch.applied` infos.
 */
export function loadPackageInto(
  world: InspectorWorld,
  pkg: ConnectionPackage,
  name: string,
  workspace?: string,
): PackageValidation {
  const { fake } = world;
  const data = fake.exportJson();
  const ws = workspace ? data.workspaces.find((w) => w.name === workspace || w.id === workspace) : data.workspaces[0];
  if (workspace && !ws)
    throw apiError(400, 'inspector.workspace', `no workspace named ${JSON.stringify(workspace)} in this world`, {
      path: ['workspace'],
      hint: `known: ${data.workspaces.map((w) => w.name).join(', ')}`,
    });
  const vars = tenantVars(data, ws, fake.clock.now());
  const fills = fillPlaceholders(pkg, vars, 'placeholders');
  // the filled API token and the package's credentials are secrets of this world from now on
  fake.secrets.addAll([vars.apiToken, vars.apiTokenBasic, ...secretValuesIn(pkg.attributes.ConnectionJSON?.json)]);
  const emu = createEmulator({
    package: pkg,
    secrets: fake.secrets,
    transport: fakeTransport(fake),
  });
  attachEmulator(world, emu, pkg);
  return fake.secrets.redactValue(validationOf(pkg, name, fills));
}
