import { describe, expect, it } from 'vitest';
import { getPath, pathValueToString, splitPath } from './paths.ts';

describe('EIC dotted paths', () => {
  it('splits dots, array indices and ~dot# escapes', () => {
    expect(splitPath('call1.message.agentResults[0].agentId')).toEqual([
      'call1',
      'message',
      'agentResults',
      0,
      'agentId',
    ]);
    expect(splitPath('odata~dot#error.code')).toEqual(['odata.error', 'code']);
  });

  it('looks values up and returns undefined for missing steps', () => {
    const body = { data: { id: 'u1', list: [{ v: 1 }] }, 'odata.error': { code: 'Expired' } };
    expect(getPath(body, 'data.id')).toBe('u1');
    expect(getPath(body, 'data.list[0].v')).toBe(1);
    expect(getPath(body, 'odata~dot#error.code')).toBe('Expired');
    expect(getPath(body, 'data.missing.deeper')).toBeUndefined();
    expect(getPath('text', 'a')).toBeUndefined();
  });

  it('stringifies values the way they are compared', () => {
    expect(pathValueToString(null)).toBeNull();
    expect(pathValueToString(5)).toBe('5');
    expect(pathValueToString({ a: 1 })).toBe('{"a":1}');
  });
});
