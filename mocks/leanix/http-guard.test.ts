import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './http-guard.ts';

const code = (headers: Record<string, string>, options = {}) => crossSiteRefusal(headers, options)?.code;

describe('crossSiteRefusal', () => {
  it('lets through clients without Origin, and the page on its own origin', () => {
    expect(code({ host: '127.0.0.1:8080' })).toBeUndefined();
    expect(
      code({ host: 'localhost:8080', origin: 'http://localhost:8080', 'sec-fetch-site': 'same-origin' }),
    ).toBeUndefined();
    expect(code({ host: '[::1]:8080', origin: 'http://[::1]:8080' })).toBeUndefined();
    expect(code({})).toBeUndefined();
  });

  it('refuses other origins, null origins and cross-site fetch metadata', () => {
    expect(code({ host: '127.0.0.1:8080', origin: 'http://evil.example' })).toBe('control.cross-origin');
    expect(code({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:3000' })).toBe('control.cross-origin');
    expect(code({ host: '127.0.0.1:8080', origin: 'null' })).toBe('control.cross-origin');
    expect(code({ host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' })).toBe('control.cross-origin');
    // with an admin token too: the token decides who, the origin check still keeps pages out
    expect(code({ host: 'x.corp:8080', origin: 'http://evil.example' }, { adminToken: 't' })).toBe(
      'control.cross-origin',
    );
  });

  it('refuses Host names that are not this machine without an admin token (DNS rebinding)', () => {
    expect(code({ host: 'evil.example:8080' })).toBe('control.host');
    expect(code({ host: '127.0.0.1.evil.example' })).toBe('control.host');
    expect(code({ host: 'evil.example:8080', origin: 'http://evil.example:8080' })).toBe('control.host');
    expect(code({ host: 'app.localhost:8080' })).toBeUndefined();
    expect(code({ host: 'dev-box:8080' }, { allowedHosts: ['dev-box'] })).toBeUndefined();
    expect(code({ host: 'x.corp:8080' }, { adminToken: 't' })).toBeUndefined();
  });
});
