/**
 * `harness repro <customer export> [--out dir]`: scaffolds a support case from what a customer sends (an EIC export
 * `Connection_*.json`, its transport zip, or a package folder). Loads it (harness/package), lists its defects (the
 * validator), and writes into the case folder: a copy of the export, a patch file that fills what the export blanked
 * (host, workspace, account: harness/package/blanks.ts) with the placeholders the scenario fills from its tenant, a
 * plaintext ConnectionJSON when the export's is encrypted, and `case.scenario.yaml` with one step per configured import
 * and task type (harness/scenario/scaffold.ts). Then runs the scenario once against the demo tenant and prints the
 * result, so the support engineer sees where the customer's package fails before editing anything.
 * Exit: 0 the case is written (whatever its steps did), 2 usage or file errors.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { type Diagnostic, HarnessError, isHarnessError } from '../../../lib/diagnostic.ts';
import { readRegularFile } from '../../../lib/files.ts';
import { LIMITS } from '../../../lib/limits.ts';
import { PROJECT_ROOT } from '../../../lib/reference.ts';
import type { BlankedValue } from '../../package/blanks.ts';
import type { ConnectionPackage } from '../../package/types.ts';

/** Options of `harness repro`. */
export interface ReproOptions {
  out?: string;
  /** A plaintext ConnectionJSON to use (default: the corrected package's when the export's is encrypted). */
  connection?: string;
  /** Run the scaffolded scenario once (default true; `--no-run`). */
  run?: boolean;
}

/** What `repro` wrote. */
export interface ReproCase {
  pkg: ConnectionPackage;
  dir: string;
  scenario: string;
  patchFile: string;
  connectionJson?: string;
  defects: Diagnostic[];
  blanks: BlankedValue[];
}

const CORRECTED_CONNECTION = join(PROJECT_ROOT, 'fixtures/packages/leanix/ConnectionJSON.json');
const SCHEMA = join(PROJECT_ROOT, 'scenarios/scenario.schema.json');

/** The patch file: the blanks as replace-patches, each with where it occurs, and what to do with it. */
export function patchFileText(pkg: ConnectionPackage, blanks: readonly BlankedValue[]): string {
  const lines = [
    `# Fills what the export of ${pkg.name} blanked, written by harness repro. Each replacement puts a placeholder where`,
    '# the export left a value empty; the scenario fills <host>, <workspaceId> and <accountId> from its tenant',
    "# (fillPlaceholders: true), so the package runs against the fake as it is. To check the customer's own values, write",
    "# them instead of the placeholders (the fake answers any host; a workspace id must exist in the scenario's tenant,",
    '# e.g. one built from their HAR with harness tenant from-har).',
  ];
  if (blanks.length === 0)
    return `${[...lines, '# No blanked value was found in this export.', 'replace: []'].join('\n')}\n`;
  lines.push('replace:');
  for (const b of blanks)
    lines.push(
      `  # ${b.what}: ${b.attributes.join(', ')}`,
      `  - { find: ${JSON.stringify(b.patch.find)}, with: ${JSON.stringify(b.patch.with)} }`,
    );
  return `${lines.join('\n')}\n`;
}

