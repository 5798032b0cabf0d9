import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_SPEC, generateTenant } from '../../../fixtures/tenant/generate.ts';
import { runCaptured } from '../testing.ts';

// The demo tenant's first workspace is the one the corrected package's placeholders are filled with.
const demo = generateTenant(DEMO_TENANT_SPEC);
const ws = demo.workspaces[0];
const members = new Set(demo.permissions.filter((p) => p.workspaceId === ws.id).map((p) => p.userId));

describe('harness import', () => {
  it('imports every user of the workspace and links each to its one role (corrected package, demo tenant)', async () => {
    const r = await runCaptured(['import', 'fixtures/packages/leanix', '--access', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [accounts, access] = JSON.parse(r.out);
    expect(accounts.outcome).toBe('completed');
    expect(accounts.counts.accountsCreated).toBe(members.size);
    expect(access.outcome).toBe('completed');
    // One permission per user per workspace (LeanIX reference §5): one link per imported account.
    expect(access.counts.linksAdded).toBe(members.size);
  });

  it('prints a readable report and exits 2 for a package that does not exist', async () => {
    const ok = await runCaptured(['import', 'fixtures/packages/leanix']);
    expect(ok.out).toMatch(/account import of leanix: completed/);
    const missing = await runCaptured(['import', 'no/such/package']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no\/such\/package/);
  });

  it('rejects a bad --users value as a usage error', async () => {
    const r = await runCaptured(['import', 'fixtures/packages/leanix', '--users', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--users: expected a whole number/);
  });
});
