/** `harness explain` on the corrected LeanIX package (its AddAccessJSON / CreateAccountJSON are the expectation source). */
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { runCaptured as cli } from '../testing.ts';

const PATCH = `${LEANIX_PACKAGE_DIR}/demo-tenant.patch.yaml`;

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness explain', () => {
  it('prints the requests of a NEWACCOUNT with the identity bound, the token redacted', async () => {
    const r = await cli(['explain', LEANIX_PACKAGE_DIR, 'newaccount', '-p', PATCH, '-u', 'email=jane@example.com']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. call1: POST https://demo.leanix.net/services/mtm/v1/users');
    expect(r.out).toContain('"email": "jane@example.com"');
    expect(r.out).toContain('"user": {"id": "dry-run-id"}'); // call2 reads call1's (stubbed) response
    expect(r.out).toContain('Bearer [REDACTED]');
    expect(r.out).toContain('NEWACCOUNT would send 2 request(s)');
  });

  it('binds the entitlement of an ADDACCESS', async () => {
    const r = await cli(['explain', LEANIX_PACKAGE_DIR, 'ADDACCESS', '-p', PATCH, '-e', 'Permission:ADMIN', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.exchanges).toHaveLength(1);
    expect(JSON.parse(doc.exchanges[0].request.body)).toMatchObject({ role: 'ADMIN', user: { id: 'dry-run-id' } });
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['explain', LEANIX_PACKAGE_DIR, 'FLY'])).code).toBe(2);
    expect((await cli(['explain', LEANIX_PACKAGE_DIR, 'ADDACCESS', '-e', 'ADMIN'])).code).toBe(2);
    expect((await cli(['explain', '/nonexistent/pkg', 'NEWACCOUNT'])).code).toBe(2);
  });
});
