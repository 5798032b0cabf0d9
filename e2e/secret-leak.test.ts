/**
 * The secret-leak test (issue 11): scenarios put the run's secrets everywhere a connector can put them (the API token
 * in a query value, inside JSON values, echoed back by LeanIX, in an `X-Auth-Token` header; a task password in a
 * custom header and in free text; an identity password sent and echoed; the ConnectionJSON's Basic credential), then
 * every artifact is scanned: the CLI's pretty, JSON, JUnit and HTML reports and HARs, the inspector API's answers and
 * its event stream. Zero hits, and each secret provably went through the places it is hidden from.
 *
 * Not scanned, on purpose: `GET /__harness/state/export`, which is the tenant itself (API tokens included, so it can
 * be seeded back); it is guarded by the Host/Origin checks and the admin token like every control call.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates (${...}) are written on purpose
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExport } from '../fixtures/packages/leanix/export/build-export.ts';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { DEMO_API_TOKEN } from '../fixtures/tenant/generate.ts';
import { type Serving, startServe } from '../harness/cli/commands/serve.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';

const TASK_PASSWORD = 'TaskPa55-word.1';
const IDENTITY_PASSWORD = 'IdentPa55-secret.2';
const ATTRIBUTE_PASSWORD = 'AttrPa55-secret.3';
const SECRETS: Record<string, string> = {
  'API token': DEMO_API_TOKEN,
  'API token (Basic credential)': Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64'),
  'task password': TASK_PASSWORD,
  'identity password': IDENTITY_PASSWORD,
  'task attribute password': ATTRIBUTE_PASSWORD,
};
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** The secrets (and access-token JWTs) an artifact holds, by name. */
function leaks(text: string): string[] {
  const found = Object.entries(SECRETS)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
  return JWT.test(text) ? [...found, `access token ${JWT.exec(text)![0].slice(0, 20)}…`] : found;
}

const dir = mkdtempSync(join(tmpdir(), 'harness-secret-leak-'));
afterAll(() => process.env.KEEP_LEAK || rmSync(dir, { recursive: true, force: true }));

/**
 * The corrected LeanIX package with a CreateAccountJSON that spreads secrets: the API token as a query value, in an
 * `X-Auth-Token` header and in free text; the task password in `X-Initial-Password` and in free text; the identity's
 * password in `department` (LeanIX echoes the user back, so all of them come back in the response too).
 */
function leakyPackage(): string {
  const pkg = join(dir, 'pkg');
  mkdirSync(pkg, { recursive: true });
  for (const f of readdirSync(LEANIX_PACKAGE_DIR).filter((f) => f.endsWith('.json')))
    copyFileSync(join(LEANIX_PACKAGE_DIR, f), join(pkg, f));
  const file = join(pkg, 'CreateAccountJSON.json');
  const create = JSON.parse(readFileSync(file, 'utf8'));
  const call1 = create.call[0];
  call1.url = `${call1.url}?trace=<apiToken>`;
  call1.httpHeaders = { ...call1.httpHeaders, 'X-Initial-Password': '${password}', 'X-Auth-Token': '<apiToken>' };
  call1.httpParams = JSON.stringify({
    userName: '${user.email}',
    email: '${user.email}',
    firstName: 'pw ${password} tok <apiToken>',
    lastName: 'Leak',
    department: '${user.password}',
    role: 'ACCOUNTUSER',
    status: 'ACTIVE',
    account: { id: '<accountId>' },
  });
  writeFileSync(file, JSON.stringify(create, null, 2));
  return pkg;
}

