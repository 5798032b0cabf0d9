import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { createClock } from './clock.ts';
import { compilePathPattern, createFaults, droppedByRule, FAULT_HEADER, validateFaultRule } from './faults.ts';

const BASE = 'https://acme-eu.leanix.net/services/mtm/v1';

/** A stand-in router that answers 200 with a small JSON body naming the path, and counts its calls. */
function echoRouter() {
  const calls: string[] = [];
  const handle = async (req: Request) => {
    const path = new URL(req.url).pathname;
    calls.push(path);
    return new Response(JSON.stringify({ status: 'OK', path, data: 'ÄÖÜ-äöü' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, handle };
}

const get = (path: string, init?: RequestInit) => new Request(`${BASE}${path}`, init);

describe('fault path patterns', () => {
  it('matches :params, * within a segment and ** across segments, relative or absolute', () => {
    expect(compilePathPattern('/workspaces/:id/users').test('/workspaces/w1/users')).toBe(true);
    expect(compilePathPattern('/workspaces/:id/users').test('/workspaces/w1/users/u1')).toBe(false);
    expect(compilePathPattern('/services/mtm/v1/users/*').test('/users/abc')).toBe(true);
    expect(compilePathPattern('/users/a*').test('/users/abc')).toBe(true);
    expect(compilePathPattern('/users/a*').test('/users/bc')).toBe(false);
    expect(compilePathPattern('/workspaces/**').test('/workspaces/w1/permissions/p1')).toBe(true);
    expect(compilePathPattern('/oauth2/token').test('/oauth2/token')).toBe(true);
    // dots in patterns are literal
    expect(compilePathPattern('/a.b').test('/aXb')).toBe(false);
  });
});

describe('fault rules', () => {
  it('answers with status, body and headers instead of the router, once by default, and counts', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    const rule = faults.add({
      method: 'GET',
      path: '/workspaces/:id/users',
      status: 503,
      headers: { 'retry-after': '7' },
    });
    const h = faults.wrap(r.handle);
    const first = await h(get('/workspaces/w1/users'));
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get(FAULT_HEADER)).toBe(rule.id);
    expect(await first.json()).toMatchObject({ status: 'ERROR', type: 'ErrorResponse' });
    expect(r.calls).toEqual([]);
    const second = await h(get('/workspaces/w1/users'));
    expect(second.status).toBe(200);
    expect(faults.list()[0]).toMatchObject({ matched: 2, fired: 1, exhausted: true });
  });

  it('does not fire on another method, path or query', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    faults.add({ method: 'POST', path: '/permissions', query: { dryRun: 'true' }, status: 500, times: 'always' });
    const h = faults.wrap(r.handle);
    expect((await h(get('/permissions'))).status).toBe(200);
    expect((await h(get('/permissions?dryRun=true'))).status).toBe(200);
    expect((await h(get('/permissions', { method: 'POST', body: '{}' }))).status).toBe(200);
    expect((await h(get('/permissions?dryRun=true', { method: 'POST', body: '{}' }))).status).toBe(500);
    expect((await h(get('/permissions?dryRun=false', { method: 'POST', body: '{}' }))).status).toBe(200);
  });

  it('fires from the Nth matching call, N times', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    faults.add({ path: '/users', nth: 3, times: 2, status: 500 });
    const h = faults.wrap(r.handle);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h(get('/users'))).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200, 200]);
  });

  it('matches a page number, page 1 also matching a request without page', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    faults.add({ path: '/workspaces/*/users', page: 2, status: 502, times: 'always' });
    faults.add({ path: '/users', page: 1, status: 418, times: 'always' });
    const h = faults.wrap(r.handle);
    expect((await h(get('/workspaces/w/users?page=1'))).status).toBe(200);
    expect((await h(get('/workspaces/w/users?page=2&size=10'))).status).toBe(502);
    expect((await h(get('/users'))).status).toBe(418);
    expect((await h(get('/users?page=0'))).status).toBe(418); // page<1 is page 1
    expect((await h(get('/users?page=2'))).status).toBe(200);
  });

  it('drops the connection as Response.error(), naming the rule', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    const rule = faults.add({ path: '/oauth2/token', drop: true });
    const res = await faults.wrap(r.handle)(get('/oauth2/token', { method: 'POST' }));
    expect(res.type).toBe('error');
    expect(droppedByRule(res)).toBe(rule.id);
    expect(r.calls).toEqual([]);
  });

  it('truncates the real body by bytes and keeps status; invalid-json replaces it', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    faults.add({ path: '/users', corrupt: 'truncate', truncateAt: 10 });
    faults.add({ path: '/accounts/:id', corrupt: 'invalid-json' });
    const h = faults.wrap(r.handle);
    const cut = await h(get('/users'));
    expect(cut.status).toBe(200);
    const bytes = new Uint8Array(await cut.arrayBuffer());
    expect(bytes.length).toBe(10);
    expect(new TextDecoder().decode(bytes)).toBe('{"status":');
    const bad = await h(get('/accounts/a1'));
    await expect(bad.json()).rejects.toThrow();
    expect(r.calls).toEqual(['/services/mtm/v1/users', '/services/mtm/v1/accounts/a1']);
  });

  it('adds headers to the real answer when no status is given', async () => {
    const r = echoRouter();
    const faults = createFaults({ clock: createClock() });
    faults.add({ path: '/users', headers: { 'x-extra': '1' } });
    const res = await faults.wrap(r.handle)(get('/users'));
    expect(res.headers.get('x-extra')).toBe('1');
    expect(await res.json()).toMatchObject({ status: 'OK' });
  });

  it('delays on the fake clock: advance moves time at once, sleep waits for the clock', async () => {
    const r = echoRouter();
    const clock = createClock(0);
    const faults = createFaults({ clock });
    faults.add({ path: '/users', delayMs: 5000 });
    faults.add({ path: '/accounts/:id', delayMs: 2000, delayMode: 'sleep' });
    const h = faults.wrap(r.handle);
    await h(get('/users'));
    expect(clock.now()).toBe(5000);
    let done = false;
    const pending = h(get('/accounts/a1')).then((res) => {
      done = true;
      return res;
    });
    await new Promise((res) => setTimeout(res, 20));
    expect(done).toBe(false);
    clock.advance(1999);
    await new Promise((res) => setTimeout(res, 5));
    expect(done).toBe(false);
    clock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it('fires with a seeded probability: same seed, same pattern; different seed, different pattern', async () => {
    const run = async (seed: number) => {
      const r = echoRouter();
      const faults = createFaults({ clock: createClock(), seed });
      faults.add({ path: '/users', status: 500, probability: 0.5, times: 'always' });
      const h = faults.wrap(r.handle);
      let pattern = '';
      for (let i = 0; i < 40; i++) pattern += (await h(get('/users'))).status === 500 ? 'x' : '.';
      return pattern;
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(a).toContain('x');
    expect(a).toContain('.');
    expect(await run(8)).not.toBe(a);
  });

  it('lists, removes by id and clears', () => {
    const faults = createFaults({ clock: createClock() });
    const a = faults.add({ path: '/users', status: 500 });
    faults.add({ id: 'mine', path: '/users', status: 501 });
    expect(() => faults.add({ id: 'mine', status: 502 })).toThrow(/already exists/);
    expect(faults.list().map((f) => f.id)).toEqual([a.id, 'mine']);
    expect(faults.clear('mine')).toBe(true);
    expect(faults.clear('mine')).toBe(false);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });

  it('rejects bad rules with the JSON path of the problem', () => {
    const cases: [unknown, string][] = [
      [{ status: 99 }, '$.status'],
      [{ method: ['GET', 'FETCH'] }, '$.method[1]'],
      [{ times: 0 }, '$.times'],
      [{ probability: 2 }, '$.probability'],
      [{ query: { page: 2 } }, '$.query.page'],
      [{ corrupt: 'garble' }, '$.corrupt'],
      [{ drop: true, status: 500 }, '$.drop'],
      [{ stauts: 500 }, '$.stauts'],
    ];
    for (const [rule, where] of cases) {
      try {
        validateFaultRule(rule);
        expect.unreachable(`accepted ${JSON.stringify(rule)}`);
      } catch (e) {
        expect(isHarnessError(e)).toBe(true);
        if (isHarnessError(e)) {
          const path = e.location.path ?? [];
          const rendered = path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${p}`), '$');
          expect(rendered).toBe(where);
        }
      }
    }
  });
});
