/**
 * `leanix-eic-harness/msw`: the fake LeanIX (and the generic token server) as msw handlers, for a team's own msw
 * server or browser worker:
 *
 *   const fake = createFakeLeanIX({ origin: 'https://acme.leanix.net' });
 *   const server = setupServer(...fake.handlers);      // or createMswHandlers(fake.handle, { origin })
 *   server.listen({ onUnhandledRequest: 'error' });
 */
export type { TokenServer, TokenServerOptions } from '../../fixtures/token-server/index.ts';
export { createTokenServer } from '../../fixtures/token-server/index.ts';
export type { FakeLeanIX, FakeLeanIXOptions } from './fake.ts';
export { createFakeLeanIX } from './fake.ts';
export type { RequestHandler } from './faults.ts';
export { createMswHandlers, type MswHandlerOptions } from './msw.ts';
