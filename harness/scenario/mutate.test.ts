/**
 * The mutation check. Operators are checked on expectation objects; whole runs on small scenarios against the
 * corrected package, whose create account sends POST /users (401 with the stored dummy token), the token request,
 * POST /users again and POST /permissions (create-account-viewer).
 */
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { parseScenario } from './load.ts';
import { applyMutation, checkMutations, expectationLeaves, expectMutations, stepMutations } from './mutate.ts';
import type { ScenarioStep } from './schema.ts';

const describeAll = (exp: Record<string, unknown>) =>
  expectMutations(exp, ['expect']).map((m) => `${m.path.join('.')}: ${m.description}`);

describe('mutations', () => {
  it('contradict each value, matcher and list form', () => {
    expect(
      describeAll({
        report: {
          outcome: 'completed',
          counts: { pages: 1 },
          applied: true,
          error: null,
          id: '{{any}}',
          name: { $regex: '@' },
          kind: { $type: 'string' },
          gone: { $absent: true },
          attempts: [],
          list: { $count: 2 },
          more: {},
        },
      }),
    ).toEqual([
      'expect.report.outcome: "completed" → "completed~mutated"',
      'expect.report.counts.pages: 1 → 1001',
      'expect.report.applied: true → false',
      'expect.report.error: null → "~mutated"',
      'expect.report.id: "{{any}}" → $absent: true',
      'expect.report.name: $regex "@" → a regex that matches nothing',
      'expect.report.kind: $type string → number',
      'expect.report.gone: $absent: true → false',
      'expect.report.attempts: [] → a list with one element',
      'expect.report.list: $count 2 → 3',
      'expect.report.more: {} → $absent: true',
    ]);
  });

  it('flip $absent, raise $count, drop from strict and exact lists, reverse inOrder lists', () => {
    expect(
      describeAll({
        leanix: {
          users: [
            { email: 'a', $absent: true },
            { role: 'V', $count: 0 },
            { role: 'A', $count: 2 },
          ],
          strict: true,
        },
        eic: { accounts: [{ $exact: true }, { name: 'n' }] },
        journal: { count: 3, requests: [{ path: '/a' }, { path: '/b' }], inOrder: true },
      }),
    ).toEqual([
      'expect.leanix.users.0.$absent: dropped $absent: true',
      'expect.leanix.users.1.$count: $count 0 → 1',
      'expect.leanix.users.2.$count: $count 2 → 3',
      'expect.leanix.users.2.role: "A" → "A~mutated"',
      'expect.eic.accounts.1.name: "n" → "n~mutated"',
      'expect.eic.accounts.1: dropped element 1 of an $exact list',
      'expect.journal.count: 3 → 1003',
      'expect.journal.requests.0.path: "/a" → "/a~mutated"',
      'expect.journal.requests.1.path: "/b" → "/b~mutated"',
      'expect.journal.requests: inOrder list reversed',
    ]);
  });

  it('cover every expectation leaf, and look only at the expectations of the variant being run', () => {
    const step = {
      name: 's',
      validate: null,
      expect: {
        error: 'x',
        leanix: { users: [{ email: 'a', name: 'b', $absent: true }, { email: 'c' }], strict: true },
      },
      expectFor: { one: { error: 'y', report: { a: 1 } }, two: { report: { b: 2 } } },
    } as unknown as ScenarioStep;
    const leaves = expectationLeaves(step, 'one').map((p) => p.join('.'));
    expect(leaves).toEqual([
      'expect.leanix.users.0.email',
      'expect.leanix.users.0.name',
      'expect.leanix.users.0.$absent',
      'expect.leanix.users.1.email',
      'expect.leanix.strict',
      'expectFor.one.error',
      'expectFor.one.report.a',
    ]);
    const ms = stepMutations(step, 'one');
    for (const leaf of expectationLeaves(step, 'one'))
      expect(
        ms.some((m) => m.covers.some((c) => c.every((k, i) => k === leaf[i]))),
        leaf.join('.'),
      ).toBe(true);
    expect(stepMutations(step, 'two').map((m) => m.path.join('.'))).toContain('expect.error');
    const dropped = applyMutation(step, ms[0]);
    expect((dropped.expect?.leanix?.users ?? [])[0]).toEqual({ email: 'a', name: 'b' });
    expect(step.expect?.leanix?.users?.[0]).toHaveProperty('$absent', true);
  });
});

const loaded = (steps: string) => {
  const r = parseScenario(
    `name: m
given:
  leanix: { tenant: demo }
  eic:
    package: ${LEANIX_PACKAGE_DIR}
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
${steps}`,
    'm.scenario.yaml',
  );
  if (!r.ok) throw new Error(r.diagnostics[0].message);
  return { file: 'm.scenario.yaml', scenario: r.scenario, resolvePath: (p: string) => p };
};

describe('checkMutations', () => {
  it('finds no survivor when every expectation depends on what it checks', async () => {
    const r = await checkMutations(
      loaded(`    expect:
      leanix: { permissions: [{ user: jane.new@example.com, workspace: acme, role: VIEWER, $count: 1 }] }
      journal: { count: 4, requests: [{ method: POST, path: /permissions, status: 200 }] }
      report: { completed: 1, attempts: [{ $exact: true }, { type: NEWACCOUNT }] }
`),
    );
    expect(r.result.status).toBe('passed');
    expect(r.mutations).toBe(11);
    expect(r.survivors).toEqual([]);
    expect(r.leaves.every((l) => l.covered)).toBe(true);
  });

  it('names an expectation that cannot fail: an order POST /users has both ways round', async () => {
    const r = await checkMutations(
      loaded(`    expect:
      journal:
        inOrder: true
        requests: [{ method: POST, path: /users }, { method: POST, path: /oauth2/token }]
`),
    );
    expect(r.result.status).toBe('passed');
    expect(r.survivors).toEqual([
      { step: 'create', path: 'expect.journal.requests', description: 'inOrder list reversed' },
    ]);
  });

  it('names an expectation no mutation reaches (an inOrder list of one)', async () => {
    const r = await checkMutations(
      loaded(`    expect: { journal: { inOrder: true, requests: [{ method: POST, path: /permissions }] } }
`),
    );
    expect(r.leaves.filter((l) => !l.covered)).toEqual([
      { step: 'create', path: 'expect.journal.inOrder', covered: false },
    ]);
  });
});
