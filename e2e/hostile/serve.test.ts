/**
 * Every reproduction of the hardening review (issue 11) against a real `harness serve` (default mode: loopback, no
 * admin token, inspector on): each gets a typed 4xx, memory stays bounded, and the server still answers afterwards.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { type Serving, startServe } from '../../harness/cli/commands/serve.ts';
import { HarnessError } from '../../lib/diagnostic.ts';
import { send } from './http.ts';
import { billionLaughsScenario, deepArraysScenario, deepJson, lyingZip, manyKeysScenario, zipBomb } from './inputs.ts';

const MiB = 1024 * 1024;
const BASIC = `Basic ${Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64')}`;

let serving: Serving;
let base: string;
const call = (method: string, path: string, body?: string | Uint8Array | object, headers?: Record<string, string>) =>
  send(base, method, path, body, headers);

beforeAll(async () => {
  serving = await startServe({ port: 0, page: false });
  base = serving.server.url;
});
afterAll(() => serving.stop());

/** After every hostile request: the server answers, its state reads, the clock reads, and a token can be minted. */
afterEach(async () => {
  expect((await call('GET', '/__harness/state')).status).toBe(200);
  expect((await call('GET', '/__harness/clock')).status).toBe(200);
  expect((await call('GET', '/__harness/journal.har')).status).toBe(200);
  const token = await call('POST', '/services/mtm/v1/oauth2/token', 'grant_type=client_credentials', {
    authorization: BASIC,
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(token.status).toBe(200);
});

/** Resident memory growth in MiB while `f` runs. */
async function growthMiB(f: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  await f();
  return (process.memoryUsage().rss - before) / MiB;
}

describe('scenario uploads', () => {
  it('nested arrays 5000 deep: 400 limit.depth with line and column (was: FATAL RegExpCompiler)', async () => {
    const r = await call('POST', '/__harness/scenarios?name=a.scenario.yaml', deepArraysScenario(5000));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'scenario.invalid', location: { file: 'a.scenario.yaml', line: 2 } });
    expect(r.json.diagnostics[0]).toMatchObject({ code: 'limit.depth', message: 'YAML nested deeper than 64 levels' });
  });

  it('one map of 50,000 keys: 400 limit.keys (was: the server froze 17.7 s)', async () => {
    const text = manyKeysScenario(50_000);
    expect(text.length).toBeGreaterThan(700_000);
    const r = await call('POST', '/__harness/scenarios?name=k.scenario.yaml', text);
    expect(r.status).toBe(400);
    expect(r.json.diagnostics[0]).toMatchObject({ code: 'limit.keys', location: { line: 5, column: 7 } });
  });

  it('a billion-laughs scenario: 400 limit.aliases', async () => {
    const r = await call('POST', '/__harness/scenarios?name=l.scenario.yaml', billionLaughsScenario());
    expect(r.status).toBe(400);
    expect(r.json.diagnostics[0].code).toBe('limit.aliases');
  });

  it('a scenario over 1 MiB: 413 limit.size', async () => {
    const r = await call('POST', '/__harness/scenarios?name=big.scenario.yaml', `name: x\n#${'x'.repeat(MiB)}\n`);
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('limit.size');
  });

  it('a scenario naming /dev/zero, /dev/urandom or a folder as its files: the run ends in a typed error', async () => {
    const files = [
      ['package', '/dev/zero'],
      ['package', '/dev/urandom'],
      ['connectionJson', '/dev/urandom'],
      ['patches', '/dev/zero'],
    ];
    for (const [key, path] of files) {
      const yaml = `name: reads ${path}\ngiven:\n  eic:\n    package: ${key === 'package' ? path : '../fixtures/packages/leanix'}\n${
        key === 'package' ? '' : `    ${key}: ${path}\n`
      }steps: [{ name: s, validate: null }]\n`;
      const up = await call('POST', '/__harness/scenarios?name=dev.scenario.yaml', yaml);
      expect(up.status).toBe(201);
      const started = await call('POST', `/__harness/scenarios/${encodeURIComponent(up.json.scenario.id)}/run`);
      expect(started.status).toBe(202);
      await serving.inspector!.runs.idle();
      const run = (await call('GET', `/__harness/runs/${started.json.run.id}`)).json.run;
      expect(run.status).toBe('error');
      expect(run.error).toMatchObject({ code: 'file.not-regular' });
      expect(run.error.message).toContain(path);
    }
  });
});

