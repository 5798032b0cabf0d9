/**
 * `harness import <package>`: runs EIC's account import (and with --access the access import after it) of a
 * connection package against an in-process fake LeanIX with a generated tenant, and prints the import report.
 * Placeholders `<host>`, `<workspaceId>`, `<accountId>`, `<apiTokenBasic>` in the package are filled from the tenant.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { ImportReport } from '../../jobs/import/index.ts';

/** Options of `harness import`. */
export interface ImportCliOptions {
  patch?: string;
  connection?: string;
  access?: boolean;
  seed?: string;
  users?: string;
  workspaces?: string;
  linkHeaders?: boolean;
  json?: boolean;
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new HarnessError('import.usage', `${name}: expected a whole number, got ${text}`);
  return n;
}

/** Runs the command; returns the exit code (0 imports completed, 1 an import failed, was aborted or partial). */
export async function runImport(pkgPath: string, opts: ImportCliOptions): Promise<number> {
  const seed = positiveInt('--seed', opts.seed);
  const users = positiveInt('--users', opts.users);
  const workspaces = positiveInt('--workspaces', opts.workspaces);
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { createWorld } = await import('../../scenario/world.ts');
  const { renderImportReport, terminalProgress } = await import('../../jobs/import/index.ts');
  const cwd = process.cwd();
  const tenant =
    seed === undefined && users === undefined && workspaces === undefined ? 'demo' : { seed, users, workspaces };
  const world = await createWorld({
    file: resolve(cwd, 'harness-import'),
    resolvePath: (p) => resolve(cwd, p),
    scenario: {
      name: 'harness import',
      given: {
        leanix: { tenant, quirks: opts.linkHeaders ? { linkHeaders: true } : undefined },
        eic: { package: pkgPath, patches: opts.patch, connectionJson: opts.connection, fillPlaceholders: true },
      },
      steps: [],
    } as never,
  });
  const reports: ImportReport[] = [];
  for (const kind of opts.access ? (['accounts', 'access'] as const) : (['accounts'] as const)) {
    const progress = terminalProgress(`${kind} import`);
    const run = kind === 'accounts' ? world.emu.runAccountImport : world.emu.runAccessImport;
    const report = await run({ onProgress: progress.onProgress, sleep: async (ms) => world.fake.clock.advance(ms) });
    progress.done();
    reports.push(report);
    if (!opts.json) process.stdout.write(`${renderImportReport(report)}\n`);
    if (report.outcome !== 'completed') break;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  return reports.every((r) => r.outcome === 'completed') ? 0 : 1;
}

/** Registers `harness import`. */
export function register(program: Command): void {
  program
    .command('import')
    .description('Run the account (and access) import of a package against an in-process fake LeanIX; print the report')
    .argument('<package>', 'connection package: folder, EIC export JSON or transport zip')
    .option('--access', 'run the access import after the account import')
    .option('-p, --patch <file>', 'patch file (YAML or JSON) applied on load')
    .option('-c, --connection <file>', 'plaintext ConnectionJSON when the export has it encrypted')
    .option('--seed <n>', 'generate the tenant from this seed instead of the demo tenant')
    .option('--users <n>', 'number of users of the generated tenant')
    .option('--workspaces <n>', 'workspaces per account of the generated tenant')
    .option('--link-headers', 'the fake sends Link headers on list responses (quirk linkHeaders)')
    .option('--json', 'print the import reports as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every import completed; 1 an import failed, was aborted (threshold) or read only part of the data\n' +
        '(partial: a call failed and EIC applied what it had read, see the report); 2 usage or file errors.\n' +
        'Example:\n  harness import fixtures/packages/leanix --access --users 500',
    )
    .action(async (pkg: string, opts: ImportCliOptions) => {
      const code = await runImport(pkg, opts);
      if (code !== 0) process.exitCode = code;
    });
}
