/**
 * The two ways the contract suite reaches the fake: in-process (msw `setupServer` over the fake's handlers, the client
 * uses global fetch, set-up goes straight to the fake) and over HTTP (the node server, real fetch, set-up through the
 * `/__harness/` control API).
 */
import { setupServer } from 'msw/node';
import type { RateLimitConfig } from '../core.ts';
import type { FakeLeanIX } from '../fake.ts';
import type { FaultRule } from '../faults.ts';
import type { FakeServer } from '../http-server.ts';
import type { ApiToken } from '../model.ts';
import { createMswHandlers } from '../msw.ts';
import type { ContractDriver } from './cases.ts';

/** In-process: msw intercepts global fetch for `origin` (any origin works; the fake routes on paths). */
export function mswDriver(fake: FakeLeanIX, origin: string): ContractDriver & { close(): void } {
  const server = setupServer(...createMswHandlers(fake.handle));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    mode: 'msw',
    origin,
    fetch: (url, init) => fetch(url, init),
    addFault: async (rule: FaultRule) => {
      fake.faults.add(rule);
    },
    setRateLimit: async (rl: Partial<RateLimitConfig>) => {
      Object.assign(fake.core.rateLimit, rl);
    },
    addApiToken: async (t) => fake.core.addApiToken(t),
    patchQuirks: async (q) => {
      fake.setQuirks({ ...fake.quirks, ...q });
    },
    advanceClock: async (ms) => fake.clock.advance(ms),
    close: () => server.close(),
  };
}

/** Over HTTP: a running server; set-up calls go through the control API like any external tool's would. */
export function httpDriver(server: FakeServer, adminToken?: string): ContractDriver {
  const control = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${server.url}/__harness${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`control ${method} ${path} failed: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    mode: 'http',
    origin: server.url,
    fetch: (url, init) => fetch(url, init),
    addFault: async (rule) => {
      await control('POST', '/faults', rule);
    },
    setRateLimit: async (rl) => {
      await control('PUT', '/ratelimit', rl);
    },
    addApiToken: async (t) => (await control('POST', '/tokens', t)) as ApiToken,
    patchQuirks: async (q) => {
      await control('PATCH', '/quirks', q);
    },
    advanceClock: async (ms) => {
      await control('POST', '/clock/advance', { ms });
    },
  };
}