describe('package uploads', () => {
  it('a zip bomb (60 entries of 49 MiB, 3 MB zipped): 400 limit.zip, memory bounded (was: 9 GiB)', async () => {
    const zip = zipBomb(60);
    expect(zip.length).toBeLessThan(4 * MiB);
    const grew = await growthMiB(async () => {
      for (const path of [
        '/__harness/packages/validate?name=bomb.zip',
        '/__harness/worlds/live/eic/package?name=bomb.zip',
      ]) {
        const r = await call(path.includes('validate') ? 'POST' : 'PUT', path, zip);
        expect(r.status).toBe(400);
        expect(r.json.error.code).toBe('limit.zip');
        expect(r.json.error.message).toContain('bomb.zip expands past its limit');
      }
    });
    expect(grew).toBeLessThan(256);
  });

  it('a zip whose entries lie about their sizes: 400 package.bad-zip (was: blocked 24 s)', async () => {
    const grew = await growthMiB(async () => {
      const r = await call('POST', '/__harness/packages/validate?name=lie.zip', lyingZip(20));
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('package.bad-zip');
      expect(r.json.error.message).toContain('holds more than the 100 bytes its directory entry says');
    });
    expect(grew).toBeLessThan(256);
  });

  it('JSON nested 100,000 deep: 400 limit.depth (was: 500 stack overflow)', async () => {
    const deep = deepJson(100_000);
    for (const [method, path] of [
      ['POST', '/__harness/packages/validate?name=Connection_deep.json'],
      ['PUT', '/__harness/worlds/live/eic/package?name=Connection_deep.json'],
      ['POST', '/__harness/packages/validate?name=CreateAccountJSON.json'],
    ]) {
      const r = await call(method, path, deep);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'limit.depth', location: { line: 1, column: 201 } });
    }
    // a deep JSON string inside a valid attribute (the validator parses embedded JSON too)
    const inner = JSON.stringify({
      call: [{ name: 'c', connection: 'x', url: 'https://x', httpMethod: 'POST', httpParams: deep }],
    });
    const r = await call('POST', '/__harness/packages/validate?name=CreateAccountJSON.json', inner);
    expect(r.status).toBe(200);
  });
});

