/**
 * `harness init [dir] [--package path]`: scaffolds a connector team's repo for the harness. Writes, never over an
 * existing file (each one that exists is skipped and named):
 * - `connector/`: without --package, a copy of the bundled corrected LeanIX package (the team's to change; a copy, not
 *   a reference into node_modules, so upgrading the harness never changes what the team tests);
 * - `scenarios/first.scenario.yaml`: the demo tenant, the package, a validate step expecting no error, then one step
 *   per configured import and task type (harness/scenario/scaffold.ts), with the editor schema from node_modules;
 * - `scenarios/tenant.patch.yaml`: a patch file for the package's placeholders that `fillPlaceholders` leaves open;
 * - an npm script `test:connector` (`harness run`) added to package.json, keeping everything else in it;
 * - `.github/workflows/connector-tests.yml`: CI running `harness run --reporter junit --out reports/`.
 * Exit: 0 done (files skipped included), 2 usage or file errors.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { type Diagnostic, formatDiagnostic, HarnessError } from '../../../lib/diagnostic.ts';
import { PACKAGE_ROOT } from '../../../lib/package-root.ts';
import { isTenantPlaceholder } from '../../package/placeholders.ts';
import type { ConnectionPackage } from '../../package/types.ts';

/** Options of `harness init`. */
export interface InitOptions {
  /** The team's connection package (folder, Connection_*.json export or transport zip); default a copy of the bundled one. */
  package?: string;
}

/** What happened to one file or folder. */
export interface InitEntry {
  /** Path relative to the project folder, `/`-separated. */
  path: string;
  status: 'written' | 'updated' | 'skipped';
  note: string;
}

/** What `harness init` did. */
export interface InitResult {
  dir: string;
  entries: InitEntry[];
  pkg: ConnectionPackage;
  /** The validator's errors on the package as the first scenario loads it (they fail its validate step). */
  errors: Diagnostic[];
  /** Placeholders the package holds that the patch file should fill. */
  placeholders: Placeholder[];
}

/** An unfilled placeholder of the package and the attributes holding it. */
export interface Placeholder {
  text: string;
  attributes: string[];
}

/** The npm script init adds. */
export const NPM_SCRIPT = { name: 'test:connector', command: 'harness run' };
/** The CI command (JUnit for the CI's test view, a HAR per failed scenario beside it). */
export const CI_COMMAND = 'npx harness run --reporter junit --out reports/';
const SCENARIO_FILE = 'scenarios/first.scenario.yaml';
const PATCH_FILE = 'scenarios/tenant.patch.yaml';
const WORKFLOW_FILE = '.github/workflows/connector-tests.yml';
const PACKAGE_COPY = 'connector';

const posix = (p: string) => p.split(sep).join('/');

/** The package's unfilled placeholders (harness/validate/unfilled.ts) besides those `fillPlaceholders` fills. */
export async function openPlaceholders(pkg: ConnectionPackage): Promise<Placeholder[]> {
  const { findUnfilled } = await import('../../validate/unfilled.ts');
  const { walkStrings } = await import('../../validate/context.ts');
  const found = new Map<string, Set<string>>();
  for (const [name, attr] of Object.entries(pkg.attributes))
    walkStrings(attr?.json, (_path, s) => {
      for (const u of findUnfilled(s))
        if (!isTenantPlaceholder(u.text)) found.set(u.text, (found.get(u.text) ?? new Set()).add(name));
    });
  return [...found].map(([text, attributes]) => ({ text, attributes: [...attributes].sort() }));
}

/** The patch file template: what it is for, the open placeholders as commented entries to fill in. */
export function patchTemplate(pkg: ConnectionPackage, placeholders: readonly Placeholder[]): string {
  const lines = [
    `# Tenant values for ${pkg.name} in tests (written by harness init). The scenarios load the package with this patch`,
    '# file (given.eic.patches), so the JSONs stay as you deploy them. fillPlaceholders: true in a scenario fills <host>,',
    '# <workspaceId>, <accountId> and <apiTokenBasic> from the fake tenant, so those need no entry here. Any other',
    '# placeholder or tenant value goes here: the fake LeanIX answers every host; a workspace id must exist in the tenant.',
    '#   replace: text in string values   - { find: "@HOST_URL@", with: "https://demo.leanix.net" }',
    '#   set: a value at a JSON path      - { attribute: ConnectionJSON, path: "authentications.acctAuth.url", value: "..." }',
  ];
  if (placeholders.length === 0)
    return `${[...lines, '# No other placeholder was found in the package.', 'replace: []'].join('\n')}\n`;
  // each open placeholder replaced by itself (changes nothing) until the team writes its value in
  lines.push('# Placeholders found in the package: write the value to test with after "with:".', 'replace:');
  for (const p of placeholders)
    lines.push(
      `  - { find: ${JSON.stringify(p.text)}, with: ${JSON.stringify(p.text)} }   # in ${p.attributes.join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

/** The GitHub Actions workflow (the plain shell line is in its first comment). */
export function workflowText(): string {
  return [
    '# Connector scenarios against the fake LeanIX (written by harness init). In any other CI, the same as a shell line:',
    `#   npm ci && ${CI_COMMAND}`,
    'name: connector tests',
    'on: [push, pull_request]',
    'jobs:',
    '  scenarios:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with: { node-version: 20, cache: npm }',
    '      - run: npm ci',
    `      - run: ${CI_COMMAND}`,
    '      - uses: actions/upload-artifact@v4',
    '        if: always()',
    '        with: { name: connector-test-reports, path: reports/ }',
    '',
  ].join('\n');
}

