/**
 * `harness tenant from-har` end to end through the CLI entry: a HAR of a tenant's MTM listings, captured through the
 * fake itself, becomes a tenant file that `harness serve --tenant` serves, `GET /__harness/state/export` matches, and a
 * scenario's `given.leanix.tenantFile` imports from; bad captures exit 2 naming the file and the entry.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { captureTenantHar } from '../fixtures/tenant/capture-testing.ts';
import { DEMO_API_TOKEN, DEMO_TENANT_SPEC, generateTenant } from '../fixtures/tenant/generate.ts';
import { type Serving, startServe } from '../harness/cli/commands/serve.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';
import type { TenantData } from '../mocks/leanix/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-from-har-'));
const tenant = generateTenant({ ...DEMO_TENANT_SPEC, users: 55, seed: 3 });
const sorted = (t: TenantData) =>
  Object.fromEntries(
    (['accounts', 'workspaces', 'users', 'permissions'] as const).map((k) => [
      k,
      [...t[k]].sort((a, b) => a.id.localeCompare(b.id)),
    ]),
  );

describe('harness tenant from-har', () => {
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
  });

  it('writes a tenant file with new API tokens that serve loads and state/export gives back', async () => {
    const { har, exported } = await captureTenantHar(tenant);
    const harFile = join(dir, 'capture.har');
    writeFileSync(harFile, JSON.stringify(har));
    const out = join(dir, 'tenant.json');
    const r = await cli(['tenant', 'from-har', harFile, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 account, 2 workspaces, 57 users');
    expect(r.out).toContain('API tokens: none taken from the capture; new ones for the fake');
    const written = JSON.parse(readFileSync(out, 'utf8')) as TenantData;
    expect(sorted(written)).toEqual(sorted(exported));
    for (const t of written.apiTokens) expect(r.out).toContain(t.token);
    expect(readFileSync(out, 'utf8')).not.toContain(DEMO_API_TOKEN);

    serving = await startServe({ tenant: out, port: 0, inspector: false });
    const exportRes = await fetch(`${serving.server.url}/__harness/state/export`);
    expect(sorted((await exportRes.json()) as TenantData)).toEqual(sorted(written));
    const token = await fetch(`${serving.server.url}/services/mtm/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`apitoken:${written.apiTokens[0].token}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
  });

  it('prints the tenant JSON on stdout without --out, the summary on stderr; a scenario imports from the file', async () => {
    const { har } = await captureTenantHar(tenant);
    const harFile = join(dir, 'capture-2.har');
    writeFileSync(harFile, JSON.stringify(har));
    const r = await cli(['tenant', 'from-har', harFile]);
    expect(r.code).toBe(0);
    writeFileSync(join(dir, 'from-stdout.json'), r.out);
    expect((JSON.parse(r.out) as TenantData).users).toHaveLength(57);
    expect(r.err).toContain('API tokens: none taken from the capture');

    const scenario = join(dir, 'tenant-file.scenario.yaml');
    writeFileSync(
      scenario,
      `name: import from a captured tenant
given:
  leanix: { tenantFile: from-stdout.json }
  eic: { package: ${LEANIX_PACKAGE_DIR}, fillPlaceholders: true }
steps:
  - name: import accounts
    import: accounts
    expect:
      report: { outcome: completed, counts: { accountsCreated: ${tenant.permissions.filter((p) => p.workspaceId === tenant.workspaces[0].id).length} } }
`,
    );
    const run = await cli(['run', scenario]);
    expect(run.out).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('bad captures exit 2 and name the file and the entry', async () => {
    const bad = join(dir, 'bad.har');
    writeFileSync(bad, JSON.stringify({ log: { entries: [{ request: { url: 'https://x.leanix.net/' } }, 7] } }));
    const r = await cli(['tenant', 'from-har', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('har.entry');
    expect(r.err).toContain(bad);
    expect(r.err).toContain('$.log.entries[1]');
    const conflict = join(dir, 'conflict.scenario.yaml');
    writeFileSync(
      conflict,
      `name: both\ngiven:\n  leanix: { tenant: demo, tenantFile: tenant.json }\n  eic: { package: ${LEANIX_PACKAGE_DIR} }\nsteps:\n  - { name: v, validate: null }\n`,
    );
    const run = await cli(['run', conflict]);
    expect(run.out).toContain('both tenant and tenantFile');
  });
});
