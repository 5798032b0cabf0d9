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

describe('SecretSet', () => {
  it('blanks a value as it is and JSON-escaped, URL-encoded and form-encoded, longest first', async () => {
    const { SecretSet } = await import('./redact.ts');
    const s = new SecretSet();
    s.add('p@ss word"/x');
    s.add('Bearer tok-1234');
    s.add('abc'); // too short: ignored
    s.add(undefined);
    const text = [
      'raw p@ss word"/x',
      'json "p@ss word\\"/x"',
      `query ?p=${encodeURIComponent('p@ss word"/x')}`,
      `form p=${new URLSearchParams({ p: 'p@ss word"/x' }).toString().slice(2)}`,
      'auth Bearer tok-1234, abc stays',
    ].join('\n');
    const out = s.redact(text);
    expect(out).toBe(
      [
        `raw ${REDACTED}`,
        `json "${REDACTED}"`,
        `query ?p=${REDACTED}`,
        `form p=${REDACTED}`,
        `auth Bearer ${REDACTED}, abc stays`,
      ].join('\n'),
    );
    const v = s.version;
    s.add('tok-1234'); // already known: no new version
    expect(s.version).toBe(v);
  });

  it('redacts a JSON-like value deeply: secret-named keys by key, every string by value, JWTs by pattern', async () => {
    const { SecretSet } = await import('./redact.ts');
    const s = new SecretSet();
    s.add('hunter22');
    const out = s.redactValue({
      identities: [{ username: 'a', password: 'whatever', note: 'pw hunter22' }],
      list: ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 3, null],
    });
    expect(out).toEqual({
      identities: [{ username: 'a', password: REDACTED, note: `pw ${REDACTED}` }],
      list: [REDACTED, 3, null],
    });
  });

  it('finds the credentials of a ConnectionJSON (not its templates or token settings)', async () => {
    const { secretValuesIn } = await import('./redact.ts');
    const conn = {
      authentications: {
        a: {
          properties: { userName: 'u', password: 'pw-1' },
          accessToken: 'Basic YWJj',
          clientSecret: 's3cret',
          tokenResponsePath: 'access_token',
          tokenType: 'Bearer',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an EIC template, not a value
          httpParams: { client_secret: '${secret}' },
        },
      },
    };
    expect(secretValuesIn(conn).sort()).toEqual(['Basic YWJj', 'pw-1', 's3cret']);
  });

  it('names headers that carry credentials', async () => {
    const { isSecretHeader } = await import('./redact.ts');
    for (const h of ['X-Auth-Token', 'x-api-key', 'X-Initial-Password', 'Api-Key', 'X-Client-Secret', 'Authorization'])
      expect(isSecretHeader(h), h).toBe(true);
    for (const h of ['Accept', 'x-harness-fault', 'Content-Type', 'X-Request-Id'])
      expect(isSecretHeader(h), h).toBe(false);
  });
});
