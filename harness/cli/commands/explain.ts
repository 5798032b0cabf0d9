/**
 * `harness explain <package> <task type> [--identity u] [--user key=value] [--account name] [--entitlement type:id]
 * [--patch file] [--connection file] [--json]`: a dry run of one provisioning task without a tenant. The emulator runs
 * the task once against a stub that answers every request 200 with a small JSON body, and the command prints the
 * requests EIC would send with the evaluated bindings (secrets redacted). Before them it prints, per auth block, the
 * token request(s) EIC would send when a call is rejected (rendered, not sent: the dry run never triggers a refresh),
 * or why the block has none (static key, Basic, per-request signatures).
 * Exit codes: 0 the task ran, 1 it failed (e.g. a template error, or a token request that cannot be rendered; the
 * error is printed), 2 usage or file errors.
 */
import type { Command } from 'commander';
import { type Diagnostic, formatDiagnostic, HarnessError, isHarnessError } from '../../../lib/diagnostic.ts';
import type { TaskType } from '../../eic/types.ts';
import { TASK_STATUS, TASK_TYPES } from '../../eic/types.ts';
import type { AuthManager, TokenRequestPreview } from '../../http/auth/index.ts';
import type { Exchange } from '../../http/types.ts';

/** Options of `harness explain`. */
export interface ExplainOptions {
  identity?: string;
  user?: string[];
  account?: string;
  entitlement?: string;
  patch?: string;
  connection?: string;
  connectorFiles?: string;
  json?: boolean;
}

/** The stub's answer to every request: enough for token reads and `response.callN.message.data.id`. */
export const DRY_RUN_BODY = {
  access_token: 'dry-run-access-token',
  token_type: 'bearer',
  expires_in: 3600,
  data: { id: 'dry-run-id' },
};

