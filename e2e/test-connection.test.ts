/**
 * `harness test-connection` against a real `harness serve` (a child process on a free port): the corrected LeanIX
 * package passes with its testConnectionParams, the published one passes with a token request only (it has no
 * testConnectionParams), Saviynt's published export cannot be tested at all (its ConnectionJSON is encrypted) and
 * says so, and a revoked API token fails naming the connection, the reason and the failing exchange. No output holds
 * the API token.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { LEANIX_PUBLISHED_DIR } from '../fixtures/packages/leanix-published/index.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';

const run = promisify(execFile);
const PUBLISHED_ZIP = join(PROJECT_ROOT, '..', 'shared', 'reference', 'packages', 'LeanIX', 'LeanIX.zip');

/** Starts `node bin/harness.js serve --port 0 --no-inspector` and reads the URL and API token from its banner. */
function startServe(): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/harness.js', 'serve', '--port', '0', '--no-inspector'], {
      cwd: PROJECT_ROOT,
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 25_000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /API token:\s+(\S+)/.exec(out)?.[1];
      if (url && token && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url, token });
      }
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`serve exited early (${code}):\n${out}`)));
  });
}

describe('harness test-connection against harness serve', () => {
  let serve: Awaited<ReturnType<typeof startServe>>;
  const secrets = () => [serve.token, Buffer.from(`apitoken:${serve.token}`).toString('base64')];
  beforeAll(async () => {
    serve = await startServe();
  }, 30_000);
  afterAll(() => {
    if (serve?.child.exitCode === null) serve.child.kill('SIGKILL');
  });

  it('the corrected package passes its testConnectionParams (the npx binary, placeholders filled from serve)', async () => {
    const { stdout } = await run(
      process.execPath,
      ['bin/harness.js', 'test-connection', LEANIX_PACKAGE_DIR, '--target', serve.url],
      {
        cwd: PROJECT_ROOT,
      },
    );
    expect(stdout).toContain('Test Connection: Connection Successful');
    expect(stdout).toContain(`every request sent to ${serve.url}`);
    expect(stdout).toContain('filled from its tenant (workspace acme)');
    expect(stdout).toContain(
      'acctAuth (oauth2): testConnectionParams call answered HTTP 200 after 1 token refresh(es)',
    );
    expect(stdout).toMatch(/2\. token POST https:\/\/demo\.leanix\.net\/services\/mtm\/v1\/oauth2\/token → 200/);
    for (const s of secrets()) expect(stdout).not.toContain(s);
  }, 30_000);

  it('the published package passes with a token request only: it has no testConnectionParams', async () => {
    const r = await cli(['test-connection', LEANIX_PUBLISHED_DIR, '--target', serve.url]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'acctAuth (oauth2): a token was obtained (no testConnectionParams: the token request is the test)',
    );
    expect(r.out).not.toContain('test connection GET');
  });

  it.skipIf(!existsSync(PUBLISHED_ZIP))(
    "Saviynt's published export fails and says why: its ConnectionJSON is encrypted",
    async () => {
      const r = await cli(['test-connection', PUBLISHED_ZIP, '--target', serve.url]);
      expect(r.code).toBe(1);
      expect(r.out).toContain('Test Connection: Failed');
      expect(r.out).toContain('[auth.no-connection-json]');
      expect(r.out).toMatch(/why: the export holds ConnectionJSON encrypted/);
    },
  );

  it('a revoked API token fails naming the connection, the reason and the failing exchange', async () => {
    const del = await fetch(`${serve.url}/__harness/tokens/${serve.token}`, { method: 'DELETE' });
    expect(del.status).toBeLessThan(300);
    try {
      const r = await cli(['test-connection', LEANIX_PACKAGE_DIR, '--target', serve.url]);
      expect(r.code).toBe(1);
      expect(r.out).toContain('Test Connection: Failed');
      expect(r.out).toContain('acctAuth (oauth2): FAILED');
      expect(r.out).toContain('[auth.api-token-rejected]');
      expect(r.out).toContain('the API token expired or was revoked');
      expect(r.out).toMatch(
        /the failing exchange:\n\s+#\d+ token: POST https:\/\/demo\.leanix\.net\/services\/mtm\/v1\/oauth2\/token → 401/,
      );
      expect(r.out).toContain('Authorization: Basic [REDACTED]');
      for (const s of secrets()) expect(r.out).not.toContain(s);
    } finally {
      await fetch(`${serve.url}/__harness/reset`, { method: 'POST' });
    }
  });

  it('a target that is not a harness serve cannot fill placeholders: a usage error', async () => {
    const r = await cli(['test-connection', LEANIX_PACKAGE_DIR, '--target', `${serve.url}/not-here`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[test-connection.placeholders]');
    expect((await cli(['test-connection', LEANIX_PACKAGE_DIR, '--target', 'ftp://x'])).code).toBe(2);
  });
});
