import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE, testClient } from './testing.ts';

// Property: whatever arrives, the fake answers an envelope with a known status, never a 500, and a refused write
// changes nothing (the store version only moves on 2xx answers).
describe('the router never crashes and never half-applies', () => {
  it('answers random requests with a known status and a JSON envelope', async () => {
    const c = await testClient();
    const user = c.core.store.exportJson().users[3].id;
    const segment = fc.oneof(
      fc.constantFrom('workspaces', 'users', 'permissions', 'accounts', 'idm', 'invite', 'oauth2', 'token'),
      fc.constantFrom(c.wsId, c.accountId, user, 'x', '%E2%82%AC', '..', ''),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          role: fc.constantFrom('ADMIN', 'VIEWER', 'OWNER', 7),
          status: fc.constantFrom('ACTIVE', 'INVITED', 'ARCHIVED', undefined),
          user: fc.record({ id: fc.constantFrom(user, 'ghost', 3) }),
          workspace: fc.record({ id: fc.constantFrom(c.wsId, 'nowhere') }),
        })
        .map((o) => JSON.stringify(o)),
    );
    const query = fc.constantFrom('', '?page=0', '?size=1000', '?page=x', '?sort=nope', '?status=ACTIVE', '?silent=1');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        query,
        body,
        async (method, segs, q, b) => {
          const hasBody = b !== undefined && method !== 'GET';
          const before = c.core.store.version;
          const res = await c.core.handle(
            new Request(`${BASE}/${segs.join('/')}${q}`, {
              method,
              headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
              body: hasBody ? b : undefined,
            }),
          );
          expect([200, 400, 401, 403, 404, 405, 409]).toContain(res.status);
          const json = JSON.parse(await res.text());
          expect(json.status).toBe(res.status === 200 ? 'OK' : 'ERROR');
          if (res.status !== 200) expect(c.core.store.version).toBe(before);
        },
      ),
      { numRuns: 300, seed: 20250101 },
    );
  });
});
