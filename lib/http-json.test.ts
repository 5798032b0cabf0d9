import { describe, expect, it } from 'vitest';
import { HarnessError } from './diagnostic.ts';
import { allow, errorResponse, HttpError, jsonObject, readJson } from './http-json.ts';

const post = (body: string) => new Request('http://x/__harness/seed', { method: 'POST', body });

describe('errorResponse', () => {
  it('answers an HttpError with its status, the path as $-text, the location when it says more than a path', async () => {
    const res = errorResponse(
      new HttpError(401, 'x.unauthorized', 'no', { file: 'a.json', line: 3 }, 'send a token', { extra: 1 }),
      'x',
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(await res.json()).toEqual({
      error: { code: 'x.unauthorized', message: 'no', hint: 'send a token', location: { file: 'a.json', line: 3 } },
      extra: 1,
    });
    const onlyPath = await errorResponse(new HttpError(400, 'x.body', 'bad', { path: ['a', 0] }), 'x').json();
    expect(onlyPath).toEqual({ error: { code: 'x.body', message: 'bad', path: '$.a[0]' } });
  });

  it('answers other HarnessErrors with 400, bad encodings with 400 and anything else with 500', async () => {
    expect(errorResponse(new HarnessError('t.code', 'm', { path: ['k'] }), 'x').status).toBe(400);
    const uri = errorResponse(new URIError('URI malformed'), 'scope');
    expect(uri.status).toBe(400);
    expect((await uri.json()).error.code).toBe('scope.path');
    const other = errorResponse(new Error('boom'), 'scope');
    expect(other.status).toBe(500);
    expect(await other.json()).toEqual({ error: { code: 'scope.internal', message: 'boom' } });
  });
});

describe('request helpers', () => {
  it('reads JSON bodies, {} for an optional empty one, and names the scope in failures', async () => {
    expect(await readJson(post('{"a":1}'), 's')).toEqual({ a: 1 });
    expect(await readJson(post(' '), 's', true)).toEqual({});
    await expect(readJson(post(''), 's')).rejects.toMatchObject({ status: 400, code: 's.body' });
    await expect(readJson(post('{'), 's')).rejects.toMatchObject({ status: 400, code: 's.json' });
    expect(() => jsonObject([1], 's', ['spec'])).toThrow(
      expect.objectContaining({ code: 's.body', location: { path: ['spec'] } }),
    );
  });

  it('refuses other methods with 405 naming the allowed ones', () => {
    expect(() => allow(post('{}'), ['GET'], 's')).toThrow(
      expect.objectContaining({ status: 405, code: 's.method', message: expect.stringContaining('use GET') }),
    );
    expect(() => allow(post('{}'), ['GET', 'POST'], 's')).not.toThrow();
  });
});
