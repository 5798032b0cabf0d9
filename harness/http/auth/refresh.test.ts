import { describe, expect, it } from 'vitest';
import { eicErrorText, maxRefreshTryCount, refreshReason, tokenRefreshMaxTryCountOf } from './refresh.ts';

describe('eicErrorText', () => {
  it('holds both documented authError forms for a non-2xx answer, and nothing for 2xx', () => {
    const t = eicErrorText(401, '{"x":1}');
    expect(t).toContain('HTTP error code : 401');
    expect(t).toContain('401 Unauthorized');
    expect(t).toContain('{"x":1}');
    expect(eicErrorText(204, 'HTTP error code : 401')).toBeUndefined();
  });
});

describe('refreshReason', () => {
  const block = {
    retryFailureStatusCode: [401],
    errorPath: 'error.code',
    expiryError: 'ExpiredAuthenticationToken',
    authError: ['InvalidAuthenticationToken'],
  };

  it('refreshes on a listed status, or an expiryError/authError at errorPath (equal or contained)', () => {
    expect(refreshReason(block, 401, null)).toBe('HTTP 401 is in retryFailureStatusCode');
    expect(refreshReason(block, 200, { error: { code: 'ExpiredAuthenticationToken' } })).toContain('error.code');
    expect(refreshReason(block, 400, { error: { code: 'xx InvalidAuthenticationToken xx' } })).toBeDefined();
    expect(
      refreshReason(block, 403, { error: { code: 'Forbidden' } }, '{"error":{"code":"Forbidden"}}'),
    ).toBeUndefined();
  });

  it('matches authError in the error text EIC produces, not only at errorPath [DOC S3 samples]', () => {
    for (const needle of ['HTTP error code : 401', '401 Unauthorized', '401']) {
      const b = { authError: [needle], errorPath: 'nothing.here' };
      expect(refreshReason(b, 401, { msg: 'no' }, '{"msg":"no"}')).toContain(`"${needle}"`);
      // A 2xx answer produces no error text, so it never matches there.
      expect(refreshReason(b, 200, { msg: '401' }, '{"msg":"401"}')).toBeUndefined();
    }
    expect(refreshReason({ authError: ['401 Unauthorized'] }, 403, null, '')).toBeUndefined();
    // The body is part of the error text: a SESSION_NOT_VALID 500 matches.
    expect(refreshReason({ authError: 'SESSION_NOT_VALID' }, 500, null, '{"code":"SESSION_NOT_VALID"}')).toBeDefined();
  });
});

describe('maxRefreshTryCount', () => {
  it("uses the block's value, else ConfigJSON tokenRefreshMaxTryCount, else 1", () => {
    expect(maxRefreshTryCount({ maxRefreshTryCount: 5 }, 2)).toBe(5);
    expect(maxRefreshTryCount({ maxRefreshTryCount: '0' }, 2)).toBe(0);
    expect(maxRefreshTryCount({}, 2)).toBe(2);
    expect(maxRefreshTryCount({ maxRefreshTryCount: 'many' }, undefined)).toBe(1);
    expect(tokenRefreshMaxTryCountOf({ connectionTimeoutConfig: { tokenRefreshMaxTryCount: '3' } })).toBe(3);
    expect(tokenRefreshMaxTryCountOf({ connectionTimeoutConfig: {} })).toBeUndefined();
    expect(tokenRefreshMaxTryCountOf(undefined)).toBeUndefined();
  });
});
