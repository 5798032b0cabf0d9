import { describe, expect, it } from 'vitest';
import { editDistance, Router } from './router.ts';

function router() {
  return new Router<string>()
    .add('GET', '/users', 'list')
    .add('POST', '/users', 'create')
    .add('GET', '/users/:id', 'get')
    .add('PUT', '/users/:id', 'put')
    .add('GET', '/users/:id/permissions', 'perms')
    .add('GET', '/workspaces/:id/users/:userId', 'wsUser')
    .add('POST', '/oauth2/token', 'token');
}

describe('Router', () => {
  it('matches static and parameter segments and decodes parameters', () => {
    const m = router().match('GET', '/users/a%20b/permissions');
    expect(m).toMatchObject({
      kind: 'found',
      handler: 'perms',
      params: { id: 'a b' },
      pattern: '/users/:id/permissions',
    });
    expect(router().match('GET', '/workspaces/w1/users/u1')).toMatchObject({ params: { id: 'w1', userId: 'u1' } });
  });

  it('treats a trailing slash like none (the lxpy client posts to /oauth2/token/)', () => {
    expect(router().match('POST', '/oauth2/token/')).toMatchObject({ kind: 'found', handler: 'token' });
  });

  it('tells a known path with another method (405 + allowed methods) from an unknown path', () => {
    expect(router().match('DELETE', '/users/x')).toEqual({ kind: 'method', allow: ['GET', 'PUT'] });
    expect(router().match('GET', '/nothing/here').kind).toBe('none');
  });

  it('names the nearest known route on a miss', () => {
    const m = router().match('GET', '/user/42/permission');
    expect(m).toEqual({ kind: 'none', nearest: 'GET /users/{id}/permissions' });
  });

  it('refuses duplicate routes and conflicting parameter names at build time', () => {
    expect(() => router().add('GET', '/users', 'again')).toThrow(/duplicate/);
    expect(() => router().add('GET', '/users/:userId/x', 'x')).toThrow(/conflicting/);
  });

  it('computes edit distances', () => {
    expect(editDistance('users', 'user')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
