/**
 * The runner on small scenarios written here, against the project's corrected LeanIX package and the demo tenant.
 * Expected values follow the package's CreateAccountJSON (user + VIEWER permission) and the demo tenant spec.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { TOKEN_SERVER_DEFAULTS, TOKEN_SERVER_DIR } from '../../fixtures/token-server/defaults.ts';
import { loadScenario } from './load.ts';
import { runLoadedScenario, runScenarioFile, runScenarioVariants } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-run-'));
let n = 0;
function scenario(steps: string, given = ''): string {
  const file = join(dir, `s${++n}.scenario.yaml`);
  writeFileSync(
    file,
    `name: test ${n}
given:
  leanix: { tenant: demo }
  eic:
    package: ${LEANIX_PACKAGE_DIR}
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
${given}
steps:
${steps}`,
  );
  return file;
}
const CREATE = `  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
`;

describe('runScenarioFile', () => {
  it('passes a scenario whose expectations hold and reports each step', async () => {
    const r = await runScenarioFile(
      scenario(`${CREATE}    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: VIEWER }] }
      eic: { tasks: [{ step: create, status: COMPLETE }] }
  - name: later
    clock: { advance: 1h }
`),
    );
    expect(r.status).toBe('passed');
    expect(r.steps.map((s) => [s.name, s.action, s.status])).toEqual([
      ['create', 'provision', 'passed'],
      ['later', 'clock', 'passed'],
    ]);
    expect(r.steps[0].requests).toBe(4); // 401 with the stored dummy token, token, POST /users, POST /permissions
    expect(r.har).toBeUndefined();
  });

  it('fails a step with a diff and its exchanges, skips the rest, keeps secrets out, attaches a HAR', async () => {
    const r = await runScenarioFile(
      scenario(`${CREATE}    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: ADMIN }] }
  - name: never runs
    wsretry: null
`),
    );
    expect(r.status).toBe('failed');
    expect(r.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    const text = r.steps[0].failure ?? '';
    expect(text).toContain('leanix.permissions[0]');
    expect(text).toContain('- expected "ADMIN"');
    expect(text).toContain('+ actual   "VIEWER"');
    expect(text).toContain('POST https://demo.leanix.net/services/mtm/v1/permissions');
    expect(text).toContain('httpParams = ');
    const all = JSON.stringify(r);
    expect(all).not.toContain(DEMO_API_TOKEN);
    expect(all).not.toContain(Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64'));
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(r.har?.log.entries.length).toBe(4);
  });

  it('with keepGoing runs the steps after a failed one, each reported on its own; the scenario still fails', async () => {
    const steps = `${CREATE}    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: ADMIN }] }
  - name: disable
    provision: { task: DISABLEACCOUNT, account: jane.new@example.com }
    expect:
      eic: { tasks: [{ step: disable, status: COMPLETE }] }
  - name: enable
    provision: { task: ENABLEACCOUNT, account: jane.new@example.com }
    expect: { error: call.unsuccessful }
`;
    // the second argument lands at the top level of the file (the helper writes it after given)
    const r = await runScenarioFile(scenario(steps, 'keepGoing: true'));
    expect(r.status).toBe('failed');
    expect(r.steps.map((s) => s.status)).toEqual(['failed', 'passed', 'failed']);
    expect(r.steps[1].requests).toBeGreaterThan(0);
    expect(r.steps[2].failure).toContain('step "enable" (provision) failed');
    expect(r.har?.log.entries.length).toBeGreaterThan(4);
    const stops = await runScenarioFile(scenario(steps));
    expect(stops.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped']);
  });

  it("puts the token server's traffic into a failed scenario's HAR, without its secrets", async () => {
    const file = join(dir, `s${++n}.scenario.yaml`);
    writeFileSync(
      file,
      `name: token server har
given:
  tokenServer: {}
  eic:
    package: ${join(TOKEN_SERVER_DIR, 'package')}
    connectionJson: ${join(TOKEN_SERVER_DIR, 'connections', 'oauth2-refresh-token.json')}
    identities: [{ username: ann, firstname: Ann, lastname: Lee, email: ann@example.com }]
steps:
  - name: create ann
    provision: { task: NEWACCOUNT, identity: ann, account: ann@example.com }
    expect:
      eic: { tasks: [{ step: create ann, status: FAILED }] }
`,
    );
    const r = await runScenarioFile(file);
    expect(r.status).toBe('failed');
    const entries = r.har?.log.entries ?? [];
    expect(entries.map((e) => `${e._source} ${new URL(e.request.url).pathname}`)).toEqual([
      'token server /api/users',
      'token server /oauth/token',
      'token server /api/users',
    ]);
    const text = JSON.stringify(r.har);
    for (const secret of [TOKEN_SERVER_DEFAULTS.clients[0].secret, TOKEN_SERVER_DEFAULTS.refreshTokens[0]])
      expect(text).not.toContain(secret);
  });

  it('hands out the world before the first step and announces each step that starts, not the skipped ones', async () => {
    const events: string[] = [];
    let journalAtWorld = -1;
    const r = await runScenarioFile(
      scenario(`${CREATE}    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: ADMIN }] }
  - name: never runs
    wsretry: null
`),
      {
        onWorld: (w) => {
          events.push(`world ${w.vars.workspaceName}`);
          journalAtWorld = w.fake.journal.recorded;
        },
        onStepStart: (i, name, action) => events.push(`start ${i} ${name} ${action}`),
        onStep: (s) => events.push(`end ${s.name} ${s.status}`),
      },
    );
    expect(r.status).toBe('failed');
    expect(journalAtWorld).toBe(0);
    expect(events).toEqual(['world acme', 'start 0 create provision', 'end create failed']);
  });

  it('checks an expected error: passes when it happens, fails when the step succeeds', async () => {
    const ok = await runScenarioFile(
      scenario(`  - name: restore unknown
    snapshot: { restore: nothing }
    expect: { error: scenario.snapshot }
`),
    );
    expect(ok.status).toBe('passed');
    const bad = await runScenarioFile(
      scenario(`${CREATE}    expect: { error: auth.api-token-rejected }
`),
    );
    expect(bad.steps[0].failure).toContain('expected the step to fail');
  });

  it('restores LeanIX and EIC state from a snapshot', async () => {
    const r = await runScenarioFile(
      scenario(`  - name: before
    snapshot: empty
${CREATE}  - name: back
    snapshot: { restore: empty }
    expect:
      leanix: { users: [{ email: jane.new@example.com, $absent: true }] }
      eic: { accounts: [{ $count: 0 }] }
`),
    );
    expect(r.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('answers raw HTTP calls with the access token of the API token and matches the journal of the step', async () => {
    const r = await runScenarioFile(
      scenario(`  - name: list
    http: { path: '/workspaces/{{workspaceId}}/users?size=5' }
    expect:
      response: { status: 200, body: { data: { $type: array } } }
      journal: { count: 1, requests: [{ method: GET, query: { size: '5' }, status: 200 }] }
  - name: no auth
    http: { path: '/workspaces/{{workspaceId}}', auth: false }
    expect: { response: { status: 401 } }
`),
    );
    expect(r.steps.map((s) => s.failure ?? s.status)).toEqual(['passed', 'passed']);
  });

  it('reports a scenario that cannot start as an error naming the file', async () => {
    const file = join(dir, 'nopkg.scenario.yaml');
    writeFileSync(file, 'name: x\ngiven: { eic: { package: ./missing } }\nsteps: [{ name: v, validate: null }]\n');
    const r = await runScenarioFile(file);
    expect(r.status).toBe('error');
    expect(r.error?.message).toContain('missing');
    expect(r.steps).toEqual([]);
  });

  it('checks the emulator exchanges and the token server of a step, and runs testConnection steps', async () => {
    const r = await runScenarioFile(
      scenario(`  - name: test connection
    testConnection: null
    expect:
      report: { status: success, connections: [{ checked: testConnectionParams }] }
      exchanges: { count: 3, inOrder: true, requests: [{ label: test connection, status: 401 }, { label: token }, { status: 200 }] }
${CREATE}    expect:
      exchanges: { count: 2 }
`),
    );
    expect(r.status).toBe('passed');
    const bad = await runScenarioFile(
      scenario(`${CREATE}    expect:
      exchanges: { requests: [{ label: call2, request: { headers: { authorization: Basic x } } }] }
`),
    );
    expect(bad.status).toBe('failed');
    expect(bad.steps[0].failure).toContain('exchanges.requests[0]: no record matches');
    expect(bad.steps[0].failure).toContain('- expected "Basic x"');
    expect(bad.steps[0].failure).toContain('+ actual   "Bearer [REDACTED]"');
  });

  it('needs given.tokenServer for tokenServer steps and expectations', async () => {
    const r = await runScenarioFile(
      scenario(`  - name: rotate
    tokenServer: { revokeAll: true }
`),
    );
    expect(r.steps[0].failure).toContain('a tokenServer step needs given.tokenServer');
    const e = await runScenarioFile(scenario(`${CREATE}    expect: { tokenServer: { count: 0 } }\n`));
    expect(e.steps[0].failure).toContain('tokenServer: this scenario has no given.tokenServer');
  });

  it('runs each variant with its given and steps, checks expectFor with expect, and names the variant on failure', async () => {
    const file = join(dir, 'variants.scenario.yaml');
    writeFileSync(
      file,
      `name: variants
given:
  leanix: { tenant: demo }
  eic: { package: ${LEANIX_PACKAGE_DIR}, fillPlaceholders: true, identities: [{ username: jnew, email: jane.new@example.com }] }
variants:
  one: {}
  three: { given: { eic: { securitySystem: { provisioningTries: 3 } } } }
steps:
  - name: fail every user creation
    faults: { add: [{ method: POST, path: /users, status: 500, times: always }] }
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { error: call.unsuccessful }
    expectFor:
      one: { eic: { tasks: [{ step: create, status: NEW, tries: 1 }] } }
      three: { eic: { tasks: [{ step: create, status: COMPLETE }] } }
  - name: only in one
    variants: [one]
    clock: { advance: 1s }
`,
    );
    const loaded = await loadScenario(file);
    const [one, three] = await runScenarioVariants(loaded);
    expect([one.variant, one.status, one.steps.map((x) => x.name)]).toEqual([
      'one',
      'passed',
      ['fail every user creation', 'create', 'only in one'],
    ]);
    expect([three.variant, three.status, three.steps.length]).toEqual(['three', 'failed', 2]);
    expect(three.steps[1].failure).toContain('expectFor.three: eic.tasks[0]: the record with step="create" differs');
    expect(three.steps[1].failure).toContain('- expected "COMPLETE"');
    // an unexpanded scenario with variants runs its first one
    expect((await runLoadedScenario(loaded)).variant).toBe('one');
    expect(three.steps[1].report?.text).toMatch(/^WSRETRY-1: 1 task attempt\(s\): 0 completed, 1 to retry, 0 failed/);
  });

  it('keeps each import report on its step: counts, changed records, with the report data for JSON', async () => {
    const r = await runScenarioFile(
      scenario(`  - name: import
    import: accounts
    expect: { report: { counts: { accountsCreated: 41 } } }
`),
    );
    expect(r.status).toBe('passed');
    expect(r.steps[0].report?.kind).toBe('import');
    expect(r.steps[0].report?.text).toContain('accounts: 41 created, 0 updated');
    expect(r.steps[0].report?.text).toContain('… 31 more');
    expect(r.steps[0].report?.data).not.toHaveProperty('omitted');
  });
});
