/** `harness test-connection` in-process (no --target: the in-process fake LeanIX). e2e/test-connection.test.ts runs it against `harness serve`. */
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { loadPackage } from '../../package/index.ts';
import { runCaptured as cli } from '../testing.ts';
import { remainingPlaceholders } from './test-connection.ts';

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness test-connection', () => {
  it('tests the corrected package against the in-process fake and prints the exchanges', async () => {
    const r = await cli(['test-connection', LEANIX_PACKAGE_DIR]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Test Connection: Connection Successful');
    expect(r.out).toContain('against an in-process fake LeanIX (demo tenant)');
    expect(r.out).toMatch(
      /1\. test connection GET https:\/\/demo\.leanix\.net\/services\/mtm\/v1\/workspaces\/\S+ → 401/,
    );
  });

  it('prints JSON with --json and fails for an unknown --only block', async () => {
    const ok = JSON.parse((await cli(['test-connection', LEANIX_PACKAGE_DIR, '--json'])).out);
    expect(ok).toMatchObject({
      status: 'success',
      connections: [{ connection: 'acctAuth', checked: 'testConnectionParams' }],
    });
    const r = await cli(['test-connection', LEANIX_PACKAGE_DIR, '--only', 'nope']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[auth.unknown-connection]');
  });

  it('finds the LeanIX placeholders a package still holds', async () => {
    expect(remainingPlaceholders(await loadPackage(LEANIX_PACKAGE_DIR))).toEqual([
      '<host>',
      '<workspaceId>',
      '<accountId>',
      '<apiTokenBasic>',
    ]);
    const filled = await loadPackage(LEANIX_PACKAGE_DIR, { patches: `${LEANIX_PACKAGE_DIR}/demo-tenant.patch.yaml` });
    expect(remainingPlaceholders(filled)).toEqual([]);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['test-connection', '/nonexistent/pkg'])).code).toBe(2);
    expect((await cli(['test-connection', LEANIX_PACKAGE_DIR, '--target', 'not a url'])).code).toBe(2);
  });
});
