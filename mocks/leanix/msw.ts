/**
 * The in-process adapter: a few catch-all msw handlers that delegate to the fake's one router (msw matches handlers
 * linearly, so routing stays inside the router). Use with `setupServer(...handlers)` and `onUnhandledRequest: 'error'`.
 */
import { type HttpHandler, http } from 'msw';
import type { RequestHandler } from './faults.ts';

/** Options of the msw handlers. */
export interface MswHandlerOptions {
  /** Origin to intercept, e.g. `https://acme-eu.leanix.net`; default any origin (`*`), as the fake routes on paths. */
  origin?: string;
}

/** The msw handlers for the MTM API (`<origin>/services/mtm/v1` and everything under it), all calling `handle`. */
export function createMswHandlers(handle: RequestHandler, options: MswHandlerOptions = {}): HttpHandler[] {
  const origin = (options.origin ?? '*').replace(/\/+$/, '');
  const resolver = ({ request }: { request: Request }) => handle(request);
  return [http.all(`${origin}/services/mtm/v1/*`, resolver), http.all(`${origin}/services/mtm/v1`, resolver)];
}
