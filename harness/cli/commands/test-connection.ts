/**
 * `harness test-connection <package> [--patch f] [--connection file] [--target url] [--admin-token t] [--only name]
 * [--json]`: EIC's "Save & Test Connection" (harness/http/test-connection.ts) and what EIC would show: success, or the
 * failing connection, the reason and the exchange that failed (secrets redacted).
 *
 * Where the requests go:
 * - without `--target`: an in-process fake LeanIX with the demo tenant, placeholders filled from it (as `harness
 *   import`);
 * - with `--target <url>`: every request goes to that URL instead of the host the package names (path and query
 *   kept), over real HTTP, e.g. to `harness serve`. When the package still holds the LeanIX placeholders
 *   (`<host>`, `<workspaceId>`, `<accountId>`, `<apiTokenBasic>`) after `--patch`, they are filled from the target's
 *   `/__harness/state/export` (its first workspace and that workspace's first usable API token), so
 *   `harness test-connection fixtures/packages/leanix --target http://127.0.0.1:8080` just works against `serve`.
 * Exit codes: 0 the test succeeded, 1 it failed, 2 usage or file errors.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, HarnessError } from '../../../lib/diagnostic.ts';
import type { TestConnectionResult } from '../../http/test-connection.ts';
import type { Exchange, Transport } from '../../http/types.ts';
import { placeholderPatches, TENANT_PLACEHOLDERS } from '../../package/placeholders.ts';
import type { ConnectionPackage } from '../../package/types.ts';

/** Options of `harness test-connection`. */
export interface TestConnectionCliOptions {
  patch?: string;
  connection?: string;
  target?: string;
  adminToken?: string;
  only?: string;
  connectorFiles?: string;
  json?: boolean;
}

/** Why an export's encrypted ConnectionJSON stops the test (reference §0: exports hold it encrypted [S1]). */
export const ENCRYPTED_WHY =
  "the export holds ConnectionJSON encrypted with the EIC tenant's key (Saviynt's published LeanIX package too); EIC decrypts it, the harness cannot, so there are no credentials to test. Give the plaintext with --connection <file> (e.g. fixtures/packages/leanix-published/ConnectionJSON.json, the reconstruction).";

/** The LeanIX placeholders still present in a loaded package. */
export function remainingPlaceholders(pkg: ConnectionPackage): string[] {
  const text = Object.values(pkg.attributes)
    .map((a) => a?.text ?? '')
    .join('\n');
  return Object.keys(TENANT_PLACEHOLDERS).filter((p) => text.includes(p));
}

