// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates are the data under test
/**
 * The per-request signatures checked by the token server's independent verifiers (fixtures/token-server/verify.ts,
 * written from the protocol descriptions), plus the cookie flow's header handling.
 */
import { describe, expect, it } from 'vitest';
import { TEST_PRIVATE_KEY_PEM, TEST_PUBLIC_KEY_PEM } from '../../../fixtures/token-server/defaults.ts';
import { checkHmac, checkHttpSignature } from '../../../fixtures/token-server/verify.ts';
import { ExchangeRecorder } from '../recorder.ts';
import { json, pathRenderer, stubTransport } from '../testing.ts';
import { AuthManager } from './index.ts';

function setup(block: Record<string, unknown>, files: Record<string, string> = {}) {
  const transport = stubTransport(() => json(200, {}, { 'set-cookie': 'SESSION=s-secret-1; Path=/; HttpOnly' }));
  const recorder = new ExchangeRecorder();
  const auth = new AuthManager(
    { authentications: { a: block } },
    {
      transport,
      recorder,
      render: pathRenderer,
      readConnectorFile: async (name) => {
        if (!(name in files)) throw new Error(`ENOENT ${name}`);
        return files[name];
      },
    },
  );
  return { auth, transport, recorder };
}

describe('BasicWithHmac', () => {
  const block = { authType: 'BasicWithHmac', properties: { IKEY: 'DIKEY1', SKEY: 'skey-secret-1' } };

  it('signs date, method, host, path and sorted parameters (query + form) as the verifier expects', async () => {
    const { auth, transport, recorder } = setup(block);
    const req = {
      method: 'POST',
      url: 'https://api.example.test/admin/v1/users?z=1&a=x%20y',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic stale' } as Record<
        string,
        string
      >,
      body: 'username=root&realname=First+Last',
    };
    await auth.authorize('a', req);
    expect(req.headers.Date).toBe('Wed, 01 Jan 2025 00:00:00 -0000');
    const verdict = checkHmac(
      {
        method: 'POST',
        url: new URL(req.url),
        date: req.headers.Date,
        authorization: req.headers.Authorization,
        formBody: req.body,
      },
      { ikey: 'DIKEY1', skey: 'skey-secret-1', skewSeconds: 300 },
      transport.clock.ms,
    );
    expect(verdict).toEqual({ ok: true, detail: { signedParams: 'a&realname&username&z' } });
    // A different key does not verify (the check can fail).
    expect(
      checkHmac(
        {
          method: 'POST',
          url: new URL(req.url),
          date: req.headers.Date,
          authorization: req.headers.Authorization,
          formBody: req.body,
        },
        { ikey: 'DIKEY1', skey: 'other', skewSeconds: 300 },
        transport.clock.ms,
      ).ok,
    ).toBe(false);
    expect(recorder.redact(req.headers.Authorization)).toBe('Basic [REDACTED]');
  });

  it('needs IKEY and SKEY', async () => {
    const { auth } = setup({ authType: 'BasicWithHmac', properties: { IKEY: 'x' } });
    await expect(auth.authorize('a', { method: 'GET', url: 'https://x.test/', headers: {} })).rejects.toMatchObject({
      code: 'auth.hmac-keys',
    });
    expect(auth.canRefresh('a')).toBe(false);
  });
});

describe('SignedHeaders', () => {
  const block = { authType: 'SignedHeaders', properties: { userId: 'signer', keyFilePath: 'key.pem' } };

  it('signs (request-target), host, date and the body digest with the key file', async () => {
    const { auth, transport, recorder } = setup(block, { 'key.pem': TEST_PRIVATE_KEY_PEM });
    const req = {
      method: 'POST',
      url: 'https://api.example.test/api/users?x=1',
      headers: {} as Record<string, string>,
      body: '{"a":1}',
    };
    await auth.authorize('a', req);
    const headers = new Headers(req.headers);
    const cfg = { keyId: 'signer', publicKey: TEST_PUBLIC_KEY_PEM, skewSeconds: 300 };
    expect(
      checkHttpSignature({ method: 'POST', url: new URL(req.url), headers, body: req.body }, cfg, transport.clock.ms),
    ).toEqual({
      ok: true,
      detail: { signedHeaders: '(request-target) host date digest' },
    });
    expect(
      checkHttpSignature({ method: 'POST', url: new URL(req.url), headers, body: '{"a":2}' }, cfg, transport.clock.ms)
        .ok,
    ).toBe(false);
    expect(recorder.redact(req.headers.Signature)).toContain('signature="[REDACTED]"');
    expect(recorder.redact(TEST_PRIVATE_KEY_PEM)).not.toContain('MII');
  });

  it('names an unreadable key file and where EIC looks for it', async () => {
    const { auth } = setup(block);
    await expect(auth.authorize('a', { method: 'GET', url: 'https://x.test/', headers: {} })).rejects.toMatchObject({
      code: 'auth.key-file',
      hint: expect.stringContaining('Connector Files'),
    });
  });
});

describe('cookies', () => {
  it('takes every Set-Cookie as the token, binds ${cookies}, and adds a Cookie header to calls without one', async () => {
    const { auth, recorder } = setup({
      authType: 'cookies',
      url: 'https://x.test/login',
      httpParams: { username: 'u', password: 'pw-secret' },
      httpContentType: 'application/json',
      tokenResponsePath: '#HEADERS#Set-Cookie',
      tokenType: '',
      accessToken: 'none',
    });
    await auth.refresh('a');
    expect(auth.accessToken('a')).toBe('SESSION=s-secret-1');
    expect(auth.callBindings('a').cookies).toBe('SESSION=s-secret-1');
    const req = { method: 'GET', url: 'https://x.test/api', headers: {} as Record<string, string> };
    await auth.authorize('a', req);
    expect(req.headers).toEqual({ Cookie: 'SESSION=s-secret-1' });
    expect(JSON.stringify(recorder.list())).not.toContain('s-secret-1');
  });
});