const scenarios = (pkg: string) => ({
  'leak-provision.scenario.yaml': `name: secrets through provisioning
given:
  leanix: { tenant: demo }
  eic:
    package: ${pkg}
    fillPlaceholders: true
    patches: [{ find: '<apiToken>', with: '{{apiToken}}' }]
    identities: [{ username: jleak, firstname: Jane, lastname: Leak, email: jane.leak@example.com, password: ${IDENTITY_PASSWORD} }]
steps:
  - name: create with a password
    provision: { task: NEWACCOUNT, identity: jleak, account: jane.leak@example.com, password: ${TASK_PASSWORD} }
    expect: { leanix: { permissions: [{ user: jane.leak@example.com, role: ADMIN }] } }
`,
  'leak-http.scenario.yaml': `name: secrets through raw calls
given:
  leanix: { tenant: demo }
  eic: { package: ${pkg}, fillPlaceholders: true }
steps:
  - name: the token as a query value and an X-Auth-Token header
    http: { method: GET, path: '/workspaces/{{workspaceId}}/users?apitok={{apiToken}}', headers: { X-Auth-Token: '{{apiToken}}' } }
  - name: the token inside JSON values, echoed back
    http:
      method: POST
      path: /users
      body: { userName: echo@example.com, firstName: 'token {{apiToken}}', role: ACCOUNTUSER, status: ACTIVE, account: { id: '{{accountId}}' } }
    expect: { response: { status: 201, body: { data: { firstName: 'token {{apiToken}}' } } } }
`,
});

