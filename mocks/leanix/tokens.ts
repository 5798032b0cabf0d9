/**
 * Access tokens: RS256 JWTs (jose) with the claims MTM clients read (section 2 of the reference), minted from API
 * tokens and verified cheaply: a token this instance minted is found by its exact string in a Map, so the hot path
 * never re-checks a signature; an unknown string is verified once with jose (to tell a forged or foreign token apart
 * for the message) and refused either way, since only tokens this instance issued are valid here.
 */
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';

/** The principal claim of an access token. */
export interface PrincipalClaim {
  id: string;
  username: string;
  role: string;
  status: string;
  account: { id: string; name: string | null };
  permission: { id: string; workspaceId: string; workspaceName: string; role: string; status: string };
}

/** The claims of an access token. */
export interface AccessClaims {
  sub: string;
  iss: string;
  jti: string;
  exp: number;
  instanceUrl: string;
  principal: PrincipalClaim;
}

/** What the issuer remembers about a token it minted. */
export interface IssuedToken {
  claims: AccessClaims;
  /** The API token it was minted from (revoking that revokes this). */
  apiToken: string;
}

export interface KeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

let shared: Promise<KeyPair> | undefined;

/** One RSA key pair per process (generating 2048-bit keys takes ~100 ms; every fake instance reuses it). */
export function sharedKeyPair(): Promise<KeyPair> {
  shared ??= generateKeyPair('RS256', { modulusLength: 2048 }) as Promise<KeyPair>;
  return shared;
}

export type VerifyResult =
  | { ok: true; issued: IssuedToken }
  | { ok: false; reason: 'expired' | 'invalid' | 'foreign'; message: string };

export interface TokenIssuer {
  /** Signs the claims and remembers the token. */
  mint(claims: AccessClaims, apiToken: string): Promise<string>;
  /** Checks a bearer token at fake time `nowMs`. */
  verify(token: string, nowMs: number): Promise<VerifyResult>;
  /** The public key as a JWK (for clients that want to verify). */
  publicJwk(): Promise<JWK>;
  /** Number of remembered tokens. */
  size(): number;
}

const MAX_REMEMBERED = 50_000;

/** Creates an issuer over a key pair. */
export function createTokenIssuer(keys: KeyPair): TokenIssuer {
  const issued = new Map<string, IssuedToken>();

  function prune(nowMs: number): void {
    if (issued.size < MAX_REMEMBERED) return;
    for (const [tok, it] of issued) if (it.claims.exp * 1000 <= nowMs) issued.delete(tok);
  }

  return {
    async mint(claims, apiToken) {
      const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256' }).sign(keys.privateKey);
      issued.set(token, { claims, apiToken });
      return token;
    },
    async verify(token, nowMs) {
      const hit = issued.get(token);
      if (hit) {
        if (nowMs >= hit.claims.exp * 1000) {
          prune(nowMs);
          return { ok: false, reason: 'expired', message: 'access token expired' };
        }
        return { ok: true, issued: hit };
      }
      try {
        await jwtVerify(token, keys.publicKey, { algorithms: ['RS256'], currentDate: new Date(nowMs) });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired', message: 'access token expired' };
        return { ok: false, reason: 'invalid', message: 'invalid access token' };
      }
      return { ok: false, reason: 'foreign', message: 'access token was not issued by this instance' };
    },
    publicJwk: () => exportJWK(keys.publicKey),
    size: () => issued.size,
  };
}
