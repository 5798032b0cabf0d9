/** The authTypes EIC documents [DOC S3 "Authentication Types"], each mapped to the flow that runs it. */
import { basicFlow } from './basic.ts';
import { cookiesFlow } from './cookies.ts';
import { jwtFlow } from './jwt.ts';
import { basicWithAccessTokenFlow, oauth2Flow } from './oauth2.ts';
import { basicWithHmacFlow, signedHeadersFlow } from './signed.ts';
import type { Flow } from './types.ts';

const FLOWS: Flow[] = [
  oauth2Flow,
  basicFlow,
  basicWithAccessTokenFlow,
  jwtFlow,
  cookiesFlow,
  basicWithHmacFlow,
  signedHeadersFlow,
];
const BY_NAME = new Map(FLOWS.map((f) => [f.authType.toLowerCase(), f]));

/** The documented authType names, as the docs spell them. */
export const AUTH_TYPES = FLOWS.map((f) => f.authType);

/** The flow of an authType (case-insensitive: configs write `oauth2`, `Basic`, `Jwt`, `cookies`), or undefined. */
export function flowFor(authType: unknown): Flow | undefined {
  return typeof authType === 'string' ? BY_NAME.get(authType.trim().toLowerCase()) : undefined;
}
