import { describe, expect, it } from 'vitest';
import { unreachableHost } from './hosts.ts';

describe('unreachableHost', () => {
  it('names loopback, private, link-local and local-only hosts', () => {
    for (const h of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.10',
      '169.254.1.1',
      '[::1]',
      'fd00::1',
      'ldap.corp',
      'hostname',
    ]) {
      expect(unreachableHost(h), h).toBeDefined();
    }
    expect(unreachableHost('hostname')).toMatch(/single-label/);
    expect(unreachableHost('192.168.1.10')).toMatch(/private/);
  });

  it('accepts public hosts and addresses', () => {
    for (const h of ['acme.leanix.net', '8.8.8.8', '172.32.0.1', 'api.cloudflare.com', '2001:db8::1']) {
      expect(unreachableHost(h), h).toBeUndefined();
    }
  });
});
