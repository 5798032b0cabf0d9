import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_SPEC, generateTenant } from '../fixtures/tenant/generate.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';

const run = promisify(execFile);

/** Starts `node bin/harness.js serve --port 0` and reads the URL and API token from its banner. */
function startServe(): Promise<{ child: ChildProcess; url: string; token: string; banner: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/harness.js', 'serve', '--port', '0'], { cwd: PROJECT_ROOT });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 25_000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /API token:\s+(\S+)/.exec(out)?.[1];
      if (url && token && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url, token, banner: out });
      }
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`serve exited early (${code}):\n${out}`)));
  });
}

// Expected values come from the built-in demo tenant (fixtures/tenant/generate.ts, DEMO_TENANT_SPEC), which
// `harness serve` seeds by default: the client must read exactly that workspace's users and permissions.
describe('a real LeanIX client, unmodified, against `harness serve`', () => {
  let serve: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(() => {
    if (serve?.child.exitCode === null) serve.child.kill('SIGKILL');
  });

  it('gets a token with apitoken:<token>, pages users until total and lists permissions', async () => {
    const { stdout } = await run(process.execPath, [join(PROJECT_ROOT, 'e2e/clients/mtm-client.mjs')], {
      env: { ...process.env, LEANIX_INSTANCE: serve.url, LEANIX_API_TOKEN: serve.token },
    });
    const summary = JSON.parse(stdout);
    const tenant = generateTenant(DEMO_TENANT_SPEC);
    const ws = tenant.workspaces.find((w) => w.id === tenant.apiTokens[0].workspaceId)!;
    const perms = tenant.permissions.filter((p) => p.workspaceId === ws.id);
    expect(summary.instanceUrl).toBe(serve.url);
    expect(summary).toMatchObject({ workspaceId: ws.id, workspaceName: ws.name, expiresIn: 3599 });
    expect(summary.users.total).toBe(perms.length);
    expect(summary.users.fetched).toBe(perms.length);
    const emails = new Set(perms.map((p) => tenant.users.find((u) => u.id === p.userId)!.email));
    expect(new Set(summary.users.emails)).toEqual(emails);
    expect(summary.permissions.fetched).toBe(perms.length);
    const byStatus: Record<string, number> = {};
    for (const p of perms) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    expect(summary.permissions.byStatus).toEqual(byStatus);
  });

  it('prints a curl line that fetches a token, and stops cleanly on SIGTERM', async () => {
    expect(serve.banner).toContain(
      `curl -s -u apitoken:${serve.token} --data grant_type=client_credentials ${serve.url}/services/mtm/v1/oauth2/token`,
    );
    const exited = new Promise<number | null>((r) => serve.child.on('exit', (code) => r(code)));
    serve.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
