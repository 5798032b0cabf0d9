/**
 * `leanix-eic-harness/msw`: the fake LeanIX and the generic token server as msw handlers, for a team's own msw server
 * (msw 2 is a peer dependency: the handlers must come from the msw the team's `setupServer` uses):
 *
 *   const fake = await createFakeLeanIX();
 *   const server = setupServer(...createMswHandlers(fake.handle, { origin: 'https://acme.leanix.net' }));
 *   server.listen({ onUnhandledRequest: 'error' });
 */

export type { TokenServer, TokenServerOptions } from '../../fixtures/token-server/index.ts';
export { createTokenServer } from '../../fixtures/token-server/index.ts';
export { tokenServerHandlers } from '../../fixtures/token-server/msw.ts';
export type { FakeLeanIX, FakeLeanIXOptions } from './fake.ts';
export { createFakeLeanIX } from './fake.ts';
export type { RequestHandler } from './faults.ts';
export { createMswHandlers, type MswHandlerOptions } from './msw.ts';
