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
