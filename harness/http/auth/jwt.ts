/**
 * `Jwt` [DOC S3 "JWT"]: the token request carries a JWT the connector signs itself, as the form parameter named by
 * `httpParamsName` (`assertion` for the OAuth 2.0 JWT bearer grant, RFC 7523; `jwt_token` in the multipart sample).
 *
 * Wire format (the docs leave it open; choices marked [INF]):
 * - header = `jwtConfig.jwtHeader` with `alg` = `signedAlgorithm` (`typ: "JWT"` added when absent [INF]);
 * - payload = `jwtConfig.jwtPayload` (string values rendered with `${connection.*}`), `iat` = now and, when
 *   `jwtExpiryDuration` (seconds [DOC S3]) is given, `exp` = iat + duration, replacing a fixed `exp` of the payload
 *   (the second sample's fixed `exp` would otherwise be long past) [INF];
 * - `signedAlgorithm`, `key`, `jwtExpiryDuration` are read in `jwtConfig` (the samples) or on the block (the attribute
 *   table) [DOC S3];
 * - key: HS256/384/512 use the key text's UTF-8 bytes [INF]; RS*, PS*, ES*, EdDSA a PEM private key (PKCS#8, PKCS#1
 *   or SEC1) or its base64 DER without armour ("base64EncodedKeyString" [DOC S3]);
 * - a fresh JWT is signed for every token request, on the emulator's clock (fake time in scenarios).
 * Signed with `jose`. The key, the JWT and its signature are registered as secrets.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { HarnessError } from '../../../lib/diagnostic.ts';
import { renderDeep } from '../render.ts';
import { type TokenFetchShape, tokenFlow } from './oauth2.ts';
import { ATTR, tokenBindings } from './token-request.ts';
import type { AuthBlock, BlockFinding, BlockState, FlowContext } from './types.ts';

const ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

type Json = Record<string, unknown>;

/** The jwtConfig settings, read in jwtConfig first, then on the block [DOC S3]. */
export function jwtSettings(b: AuthBlock): {
  header: Json;
  payload: Json;
  alg: string | undefined;
  key: string | undefined;
  duration: number | undefined;
  paramName: string;
} {
  const c = (b.jwtConfig && typeof b.jwtConfig === 'object' ? b.jwtConfig : {}) as Json;
  const header = (c.jwtHeader && typeof c.jwtHeader === 'object' ? c.jwtHeader : {}) as Json;
  const payload = (c.jwtPayload && typeof c.jwtPayload === 'object' ? c.jwtPayload : {}) as Json;
  const pick = (k: string) => c[k] ?? b[k];
  const alg = pick('signedAlgorithm') ?? header.alg;
  const key = pick('key');
  const d = Number(pick('jwtExpiryDuration'));
  return {
    header,
    payload,
    alg: typeof alg === 'string' ? alg : undefined,
    key: typeof key === 'string' ? key : undefined,
    duration: Number.isFinite(d) && d > 0 ? d : undefined,
    paramName: typeof b.httpParamsName === 'string' && b.httpParamsName !== '' ? b.httpParamsName : 'assertion',
  };
}

const JWT_PATH = (name: string) => ['authentications', name, 'jwtConfig'];

