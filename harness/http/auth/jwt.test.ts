import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ExchangeRecorder } from '../recorder.ts';
import { json, pathRenderer, stubTransport } from '../testing.ts';
import { checkAuthentications } from './check.ts';
import { AuthManager } from './index.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PKCS1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function jwtBlock(over: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
  return {
    authType: 'Jwt',
    httpParamsName: 'assertion',
    jwtConfig: {
      jwtHeader: { alg: 'RS256', typ: 'JWT', kid: 'k1' },
      jwtPayload: { iss: 'me', aud: 'https://x.test/token', exp: 1675754298 },
      signedAlgorithm: 'RS256',
      key: PKCS8,
      jwtExpiryDuration: 120,
      ...config,
    },
    url: 'https://x.test/token',
    httpParams: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' },
    httpContentType: 'application/x-www-form-urlencoded',
    tokenResponsePath: 'access_token',
    tokenType: 'Bearer',
    accessToken: '',
    ...over,
  };
}

async function fetchWith(block: Record<string, unknown>) {
  const transport = stubTransport(() => json(200, { access_token: 'T' }));
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager({ authentications: { a: block } }, { transport, recorder, render: pathRenderer });
  await auth.refresh('a');
  const params = new URLSearchParams(await transport.requests[0].text());
  return { params, transport, recorder, auth };
}

describe('Jwt', () => {
  it('signs header + payload with iat = now and exp = iat + jwtExpiryDuration (replacing a fixed exp)', async () => {
    const { params, transport, recorder, auth } = await fetchWith(jwtBlock());
    const jwt = params.get('assertion') ?? '';
    expect(params.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    const claims = decodeJwt(jwt);
    const now = Math.floor(transport.clock.ms / 1000);
    expect(claims).toMatchObject({ iss: 'me', aud: 'https://x.test/token', iat: now, exp: now + 120 });
    await jwtVerify(jwt, publicKey, { currentDate: new Date(transport.clock.ms) });
    expect(auth.accessToken('a')).toBe('Bearer T');
    const journal = JSON.stringify(recorder.list());
    expect(journal).not.toContain(jwt);
    expect(journal).not.toContain(jwt.split('.')[2]);
  });

  it('accepts PKCS#1 PEM and bare base64 DER keys, and HS256 with the key text', async () => {
    await fetchWith(jwtBlock({}, { key: PKCS1 }));
    const der = createPrivateKey(PKCS8).export({ type: 'pkcs8', format: 'der' }).toString('base64');
    await fetchWith(jwtBlock({}, { key: der }));
    const { params } = await fetchWith(
      jwtBlock({ httpParamsName: 'jwt_token' }, { signedAlgorithm: 'HS256', key: 'shared-secret-text' }),
    );
    const jwt = params.get('jwt_token') ?? '';
    await jwtVerify(jwt, new TextEncoder().encode('shared-secret-text'), {
      currentDate: new Date(Date.UTC(2025, 0, 1)),
    });
    expect(decodeProtectedHeader(jwt).alg).toBe('HS256');
  });

  it('fails clearly on an unusable key or an unknown algorithm', async () => {
    await expect(fetchWith(jwtBlock({}, { key: 'not a key' }))).rejects.toMatchObject({ code: 'auth.jwt-key' });
    await expect(fetchWith(jwtBlock({}, { signedAlgorithm: 'XX999' }))).rejects.toMatchObject({
      code: 'auth.jwt-algorithm',
      location: { path: ['authentications', 'a', 'jwtConfig', 'signedAlgorithm'] },
    });
    const diags = checkAuthentications({
      authentications: { a: jwtBlock({}, { key: undefined, jwtHeader: { alg: 'HS256' } }) },
    });
    expect(diags.map((d) => d.code)).toEqual(expect.arrayContaining(['auth.jwt-key', 'auth.jwt-alg-mismatch']));
  });

  it('refuses to add the assertion to a string httpParams', async () => {
    await expect(fetchWith(jwtBlock({ httpParams: 'grant_type=x' }))).rejects.toMatchObject({
      code: 'auth.params-not-object',
    });
  });
});
