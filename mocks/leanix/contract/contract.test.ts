import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_SPEC, generateTenant } from '../../../fixtures/tenant/generate.ts';
import { createFakeLeanIX, type FakeLeanIX } from '../fake.ts';
import { type FakeServer, startFakeServer } from '../http-server.ts';
import {
  CONTRACT_CASES,
  type ContractCtx,
  type ContractDriver,
  contractContext,
  type Observed,
  runCase,
} from './cases.ts';
import { httpDriver, mswDriver } from './drivers.ts';

// Two fresh fakes seeded alike (the built-in demo tenant, default fake clock): one behind msw, one behind node:http.
// The msw run targets the HTTP server's own origin (intercepted, never reaching it), so host-derived values such as
// the JWT issuer and Link URLs are alike too, and the two runs must be byte-identical.
describe('contract suite', () => {
  const tenant = generateTenant(DEMO_TENANT_SPEC);
  let httpFake: FakeLeanIX;
  let mswFake: FakeLeanIX;
  let server: FakeServer;
  const observed: Record<'msw' | 'http', Observed[]> = { msw: [], http: [] };

  beforeAll(async () => {
    httpFake = await createFakeLeanIX({ tenant });
    mswFake = await createFakeLeanIX({ tenant });
    server = await startFakeServer(httpFake, { port: 0, adminToken: 'contract-admin' });
  });
  afterAll(() => server?.close());

  for (const mode of ['msw', 'http'] as const) {
    describe(mode === 'msw' ? 'in-process (msw + global fetch)' : 'over HTTP (node:http + fetch)', () => {
      let driver: ContractDriver & { close?: () => void };
      let ctx: ContractCtx;
      beforeAll(() => {
        driver = mode === 'msw' ? mswDriver(mswFake, server.url) : httpDriver(server, 'contract-admin');
        ctx = contractContext(tenant);
      });
      afterAll(() => driver.close?.());
      for (const c of CONTRACT_CASES) {
        it(c.name, async () => {
          observed[mode].push(await runCase(driver, ctx, c));
        });
      }
    });
  }

  it('both modes gave identical responses (status, headers that matter, body bytes) for the same sequence', () => {
    expect(observed.msw).toHaveLength(CONTRACT_CASES.length);
    expect(observed.http).toHaveLength(CONTRACT_CASES.length);
    for (let i = 0; i < CONTRACT_CASES.length; i++)
      expect(observed.http[i], CONTRACT_CASES[i].name).toEqual(observed.msw[i]);
    expect(httpFake.journal.recorded).toBe(mswFake.journal.recorded);
  });
});