/** The signing key for an algorithm: the UTF-8 bytes for HS*, a private KeyObject otherwise. */
function signingKey(state: BlockState, alg: string, key: string): Uint8Array | KeyObject {
  if (alg.startsWith('HS')) return new TextEncoder().encode(key);
  try {
    if (key.includes('-----BEGIN')) return createPrivateKey(key.replaceAll('\\n', '\n'));
    return createPrivateKey({ key: Buffer.from(key.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new HarnessError(
      'auth.jwt-key',
      `connection "${state.name}": the jwtConfig key is not a usable private key for ${alg} (${e instanceof Error ? e.message : String(e)})`,
      { attribute: ATTR, path: [...JWT_PATH(state.name), 'key'] },
      'give a PEM private key ("-----BEGIN PRIVATE KEY-----...") or its base64 DER (PKCS#8)',
    );
  }
}

/** Signs the JWT for one token request (header, rendered payload, iat/exp on the emulator's clock). */
export async function signAssertion(state: BlockState, ctx: FlowContext): Promise<string> {
  const s = jwtSettings(state.block);
  const path = JWT_PATH(state.name);
  if (!s.alg || !ALGORITHMS.includes(s.alg))
    throw new HarnessError(
      'auth.jwt-algorithm',
      `connection "${state.name}": signedAlgorithm ${JSON.stringify(s.alg ?? null)} is not one the emulator signs with`,
      { attribute: ATTR, path: [...path, 'signedAlgorithm'] },
      `one of ${ALGORITHMS.join(', ')}`,
    );
  if (!s.key)
    throw new HarnessError('auth.jwt-key', `connection "${state.name}": jwtConfig has no key to sign with`, {
      attribute: ATTR,
      path: [...path, 'key'],
    });
  const bindings = tokenBindings(state);
  const header = renderDeep(ctx.render, s.header, bindings, ATTR, [...path, 'jwtHeader']) as Json;
  const payload = renderDeep(ctx.render, s.payload, bindings, ATTR, [...path, 'jwtPayload']) as Json;
  const iat = Math.floor(ctx.transport.now() / 1000);
  const claims: Json = { ...payload, iat: typeof payload.iat === 'number' ? payload.iat : iat };
  if (s.duration !== undefined) claims.exp = iat + s.duration;
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', ...header, alg: s.alg })
    .sign(signingKey(state, s.alg, s.key));
  ctx.recorder.addSecret(jwt);
  ctx.recorder.addSecret(jwt.split('.')[2]);
  return jwt;
}

const jwtShape: TokenFetchShape = {
  async extras(state, ctx) {
    return { params: { [jwtSettings(state.block).paramName]: await signAssertion(state, ctx) } };
  },
  credentialHint: () => 'the signed JWT: check the key, signedAlgorithm, iss/sub/aud and the clock (jwtExpiryDuration)',
};

function checkJwt(b: AuthBlock): BlockFinding[] {
  const s = jwtSettings(b);
  const out: BlockFinding[] = [];
  if (!b.jwtConfig || typeof b.jwtConfig !== 'object')
    out.push({
      code: 'auth.jwt-config',
      severity: 'error',
      message: 'authType Jwt needs a jwtConfig object',
      path: ['jwtConfig'],
    });
  if (!s.alg || !ALGORITHMS.includes(s.alg))
    out.push({
      code: 'auth.jwt-algorithm',
      severity: 'error',
      message: `signedAlgorithm ${JSON.stringify(s.alg ?? null)} is not supported`,
      path: ['jwtConfig', 'signedAlgorithm'],
      hint: `one of ${ALGORITHMS.join(', ')}`,
    });
  if (!s.key)
    out.push({ code: 'auth.jwt-key', severity: 'error', message: 'jwtConfig has no key', path: ['jwtConfig', 'key'] });
  if (typeof s.header.alg === 'string' && s.alg && s.header.alg !== s.alg)
    out.push({
      code: 'auth.jwt-alg-mismatch',
      severity: 'warning',
      message: `jwtHeader.alg ${s.header.alg} differs from signedAlgorithm ${s.alg}; the JWT is signed with ${s.alg} and says so`,
      path: ['jwtConfig', 'jwtHeader', 'alg'],
    });
  if (!['assertion', 'jwt_token'].includes(s.paramName))
    out.push({
      code: 'auth.jwt-param-name',
      severity: 'info',
      message: `httpParamsName ${JSON.stringify(s.paramName)}: the docs show "assertion" and "jwt_token"; the JWT is sent under this name`,
      path: ['httpParamsName'],
    });
  return out;
}

/** `Jwt` [DOC S3]. */
export const jwtFlow = tokenFlow('Jwt', jwtShape, { check: checkJwt });
