import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_API_TOKEN } from '../../../fixtures/tenant/generate.ts';
import { TINY, TINY_TOKEN } from '../../../mocks/leanix/contract/tiny-tenant.ts';
import { runCli } from '../main.ts';
import { banner, loadTenantFile, register, type ServeOptions, type Serving, startServe } from './serve.ts';

// biome-ignore lint/suspicious/noExplicitAny: deliberately broken tenant records
type Json = any;

const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('harness serve', () => {
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
    vi.restoreAllMocks();
  });

  it('--rate-limit and --service-time set the fake rate limit; each request then takes that fake time', async () => {
    serving = await startServe({ port: 0, inspector: false, rateLimit: 100, serviceTime: 25 });
    expect(serving.fake.core.rateLimit).toMatchObject({ enabled: true, requestsPerMinute: 100, serviceTimeMs: 25 });
    const t0 = serving.fake.clock.now();
    await fetch(`${serving.server.url}/services/mtm/v1/workspaces`);
    expect(serving.fake.clock.now() - t0).toBe(25);
  });

  it('starts the demo tenant on loopback and prints a URL, the demo token and a curl that works', async () => {
    serving = await startServe({ port: 0 });
    const text = banner(serving);
    expect(text).toContain(`listening on ${serving.server.url}`);
    expect(serving.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serving.demoToken?.token).toBe(DEMO_API_TOKEN);
    const curl = text.split('\n').find((l) => l.trim().startsWith('curl '))!;
    expect(curl.trim()).toBe(
      `curl -s -u apitoken:${DEMO_API_TOKEN} --data grant_type=client_credentials ${serving.server.url}/services/mtm/v1/oauth2/token`,
    );
    // do what the curl does
    const res = await fetch(`${serving.server.url}/services/mtm/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token_type: string }).token_type).toBe('bearer');
  });

  it('serves the inspector page at / and its API beside the control API, and names it in the banner', async () => {
    serving = await startServe({ port: 0 });
    const { url } = serving.server;
    expect(banner(serving).split('\n')).toContain(`  inspector:     ${url}/`);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${url}/__harness/worlds`)).status).toBe(200);
    expect((await fetch(`${url}/services/mtm/v1/oauth2/token`, { method: 'POST' })).status).toBe(401);
  });

  it('--scenarios sets what the inspector lists (the banner says it); paths that match nothing stop it (exit 2)', async () => {
    const team = mkdtempSync(join(tmpdir(), 'serve-scenarios-'));
    writeFileSync(join(team, 'a.scenario.yaml'), 'name: a\nsteps: []\n');
    serving = await startServe({ port: 0, page: false, scenarios: [team] });
    expect(serving.inspector?.scenarios.list().map((x) => x.id)).toEqual(['a']);
    expect(banner(serving)).toContain(`  scenarios:     1 file from ${team} in ${process.cwd()}`);
    await serving.stop();
    serving = undefined;
    await expect(startServe({ port: 0, page: false, scenarios: [join(team, 'nope')] })).rejects.toMatchObject({
      code: 'run.not-found',
    });
    const r = await runCli(['serve', '--port', '0', '--scenarios', join(team, '*.nothing.yaml')]);
    expect(r).toBe(2);
  });

  it('stop() ends open event streams and their timers', async () => {
    serving = await startServe({ port: 0, page: false });
    const res = await fetch(`${serving.server.url}/__harness/events`);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^event: hello\n/);
    expect(serving.inspector?.events.size).toBe(1);
    await serving.stop();
    // the stream ends (or the connection is cut) instead of waiting for the next heartbeat
    const end = await reader.read().then(
      (r) => r.done,
      () => true,
    );
    expect(end).toBe(true);
    expect(serving.inspector?.events.size).toBe(0);
    serving = undefined;
  });

  it('--no-inspector turns the inspector off; it is on by default', async () => {
    const parsed: ServeOptions[] = [];
    const program = new Command().exitOverride();
    register(program);
    program.commands[0].action((o: ServeOptions) => {
      parsed.push(o);
    });
    await program.parseAsync(['serve', '--no-inspector'], { from: 'user' });
    await program.parseAsync(['serve'], { from: 'user' });
    expect(parsed.map((o) => o.inspector)).toEqual([false, true]);
    serving = await startServe({ port: 0, inspector: false });
    expect(banner(serving)).not.toContain('inspector:');
    expect((await fetch(`${serving.server.url}/`)).status).not.toBe(200);
  });

  it('generates a tenant from --seed/--users/--workspaces and serves a tenant file', async () => {
    serving = await startServe({ port: 0, seed: 5, users: 120, workspaces: 3 });
    expect(serving.fake.counts()).toMatchObject({ workspaces: 3 });
    expect(serving.fake.counts().users).toBeGreaterThanOrEqual(120);
    await serving.stop();
    serving = await startServe({ port: 0, tenant: file('tiny.json', JSON.stringify(TINY)), linkHeaders: true });
    expect(serving.demoToken?.token).toBe(TINY_TOKEN);
    expect(serving.fake.quirks.linkHeaders).toBe(true);
  });

  it('names the file and line of malformed JSON, and the JSON path of a bad record', async () => {
    const malformed = file('bad.json', '{\n  "accounts": [\n    {"id": "a" "name": "x"}\n  ]\n}');
    await expect(loadTenantFile(malformed)).rejects.toMatchObject({
      code: 'tenant.json',
      location: { file: malformed, line: 3, column: 16 },
    });
    const broken = structuredClone(TINY) as Json;
    broken.permissions[2].workspaceId = 'ws-9';
    const badRecord = file('broken.json', JSON.stringify(broken));
    await expect(loadTenantFile(badRecord)).rejects.toMatchObject({
      location: { file: badRecord, path: ['permissions', 2, 'workspaceId'] },
    });
  });

  it('exits 2 with a clear message for a bad --tenant file and for a public host without --admin-token', async () => {
    const broken = structuredClone(TINY) as Json;
    broken.users[0].role = 'KING';
    const badRecord = file('broken2.json', JSON.stringify(broken));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['serve', '--port', '0', '--tenant', badRecord])).toBe(2);
    const msg = err.mock.calls.map((c) => String(c[0])).join('');
    expect(msg).toContain(badRecord);
    expect(msg).toContain('$.users[0].role');
    err.mockClear();
    expect(await runCli(['serve', '--port', '0', '--host', '0.0.0.0'])).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('--admin-token');
    expect(await runCli(['serve', '--tenant', badRecord, '--seed', '3'])).toBe(2);
  });
});
