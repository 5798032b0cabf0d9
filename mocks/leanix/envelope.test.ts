import { describe, expect, it } from 'vitest';
import { builtBodyOf, bytesJsonResponse } from './envelope.ts';

describe('bytesJsonResponse', () => {
  it('answers the given bytes as JSON and offers them unread via builtBodyOf, then no more', async () => {
    const bytes = Buffer.from('{"status":"OK","data":[1,2,3]}');
    const res = bytesJsonResponse(200, bytes, { link: '<x>; rel="next"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.headers.get('link')).toBe('<x>; rel="next"');
    expect(builtBodyOf(res)).toBe(bytes); // the very bytes, no copy
    expect(await res.json()).toEqual({ status: 'OK', data: [1, 2, 3] });
    expect(builtBodyOf(res)).toBeUndefined(); // a read response is not offered again
    // reading did not detach or change the caller's bytes (they may be held elsewhere, e.g. by the journal)
    expect(bytes.toString()).toBe('{"status":"OK","data":[1,2,3]}');
  });

  it('keeps the body readable through clone() and as text, and handles an empty body', async () => {
    const res = bytesJsonResponse(200, Buffer.from('{"a":"ü"}'));
    const copy = res.clone();
    expect(await res.text()).toBe('{"a":"ü"}');
    expect(await copy.json()).toEqual({ a: 'ü' });
    const empty = bytesJsonResponse(200, new Uint8Array(0));
    expect(await empty.text()).toBe('');
    expect(builtBodyOf(new Response('x'))).toBeUndefined();
  });
});
