/**
 * `harness explain <package> <task type> [--identity u] [--user key=value] [--account name] [--entitlement type:id]
 * [--ent-attr key=value] [--patch file] [--connection file] [--json]`: a dry run of one provisioning task without a
 * tenant (harness/dry-run.ts). The emulator runs the task once against a stub that answers every request 200 with a
 * small JSON body, and the command prints the requests EIC would send with the evaluated bindings (secrets redacted).
 * Before them it prints, per auth block, the token request(s) EIC would send when a call is rejected (rendered, not
 * sent: the dry run never triggers a refresh), or why the block has none (static key, Basic, per-request signatures).
 * After them: a body that is not valid for its content type (an error with line, column and offset) and values
 * rendered as the text "null" (warnings).
 * Exit codes: 0 the task ran, 1 it failed (e.g. a template error, a token request that cannot be rendered, or a body
 * that is not valid for its content type; the error is printed), 2 usage or file errors.
 */
import type { Command } from 'commander';
import { type Diagnostic, formatDiagnostic, HarnessError } from '../../../lib/diagnostic.ts';
import { DRY_RUN_BODY, formatExplain, formatTokenPreviews, parseEntitlement } from '../../dry-run.ts';
import type { TaskType } from '../../eic/types.ts';
import { TASK_STATUS, TASK_TYPES } from '../../eic/types.ts';
import type { Exchange } from '../../http/types.ts';

export { DRY_RUN_BODY, formatExplain, formatTokenPreviews, previewTokenRequests } from '../../dry-run.ts';

/** Options of `harness explain`. */
export interface ExplainOptions {
  identity?: string;
  user?: string[];
  account?: string;
  entitlement?: string;
  /** Other attributes of the entitlement value, `key=value` (customproperty5=<workspace id>). */
  entAttr?: string[];
  patch?: string;
  connection?: string;
  connectorFiles?: string;
  json?: boolean;
}

/** The closing line: how many requests EIC would send, and that the invalid ones would be rejected. */
export function explainSummary(type: string, exchanges: readonly Exchange[], findings: readonly Diagnostic[]): string {
  const invalid = findings.filter((d) => d.code === 'explain.body-invalid').length;
  const nulls = findings.filter((d) => d.code === 'explain.null-string').length;
  const stub = `every answer here was a stubbed 200 ${JSON.stringify(DRY_RUN_BODY)}`;
  const warned = nulls > 0 ? `; ${nulls} value(s) rendered as the text "null" (see the warnings above)` : '';
  if (invalid === 0) return `${type} would send ${exchanges.length} request(s)${warned}; ${stub}`;
  return `${type} would send ${exchanges.length} request(s), but ${invalid} of them ${invalid === 1 ? 'has a body' : 'have bodies'} that ${invalid === 1 ? 'is' : 'are'} not valid for ${invalid === 1 ? 'its' : 'their'} content type and would be rejected (see the errors above)${warned}; ${stub}`;
}

