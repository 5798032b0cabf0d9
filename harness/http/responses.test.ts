import { describe, expect, it } from 'vitest';
import { parseBody, ResponseRegistry } from './responses.ts';

describe('response registration', () => {
  it('registers under the name and, for repeated names, under <name><k>', () => {
    const reg = new ResponseRegistry(['call1', 'Role', 'Role']);
    const e = (n: number) => ({ message: { n }, statusCode: 200, headers: {} });
    expect(reg.register('call1', e(1))).toEqual(['call1']);
    expect(reg.register('Role', e(2))).toEqual(['Role', 'Role1']);
    expect(reg.register('Role', e(3))).toEqual(['Role', 'Role2']);
    expect(reg.response.Role1.message).toEqual({ n: 2 });
    expect(reg.response.Role2.message).toEqual({ n: 3 });
    expect(reg.response.Role.message).toEqual({ n: 3 });
    expect(reg.response.call11).toBeUndefined();
  });

  it('parses JSON bodies and keeps other text', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('[1]')).toEqual([1]);
    expect(parseBody('')).toBeNull();
    expect(parseBody('plain text')).toBe('plain text');
    expect(parseBody('{broken')).toBe('{broken');
  });
});
