/**
 * `harness run` end to end through the CLI entry (runCli): exit codes, the summary line, reporters and files in
 * --out, --grep, --shard, and file errors with file:line. Scenarios are written here against the corrected package.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { DEMO_API_TOKEN } from '../fixtures/tenant/generate.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';

afterEach(() => {
  process.exitCode = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'harness-cli-run-'));
const given = `given:
  leanix: { tenant: demo }
  eic:
    package: ${LEANIX_PACKAGE_DIR}
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
`;
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const pass = write(
  'pass.scenario.yaml',
  `name: creates the account\n${given}steps:
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: VIEWER }] } }
`,
);
const fail = write(
  'fail.scenario.yaml',
  `name: wrong role expected\n${given}steps:
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: ADMIN }] } }
`,
);

describe('harness run', () => {
  it('exits 0 when all pass and ends with the summary line on its own line', async () => {
    const r = await cli(['run', pass]);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^1 passed, 0 failed \(/);
  });

  it('continues past a failure, exits 1, and writes JUnit plus a HAR of the failed scenario to --out', async () => {
    const out = join(dir, 'reports');
    const r = await cli(['run', fail, pass, '--reporter', 'junit', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 passed, 1 failed');
    expect(r.out).toContain('- expected "ADMIN"');
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testcase name="create" classname="wrong role expected"');
    expect(xml).toContain('<failure');
    expect(existsSync(join(out, 'fail.har'))).toBe(true);
    expect(existsSync(join(out, 'pass.har'))).toBe(false);
    const har = readFileSync(join(out, 'fail.har'), 'utf8');
    expect(JSON.parse(har).log.entries.length).toBeGreaterThan(0);
    expect(har + xml).not.toContain(DEMO_API_TOKEN);
  });

  it('prints JSON on stdout with --reporter json, the summary on stderr', async () => {
    const r = await cli(['run', pass, fail, '--reporter', 'json']);
    expect(JSON.parse(r.out).summary).toMatchObject({ passed: 1, failed: 1 });
    expect(r.err.trim()).toBe('1 passed, 1 failed');
  });

  it('selects with --grep and --shard, stops with --bail', async () => {
    expect((await cli(['run', dir, '--grep', 'wrong role'])).out).toContain('0 passed, 1 failed');
    const s1 = await cli(['run', pass, fail, '--shard', '1/2']);
    const s2 = await cli(['run', pass, fail, '--shard', '2/2']);
    expect([s1.code, s2.code].sort()).toEqual([0, 1]);
    expect((await cli(['run', fail, pass, '--bail'])).out).toContain('0 passed, 1 failed');
    expect((await cli(['run', pass, '--shard', '3/2'])).code).toBe(2);
  });

  it('exits 2 naming file:line for a bad scenario file, and for usage errors', async () => {
    const bad = write('bad.scenario.yaml', `name: bad\n${given}steps:\n  - name: x\n    wsretry: null\n    colck: 1\n`);
    const r = await cli(['run', bad, pass]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.scenario\.yaml:11:5/);
    expect(r.err).toContain("unknown key 'colck'");
    expect((await cli(['run', pass, '--reporter', 'xml'])).code).toBe(2);
    expect((await cli(['run', join(dir, 'missing.scenario.yaml')])).code).toBe(2);
  });
});

describe('harness run --exclude-tag', () => {
  it('leaves out scenarios with an excluded tag (the way to run the suite without the slow 10,000-user import)', async () => {
    const slow = write(
      'slow.scenario.yaml',
      `name: tagged slow\ntags: [slow, import]\n${given}steps:\n  - name: create\n    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }\n`,
    );
    const all = await cli(['run', pass, slow]);
    expect(all.out).toMatch(/^2 passed, 0 failed/m);
    const some = await cli(['run', pass, slow, '--exclude-tag', 'SLOW,other']);
    expect(some.code).toBe(0);
    expect(some.out).toMatch(/^1 passed, 0 failed/m);
    expect(some.out).not.toContain('tagged slow');
  });
});

describe('harness run --sweep-faults', () => {
  const overbroad = join(import.meta.dirname, '../harness/scenario/testdata/overbroad-success.scenario.yaml');

  it('reports per position and exits 0 when no faulted run corrupts state', async () => {
    const r = await cli(['run', '--sweep-faults', pass, '--fault-kinds', '500,429-retry-after']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ {2}500\n/);
    expect(r.out).toMatch(/#4 +POST \/permissions +failed-clean \[LeanIX changed\]/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('0 matched, 8 failed cleanly, 0 corrupted state');
  });

  it('exits 1 when a faulted run corrupts state, with JSON on request', async () => {
    const r = await cli(['run', '--sweep-faults', overbroad, '--fault-kinds', '500', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.out);
    expect(report.counts).toEqual({ matched: 0, 'failed-clean': 3, corrupted: 1 });
    expect(report.cases[3]).toMatchObject({
      position: 4,
      verdict: 'corrupted',
      request: expect.stringMatching(/permissions$/),
    });
  });

  it('exits 2 on an unknown fault kind or a scenario that cannot be swept', async () => {
    const bad = await cli(['run', '--sweep-faults', pass, '--fault-kinds', 'meteor']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown kind meteor');
    const validateOnly = write(
      'validate.scenario.yaml',
      `name: validate only\n${given}steps:\n  - name: validate\n    validate: null\n`,
    );
    const r = await cli(['run', '--sweep-faults', validateOnly]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('import or provisioning');
  });
});

describe('harness merge-reports', () => {
  it('merges the JSON reports of two shards into one JUnit report and keeps the failure (exit 1)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'harness-merge-'));
    await cli(['run', pass, fail, '--shard', '1/2', '--reporter', 'json', '--out', join(out, 's1')]);
    await cli(['run', pass, fail, '--shard', '2/2', '--reporter', 'json', '--out', join(out, 's2')]);
    const shards = [join(out, 's1', 'report.json'), join(out, 's2', 'report.json')];
    for (const s of shards) expect(JSON.parse(readFileSync(s, 'utf8')).scenarios).toHaveLength(1);
    const r = await cli(['merge-reports', ...shards, '--reporter', 'junit', '--out', join(out, 'merged')]);
    expect(r.code).toBe(1);
    expect(r.out.trim()).toBe('1 passed, 1 failed');
    const xml = readFileSync(join(out, 'merged', 'junit.xml'), 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('wrong role expected');
  });

  it('exits 2 naming a file that is not a report', async () => {
    const bad = write('not-a-report.json', '{"results": []}');
    const r = await cli(['merge-reports', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not-a-report.json is not a harness JSON report');
  });
});