/** Renders exchanges as text: request line, headers, body, evaluated bindings. */
export function formatExplain(exchanges: readonly Exchange[]): string {
  return exchanges
    .map((e) => {
      const lines = [`${e.seq}. ${e.label}: ${e.request.method} ${e.request.url}`];
      for (const [k, v] of Object.entries(e.request.headers)) lines.push(`     ${k}: ${v}`);
      if (e.request.body) lines.push(`     body: ${e.request.body}`);
      for (const [k, v] of Object.entries(e.bindings ?? {})) lines.push(`     ${k} = ${v}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** The token request preview of every auth block (or the error that stops one from being rendered). */
export async function previewTokenRequests(
  auth: AuthManager,
): Promise<(TokenRequestPreview | { connection: string; error: Diagnostic })[]> {
  const out: (TokenRequestPreview | { connection: string; error: Diagnostic })[] = [];
  for (const name of auth.names()) {
    try {
      out.push(await auth.previewTokenRequests(name));
    } catch (e) {
      if (!isHarnessError(e)) throw e;
      out.push({ connection: name, error: e.toDiagnostic() });
    }
  }
  return out;
}

/** Renders the token request previews as text (values already redacted). */
export function formatTokenPreviews(
  previews: readonly (TokenRequestPreview | { connection: string; error: Diagnostic })[],
): string {
  const lines: string[] = [];
  for (const p of previews) {
    if ('error' in p) {
      lines.push(
        `Connection ${p.connection}: the token request cannot be rendered:`,
        `   ${formatDiagnostic(p.error)}`,
      );
      continue;
    }
    if (p.requests.length === 0) {
      lines.push(`Connection ${p.connection} (${p.authType}): no token request: ${p.note}`);
      continue;
    }
    lines.push(`Connection ${p.connection} (${p.authType}): token request, ${p.note}:`);
    for (const r of p.requests) {
      lines.push(`   ${r.label}: ${r.request.method} ${r.request.url}`);
      for (const [k, v] of Object.entries(r.request.headers)) lines.push(`     ${k}: ${v}`);
      if (r.request.body)
        lines.push(`     body: ${r.request.body.replaceAll('\r', '').replaceAll('\n', '\n           ').trimEnd()}`);
    }
  }
  return lines.join('\n');
}

/** Runs the dry run; returns the exit code. */
export async function runExplain(pkgPath: string, taskType: string, opts: ExplainOptions): Promise<number> {
  const type = taskType.toUpperCase();
  if (!(TASK_TYPES as readonly string[]).includes(type))
    throw new HarnessError('explain.usage', `unknown task type ${taskType}; one of ${TASK_TYPES.join(', ')}`);
  let entitlement: { type: string; entitlementID: string } | null = null;
  if (opts.entitlement) {
    const i = opts.entitlement.indexOf(':');
    if (i <= 0) throw new HarnessError('explain.usage', '--entitlement: expected type:id, e.g. Permission:ADMIN');
    entitlement = { type: opts.entitlement.slice(0, i), entitlementID: opts.entitlement.slice(i + 1) };
  }
  const identity: Record<string, unknown> = { username: opts.identity ?? 'dryrun' };
  for (const kv of opts.user ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new HarnessError('explain.usage', `--user: expected key=value, got ${kv}`);
    identity[kv.slice(0, i)] = kv.slice(i + 1);
  }
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { loadPackage } = await import('../../package/index.ts');
  const { createEmulator } = await import('../../emulator.ts');
  const pkg = await loadPackage(pkgPath, { patches: opts.patch, connectionJson: opts.connection });
  let now = Date.UTC(2025, 0, 1);
  const emu = createEmulator({
    package: pkg,
    transport: {
      fetch: async () =>
        new Response(JSON.stringify(DRY_RUN_BODY), { status: 200, headers: { 'content-type': 'application/json' } }),
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
    identities: [identity as never],
    ...(opts.connectorFiles ? { connectorFiles: opts.connectorFiles } : {}),
  });
  const accountName = opts.account ?? (typeof identity.email === 'string' ? identity.email : String(identity.username));
  if (type !== 'NEWACCOUNT')
    emu.state.upsertAccount({
      name: accountName,
      accountID: 'dry-run-id',
      status: '1',
      owner: String(identity.username),
    });
  if (entitlement) emu.state.upsertEntitlementValue(entitlement);
  const task = await emu.runTask({
    type: type as TaskType,
    identity: String(identity.username),
    accountName,
    entitlement,
  });
  const exchanges = emu.exchanges();
  const tokenRequests = await previewTokenRequests(emu.auth);
  if (opts.json) process.stdout.write(`${JSON.stringify({ task, tokenRequests, exchanges }, null, 2)}\n`);
  else {
    if (tokenRequests.length > 0) process.stdout.write(`${formatTokenPreviews(tokenRequests)}\n\n`);
    process.stdout.write(`${formatExplain(exchanges)}\n`);
    process.stdout.write(
      `\n${type} would send ${exchanges.length} request(s); every answer here was a stubbed 200 ${JSON.stringify(DRY_RUN_BODY)}\n`,
    );
  }
  const broken = tokenRequests.find((p) => 'error' in p);
  if (broken && 'error' in broken) {
    process.stderr.write(`${formatDiagnostic(broken.error)}\n`);
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
    .option('-p, --patch <file>', 'patch file (YAML or JSON) applied on load')
    .option('-c, --connection <file>', 'plaintext ConnectionJSON when the export has it encrypted')
    .option(
      '--connector-files <dir>',
      "EIC's Connector Files folder (SignedHeaders key files; default the package folder)",
    )
    .option('--json', 'print the task, the token requests and the exchanges as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 the task ran, 1 it failed (error on stderr), 2 usage or file errors.',
        'Example:',
        '  harness explain fixtures/packages/leanix ADDACCESS --patch fixtures/packages/leanix/demo-tenant.patch.yaml \\',
        '    --user email=jane@example.com --entitlement Permission:ADMIN',
      ].join('\n'),
    )
    .action(async (pkg: string, task: string, opts: ExplainOptions) => {
      process.exitCode = await runExplain(pkg, task, opts);
    });
}
