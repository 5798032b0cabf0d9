/**
 * `harness validate <package> [--json] [--connection file] [--patch file] [--fill-placeholders [--tenant f | --seed n]
 * [--workspace w]]`: loads a connection package (folder, export, transport zip or single attribute file) and prints
 * every finding grouped by attribute. `--fill-placeholders` first fills `<host>`, `<workspaceId>`, `<accountId>` and
 * `<apiTokenBasic>` with a tenant's values, the demo tenant's by default (what a scenario's `fillPlaceholders: true`
 * does).
 * Exit status: 1 when there are errors, 0 otherwise (warnings allowed), 2 on usage or file errors. With `--json`,
 * usage, file and internal errors are a JSON document on stdout too: `{"error":{"code","message",...}}`.
 */
import { type Command, InvalidArgumentError } from 'commander';
import {
  type Diagnostic,
  formatPath,
  HarnessError,
  isHarnessError,
  sortDiagnostics,
  summarize,
} from '../../../lib/diagnostic.ts';
import type { ConnectionPackage } from '../../package/types.ts';

/** Options of `harness validate`. */
export interface ValidateCliOptions {
  json?: boolean;
  connection?: string;
  patch?: string;
  /** Fill the tenant placeholders with a tenant's values (the demo tenant unless `tenant` or `seed` says). */
  fillPlaceholders?: boolean;
  /** With fillPlaceholders: a tenant file to take the values from. */
  tenant?: string;
  /** With fillPlaceholders: the seed of a generated tenant to take the values from. */
  seed?: number;
  /** With fillPlaceholders: the workspace (name or id; default the first). */
  workspace?: string;
}

/** The `--json` document: the package summary, every diagnostic and the counts. */
export function validationReport(pkg: ConnectionPackage, diagnostics: Diagnostic[]) {
  const s = summarize(diagnostics);
  return {
    package: {
      name: pkg.name,
      origin: pkg.origin,
      kind: pkg.kind,
      attributes: Object.keys(pkg.attributes),
      connectionEncrypted: pkg.connectionEncrypted,
    },
    diagnostics,
    summary: { errors: s.errors, warnings: s.warnings, infos: s.infos },
  };
}

function line(d: Diagnostic): string {
  const loc = d.location;
  const where: string[] = [];
  if (loc?.line !== undefined) where.push(`${loc.line}:${loc.column ?? 1}`);
  if (loc?.path && loc.path.length > 0) where.push(formatPath(loc.path));
  const head = `  ${d.severity.padEnd(7)} ${d.code.padEnd(30)} ${where.join(' ')}`.trimEnd();
  const body = [`${head}`, `      ${d.message}`];
  if (d.hint) body.push(`      hint: ${d.hint}`);
  return body.join('\n');
}

/** Human rendering: a note under the package name, diagnostics grouped by attribute (with the source of each), then the counts. */
export function formatValidation(pkg: ConnectionPackage, diagnostics: Diagnostic[], note?: string): string {
  const out: string[] = [`${pkg.name} (${pkg.kind}: ${pkg.origin})`];
  if (note) out.push(note);
  const groups = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = d.location?.attribute ?? '(package)';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const order = ['(package)', ...[...groups.keys()].filter((k) => k !== '(package)')];
  for (const key of order) {
    const list = groups.get(key);
    if (!list) continue;
    const source = key === '(package)' ? undefined : (pkg.attributes[key]?.source ?? list[0].location?.file);
    out.push('', source ? `${key}  (${source})` : key);
    for (const d of list) out.push(line(d));
  }
  const s = summarize(diagnostics);
  const checked = Object.keys(pkg.attributes).length;
  out.push(
    '',
    `${checked} attribute${checked === 1 ? '' : 's'} checked: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${
      s.warnings === 1 ? '' : 's'
    }, ${s.infos} info`,
  );
  return out.join('\n');
}

/**
 * The `--json` error document, in the shape of the harness's HTTP APIs (lib/http-json.ts):
 * `{"error":{"code","message","path"?,"location"?,"hint"?}}`; anything not a HarnessError is `validate.internal`.
 */
export function errorReport(e: unknown): { error: Record<string, unknown> } {
  const d: Diagnostic = isHarnessError(e)
    ? e.toDiagnostic()
    : { code: 'validate.internal', severity: 'error', message: e instanceof Error ? e.message : String(e) };
  const error: Record<string, unknown> = { code: d.code, message: d.message };
  if (d.location?.path) error.path = formatPath(d.location.path);
  if (d.location && Object.keys(d.location).some((k) => k !== 'path')) error.location = d.location;
  if (d.hint) error.hint = d.hint;
  return { error };
}

/** A stack overflow while reading a package becomes a clean error naming the file. */
function tooDeep(e: unknown, path: string): unknown {
  if (!(e instanceof RangeError) || !/call stack/i.test(e.message)) return e;
  return new HarnessError(
    'json.too-deep',
    `${path} is nested too deeply to read (the JSON parser ran out of stack)`,
    { file: path },
    'No real connection package nests this deep: the file is probably generated or corrupted.',
  );
}

