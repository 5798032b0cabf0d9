import type { Command } from 'commander';

/** A sub-command of the `harness` CLI: registers itself (name, options, --help text, action) on the program. */
export interface CommandModule {
  register(program: Command): void;
}
