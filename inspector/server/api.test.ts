// The inspector API over real HTTP, as `harness serve` runs it (startServe with the page off: the page has its own
// tests). Each block starts its own server; runs, uploads and the live world's package are shared within a block.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { type Serving, startServe } from '../../harness/cli/commands/serve.ts';
import { hasReference, NO_REFERENCE, PROJECT_ROOT, referencePath } from '../../lib/reference.ts';
import { VARIANTS } from './test-scenarios.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON bodies, asserted field by field
type Json = any;

const BASIC = `Basic ${Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64')}`;

/** A client of one server: JSON calls and an event-stream reader. */
function client(base: string, headers: Record<string, string> = {}) {
  const call = async (method: string, path: string, body?: BodyInit | object) => {
    const raw = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(raw ? {} : { 'content-type': 'application/json' }) },
      body: raw ? (body as BodyInit | undefined) : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Json, text };
  };
  return { call, get: (path: string) => call('GET', path) };
}

type Event = { event: string; data: Json };

/** Opens `/__harness/events`; `until(pred)` reads events (skipping heartbeats) until one matches. */
async function events(base: string, headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(`${base}/__harness/events`, { headers, signal: ac.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const seen: Event[] = [];
  const next = async (): Promise<Event> => {
    for (;;) {
      const end = buf.indexOf('\n\n');
      if (end >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        if (block.startsWith(':')) continue;
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
        seen.push({ event, data });
        return { event, data };
      }
      const r = await reader.read();
      if (r.done) throw new Error('the event stream ended');
      buf += decoder.decode(r.value, { stream: true });
    }
  };
  const until = async (pred: (e: Event) => boolean) => {
    for (;;) {
      const e = await next();
      if (pred(e)) return e;
    }
  };
  return { res, next, until, seen, close: () => ac.abort() };
}

const FAILING = `name: uploaded failing scenario
given:
  leanix: { tenant: demo }
  eic:
    package: ../fixtures/packages/leanix
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: ADMIN }] }
  - name: never runs
    wsretry: null
`;

describe('inspector API', () => {
  let serving: Serving;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    serving = await startServe({ port: 0, page: false });
    api = client(serving.server.url);
  });
  afterAll(() => serving.stop());

  it('lists the live world and serves its control API under /worlds/live as at /__harness', async () => {
    const { json } = await api.get('/__harness/worlds');
    expect(json.worlds[0]).toMatchObject({ id: 'live', kind: 'live', eic: { package: null } });
    const direct = await api.get('/__harness/state');
    const scoped = await api.get('/__harness/worlds/live/state');
    expect(scoped.status).toBe(200);
    expect(scoped.json).toEqual(direct.json);
    // one fake, one snapshot list for both paths
    expect((await api.call('POST', '/__harness/worlds/live/snapshots', { name: 'before' })).status).toBe(201);
    expect((await api.get('/__harness/snapshots')).json.snapshots).toContain('before');
    // the index lists the inspector's routes beside the control API's
    const index = (await api.get('/__harness')).json.routes;
    expect(index).toContain('GET /__harness/state');
    expect(index).toContain('GET /__harness/worlds');
    expect(index).toContain('GET /__harness/events');
    const missing = await api.get('/__harness/worlds/run-99/state');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'inspector.world', hint: 'worlds: live' });
  });

  it('lists the project scenarios (here: the bundled ones) with their steps', async () => {
    const { json } = await api.get('/__harness/scenarios');
    const s = json.scenarios.find((x: Json) => x.id === 'create-account-viewer');
    expect(s).toMatchObject({
      source: 'project',
      file: 'scenarios/create-account-viewer.scenario.yaml',
      steps: [{ name: 'create the account for jnew', action: 'provision' }],
    });
    expect(s.name).toBe('create account gives the mandatory VIEWER permission');
  });

  it('runs a bundled scenario: queued, running, passed, steps filled, its world kept as run-1', async () => {
    const stream = await events(serving.server.url);
    const started = await api.call('POST', '/__harness/scenarios/create-account-viewer/run');
    expect(started.status).toBe(202);
    const id = started.json.run.id;
    expect(started.json.run).toMatchObject({ id: 'run-1', status: 'queued', steps: [{ status: 'pending' }] });
    await stream.until((e) => e.event === 'run' && e.data.id === id && e.data.status === 'passed');
    stream.close();
    const statuses = stream.seen.filter((e) => e.event === 'run').map((e) => e.data.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('running');
    expect(stream.seen.some((e) => e.event === 'worlds')).toBe(true);
    const { json } = await api.get(`/__harness/runs/${id}`);
    expect(json.run).toMatchObject({
      status: 'passed',
      worldId: 'run-1',
      file: 'scenarios/create-account-viewer.scenario.yaml',
      steps: [{ name: 'create the account for jnew', action: 'provision', status: 'passed', requests: 4 }],
    });
    expect(typeof json.run.durationMs).toBe('number');
    const worlds = (await api.get('/__harness/worlds')).json.worlds;
    expect(worlds.map((w: Json) => w.id)).toEqual(['live', 'run-1']);
    expect(worlds[1]).toMatchObject({ kind: 'run', runId: 'run-1', scenario: 'create-account-viewer' });
    const journal = (await api.get('/__harness/worlds/run-1/journal')).json;
    expect(journal.entries.length).toBe(4);
    const eic = (await api.get('/__harness/worlds/run-1/eic')).json;
    expect(eic.package).toMatchObject({ name: 'leanix', kind: 'folder' });
    expect(eic.tasks[0]).toMatchObject({ typeName: 'NEWACCOUNT', statusName: 'COMPLETE', tries: 1 });
    expect(eic.tasks[0]).not.toHaveProperty('password');
    expect(eic.accounts.map((a: Json) => a.name)).toContain('jane.new@example.com');
    const owned = await api.get(`/__harness/worlds/run-1/eic/exchanges?owner=task:${eic.tasks[0].id}`);
    expect(owned.json.exchanges.length).toBeGreaterThan(0);
    expect(owned.json.exchanges.every((x: Json) => x.owner.id === eic.tasks[0].id)).toBe(true);
    // every exchange names the journal entry of its request: same method and path, and the pairs are one-to-one
    const summary = (await api.get('/__harness/worlds/run-1/eic/exchanges?summary=true')).json.exchanges;
    expect(summary).toHaveLength(journal.entries.length);
    expect(new Set(summary.map((x: Json) => x.journalId)).size).toBe(journal.entries.length);
    for (const x of summary) {
      expect(x).not.toHaveProperty('bindings');
      const entry = journal.entries.find((e: Json) => e.id === x.journalId);
      expect([entry.method, entry.path]).toEqual([x.method, new URL(x.url).pathname]);
    }
    const last = journal.entries[journal.entries.length - 1];
    const one = (await api.get(`/__harness/worlds/run-1/eic/exchanges?journal=${last.id}`)).json.exchanges;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ journalId: last.id, request: { method: last.method } });
    expect(Object.keys(one[0].bindings ?? {}).length).toBeGreaterThan(0);
    expect((await api.get('/__harness/worlds/run-1/eic/exchanges?journal=x')).status).toBe(400);
    // the live world is untouched
    expect((await api.get('/__harness/worlds/live/journal')).json.entries).toEqual([]);
  });

  it("serves a run world's token-server traffic: listed, filtered, as HAR, redacted; 404 where there is none", async () => {
    const started = await api.call('POST', '/__harness/scenarios/auth-oauth2-client-credentials/run');
    const id = started.json.run.id;
    for (
      let i = 0;
      i < 200 && ['queued', 'running'].includes((await api.get(`/__harness/runs/${id}`)).json.run.status);
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    const world = (await api.get(`/__harness/worlds/${id}`)).json.world;
    expect(world).toMatchObject({ id, tokenServer: true });
    const all = await api.get(`/__harness/worlds/${id}/token-server/journal`);
    expect(all.status).toBe(200);
    const paths = all.json.entries.map((e: Json) => e.path);
    expect(paths).toContain('/oauth/token');
    expect(paths).toContain('/api/users');
    expect(all.json.recorded).toBe(all.json.entries.length);
    const tokens = await api.get(`/__harness/worlds/${id}/token-server/journal?path=/oauth/token`);
    expect(tokens.json.entries.length).toBeGreaterThan(0);
    expect(tokens.json.entries.every((e: Json) => e.path === '/oauth/token')).toBe(true);
    const har = await api.get(`/__harness/worlds/${id}/token-server/journal.har`);
    expect(har.json.log.entries).toHaveLength(all.json.entries.length);
    for (const text of [JSON.stringify(all.json), JSON.stringify(har.json)])
      expect(text).not.toContain('client-secret-0001-do-not-log');
    // the fake's journal of the same world is another one; the live world has no token server
    expect((await api.get(`/__harness/worlds/${id}/journal`)).json.entries.map((e: Json) => e.path)).not.toContain(
      '/oauth/token',
    );
    const none = await api.get('/__harness/worlds/live/token-server/journal');
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('inspector.token-server');
    expect((await api.get(`/__harness/worlds/${id}/token-server/nothing`)).status).toBe(404);
    const bad = await api.get(`/__harness/worlds/${id}/token-server/journal?limit=x`);
    expect([bad.status, bad.json.error.code]).toEqual([400, 'control.query']);
    expect((await api.call('DELETE', `/__harness/worlds/${id}/token-server/journal`)).status).toBe(200);
    expect((await api.get(`/__harness/worlds/${id}/token-server/journal`)).json.entries).toEqual([]);
  });

  it('refuses a broken scenario upload with diagnostics naming the file, line and column', async () => {
    const bad = 'name: broken\ngiven: {}\nsteps:\n  - name: one\n    teleport: yes\n';
    const r = await api.call('POST', '/__harness/scenarios?name=broken.scenario.yaml', bad);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('scenario.invalid');
    expect(r.json.error.message).toMatch(/^broken\.scenario\.yaml: .*\(line \d+, column \d+\)$/);
    expect(r.json.diagnostics.length).toBeGreaterThan(0);
    expect(r.json.diagnostics[0].location).toMatchObject({ file: 'broken.scenario.yaml', line: expect.any(Number) });
    const syntax = await api.call('POST', '/__harness/scenarios?name=s.yaml', 'name: x\nsteps: [\n');
    expect(syntax.json.diagnostics[0]).toMatchObject({ code: 'scenario.yaml', location: { file: 's.yaml' } });
    expect((await api.get('/__harness/scenarios')).json.scenarios.some((s: Json) => s.id === 'uploaded/broken')).toBe(
      false,
    );
  });

  it('runs an uploaded failing scenario: the failed step has the diff and its exchanges with bindings', async () => {
    const up = await api.call('POST', '/__harness/scenarios?name=failing.scenario.yaml', FAILING);
    expect(up.status).toBe(201);
    expect(up.json.scenario).toMatchObject({
      id: 'uploaded/failing',
      source: 'uploaded',
      file: 'failing.scenario.yaml',
    });
    const started = await api.call('POST', '/__harness/scenarios/uploaded/failing/run');
    expect(started.status).toBe(202);
    await serving.inspector!.runs.idle();
    const { run } = (await api.get(`/__harness/runs/${started.json.run.id}`)).json;
    expect(run.status).toBe('failed');
    expect(run.steps.map((s: Json) => s.status)).toEqual(['failed', 'skipped']);
    const failed = run.steps[0];
    expect(failed.failure).toContain('- expected "ADMIN"');
    expect(failed.failure).toContain('+ actual   "VIEWER"');
    expect(failed.exchanges.length).toBeGreaterThan(0);
    const post = failed.exchanges.find((x: Json) => x.request.url.endsWith('/permissions'));
    expect(post.bindings.httpParams).toContain('VIEWER');
    expect(JSON.stringify(run)).not.toContain(DEMO_API_TOKEN);
    const runs = (await api.get('/__harness/runs')).json.runs;
    expect(runs[0].id).toBe(run.id); // newest first
  });

  it('runs an uploaded scenario against a package uploaded to this server, named by its upload name', async () => {
    const exported = readFileSync(join(PROJECT_ROOT, 'fixtures/packages/leanix/export/Connection_leanix.json'));
    const checked = await api.call('POST', '/__harness/packages/validate?name=customer-export.json', exported);
    expect(checked.status).toBe(200);
    const yaml = `name: customer import
given:
  leanix: { tenant: demo }
  eic: { package: customer-export.json, fillPlaceholders: true }
steps:
  - name: import accounts
    import: accounts
    expect: { report: { outcome: completed, applied: true, counts: { accountsCreated: 41 } } }
`;
    expect((await api.call('POST', '/__harness/scenarios?name=customer.scenario.yaml', yaml)).status).toBe(201);
    const started = await api.call('POST', '/__harness/scenarios/uploaded/customer/run');
    await serving.inspector!.runs.idle();
    const { run } = (await api.get(`/__harness/runs/${started.json.run.id}`)).json;
    expect(run.steps[0].failure).toBeUndefined();
    expect(run.status).toBe('passed');
    // a name no upload has still resolves against scenarios/ and fails to load with the path it tried
    const missing = yaml.replace('customer-export.json', 'never-uploaded.json').replace('customer import', 'missing');
    await api.call('POST', '/__harness/scenarios?name=missing.scenario.yaml', missing);
    const again = await api.call('POST', '/__harness/scenarios/uploaded/missing/run');
    await serving.inspector!.runs.idle();
    const failed = (await api.get(`/__harness/runs/${again.json.run.id}`)).json.run;
    expect(failed.status).toBe('error');
    expect(failed.error.message).toContain(join(PROJECT_ROOT, 'scenarios', 'never-uploaded.json'));
  });

  it('lists and runs each variant of a scenario with variants (all of them, or the one ?variant= names)', async () => {
    const up = await api.call('POST', '/__harness/scenarios?name=v.scenario.yaml', VARIANTS);
    expect(up.json.scenario.variants.map((v: Json) => [v.name, v.steps.length])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const all = await api.call('POST', '/__harness/scenarios/uploaded/v/run');
    expect(all.status).toBe(202);
    expect(all.json.runs.map((r: Json) => r.name)).toEqual(['two ways [a]', 'two ways [b]']);
    expect(all.json.run).toEqual(all.json.runs[0]);
    const one = await api.call('POST', '/__harness/scenarios/uploaded/v/run?variant=b');
    expect(one.json.runs.map((r: Json) => [r.variant, r.steps.map((s: Json) => s.name)])).toEqual([
      ['b', ['both', 'only b']],
    ]);
    await serving.inspector!.runs.idle();
    const done = (await api.get(`/__harness/runs/${one.json.run.id}`)).json.run;
    expect(done).toMatchObject({ status: 'passed', variant: 'b', name: 'two ways [b]' });
    const bad = await api.call('POST', '/__harness/scenarios/uploaded/v/run?variant=zzz');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'inspector.variant', hint: 'variants: a, b' });
  });

  it('says where the project scenarios come from: `harness run`’s default, from the directory serve started in', async () => {
    const { json } = await api.get('/__harness/scenarios');
    expect(json.source).toEqual({ cwd: process.cwd(), paths: ['scenarios/**/*.scenario.yaml'] });
  });

  it('answers unknown scenarios and runs with 404', async () => {
    expect((await api.call('POST', '/__harness/scenarios/no-such/run')).status).toBe(404);
    expect((await api.get('/__harness/runs/run-999')).json.error.code).toBe('inspector.run');
    const badPath = await api.get('/__harness/worlds/%E0%A4%A/eic');
    expect(badPath.status).toBe(400);
    expect(badPath.json.error.code).toBe('inspector.path');
  });

  it('sends a change event with topic journal when a client calls the MTM API', async () => {
    const stream = await events(serving.server.url);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const hello = await stream.next();
    expect(hello).toMatchObject({ event: 'hello', data: { worlds: expect.arrayContaining(['live']) } });
    const token = await fetch(`${serving.server.url}/services/mtm/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const change = await stream.until((e) => e.event === 'change' && e.data.world === 'live');
    expect(change.data.topics).toContain('journal');
    stream.close();
  });

  it('validates an upload that is no package with a 400 naming the file and where the JSON breaks', async () => {
    const r = await api.call('POST', '/__harness/packages/validate?name=notes.json', '{"a": [1, 2,, 3]}');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('package.unknown-file');
    expect(r.json.error.message).toContain('notes.json');
    expect(r.json.error.message).toMatch(/line 1, column \d+/);
    expect(r.json.error.location).toMatchObject({ file: 'notes.json', line: 1 });
    const empty = await api.call('POST', '/__harness/packages/validate?name=empty.zip', '');
    expect(empty.json.error).toMatchObject({ code: 'package.upload', location: { file: 'empty.zip' } });
  });

  it('loads the corrected package into the live world and imports the demo tenant accounts', async () => {
    const noPackage = await api.call('POST', '/__harness/worlds/live/eic/import', { kind: 'accounts' });
    expect(noPackage.status).toBe(409);
    const file = join(PROJECT_ROOT, 'fixtures/packages/leanix/export/Connection_leanix.json');
    const loaded = await api.call(
      'PUT',
      '/__harness/worlds/live/eic/package?name=Connection_leanix.json',
      readFileSync(file, 'utf8'),
    );
    expect(loaded.status).toBe(200);
    expect(loaded.json.package).toMatchObject({ name: 'leanix', kind: 'export', connectionEncrypted: false });
    expect(loaded.json.summary.error).toBe(0);
    expect(loaded.json.diagnostics.map((d: Json) => d.code)).toContain('patch.applied');
    expect(loaded.text).not.toContain(DEMO_API_TOKEN);
    expect(loaded.text).not.toContain(BASIC.slice(6));
    expect((await api.get('/__harness/worlds')).json.worlds[0].eic.package).toBe('leanix');

    const bad = await api.call('POST', '/__harness/worlds/live/eic/import', { kind: 'everything' });
    expect(bad.json.error).toMatchObject({ code: 'inspector.body', path: '$.kind' });
    const imported = await api.call('POST', '/__harness/worlds/live/eic/import', { kind: 'accounts' });
    expect(imported.status).toBe(200);
    expect(imported.json.report).toMatchObject({ kind: 'account', outcome: 'completed', applied: true });
    const eic = (await api.get('/__harness/worlds/live/eic')).json;
    const tenant = serving.fake.exportJson();
    const acme = tenant.workspaces.find((w) => w.name === 'acme')!;
    const inAcme = new Set(tenant.permissions.filter((p) => p.workspaceId === acme.id).map((p) => p.userId));
    expect(eic.accounts.length).toBeGreaterThan(0);
    expect(eic.accounts.length).toBe(imported.json.report.accounts.created.length);
    // every account is a user of the workspace the package's placeholders were filled with
    for (const a of eic.accounts) expect(inAcme.has(a.accountID), a.name).toBe(true);
    expect(eic.lastImport).toMatchObject({ kind: 'account', outcome: 'completed' });
    expect(eic.exchanges).toBeGreaterThan(0);
    // the import went to the live fake: its journal shows it
    const journal = (await api.get('/__harness/worlds/live/journal')).json.entries;
    expect(journal.some((e: Json) => e.method === 'GET' && e.path.includes(acme.id))).toBe(true);
    const all = JSON.stringify(eic) + JSON.stringify((await api.get('/__harness/worlds/live/eic/exchanges')).json);
    expect(all).not.toContain(DEMO_API_TOKEN);
    expect(all).not.toContain(BASIC.slice(6));

    const task = await api.call('POST', '/__harness/worlds/live/eic/tasks', {
      type: 'DISABLEACCOUNT',
      account: eic.accounts[0].name,
    });
    expect(task.status).toBe(201);
    expect(task.json.task).toMatchObject({ typeName: 'DISABLEACCOUNT', statusName: 'NEW', tries: 0 });
    const job = await api.call('POST', '/__harness/worlds/live/eic/wsretry');
    expect(job.json.report.attempts).toHaveLength(1);
    expect((await api.get('/__harness/worlds/live/eic')).json.lastJob.jobId).toBe(job.json.report.jobId);
    const unknown = await api.call('POST', '/__harness/worlds/live/eic/tasks', { type: 'TELEPORT' });
    expect(unknown.json.error).toMatchObject({ code: 'inspector.body', path: '$.type' });
  });
});

describe.skipIf(!hasReference)(
  `inspector API on the published LeanIX package ${hasReference ? '' : NO_REFERENCE}`,
  () => {
    let serving: Serving;
    beforeAll(async () => {
      serving = await startServe({ port: 0, page: false });
    });
    afterAll(() => serving.stop());

    // The published package's known defects, as harness/validate/leanix.test.ts pins them (reference packages/LeanIX).
    it.each(['Connection_2023-08-03_07-10-36(UTC).json', 'LeanIX.zip'])(
      'lists the defects of %s with the file name in every diagnostic',
      async (name) => {
        const bytes = new Uint8Array(readFileSync(referencePath('packages', 'LeanIX', name)));
        const r = await client(serving.server.url).call(
          'POST',
          `/__harness/packages/validate?name=${encodeURIComponent(name)}`,
          bytes,
        );
        expect(r.status).toBe(200);
        expect(r.json.name).toBe(name);
        expect(r.json.package).toMatchObject({ name: 'LeanIX', connectionEncrypted: true });
        const at = (code: string, attribute: string) =>
          r.json.diagnostics.filter((d: Json) => d.code === code && d.location.attribute === attribute);
        expect(at('body.invalid-json', 'RemoveAccessJSON')[0].location.path).toEqual(['call', 0, 'httpParams']);
        expect(at('mapping.whitespace', 'ImportAccountEntJSON')[0].location.path).toEqual([
          'accountParams',
          'call',
          'call1',
          'colsToPropsMap',
          'customproperty9',
        ]);
        expect(at('pagination.misplaced', 'ImportAccountEntJSON')).toHaveLength(1);
        expect(at('schema.unknown-key', 'EnableAccountJSON')).toHaveLength(1);
        expect(at('schema.unknown-key', 'RemoveAccountJSON')).toHaveLength(1);
        expect(at('package.connection-encrypted', 'ConnectionJSON')).toHaveLength(1);
        expect(r.json.diagnostics.every((d: Json) => d.location.file === name)).toBe(true);
        const errors = r.json.diagnostics.filter((d: Json) => d.severity === 'error').length;
        expect(r.json.summary).toMatchObject({ error: errors });
        expect(errors).toBeGreaterThan(0);
      },
    );

    it('reproduces a customer run: the published export plus a plaintext ConnectionJSON fails the import as EIC would', async () => {
      const api = client(serving.server.url);
      const name = 'Connection_2023-08-03_07-10-36(UTC).json';
      const exported = readFileSync(referencePath('packages', 'LeanIX', name));
      const early = await api.call('PUT', '/__harness/worlds/live/eic/connection?name=ConnectionJSON.json', '{}');
      expect(early.status).toBe(409);
      const loaded = await api.call(
        'PUT',
        `/__harness/worlds/live/eic/package?name=${encodeURIComponent(name)}`,
        exported,
      );
      expect(loaded.json.package.connectionEncrypted).toBe(true);
      const locked = (await api.call('POST', '/__harness/worlds/live/eic/import', { kind: 'accounts' })).json.report;
      expect(locked).toMatchObject({ outcome: 'failed', error: { code: 'auth.no-connection-json' } });

      // The corrected package's ConnectionJSON (fixtures/packages/leanix), placeholders filled from the live tenant.
      const connection = readFileSync(join(PROJECT_ROOT, 'fixtures/packages/leanix/ConnectionJSON.json'), 'utf8');
      const given = await api.call('PUT', '/__harness/worlds/live/eic/connection?name=ConnectionJSON.json', connection);
      expect(given.status).toBe(200);
      expect(given.json.package).toMatchObject({ connectionEncrypted: false });
      expect(given.json.package.attributes).toContain('ConnectionJSON');
      const codes = given.json.diagnostics.map((d: Json) => d.code);
      expect(codes).toContain('package.connection-replaced');
      expect(codes).not.toContain('package.connection-encrypted');
      const replaced = given.json.diagnostics.find((d: Json) => d.code === 'package.connection-replaced');
      expect(replaced.location.file).toBe('ConnectionJSON.json');
      expect(given.text).not.toContain(DEMO_API_TOKEN);
      // Now the calls run, and the published ImportAccountEntJSON's blank host fails the first one (the defect
      // harness/validate/leanix.test.ts pins as url.blank-host).
      const run = (await api.call('POST', '/__harness/worlds/live/eic/import', { kind: 'accounts' })).json.report;
      expect(run).toMatchObject({ outcome: 'failed', applied: false, error: { code: 'call.bad-url' } });
      expect(run.error.message).toContain('https://.leanix.net/');
    });
  },
);

describe('inspector API with an admin token', () => {
  const TOKEN = 'inspector-admin-s3cret';
  let serving: Serving;
  beforeAll(async () => {
    serving = await startServe({ port: 0, page: false, adminToken: TOKEN });
  });
  afterAll(() => serving.stop());

  it('answers 401 without the token on every route, the event stream included, and works with it', async () => {
    const anon = client(serving.server.url);
    for (const path of [
      '/__harness/worlds',
      '/__harness/worlds/live/state',
      '/__harness/scenarios',
      '/__harness/events',
    ]) {
      const r = await anon.get(path);
      expect(r.status, path).toBe(401);
      expect(r.json.error.code).toBe('control.unauthorized');
      expect(r.text).not.toContain(TOKEN);
    }
    expect((await client(serving.server.url, { authorization: 'Bearer wrong' }).get('/__harness/runs')).status).toBe(
      401,
    );
    const admin = client(serving.server.url, { authorization: `Bearer ${TOKEN}` });
    expect((await admin.get('/__harness/worlds')).status).toBe(200);
    expect((await admin.get('/__harness/worlds/live/state')).status).toBe(200);
    const stream = await events(serving.server.url, { authorization: `Bearer ${TOKEN}` });
    expect((await stream.next()).event).toBe('hello');
    stream.close();
  });
});

describe('harness serve --no-inspector', () => {
  it('keeps the control API and serves no inspector routes', async () => {
    const serving = await startServe({ port: 0, inspector: false });
    try {
      expect(serving.inspector).toBeNull();
      const api = client(serving.server.url);
      expect((await api.get('/__harness/state')).status).toBe(200);
      expect((await api.get('/__harness/worlds')).status).toBe(404);
      expect((await api.get('/__harness')).json.routes).not.toContain('GET /__harness/worlds');
    } finally {
      await serving.stop();
    }
  });
});