/** Loads and validates; a stack overflow while loading is thrown as a `json.too-deep` HarnessError. */
async function loadAndValidate(path: string, opts: ValidateCliOptions) {
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { loadPackage } = await import('../../package/index.ts');
  const { validatePackage } = await import('../../validate/index.ts');
  const fill = opts.fillPlaceholders || opts.tenant !== undefined || opts.seed !== undefined;
  if (!fill && opts.workspace !== undefined)
    throw new HarnessError(
      'validate.usage',
      '--workspace chooses where --fill-placeholders takes its values from',
      {},
      'add --fill-placeholders',
    );
  const values = fill ? await tenantValues(opts) : undefined;
  let pkg: ConnectionPackage;
  try {
    pkg = await loadPackage(path, { connectionJson: opts.connection, patches: opts.patch });
  } catch (e) {
    throw tooDeep(e, path);
  }
  if (!values) return { pkg, diagnostics: validatePackage(pkg), filledFrom: undefined };
  const { fillPlaceholders } = await import('../../package/placeholders.ts');
  pkg.diagnostics.push(...fillPlaceholders(pkg, values.vars, `--fill-placeholders (${values.label})`));
  // the tenant's API token is a secret even when it is the documented demo one
  const { SecretSet } = await import('../../../lib/redact.ts');
  const secrets = new SecretSet();
  secrets.addAll([values.vars.apiToken, values.vars.apiTokenBasic]);
  return { pkg, diagnostics: secrets.redactValue(validatePackage(pkg)), filledFrom: values.label };
}

/** The values `--fill-placeholders` uses: the demo tenant's, or those of `--tenant` / `--seed`. */
async function tenantValues(opts: ValidateCliOptions) {
  const { tenantValuesOf } = await import('../../scenario/tenant-values.ts');
  return tenantValuesOf({ tenant: opts.tenant, seed: opts.seed, workspace: opts.workspace });
}

/**
 * Runs the command: loads, validates, prints; sets process.exitCode (1 with errors). File errors throw HarnessError,
 * except with `--json`, where every failure is printed as an error document on stdout and the exit code is 2.
 */
export async function runValidate(path: string, opts: ValidateCliOptions): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadAndValidate>>;
  try {
    loaded = await loadAndValidate(path, opts);
  } catch (e) {
    if (!opts.json) throw e;
    process.stdout.write(`${JSON.stringify(errorReport(e), null, 2)}\n`);
    process.exitCode = 2;
    return 2;
  }
  const { pkg, diagnostics, filledFrom } = loaded;
  const note = filledFrom ? `placeholders filled with the values of ${filledFrom} (--fill-placeholders)` : undefined;
  const text = opts.json
    ? JSON.stringify({ ...validationReport(pkg, diagnostics), ...(note ? { note } : {}) }, null, 2)
    : formatValidation(pkg, diagnostics, note);
  process.stdout.write(`${text}\n`);
  const code = summarize(diagnostics).errors > 0 ? 1 : 0;
  process.exitCode = code;
  return code;
}

const seed = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('--seed must be an integer >= 0');
  return Number(v);
};

/** Registers `validate` on the program. */
export function register(program: Command): void {
  const cmd = program
    .command('validate')
    .description('Check a connection package (folder, Connection_*.json export, transport zip or one attribute file)')
    .argument(
      '<package>',
      'folder of <Attribute>.json files, Connection_*.json, the transport .zip, or *<Attribute>.json',
    )
    .option('--json', 'print { package, diagnostics, summary } as JSON')
    .option('--connection <file>', 'plaintext ConnectionJSON to use (exports hold it encrypted)')
    .option('--patch <file>', 'YAML/JSON patch file filling blanked tenant values (see README)')
    .option(
      '--fill-placeholders',
      "fill <host>, <workspaceId>, <accountId>, <apiTokenBasic> with the demo tenant's values (as a scenario's fillPlaceholders: true), after --patch",
    )
    .option('--tenant <file.json>', 'with --fill-placeholders: take the values from this tenant file (implies it)')
    .option(
      '--seed <n>',
      'with --fill-placeholders: take the values from the tenant generated from this seed (implies it)',
      seed,
    )
    .option(
      '--workspace <name>',
      'with --fill-placeholders: the workspace whose values to use (name or id; default the first)',
    )
    .addHelpText(
      'after',
      '\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or file error.\n' +
        'Examples:\n' +
        '  harness validate LeanIX.zip --connection ConnectionJSON.json --patch tenant.yaml\n' +
        '  harness validate fixtures/packages/leanix --fill-placeholders   # the demo tenant, as scenarios use it',
    )
    .action(async (path: string, opts: ValidateCliOptions) => {
      await runValidate(path, opts);
    });
  // Usage errors (missing argument, unknown option) are found by commander before the action runs.
  cmd.configureOutput({
    outputError: (str, write) => {
      // commander keeps the arguments of the parse in `rawArgs` (not in its typings).
      const raw = (program as unknown as { rawArgs?: string[] }).rawArgs ?? [];
      if (raw.includes('--json')) {
        const message = str.replace(/^error:\s*/, '').trim();
        process.stdout.write(`${JSON.stringify({ error: { code: 'cli.usage', message } }, null, 2)}\n`);
      }
      write(str);
    },
  });
}
