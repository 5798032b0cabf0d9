import { describe, expect, it } from 'vitest';
import { arr, checkSchema, map, num, obj, str } from './schema-dsl.ts';
import { provisioning } from './schemas.ts';

describe('checkSchema', () => {
  const spec = obj(
    { name: str, n: num, list: arr(obj({ a: str })), headers: map(str) },
    { what: 'thing', required: ['name'] },
  );

  it('is silent on a matching value', () => {
    expect(checkSchema(spec, { name: 'x', n: 1, list: [{ a: 'b' }], headers: { Anything: 'v' } })).toEqual([]);
  });

  it('warns on unknown keys with a did-you-mean, errors on wrong containers and missing keys', () => {
    const f = checkSchema(spec, { Name: 'x', list: {}, n: '1' });
    expect(f.map((x) => [x.code, x.severity, x.path])).toEqual([
      ['schema.unknown-key', 'warning', ['Name']],
      ['schema.type', 'error', ['list']],
      ['schema.type', 'warning', ['n']],
      ['schema.missing-key', 'error', []],
    ]);
    expect(f[0].message).toMatch(/case-sensitive.*Did you mean "name"/);
  });

  it('flags a case variant of a known key even where free keys are allowed (auth blocks, successResponses)', () => {
    const f = checkSchema(obj({ statusCode: arr(num) }, { rest: str }), { StatusCode: [200], 'result.code': 'ok' });
    expect(f.map((x) => [x.code, x.path])).toEqual([['schema.unknown-key', ['StatusCode']]]);
  });

  it('flags SuccessResponses in a provisioning call (EnableAccountJSON of the LeanIX package, reference §3.1)', () => {
    const f = checkSchema(provisioning, {
      call: [{ name: 'call1', url: 'https://h/x', SuccessResponses: { statusCode: [200] } }],
    });
    expect(f).toMatchObject([{ code: 'schema.unknown-key', path: ['call', 0, 'SuccessResponses'] }]);
    expect(f[0].hint).toBe('Rename "SuccessResponses" to "successResponses".');
  });
});