/** Parses `key=value` options (`--user`, `--ent-attr`); throws HarnessError on bad input. */
function keyValues(list: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new HarnessError('explain.usage', `${option}: expected key=value, got ${kv}`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/** Runs the dry run; returns the exit code. */
export async function runExplain(pkgPath: string, taskType: string, opts: ExplainOptions): Promise<number> {
  const type = taskType.toUpperCase();
  if (!(TASK_TYPES as readonly string[]).includes(type))
    throw new HarnessError('explain.usage', `unknown task type ${taskType}; one of ${TASK_TYPES.join(', ')}`);
  const entitlement = opts.entitlement ? parseEntitlement(opts.entitlement) : null;
  const entAttrs = keyValues(opts.entAttr ?? [], '--ent-attr');
  if (!entitlement && Object.keys(entAttrs).length > 0)
    throw new HarnessError('explain.usage', '--ent-attr needs --entitlement type:id');
  const identity: Record<string, unknown> = {
    username: opts.identity ?? 'dryrun',
    ...keyValues(opts.user ?? [], '--user'),
  };
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { loadPackage } = await import('../../package/index.ts');
  const { dryRunTask } = await import('../../dry-run.ts');
  const pkg = await loadPackage(pkgPath, { patches: opts.patch, connectionJson: opts.connection });
  const accountName = opts.account ?? (typeof identity.email === 'string' ? identity.email : String(identity.username));
  const { task, exchanges, tokenRequests, findings } = await dryRunTask({
    package: pkg,
    task: { type: type as TaskType, identity: String(identity.username), accountName, entitlement },
    identities: [identity as never],
    entitlementAttributes: entAttrs,
    emulator: opts.connectorFiles ? { connectorFiles: opts.connectorFiles } : {},
  });
  if (opts.json) process.stdout.write(`${JSON.stringify({ task, tokenRequests, exchanges, findings }, null, 2)}\n`);
  else {
    if (tokenRequests.length > 0) process.stdout.write(`${formatTokenPreviews(tokenRequests)}\n\n`);
    process.stdout.write(`${formatExplain(exchanges)}\n`);
    if (findings.length > 0) process.stdout.write(`\n${findings.map((d) => formatDiagnostic(d)).join('\n')}\n`);
    process.stdout.write(`\n${explainSummary(type, exchanges, findings)}\n`);
  }
  const broken = tokenRequests.find((p) => 'error' in p);
  if (broken && 'error' in broken) {
    process.stderr.write(`${formatDiagnostic(broken.error)}\n`);
    return 1;
  }
  const invalid = findings.find((d) => d.severity === 'error');
  if (invalid) {
    if (opts.json) process.stderr.write(`${formatDiagnostic(invalid)}\n`);
    return 1;
  }
  if (task.status !== TASK_STATUS.COMPLETE) {
    process.stderr.write(
      `${task.lastError ? formatDiagnostic(task.lastError) : `task ended with status ${task.status}`}\n`,
    );
    return 1;
  }
  return 0;
}

/** Registers `harness explain`. */
export function register(program: Command): void {
  program
    .command('explain')
    .description('Dry-run one provisioning task without a tenant: print the requests EIC would send, with bindings')
    .argument('<package>', 'connection package: folder, EIC export JSON or transport zip')
    .argument('<task>', `task type: ${TASK_TYPES.join(', ')}`)
    .option('-i, --identity <username>', 'identity username (default dryrun)')
    .option(
      '-u, --user <key=value>',
      'identity attribute, e.g. email=jane@example.com; repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('-a, --account <name>', 'account name (default: the identity email or username)')
    .option('-e, --entitlement <type:id>', 'entitlement value, e.g. Permission:ADMIN')
    .option(
      '--ent-attr <key=value>',
      "another attribute of the entitlement value, e.g. customproperty5=<workspace id> (LeanIX's workspace); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('-p, --patch <file>', 'patch file (YAML or JSON) applied on load')
    .option('-c, --connection <file>', 'plaintext ConnectionJSON when the export has it encrypted')
    .option(
      '--connector-files <dir>',
      "EIC's Connector Files folder (SignedHeaders key files; default the package folder)",
    )
    .option('--json', 'print the task, the token requests, the exchanges and the findings as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 the task ran, 1 it failed or a body is not valid for its content type, 2 usage or file errors.',
        'Example:',
        '  harness explain fixtures/packages/leanix ADDACCESS --patch fixtures/packages/leanix/demo-tenant.patch.yaml \\',
        '    --user email=jane@example.com --entitlement Permission:ADMIN \\',
        '    --ent-attr customproperty5=7d033da9-af91-40b5-830b-7d53fcf0518b',
      ].join('\n'),
    )
    .action(async (pkg: string, task: string, opts: ExplainOptions) => {
      process.exitCode = await runExplain(pkg, task, opts);
    });
}
