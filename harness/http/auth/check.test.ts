import { describe, expect, it } from 'vitest';
import { checkAuthentications } from './check.ts';

const codes = (conn: unknown, opts = {}) => checkAuthentications(conn, opts).map((d) => `${d.severity} ${d.code}`);

describe('checkAuthentications', () => {
  it('accepts every documented authType, case-insensitively', () => {
    for (const t of [
      'oauth2',
      'Basic',
      'basic',
      'BasicWithAccessToken',
      'Jwt',
      'JWT',
      'cookies',
      'BasicWithHmac',
      'SignedHeaders',
    ])
      expect(codes({ authentications: { a: { authType: t } } })).not.toContain('error auth.unsupported');
    expect(codes({ authentications: { a: { authType: 'Bearer' } } })).toEqual(['error auth.unsupported']);
  });

  it('reports ssl as accepted but not applied, and says why', () => {
    const d = checkAuthentications({
      authentications: {
        a: {
          authType: 'oauth2',
          ssl: { keyFile: 'cacerts', keyFilePassword: 'changeit', sslAlgorithmName: 'TLSv1.2' },
        },
      },
    }).find((x) => x.code === 'auth.ssl-not-emulated');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('sslAlgorithmName "TLSv1.2"');
    expect(d?.message).toContain('fetch');
    expect(d?.message).not.toContain('changeit');
    expect(d?.location?.path).toEqual(['authentications', 'a', 'ssl']);
  });

  it('names flow gaps, maskInLogs of the wrong shape, a shared testConnectionParams and the refresh-count source', () => {
    expect(codes({ authentications: { a: { authType: 'BasicWithHmac', properties: { IKEY: 'i' } } } })).toEqual([
      'error auth.hmac-keys',
    ]);
    expect(codes({ authentications: { a: { authType: 'SignedHeaders', properties: { userId: 'u' } } } })).toEqual([
      'error auth.key-file',
    ]);
    expect(codes({ authentications: { a: { authType: 'oauth2', maskInLogs: 'password' } } })).toEqual([
      'warning auth.mask-in-logs',
    ]);
    expect(codes({ authentications: { a: { authType: 'oauth2' }, testConnectionParams: { url: 'x' } } })).toEqual([
      'info auth.shared-test-connection',
    ]);
    expect(
      codes({ authentications: { a: { authType: 'oauth2', maxRefreshTryCount: 5 } } }, { tokenRefreshMaxTryCount: 2 }),
    ).toEqual(['info auth.refresh-count-source']);
    expect(
      codes({ authentications: { a: { authType: 'oauth2', maxRefreshTryCount: 2 } } }, { tokenRefreshMaxTryCount: 2 }),
    ).toEqual([]);
    expect(codes({ authentications: [] })).toEqual(['error auth.no-authentications']);
  });
});