/** A transport that sends every request to `target` (its origin and path prefix), keeping path and query. */
export function retargetTransport(target: string): Transport {
  const base = new URL(target);
  const prefix = base.pathname.replace(/\/+$/, '');
  return {
    fetch: async (req) => {
      const u = new URL(req.url);
      const url = `${base.origin}${prefix}${u.pathname}${u.search}`;
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
      return fetch(url, { method: req.method, headers: req.headers, body, signal: req.signal, redirect: 'manual' });
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

/** The placeholder values of a `harness serve` target (first workspace), or undefined when it is not one. */
async function serveVars(target: string, adminToken?: string): Promise<Record<string, string> | undefined> {
  const { tenantVars } = await import('../../scenario/world.ts');
  const headers: Record<string, string> = adminToken ? { authorization: `Bearer ${adminToken}` } : {};
  const base = target.replace(/\/+$/, '');
  try {
    const [state, data] = await Promise.all(
      ['/__harness/state', '/__harness/state/export'].map(async (p) => {
        const res = await fetch(`${base}${p}`, { headers });
        if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
        return res.json();
      }),
    );
    const now = Number(state?.clock?.now ?? Date.now());
    return tenantVars(data, data.workspaces?.[0], now);
  } catch {
    return undefined;
  }
}

function exchangeLines(e: Exchange, indent: string): string[] {
  const out = [
    `${indent}#${e.seq} ${e.label}: ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`,
  ];
  for (const [k, v] of Object.entries(e.request.headers)) out.push(`${indent}    ${k}: ${v}`);
  if (e.request.body) out.push(`${indent}    request body: ${e.request.body.slice(0, 500)}`);
  if (e.response?.body) out.push(`${indent}    response: ${e.response.body.slice(0, 500)}`);
  return out;
}

/** What EIC would show for a Test Connection, as text (every value already redacted). */
export function formatTestConnection(result: TestConnectionResult, note?: string): string {
  const lines = [`Test Connection: ${result.status === 'success' ? 'Connection Successful' : 'Failed'}`];
  if (note) lines.push(`  (${note})`);
  for (const c of result.connections) {
    lines.push(`  ${c.connection} (${c.authType}): ${c.status === 'success' ? c.message : 'FAILED'}`);
    for (const e of c.exchanges)
      lines.push(`    ${e.seq}. ${e.label} ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`);
    if (c.error) {
      lines.push(`    ${formatDiagnostic(c.error).split('\n').join('\n    ')}`);
      const failing = [...c.exchanges]
        .reverse()
        .find((e) => e.error !== undefined || (e.response?.status ?? 200) >= 300);
      if (failing) lines.push('    the failing exchange:', ...exchangeLines(failing, '      '));
    }
  }
  if (result.connections.length === 0 && result.error) lines.push(`  ${formatDiagnostic(result.error)}`);
  const notes = result.diagnostics.filter((d) => d.severity !== 'info' || d.code === 'auth.header-name');
  if (notes.length > 0) lines.push('notes:', ...notes.map((d) => `  ${formatDiagnostic(d)}`));
  return lines.join('\n');
}

/** Runs the command; returns the exit code. */
export async function runTestConnection(pkgPath: string, opts: TestConnectionCliOptions): Promise<number> {
  if (opts.target !== undefined) {
    let u: URL;
    try {
      u = new URL(opts.target);
    } catch {
      throw new HarnessError(
        'test-connection.usage',
        `--target: not a URL: ${opts.target}`,
        {},
        'e.g. --target http://127.0.0.1:8080',
      );
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new HarnessError('test-connection.usage', `--target must be http(s), got ${u.protocol}`);
  }
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { createEmulator } = await import('../../emulator.ts');
  let result: TestConnectionResult;
  let note: string | undefined;
  let pkgLoaded: ConnectionPackage;
  if (opts.target === undefined) {
    const { createWorld } = await import('../../scenario/world.ts');
    const cwd = process.cwd();
    const world = await createWorld({
      file: resolve(cwd, 'harness-test-connection'),
      resolvePath: (p) => resolve(cwd, p),
      scenario: {
        name: 'harness test-connection',
        given: {
          leanix: { tenant: 'demo' },
          eic: {
            package: pkgPath,
            patches: opts.patch,
            connectionJson: opts.connection,
            connectorFiles: opts.connectorFiles,
            fillPlaceholders: true,
          },
        },
        steps: [],
      } as never,
    });
    note = 'against an in-process fake LeanIX (demo tenant); use --target <url> for harness serve or another server';
    result = await world.emu.testConnection({ connection: opts.only });
    pkgLoaded = world.emu.package;
  } else {
    const { loadPackage, readPatchFile } = await import('../../package/index.ts');
    const patches = opts.patch ? await readPatchFile(opts.patch) : [];
    let pkg = await loadPackage(pkgPath, {
      patches: patches.length ? patches : undefined,
      connectionJson: opts.connection,
    });
    const left = remainingPlaceholders(pkg);
    note = `every request sent to ${opts.target}`;
    if (left.length > 0) {
      const vars = await serveVars(opts.target, opts.adminToken ?? process.env.HARNESS_ADMIN_TOKEN);
      if (!vars)
        throw new HarnessError(
          'test-connection.placeholders',
          `the package still holds ${left.join(', ')} and ${opts.target} is not a harness serve to fill them from`,
          { file: pkgPath },
          'fill them with --patch (see fixtures/packages/leanix/demo-tenant.patch.yaml)',
        );
      pkg = await loadPackage(pkgPath, {
        patches: [...patches, ...placeholderPatches(vars)],
        connectionJson: opts.connection,
      });
      note += `; ${left.join(', ')} filled from its tenant (workspace ${vars.workspaceName})`;
    }
    const emu = createEmulator({
      package: pkg,
      transport: retargetTransport(opts.target),
      ...(opts.connectorFiles ? { connectorFiles: opts.connectorFiles } : {}),
    });
    result = await emu.testConnection({ connection: opts.only });
    pkgLoaded = pkg;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    let text = formatTestConnection(result, note);
    if (result.error?.code === 'auth.no-connection-json' && pkgLoaded.connectionEncrypted)
      text += `\nwhy: ${ENCRYPTED_WHY}`;
    process.stdout.write(`${text}\n`);
  }
  return result.status === 'success' ? 0 : 1;
}

/** Registers `harness test-connection`. */
export function register(program: Command): void {
  program
    .command('test-connection')
    .description(
      "Run EIC's Save & Test Connection (testConnectionParams, else a token request) and print what EIC would show",
    )
    .argument('<package>', 'connection package: folder, EIC export JSON or transport zip')
    .option('-p, --patch <file>', 'patch file (YAML or JSON) applied on load')
    .option('-c, --connection <file>', 'plaintext ConnectionJSON when the export has it encrypted')
    .option('-t, --target <url>', 'send every request to this URL (e.g. a harness serve) instead of the package hosts')
    .option('--admin-token <token>', "the target's control API token, to fill placeholders (or HARNESS_ADMIN_TOKEN)")
    .option('--only <connection>', 'test only this auth block')
    .option(
      '--connector-files <dir>',
      "EIC's Connector Files folder (SignedHeaders key files; default the package folder)",
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Without --target the requests go to an in-process fake LeanIX (demo tenant).',
        'Exit codes: 0 the test succeeded, 1 it failed (the connection, the reason and the failing exchange are printed),',
        '2 usage or file errors.',
        'Example:',
        '  harness serve --port 8080 &',
        '  harness test-connection fixtures/packages/leanix --target http://127.0.0.1:8080',
      ].join('\n'),
    )
    .action(async (pkg: string, opts: TestConnectionCliOptions) => {
      const code = await runTestConnection(pkg, opts);
      if (code !== 0) process.exitCode = code;
    });
}
