import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody, redactHeaders, redactJson, redactText } from './redact.ts';

describe('redaction', () => {
  it('keeps the auth scheme but hides the credential', () => {
    expect(redactHeaders({ Authorization: 'Bearer abc.def', Accept: 'application/json' })).toEqual({
      Authorization: `Bearer ${REDACTED}`,
      Accept: 'application/json',
    });
    expect(redactHeaders({ 'x-api-token': 'xyz' })['x-api-token']).toBe(REDACTED);
  });

  it('hides password and token fields at any depth', () => {
    expect(redactJson({ a: { password: 'p', n: 1 }, list: [{ access_token: 't' }] })).toEqual({
      a: { password: REDACTED, n: 1 },
      list: [{ access_token: REDACTED }],
    });
  });

  it('redacts form bodies and JWTs in free text', () => {
    expect(redactBody('grant_type=client_credentials&client_secret=s3', 'application/x-www-form-urlencoded')).toBe(
      `grant_type=client_credentials&client_secret=${encodeURIComponent(REDACTED)}`,
    );
    expect(redactText('token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln here')).toBe(`token ${REDACTED} here`);
    expect(redactText('key=supersecret', ['supersecret'])).toBe(`key=${REDACTED}`);
  });
});

describe('redaction of cut or odd bodies', () => {
  it('redacts secret-named keys in JSON cut short, and leaves clean JSON untouched byte for byte', () => {
    const cut = '{"userName":"a","password":"hunter2","nested":{"access_token":"abc.def';
    const out = redactBody(cut, 'application/json');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('abc.def');
    expect(out).toContain('"userName":"a"');
    const clean = '{ "a": 1,  "list": [ "x" ] }';
    expect(redactBody(clean, 'application/json')).toBe(clean);
  });

  it('takes the fast path only when nothing secret-looking is present', async () => {
    const { mayHoldSecret } = await import('./redact.ts');
    expect(mayHoldSecret('{"id":"1","email":"a@b"}')).toBe(false);
    expect(mayHoldSecret('{"Client_Secret":"x"}')).toBe(true);
    expect(mayHoldSecret('{"refresh_token":"x"}')).toBe(true);
    expect(mayHoldSecret('{"pass\\u0077ord":"x"}')).toBe(true);
    expect(redactBody('{"pass\\u0077ord":"x"}', 'application/json')).toBe(`{"password":"${REDACTED}"}`);
  });

  it('extracts the credentials of Basic and Bearer headers', async () => {
    const { credentialsOf } = await import('./redact.ts');
    const b64 = Buffer.from('apitoken:tok-123').toString('base64');
    expect(credentialsOf(`Basic ${b64}`)).toEqual([b64, 'tok-123']);
    expect(credentialsOf('Bearer abc')).toEqual(['abc']);
    expect(credentialsOf(null)).toEqual([]);
  });
});
