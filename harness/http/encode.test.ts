import { describe, expect, it } from 'vitest';
import { encodeBody, headerValue, wireContentType } from './encode.ts';
import { wireMethod } from './send.ts';

describe('request bodies', () => {
  it('sends a string verbatim, and nothing for "", null or absent', () => {
    expect(encodeBody('[{"op":"add"}]', 'application/json')).toBe('[{"op":"add"}]');
    expect(encodeBody('', 'application/json')).toBeUndefined();
    expect(encodeBody(undefined, 'application/json')).toBeUndefined();
    expect(encodeBody(null, 'application/json')).toBeUndefined();
  });

  it('form-encodes objects for x-www-form-urlencoded, with %20 spaces for the -pws variant', () => {
    expect(encodeBody({ a: 'x y', n: 1, o: { k: 1 } }, 'application/x-www-form-urlencoded')).toBe(
      'a=x+y&n=1&o=%7B%22k%22%3A1%7D',
    );
    expect(encodeBody({ a: 'x y' }, 'application/x-www-form-urlencoded-pws')).toBe('a=x%20y');
    expect(wireContentType('application/x-www-form-urlencoded-pws', {})).toBe('application/x-www-form-urlencoded');
  });

  it('serializes objects as JSON otherwise; an empty object is no body', () => {
    expect(encodeBody({ a: 1 }, 'application/json')).toBe('{"a":1}');
    expect(encodeBody({}, 'application/json')).toBeUndefined();
    expect(wireContentType(undefined, { a: 1 })).toBe('application/json');
    expect(wireContentType(undefined, 'raw')).toBeUndefined();
  });

  it('finds headers case-insensitively', () => {
    expect(headerValue({ 'Content-Type': 'x' }, 'content-type')).toBe('x');
  });
});

describe('wire methods', () => {
  it('maps EIC methods to what fetch can send', () => {
    expect(wireMethod('GETWITHBODY')).toEqual({ wire: 'GET', bodyAllowed: false });
    expect(wireMethod('DELETEWITHBODY')).toEqual({ wire: 'DELETE', bodyAllowed: true });
    expect(wireMethod('patch')).toEqual({ wire: 'PATCH', bodyAllowed: true });
    expect(wireMethod('')).toEqual({ wire: 'GET', bodyAllowed: false });
  });
});

describe('multipart bodies', () => {
  it('builds one text part per key with the fixed boundary, and names it in the wire content type', async () => {
    const ct = wireContentType('multipart/form-data', {});
    expect(ct).toBe('multipart/form-data; boundary=HarnessFormBoundary7d4a1c2e9b');
    const body = encodeBody({ client_id: 'c1', jwt_token: 'a.b.c' }, ct ?? '');
    // A real multipart parser (undici's) reads it back.
    const form = await new Request('https://x.test/', {
      method: 'POST',
      body,
      headers: { 'content-type': ct ?? '' },
    }).formData();
    expect(Object.fromEntries(form)).toEqual({ client_id: 'c1', jwt_token: 'a.b.c' });
  });
});
