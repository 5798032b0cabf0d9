import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';
import { createFaults } from './faults.ts';
import { toHar } from './har.ts';
import { createJournal } from './journal.ts';

const BASE = 'https://app.leanix.net/services/mtm/v1';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXNlY3JldA';

async function router(req: Request): Promise<Response> {
  if (new URL(req.url).pathname.endsWith('/token')) return Response.json({ access_token: JWT, token_type: 'bearer' });
  return Response.json({ status: 'OK', data: [] }, { headers: { link: '<x>; rel="next"' } });
}

describe('HAR export', () => {
  it('writes a valid HAR 1.2 log from the journal, with no secret in it', async () => {
    const clock = createClock(Date.UTC(2025, 0, 1));
    const faults = createFaults({ clock });
    faults.add({ id: 'gone', path: '/users', drop: true });
    const journal = createJournal({ clock });
    const h = journal.wrap(faults.wrap(router));
    await h(
      new Request(`${BASE}/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: 'Basic YXBpdG9rZW46c2VjcmV0LWFwaS10b2tlbg==',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      }),
    );
    await h(new Request(`${BASE}/workspaces/w1/users?page=2&size=10`, { headers: { authorization: `Bearer ${JWT}` } }));
    await h(new Request(`${BASE}/users`));
    const har = toHar(journal.entries());
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBeTruthy();
    expect(har.log.entries).toHaveLength(3);
    for (const e of har.log.entries) {
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(e.request).toMatchObject({ httpVersion: 'HTTP/1.1', headersSize: -1 });
      expect(Array.isArray(e.request.headers)).toBe(true);
      expect(Array.isArray(e.request.queryString)).toBe(true);
      expect(e.response.content).toHaveProperty('size');
      expect(e.response.content).toHaveProperty('mimeType');
      expect(e.timings.wait).toBeGreaterThanOrEqual(0);
    }
    const [tok, list, dropped] = har.log.entries;
    expect(tok.startedDateTime).toBe('2025-01-01T00:00:00.000Z');
    expect(tok.request.postData).toEqual({
      mimeType: 'application/x-www-form-urlencoded',
      text: 'grant_type=client_credentials',
    });
    expect(list.request.queryString).toEqual([
      { name: 'page', value: '2' },
      { name: 'size', value: '10' },
    ]);
    expect(list.request.postData).toBeUndefined();
    expect(list.response.headers).toContainEqual({ name: 'link', value: '<x>; rel="next"' });
    expect(JSON.parse(list.response.content.text ?? '')).toEqual({ status: 'OK', data: [] });
    expect(dropped.response.status).toBe(0);
    expect(dropped.response._error).toBe('connection dropped');
    expect(dropped._fault).toBe('gone');
    const text = JSON.stringify(har);
    for (const secret of [JWT, 'YXBpdG9rZW46c2VjcmV0LWFwaS10b2tlbg==', 'secret-api-token'])
      expect(text).not.toContain(secret);
  });
});
