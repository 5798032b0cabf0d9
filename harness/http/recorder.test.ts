import { describe, expect, it } from 'vitest';
import { ExchangeRecorder } from './recorder.ts';

const draft = (over: Partial<Parameters<ExchangeRecorder['record']>[0]> = {}) => ({
  at: 0,
  label: 'call1',
  durationMs: 1,
  request: { method: 'POST', url: 'https://h/x', headers: {} as Record<string, string> },
  ...over,
});

describe('ExchangeRecorder', () => {
  it('numbers exchanges and filters them by owner', () => {
    const r = new ExchangeRecorder();
    r.record(draft({ owner: { kind: 'task', id: '1' } }));
    r.record(draft({ owner: { kind: 'task', id: '2' } }));
    expect(r.list().map((e) => e.seq)).toEqual([1, 2]);
    expect(r.list({ kind: 'task', id: '2' }).map((e) => e.seq)).toEqual([2]);
  });

  it('redacts Authorization, secret body keys, registered secrets in URLs, bodies and bindings', () => {
    const r = new ExchangeRecorder();
    r.addSecret('Bearer live-access-token-123');
    r.addSecret('my-api-token-value');
    const ex = r.record(
      draft({
        request: {
          method: 'POST',
          url: 'https://h/x?key=my-api-token-value',
          headers: { Authorization: 'Bearer live-access-token-123', 'X-Trace': 'live-access-token-123' },
          body: '{"password":"hunter22","note":"token my-api-token-value"}',
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"access_token":"abc","echo":"live-access-token-123"}',
        },
        bindings: { 'httpHeaders.Authorization': 'Bearer live-access-token-123' },
      }),
      ['extra-secret-pw'],
    );
    const text = JSON.stringify(ex);
    expect(text).not.toContain('live-access-token-123');
    expect(text).not.toContain('my-api-token-value');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('"abc"');
    expect(ex.request.headers.Authorization).toBe('Bearer [REDACTED]');
    expect(ex.request.url).toBe('https://h/x?key=[REDACTED]');
  });

  it('redacts per-call extra secrets such as a task password', () => {
    const r = new ExchangeRecorder();
    const ex = r.record(
      draft({ request: { method: 'POST', url: 'https://h/x', headers: {}, body: 'pw=Sup3rSecret!' } }),
      ['Sup3rSecret!'],
    );
    expect(ex.request.body).toBe('pw=[REDACTED]');
  });

  it('redacts a secret registered after earlier redactions (the sorted secret list is rebuilt)', () => {
    const r = new ExchangeRecorder();
    r.addSecret('first-secret-value');
    expect(r.redact('a first-secret-value b')).toBe('a [REDACTED] b');
    r.addSecret('later-secret-value');
    expect(r.redact('first-secret-value later-secret-value')).toBe('[REDACTED] [REDACTED]');
    // the longest secret wins where one contains another
    r.addSecret('later-secret-value-longer');
    expect(r.redact('x later-secret-value-longer')).toBe('x [REDACTED]');
  });
});

describe('maskInLogs keys', () => {
  it('blanks the values of masked keys in JSON, form and multipart bodies, headers and bindings', () => {
    const rec = new ExchangeRecorder();
    rec.addMaskedKey('username');
    rec.addMaskedKey('X-Tenant');
    const ex = rec.record({
      at: 0,
      label: 't',
      durationMs: 0,
      request: {
        method: 'POST',
        url: 'https://x.test/',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Tenant': 'acme-42' },
        body: 'username=jane.doe&grant_type=password',
      },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"user":{"UserName":"jane.doe","id":7}}',
      },
      bindings: { 'httpParams.username': 'jane.doe', 'httpParams.grant_type': 'password' },
    });
    expect(ex.request.body).toBe('username=%5BREDACTED%5D&grant_type=password');
    expect(ex.request.headers['X-Tenant']).toBe('[REDACTED]');
    expect(JSON.parse(ex.response?.body ?? '')).toEqual({ user: { UserName: '[REDACTED]', id: 7 } });
    expect(ex.bindings).toEqual({ 'httpParams.username': '[REDACTED]', 'httpParams.grant_type': 'password' });
    const multipart = rec.record({
      at: 0,
      label: 't',
      durationMs: 0,
      request: {
        method: 'POST',
        url: 'https://x.test/',
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
        body: '--B\r\nContent-Disposition: form-data; name="username"\r\n\r\njane.doe\r\n--B--\r\n',
      },
    });
    expect(multipart.request.body).not.toContain('jane.doe');
  });
});
