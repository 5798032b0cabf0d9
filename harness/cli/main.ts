/** The `harness` command line: one sub-command per capability, each in harness/cli/commands/. */
import { Command, CommanderError } from 'commander';
import { formatDiagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { harnessVersion } from '../../lib/package-root.ts';
import type { CommandModule } from './command.ts';
import * as evalCmd from './commands/eval.ts';
import * as explain from './commands/explain.ts';
import * as importCmd from './commands/import.ts';
import * as init from './commands/init.ts';
import * as repro from './commands/repro.ts';
import * as run from './commands/run.ts';
import * as serve from './commands/serve.ts';
import * as tenant from './commands/tenant.ts';
import * as testConnection from './commands/test-connection.ts';
import * as validate from './commands/validate.ts';

// Each capability registers its own sub-command; keep this list sorted.
const modules: CommandModule[] = [
  evalCmd,
  explain,
  importCmd,
  init,
  repro,
  run,
  serve,
  tenant,
  testConnection,
  validate,
];

/** Builds the program with every sub-command registered (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('harness')
    .description('Offline test harness for Saviynt EIC REST connector JSONs against a fake SAP LeanIX')
    .version(harnessVersion(), '-V, --version', 'print the harness version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const m of modules) m.register(program);
  return program;
}

/** Runs the CLI with the given arguments; returns the exit code (0 ok, 1 failure, 2 usage or file error). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version')
        return 0;
      return 2;
    }
    if (isHarnessError(e)) {
      process.stderr.write(`${formatDiagnostic(e.toDiagnostic())}\n`);
      return 2;
    }
    process.stderr.write(`harness: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