/** Copies a regular file of at most LIMITS.fileBytes (a device or FIFO given as a file fails, never hangs). */
async function copyBounded(from: string, to: string, what: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(from, { max: LIMITS.fileBytes, what });
  } catch (e) {
    if (isHarnessError(e)) throw e;
    throw new HarnessError('repro.read', `cannot read the ${what}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      file: from,
    });
  }
  await writeFile(to, bytes);
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new HarnessError('repro.out', `--out ${dir} is a file`, { file: dir }, 'name a new or empty folder');
    throw e;
  }
}

/** Writes the case folder (no run); throws HarnessError on bad input. */
export async function scaffoldCase(exportPath: string, opts: ReproOptions = {}): Promise<ReproCase> {
  const { loadPackage } = await import('../../package/index.ts');
  const { blankedValues } = await import('../../package/blanks.ts');
  const { validatePackage } = await import('../../validate/index.ts');
  const { existingAccountIn, scaffoldScenario } = await import('../../scenario/scaffold.ts');
  const { loadScenario } = await import('../../scenario/load.ts');
  const { createWorld } = await import('../../scenario/world.ts');

  const pkg = await loadPackage(exportPath);
  const defects = validatePackage(pkg);
  const dir = resolve(opts.out ?? `repro-${pkg.name.replace(/[^\w.-]+/g, '-')}`);
  if (!(await isEmptyOrMissing(dir)))
    throw new HarnessError(
      'repro.out',
      `${dir} exists and is not empty`,
      { file: dir },
      'name a new or empty folder with --out',
    );
  await mkdir(dir, { recursive: true });

  let packagePath: string;
  if (pkg.kind === 'folder' || (await stat(exportPath)).isDirectory()) packagePath = relative(dir, resolve(exportPath));
  else {
    packagePath = basename(exportPath);
    await copyBounded(exportPath, join(dir, packagePath), 'export');
  }
  const blanks = blankedValues(pkg);
  const patchFile = 'customer.patch.yaml';
  await writeFile(join(dir, patchFile), patchFileText(pkg, blanks));
  let connectionJson: string | undefined;
  if (opts.connection || pkg.connectionEncrypted || !pkg.attributes.ConnectionJSON) {
    connectionJson = 'ConnectionJSON.json';
    await copyBounded(opts.connection ?? CORRECTED_CONNECTION, join(dir, connectionJson), 'ConnectionJSON');
  }
  const scenario = join(dir, 'case.scenario.yaml');
  const input = { pkg, packagePath, patchFile, connectionJson, schemaPath: relative(dir, SCHEMA) };
  // first without findings, to load the package exactly as the scenario will; then with what the validator finds there
  await writeFile(scenario, scaffoldScenario({ ...input, findings: [] }));
  const world = await createWorld(await loadScenario(scenario));
  const existingAccount = existingAccountIn(world.fake.exportJson());
  await writeFile(
    scenario,
    scaffoldScenario({
      ...input,
      findings: validatePackage(world.emu.package),
      ...(existingAccount ? { existingAccount } : {}),
    }),
  );
  return {
    pkg,
    dir,
    scenario,
    patchFile: join(dir, patchFile),
    connectionJson: connectionJson && join(dir, connectionJson),
    defects,
    blanks,
  };
}

/** Runs `harness repro`; returns the exit code. */
export async function runRepro(exportPath: string, opts: ReproOptions): Promise<number> {
  const { formatValidation } = await import('./validate.ts');
  const c = await scaffoldCase(exportPath, opts);
  const cwd = process.cwd();
  const rel = (p: string) => relative(cwd, p) || '.';
  const out = [
    'Defects of the export as the customer runs it (blanked values included):',
    formatValidation(c.pkg, c.defects),
    '',
    `Case written to ${rel(c.dir)}/:`,
    `  ${basename(c.scenario)}  one step per configured import and task type, against the demo tenant`,
    `  ${basename(c.patchFile)}  ${c.blanks.length === 0 ? 'no blanked value found' : `fills ${c.blanks.length} blanked value(s): ${[...new Set(c.blanks.map((b) => b.what))].join(', ')}`}`,
    ...(c.connectionJson
      ? [
          `  ${basename(c.connectionJson)}  ${opts.connection ? 'the ConnectionJSON given' : "the export's ConnectionJSON is encrypted or missing: the corrected package's plaintext one stands in"}`,
        ]
      : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (opts.run !== false) {
    const { runScenarioFile } = await import('../../scenario/run.ts');
    const { prettyReport } = await import('../../scenario/reporters/pretty.ts');
    const { summarize } = await import('../../scenario/reporters/summary.ts');
    const result = await runScenarioFile(c.scenario);
    process.stdout.write(
      `\nThe scenario as scaffolded, run once against the demo tenant:\n${prettyReport([result], summarize([result], result.durationMs), cwd)}\n`,
    );
    if (result.status === 'error') return 1;
  }
  process.stdout.write(
    [
      '',
      'Next: say in the description what the customer sees; give each failing step an expectation that shows it',
      `(e.g. expect: { error: call.unsuccessful }); then apply the fix as a patch and flip it. Run: npx harness run ${rel(c.scenario)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** Registers `harness repro`. */
export function register(program: Command): void {
  program
    .command('repro')
    .description("Scaffold a support case from a customer's export: defects, a patch file, a scenario, one run")
    .argument('<export>', 'the customer export: Connection_*.json, the transport zip, or a package folder')
    .option('-o, --out <dir>', 'the case folder (new or empty; default repro-<package name>)')
    .option(
      '-c, --connection <file>',
      "plaintext ConnectionJSON (default: the corrected package's when the export's is encrypted)",
    )
    .option('--no-run', 'only write the case, do not run its scenario')
    .addHelpText(
      'after',
      "\nExit codes: 0 the case is written (its scenario may fail: that is the customer's issue), 1 the scaffolded\n" +
        'scenario could not start, 2 usage or file errors.\n' +
        'Example:\n  harness repro Connection_LeanIX.json --out cases/4711 && harness run cases/4711/case.scenario.yaml',
    )
    .action(async (exportPath: string, opts: ReproOptions) => {
      const code = await runRepro(exportPath, opts);
      if (code !== 0) process.exitCode = code;
    });
}