/**
 * package.json with the npm script added, keeping every other key, the key order and the indentation; `undefined` when
 * the script exists already. Throws HarnessError when the text is not a JSON object.
 */
export function withNpmScript(text: string, file: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HarnessError('init.package-json', `${file} is not valid JSON: ${(e as Error).message}`, { file });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new HarnessError('init.package-json', `${file} does not hold a JSON object`, { file });
  const pkg = json as Record<string, unknown>;
  const scripts = pkg.scripts ?? {};
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))
    throw new HarnessError('init.package-json', `"scripts" in ${file} is not an object`, { file, path: ['scripts'] });
  if (NPM_SCRIPT.name in scripts) return undefined;
  pkg.scripts = { ...scripts, [NPM_SCRIPT.name]: NPM_SCRIPT.command };
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${JSON.stringify(pkg, null, indent).replaceAll('\n', eol)}${eol}`;
}

/** The scenario schema as the team's editor should find it: in the project's node_modules when installed there. */
function schemaFile(dir: string): string {
  const installed = join(dir, 'node_modules', 'leanix-eic-harness', 'scenarios', 'scenario.schema.json');
  return existsSync(installed) ? installed : join(PACKAGE_ROOT, 'scenarios', 'scenario.schema.json');
}

/** Writes a file unless it exists (`wx`: never over one, even one created meanwhile); whether it was written. */
async function writeNew(file: string, text: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new HarnessError('init.write', `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`, { file });
  }
}

/** Copies the bundled package's attribute files into `to` unless it exists; whether it copied. */
async function copyBundledPackage(to: string): Promise<boolean> {
  if (existsSync(to)) return false;
  const { LEANIX_PACKAGE_DIR } = await import('../../../fixtures/packages/leanix/index.ts');
  await mkdir(to, { recursive: true });
  for (const name of await readdir(LEANIX_PACKAGE_DIR))
    if (name.endsWith('.json')) await copyFile(join(LEANIX_PACKAGE_DIR, name), join(to, name));
  return true;
}

/** Scaffolds the project in `dirArg` (see the module comment); throws HarnessError on bad input. */
export async function initProject(dirArg = '.', opts: InitOptions = {}): Promise<InitResult> {
  const { loadPackage } = await import('../../package/index.ts');
  const { validatePackage } = await import('../../validate/index.ts');
  const { existingAccountIn, scaffoldScenario } = await import('../../scenario/scaffold.ts');
  const { parseScenario } = await import('../../scenario/load.ts');
  const { createWorld } = await import('../../scenario/world.ts');

  const dir = resolve(dirArg);
  const st = await stat(dir).catch(() => undefined);
  if (st && !st.isDirectory())
    throw new HarnessError('init.dir', `${dir} is a file`, { file: dir }, 'name a folder (new or existing)');
  await mkdir(dir, { recursive: true });
  const entries: InitEntry[] = [];
  const note = (path: string, written: boolean, what: string, why = 'it exists') =>
    entries.push({ path, status: written ? 'written' : 'skipped', note: written ? what : `${why}: left as it is` });

  let pkgPath: string;
  if (opts.package) {
    pkgPath = resolve(opts.package);
    if (!existsSync(pkgPath))
      throw new HarnessError('init.package', `--package ${opts.package}: no such file or folder`, { file: pkgPath });
  } else {
    pkgPath = join(dir, PACKAGE_COPY);
    note(
      `${PACKAGE_COPY}/`,
      await copyBundledPackage(pkgPath),
      'the bundled corrected LeanIX package, yours to change (or give your own with --package)',
    );
  }
  const pkg = await loadPackage(pkgPath);
  const placeholders = await openPlaceholders(pkg);
  const patchFile = join(dir, PATCH_FILE);
  note(
    PATCH_FILE,
    await writeNew(patchFile, patchTemplate(pkg, placeholders)),
    placeholders.length === 0
      ? 'patch file for tenant values (no open placeholder found)'
      : `patch file: give ${placeholders.map((p) => p.text).join(', ')} a value`,
  );

  const scenarioFile = join(dir, SCENARIO_FILE);
  const scenariosDir = dirname(scenarioFile);
  const input = {
    pkg,
    purpose: 'init' as const,
    packagePath: posix(relative(scenariosDir, pkgPath)) || '.',
    patchFile: posix(relative(scenariosDir, patchFile)),
    schemaPath: posix(relative(scenariosDir, schemaFile(dir))),
    findings: [],
  };
  // the package as the scenario loads it (patched, placeholders filled), for its findings and an existing account
  const first = parseScenario(scaffoldScenario(input), scenarioFile);
  if (!first.ok)
    throw new HarnessError(first.diagnostics[0].code, first.diagnostics[0].message, { file: scenarioFile });
  const world = await createWorld({
    file: scenarioFile,
    scenario: first.scenario,
    resolvePath: (p) => resolve(scenariosDir, p),
  });
  const errors = validatePackage(world.emu.package).filter((d) => d.severity === 'error');
  const existingAccount = existingAccountIn(world.fake.exportJson());
  const scenarioText = scaffoldScenario({
    ...input,
    ...(existingAccount ? { existingAccount } : {}),
  });
  note(
    SCENARIO_FILE,
    await writeNew(scenarioFile, scenarioText),
    'validates the package, then runs each configured import and task type against the demo tenant',
  );

  const pkgJson = join(dir, 'package.json');
  if (existsSync(pkgJson)) {
    const updated = withNpmScript(await readFile(pkgJson, 'utf8'), pkgJson);
    if (updated !== undefined) await writeFile(pkgJson, updated);
    entries.push({
      path: 'package.json',
      status: updated === undefined ? 'skipped' : 'updated',
      note:
        updated === undefined
          ? `it has a "${NPM_SCRIPT.name}" script already: left as it is`
          : `script "${NPM_SCRIPT.name}": "${NPM_SCRIPT.command}" added`,
    });
  } else {
    const text = `${JSON.stringify({ private: true, scripts: { [NPM_SCRIPT.name]: NPM_SCRIPT.command } }, null, 2)}\n`;
    note('package.json', await writeNew(pkgJson, text), `with the script "${NPM_SCRIPT.name}"`);
  }
  note(WORKFLOW_FILE, await writeNew(join(dir, WORKFLOW_FILE), workflowText()), `GitHub Actions: ${CI_COMMAND}`);
  return { dir, entries, pkg, errors, placeholders };
}

/** Runs `harness init`; returns the exit code. */
export async function runInit(dirArg: string | undefined, opts: InitOptions): Promise<number> {
  const r = await initProject(dirArg, opts);
  const here = relative(process.cwd(), r.dir);
  const width = Math.max(...r.entries.map((e) => e.path.length));
  const out = [
    `harness init: ${here || '.'} (package ${r.pkg.name})`,
    ...r.entries.map((e) => `  ${e.status.padEnd(8)} ${e.path.padEnd(width)}  ${e.note}`),
  ];
  if (r.errors.length > 0)
    out.push(
      '',
      `The package has ${r.errors.length} validation error(s); the first scenario's validate step fails until they are fixed:`,
      ...r.errors.slice(0, 10).map((d) => `  ${formatDiagnostic(d).split('\n').join('\n  ')}`),
      ...(r.errors.length > 10 ? [`  … ${r.errors.length - 10} more: npx harness validate ${r.pkg.origin}`] : []),
    );
  if (r.placeholders.length > 0)
    out.push('', `Placeholders to fill in ${PATCH_FILE}: ${r.placeholders.map((p) => p.text).join(', ')}`);
  if (r.pkg.connectionEncrypted)
    out.push(
      '',
      'The export holds ConnectionJSON encrypted: give the scenario a plaintext one (given.eic.connectionJson: file).',
    );
  const cd = here && here !== '.' ? `cd ${here} && ` : '';
  out.push(
    '',
    'Next:',
    `  ${cd}npx harness run            # or npm run ${NPM_SCRIPT.name}; the scenarios in scenarios/`,
    `  CI, any shell: ${CI_COMMAND}`,
    '',
  );
  process.stdout.write(out.join('\n'));
  return 0;
}

/** Registers `harness init`. */
export function register(program: Command): void {
  program
    .command('init')
    .description('Scaffold a connector repo: a first scenario, a patch file, an npm script, CI; never overwrites')
    .argument('[dir]', 'the project folder (default: the current one)')
    .option('-p, --package <path>', 'your connection package: folder, Connection_*.json export or transport zip')
    .addHelpText(
      'after',
      [
        '',
        'Without --package, a copy of the bundled corrected LeanIX package is written to connector/.',
        'Existing files are never overwritten: each one is skipped and named.',
        'Exit codes: 0 done, 2 usage or file errors.',
        'Examples:',
        '  npx harness init',
        '  npx harness init --package connection/Connection_LeanIX.json',
      ].join('\n'),
    )
    .action(async (dir: string | undefined, opts: InitOptions) => {
      process.exitCode = await runInit(dir, opts);
    });
}
