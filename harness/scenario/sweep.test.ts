import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from './load.ts';
import { classifyTrace, FAULT_KINDS, faultRule, formatSweep, sweepFaults, type Trace } from './sweep.ts';

const trace = (t: Partial<Trace>): Trace => ({ failed: [false], eic: 'E', leanix: 'L', requests: [], ...t });
const name = (i: number) => `step ${i}`;

describe('classifyTrace', () => {
  it('matched: same step outcomes, same EIC and LeanIX', () => {
    expect(classifyTrace(trace({}), trace({}), name)).toEqual({ verdict: 'matched', leanixChanged: false });
  });

  it('failed-clean: the diverging step left EIC as it was (a half-done LeanIX write is reported, not a corruption)', () => {
    const diverged = { index: 0, before: 'E0', after: 'E0', message: 'HTTP 500' };
    const half = trace({ leanix: 'L2', diverged: { ...diverged, leanixBefore: 'L0', leanixAfter: 'L1' } });
    const c = classifyTrace(trace({}), half, name);
    expect(c.verdict).toBe('failed-clean');
    expect(c.leanixChanged).toBe(true);
    expect(c.detail).toContain('"step 0" failed: HTTP 500');
    // a run that stopped cleanly ends unlike the fault-free run, but LeanIX kept nothing of the failed step
    const clean = trace({ leanix: 'L2', diverged: { ...diverged, leanixBefore: 'L0', leanixAfter: 'L0' } });
    expect(classifyTrace(trace({}), clean, name)).toMatchObject({ verdict: 'failed-clean', leanixChanged: false });
  });

  it('corrupted: a failing step changed EIC, or a run went through into another state', () => {
    const changed = trace({ diverged: { index: 0, before: 'E0', after: 'E1', message: 'x' } });
    expect(classifyTrace(trace({}), changed, name).verdict).toBe('corrupted');
    expect(classifyTrace(trace({}), trace({ eic: 'E2' }), name).detail).toContain('EIC state differs');
    expect(classifyTrace(trace({}), trace({ leanix: 'L2' }), name).detail).toContain('LeanIX state differs');
    expect(classifyTrace(trace({ failed: [true] }), trace({ failed: [false] }), name).verdict).toBe('corrupted');
  });
});

describe('faultRule', () => {
  it('fires once at the given position for every kind', () => {
    for (const k of FAULT_KINDS) expect(faultRule(k, 3)).toMatchObject({ nth: 3, times: 1 });
    expect(faultRule('429-retry-after', 1)).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
    expect(faultRule('truncated-json', 1)).toMatchObject({ corrupt: 'truncate' });
    expect(faultRule('timeout', 1).status).toBeUndefined();
  });
});

describe('sweepFaults', () => {
  it('sweeps the corrected create account: a 401 is refreshed (matched), a 500 fails cleanly', async () => {
    // Expectation source: create-account-viewer's fault-free run sends POST /users (401, the stored dummy token),
    // POST /oauth2/token, POST /users, POST /permissions.
    const loaded = await loadScenario(join(import.meta.dirname, '../../scenarios/create-account-viewer.scenario.yaml'));
    const r = await sweepFaults(loaded, { kinds: ['401-expiry', '500'] });
    expect(r.positions).toBe(4);
    expect(r.cases.map((c) => `${c.kind}#${c.position} ${c.request} ${c.verdict}`)).toEqual([
      '401-expiry#1 POST /services/mtm/v1/users matched',
      '401-expiry#2 POST /services/mtm/v1/oauth2/token failed-clean',
      '401-expiry#3 POST /services/mtm/v1/users matched',
      '401-expiry#4 POST /services/mtm/v1/permissions matched',
      '500#1 POST /services/mtm/v1/users failed-clean',
      '500#2 POST /services/mtm/v1/oauth2/token failed-clean',
      '500#3 POST /services/mtm/v1/users failed-clean',
      '500#4 POST /services/mtm/v1/permissions failed-clean',
    ]);
    // The user was created before the permission call failed: EIC is unchanged, LeanIX kept the half-done write.
    // No other run changed LeanIX in its failing step.
    expect(r.cases.filter((c) => c.leanixChanged).map((c) => `${c.kind}#${c.position}`)).toEqual(['500#4']);
    expect(r.counts).toEqual({ matched: 3, 'failed-clean': 5, corrupted: 0 });
    expect(formatSweep(r)).toContain('3 matched, 5 failed cleanly, 0 corrupted state');
  });

  it('finds the corruption of a package that counts a 500 as success', async () => {
    const loaded = await loadScenario(join(import.meta.dirname, 'testdata/overbroad-success.scenario.yaml'));
    const r = await sweepFaults(loaded, { kinds: ['500'] });
    const bad = r.cases.filter((c) => c.verdict === 'corrupted');
    expect(bad.map((c) => c.request)).toEqual(['POST /services/mtm/v1/permissions']);
    expect(bad[0].detail).toContain('LeanIX state differs');
  });

  it("does not sweep the scenario's own http steps (they are not EIC's calls)", async () => {
    // Expectation source: import-accounts-multipage first calls LeanIX itself (position 1), then the import sends
    // the 401-ing first page, the token request and 5 pages: 7 EIC requests.
    const loaded = await loadScenario(
      join(import.meta.dirname, '../../scenarios/import-accounts-multipage.scenario.yaml'),
    );
    const r = await sweepFaults(loaded, { kinds: ['500'] });
    expect(r.positions).toBe(7);
    expect(r.cases.map((c) => c.position)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r.cases.find((c) => c.position === 4)).toMatchObject({ verdict: 'failed-clean', leanixChanged: false });
  });

  it("sweeps the token server's calls too: the API and the token endpoint behind given.tokenServer", async () => {
    // Expectation source: auth-oauth2-client-credentials sends every call to the token server (9 requests in the
    // fault-free run: the API at /api/users and the token endpoint /oauth/token), none to LeanIX.
    const loaded = await loadScenario(
      join(import.meta.dirname, '../../scenarios/auth-oauth2-client-credentials.scenario.yaml'),
    );
    const r = await sweepFaults(loaded, { kinds: ['500'] });
    expect(r.positions).toBe(0);
    expect(r.tokenServerPositions).toBe(9);
    expect(r.cases.every((c) => c.target === 'token server')).toBe(true);
    expect(r.cases.slice(0, 2).map((c) => `#${c.position} ${c.request} ${c.verdict}`)).toEqual([
      '#1 POST /api/users failed-clean',
      '#2 POST /oauth/token failed-clean',
    ]);
    expect(r.cases[1].detail).toContain('token request for connection "acctAuth"');
    const text = formatSweep(r);
    expect(text).toContain('0 LeanIX + 9 token server call position(s)');
    expect(text).toContain('token server POST /oauth/token');
  });

  it('refuses a scenario without an import or provisioning step', async () => {
    const parsed = parseScenario(
      'name: v\ngiven: { eic: { package: x } }\nsteps: [{ name: v, validate: null }]\n',
      '/tmp/v.scenario.yaml',
    );
    if (!parsed.ok) throw new Error('the test scenario should parse');
    const loaded = { file: '/tmp/v.scenario.yaml', scenario: parsed.scenario, resolvePath: (p: string) => p };
    await expect(sweepFaults(loaded)).rejects.toMatchObject({ code: 'run.sweep', message: /import or provisioning/ });
  });
});
