/**
 * `harness tenant from-har <capture> [--out tenant.json]`: builds a LeanIX tenant file (workspaces, users, permissions)
 * from captured MTM traffic, a HAR 1.2 file or a folder of saved MTM JSON responses (fixtures/tenant/from-har.ts).
 * No API token or access token of the capture is carried over: the tenant gets new API tokens, printed here. The file
 * is what `harness serve --tenant`, a scenario's `given.leanix.tenantFile` and `GET /__harness/state/export` use.
 * Without --out the tenant JSON goes to stdout and the summary to stderr. Exit: 0 built (warnings allowed), 2 bad input.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic, HarnessError, sortDiagnostics } from '../../../lib/diagnostic.ts';

/** Options of `harness tenant from-har`. */
export interface FromHarOptions {
  out?: string;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Runs `tenant from-har`; returns the exit code. */
export async function runFromHar(capture: string, opts: FromHarOptions): Promise<number> {
  // loaded on demand so that other commands start fast
  const { tenantFromCapture } = await import('../../../fixtures/tenant/from-har.ts');
  const { tenantFileText } = await import('../../../fixtures/tenant/file.ts');
  const built = await tenantFromCapture(capture);
  const t = built.tenant;
  const text = tenantFileText(t);
  if (opts.out) {
    try {
      await writeFile(opts.out, text);
    } catch (e) {
      throw new HarnessError('tenant.write', `cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
        file: opts.out,
      });
    }
  } else process.stdout.write(text);
  const s = built.stats;
  const lines = [
    `${opts.out ?? 'tenant'}: ${plural(t.accounts.length, 'account')}, ${plural(t.workspaces.length, 'workspace')}, ${plural(t.users.length, 'user')}, ${plural(t.permissions.length, 'permission')}`,
    `  read ${plural(s.entries, 'entry', 'entries')}: ${s.mtmResponses} MTM responses (${built.responsesUsed} with records), ${s.otherEntries} of other hosts or APIs, ${s.leftOut} failed or token requests (left out), ${s.unreadable} unreadable`,
    'API tokens: none taken from the capture; new ones for the fake, one per workspace:',
    ...built.tokens.map((k) => `  ${k.workspace.padEnd(24)} ${k.token}`),
    ...sortDiagnostics(built.diagnostics).map(formatDiagnostic),
    `Use it: npx harness serve --tenant ${opts.out ?? 'tenant.json'}   or in a scenario: given: { leanix: { tenantFile: ${opts.out ?? 'tenant.json'} } }`,
  ];
  (opts.out ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
  return 0;
}

/** Registers `harness tenant` and its sub-command `from-har`. */
export function register(program: Command): void {
  const tenant = program.command('tenant').description('LeanIX tenant files for the fake (serve --tenant, tenantFile)');
  tenant
    .command('from-har')
    .description('Build a tenant (workspaces, users, permissions) from captured MTM traffic; new API tokens')
    .argument('<capture>', 'a HAR 1.2 file, or a folder of saved MTM JSON responses (*.json, *.har)')
    .option('-o, --out <file>', 'write the tenant JSON here (default: stdout, the summary then goes to stderr)')
    .addHelpText(
      'after',
      '\nCapture the MTM API (…/services/mtm/v1/…) in the browser devtools while LeanIX lists the workspace users and\n' +
        'permissions (every page), then "Save all as HAR with content". Records are merged by id, later captures win;\n' +
        'no token or secret field of the capture is copied.\n' +
        'Exit codes: 0 built (warnings are printed), 2 unreadable or malformed input (file and entry named).\n' +
        'Example:\n  harness tenant from-har leanix-admin.har --out tenant.json && harness serve --tenant tenant.json',
    )
    .action(async (capture: string, opts: FromHarOptions) => {
      const code = await runFromHar(capture, opts);
      if (code !== 0) process.exitCode = code;
    });
}