describe('no secret leaves the harness', () => {
  let pkg: string;
  const files: string[] = [];
  beforeAll(() => {
    pkg = leakyPackage();
    for (const [name, text] of Object.entries(scenarios(pkg))) {
      writeFileSync(join(dir, name), text);
      files.push(join(dir, name));
    }
  });

  it('CLI: pretty, JSON, JUnit and HTML reports, their HARs and the terminal output: zero hits', async () => {
    const artifacts: Record<string, string> = {};
    for (const reporter of ['pretty', 'json', 'junit', 'html']) {
      const out = join(dir, `out-${reporter}`);
      const r = await cli(['run', ...files, '--reporter', reporter, '--out', out]);
      expect(r.code).toBe(1);
      artifacts[`${reporter} stdout/stderr`] = r.out + r.err;
      for (const f of readdirSync(out)) artifacts[`${reporter}/${f}`] = readFileSync(join(out, f), 'utf8');
    }
    const plain = await cli(['run', ...files]);
    artifacts['pretty on the terminal'] = plain.out + plain.err;
    const hars = Object.keys(artifacts).filter((k) => k.endsWith('.har'));
    expect(hars.length).toBe(8);
    for (const [name, text] of Object.entries(artifacts)) expect(leaks(text), name).toEqual([]);

    // the secrets really went through those places (redacted there)
    const har = JSON.parse(artifacts['json/leak-provision.har']);
    type HarEntry = { request: { method: string; url: string }; response: { status: number } };
    const create = har.log.entries.find(
      (e: HarEntry) => e.request.method === 'POST' && e.request.url.includes('/users?') && e.response.status === 200,
    );
    expect(create.request.url).toContain('trace=[REDACTED]');
    const header = (n: string) => create.request.headers.find((h: { name: string }) => h.name === n)?.value;
    expect(header('x-initial-password')).toBe('[REDACTED]');
    expect(header('x-auth-token')).toBe('[REDACTED]');
    expect(create.request.postData.text).toContain('"firstName":"pw [REDACTED] tok [REDACTED]"');
    expect(create.request.postData.text).toContain('"department":"[REDACTED]"');
    expect(create.response.content.text).toContain('"firstName":"pw [REDACTED] tok [REDACTED]"');
    const http = JSON.parse(artifacts['json/leak-http.har']);
    expect(http.log.entries[0].request.url).toContain('apitok=[REDACTED]');
    expect(http.log.entries[1].response.content.text).toContain('"firstName":"token [REDACTED]"');
    const report = JSON.parse(artifacts['json/report.json']);
    const failed = report.scenarios.find((s: { name: string }) => s.name === 'secrets through provisioning');
    expect(JSON.stringify(failed.steps[0].exchanges)).toContain('[REDACTED]');
    expect(statSync(join(dir, 'out-html', 'report.html')).size).toBeGreaterThan(0);
  });

  describe('inspector', () => {
    let serving: Serving;
    let base: string;
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(200);
      return r.text();
    };
    const send = async (method: string, path: string, body: string, type = 'application/json') => {
      const r = await fetch(`${base}${path}`, { method, headers: { 'content-type': type }, body });
      return { status: r.status, text: await r.text() };
    };
    beforeAll(async () => {
      serving = await startServe({ port: 0, page: false });
      base = serving.server.url;
    });
    afterAll(() => serving.stop());

    it('API answers of run and live worlds and the event stream: zero hits', async () => {
      const ac = new AbortController();
      const stream = await fetch(`${base}/__harness/events`, { signal: ac.signal });
      let events = '';
      const reading = (async () => {
        const reader = stream.body!.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const r = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (r.done) return;
          events += decoder.decode(r.value, { stream: true });
        }
      })();

      // runs of both scenarios (uploaded; each in its own world)
      const runIds: string[] = [];
      for (const [name, text] of Object.entries(scenarios(pkg))) {
        const up = await send('POST', `/__harness/scenarios?name=${name}`, text, 'text/yaml');
        expect(up.status).toBe(201);
        const id = JSON.parse(up.text).scenario.id;
        const run = await send('POST', `/__harness/scenarios/${encodeURIComponent(id)}/run`, '');
        runIds.push(JSON.parse(run.text).run.id);
      }
      await serving.inspector!.runs.idle();

      // the live world: the package loaded, an identity with a password, a task with a password attribute
      const exported = buildExport(pkg, 'leak');
      expect((await send('PUT', '/__harness/worlds/live/eic/package?name=Connection_leak.json', exported)).status).toBe(
        200,
      );
      const identity = {
        username: 'live',
        firstname: 'Liv',
        lastname: 'E',
        email: 'live@example.com',
        password: IDENTITY_PASSWORD,
      };
      expect(
        (await send('POST', '/__harness/worlds/live/eic/identities', JSON.stringify({ identities: [identity] })))
          .status,
      ).toBe(200);
      const task = {
        type: 'NEWACCOUNT',
        identity: 'live',
        account: 'live@example.com',
        attributes: { password: ATTRIBUTE_PASSWORD },
        run: 'instant',
      };
      const created = await send('POST', '/__harness/worlds/live/eic/tasks', JSON.stringify(task));
      expect(created.status).toBe(201);
      await new Promise((r) => setTimeout(r, 600)); // two event polls

      const answers: Record<string, string> = { 'task creation': created.text };
      const paths = [
        '/__harness',
        '/__harness/state',
        '/__harness/journal',
        '/__harness/journal.har',
        '/__harness/faults',
        '/__harness/scenarios',
        '/__harness/runs',
        '/__harness/worlds',
      ];
      for (const w of ['live', ...runIds])
        for (const p of [
          '',
          '/eic',
          '/eic/exchanges',
          '/eic/exchanges?summary=true',
          '/journal',
          '/journal.har',
          '/state',
          '/snapshots',
        ])
          paths.push(`/__harness/worlds/${w}${p}`);
      for (const id of runIds) paths.push(`/__harness/runs/${id}`);
      for (const p of paths) answers[p] = await get(p);
      ac.abort();
      await reading;
      answers['event stream'] = events;

      for (const [name, text] of Object.entries(answers)) expect(leaks(text), name).toEqual([]);

      // what the page shows is there, redacted: passwords of identities and tasks, the echoed identity password
      const live = JSON.parse(answers['/__harness/worlds/live/eic']);
      expect(live.identities.find((i: { username: string }) => i.username === 'live').password).toBe('[REDACTED]');
      expect(live.tasks[0].attributes.password).toBe('[REDACTED]');
      const liveJournal = answers['/__harness/worlds/live/journal'];
      expect(liveJournal).toContain('\\"department\\":\\"[REDACTED]\\"');
      const run = JSON.parse(answers[`/__harness/runs/${runIds[0]}`]).run;
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run.steps[0].exchanges)).toContain('pw [REDACTED] tok [REDACTED]');
      expect(events).toContain('event: run');
    });
  });
});