describe('control API', () => {
  it('clock/advance {"ms":1e308} and clock/set to 1e308: 400, and the clock keeps working (was: 500 until restart)', async () => {
    const before = (await call('GET', '/__harness/clock')).json.now;
    for (const [path, body] of [
      ['/__harness/clock/advance', '{"ms":1e308}'],
      ['/__harness/clock/set', '{"time":1e308}'],
      ['/__harness/clock/set', '{"time":"+275760-09-13T00:00:00.000Z"}'],
      ['/__harness/worlds/live/clock/advance', '{"ms":1e308}'],
    ]) {
      const r = await call('POST', path, body, { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('clock.range');
    }
    expect((await call('GET', '/__harness/clock')).json.now).toBe(before);
    expect((await call('POST', '/__harness/reset')).status).toBe(200);
  });

  it('a fault with delayMs 1e12: 400 fault.invalid (was: the timer overflowed, the clock jumped 31 years)', async () => {
    const r = await call('POST', '/__harness/faults', { path: '/workspaces', status: 500, delayMs: 1e12 });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'fault.invalid', path: '$.delayMs' });
    expect((await call('GET', '/__harness/faults')).json.faults).toEqual([]);
  });

  it('a fault header with CRLF: 400, and the next MTM call answers normally (was: 201, then 500)', async () => {
    const r = await call('POST', '/__harness/faults', {
      path: '/oauth2/token',
      headers: { 'x-a': 'b\r\nSet-Cookie: x=1' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'fault.invalid', path: '$.headers["x-a"]' });
    expect((await call('GET', '/__harness/faults')).json.faults).toEqual([]);
  });

  it('__proto__ and constructor keys in ratelimit and quirks: 400 (was: 500)', async () => {
    for (const [method, path, body] of [
      ['PUT', '/__harness/ratelimit', '{"__proto__":{"enabled":true}}'],
      ['PUT', '/__harness/ratelimit', '{"constructor":1}'],
      ['PUT', '/__harness/quirks', '{"__proto__":{"linkHeaders":true}}'],
      ['PATCH', '/__harness/quirks', '{"constructor":{"x":1}}'],
      ['PATCH', '/__harness/quirks', '{"pageSizes":{"__proto__":5}}'],
      ['PUT', '/__harness/quirks', '{"pageSizes":null}'],
    ]) {
      const r = await call(method, path, body, { 'content-type': 'application/json' });
      expect(r.status, `${method} ${path} ${body}`).toBe(400);
      expect(r.json.error.code).toMatch(/^(control\.ratelimit|quirks\.invalid|control\.body)$/);
    }
    expect((await call('GET', '/__harness/ratelimit')).json).toEqual({
      enabled: false,
      requestsPerSecond: 30,
      requestsPerMinute: 1800,
      retryAfterSeconds: 1,
      serviceTimeMs: 0,
    });
  });

  it('JSON nested 100,000 deep to control calls: 400 limit.depth', async () => {
    for (const path of [
      '/__harness/seed',
      '/__harness/faults',
      '/__harness/snapshots',
      '/__harness/worlds/live/seed',
    ]) {
      const r = await call('POST', path, `{"a":${deepJson(100_000)}}`, { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('limit.depth');
    }
  });

  it('POST /seed {"pad":1}: 400 naming the key, the tenant stays (was: silently wiped to 0 users)', async () => {
    const users = (await call('GET', '/__harness/state')).json.counts.users;
    expect(users).toBeGreaterThan(0);
    for (const body of [{ pad: 1 }, { tenant: { users: [] }, pad: 1 }, { spec: {}, extra: true }]) {
      const r = await call('POST', '/__harness/seed', body);
      expect(r.status).toBe(400);
      expect(r.json.error.path).toMatch(/pad|extra/);
    }
    expect((await call('GET', '/__harness/state')).json.counts.users).toBe(users);
    const huge = await call('POST', '/__harness/seed', { spec: { users: 1e9 } });
    expect(huge.status).toBe(400);
    expect(huge.json.error.message).toContain('users must be an integer from 0 to 200000');
  });

  it('POST /tokens with a bad expiresAt or token: 400, and the exported state still seeds back', async () => {
    const ws = (await call('GET', '/__harness/state/export')).json.workspaces[0].id;
    for (const [body, path] of [
      [{ workspaceId: ws, expiresAt: 'garbage' }, '$.expiresAt'],
      [{ workspaceId: ws, token: 123 }, '$.token'],
      [{ workspaceId: ws, token: 'with space' }, '$.token'],
      [{ workspaceId: ws, revoked: 'yes' }, '$.revoked'],
      [`{"workspaceId":"${ws}","__proto__":{"token":"x"}}`, '$.__proto__'],
    ] as const) {
      const r = await call('POST', '/__harness/tokens', body, { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.json.error.path).toBe(path);
    }
    const ok = await call('POST', '/__harness/tokens', {
      workspaceId: ws,
      expiresAt: '2031-01-01T00:00:00Z',
      token: 'lx-hostile-ok',
    });
    expect(ok.status).toBe(201);
    const exported = (await call('GET', '/__harness/state/export')).json;
    expect((await call('POST', '/__harness/seed', { tenant: exported })).status).toBe(200);
    expect((await call('POST', '/__harness/reset')).status).toBe(200);
  });
});

describe('cross-site requests (no admin token)', () => {
  const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' };

  it('a page on another origin cannot wipe the tenant, seed, upload or run a scenario (403)', async () => {
    const users = (await call('GET', '/__harness/state')).json.counts.users;
    const runs = (await call('GET', '/__harness/runs')).json.runs.length;
    for (const [method, path, body] of [
      ['POST', '/__harness/reset', ''],
      ['POST', '/__harness/seed', '{"accounts":[]}'],
      ['POST', '/__harness/scenarios?name=x.scenario.yaml', 'name: x\nsteps: [{ name: s, validate: null }]\n'],
      ['POST', '/__harness/scenarios/create-account-viewer/run', ''],
      ['DELETE', '/__harness/journal', undefined],
      ['PUT', '/__harness/worlds/live/eic/package?name=p.json', '{}'],
    ] as const) {
      const r = await call(method, path, body, evil);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.json.error.code).toBe('control.cross-origin');
    }
    for (const headers of [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      expect((await call('POST', '/__harness/reset', '', headers)).status).toBe(403);
    }
    expect((await call('GET', '/__harness/state')).json.counts.users).toBe(users);
    expect((await call('GET', '/__harness/runs')).json.runs).toHaveLength(runs);
  });

  it('DNS rebinding: a Host that is not this machine cannot read /state/export (403); loopback names can', async () => {
    const port = serving.server.port;
    const r = await call('GET', '/__harness/state/export', undefined, { host: `evil.example:${port}` });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('control.host');
    expect(r.text).not.toContain(DEMO_API_TOKEN);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `app.localhost:${port}`]) {
      expect((await call('GET', '/__harness/state', undefined, { host })).status).toBe(200);
    }
    // the page's own requests: same origin as the Host it was served from
    const same = await call('POST', '/__harness/snapshots', '{"name":"page"}', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
    });
    expect(same.status).toBe(201);
  });

  it('--host 127.evil.example does not pass the loopback check (it needs an admin token)', async () => {
    const e = await startServe({ port: 0, page: false, host: '127.evil.example' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('serve.admin-token');
  });
});
