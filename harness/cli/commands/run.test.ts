/**
 * `harness run` output for support: the import report in the pretty output (counts, then the changed records with
 * old → new), a row per variant, `--grep` on a variant name, and `--verbose` for every exchange of a failed step.
 * The bundled published-scim-managed-space scenario is the example: its published variant re-imports after the fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { runCaptured as cli } from '../testing.ts';

afterEach(() => {
  process.exitCode = undefined;
});

const SCIM = join(import.meta.dirname, '../../../scenarios/published-scim-managed-space.scenario.yaml');

describe('harness run output', () => {
  it('shows each import report: counts, then the changed records with the columns that changed', async () => {
    const r = await cli(['run', SCIM, '--reporter', 'pretty']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '✓ published package defect: "scimManaged " leaves customproperty9 empty for everyone [published]',
    );
    expect(r.out).toContain('[corrected]');
    expect(r.out).toContain(
      '        account import of leanix-published: completed\n          read 9 records in 1 pages (1 calls)',
    );
    expect(r.out).toContain('          accounts: 0 created, 9 updated, 0 unchanged');
    expect(r.out).toContain('            ~ sam.scim@example.com: customproperty9 null → "true"');
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^2 passed, 0 failed/);
  });

  it('selects a variant with --grep and puts its report in JUnit system-out', async () => {
    const r = await cli(['run', SCIM, '--grep', 'corrected', '--reporter', 'junit']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[corrected]');
    expect(r.out).not.toContain('[published]');
    expect(r.out).toMatch(/<system-out>account import of leanix: completed\n {2}read 9 records/);
    expect(r.err.trim()).toBe('1 passed, 0 failed');
  });

  it('shows the failing exchange and its neighbours, every exchange with --verbose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-run-verbose-'));
    const file = join(dir, 'pages.scenario.yaml');
    // 41 users in pages of 5 make 9 pages; the second import fails at page 8, its 8th exchange
    writeFileSync(
      file,
      `name: pages
given:
  leanix: { tenant: demo }
  eic:
    package: ${LEANIX_PACKAGE_DIR}
    fillPlaceholders: true
    patches:
      - attribute: ImportAccountEntJSON
        path: accountParams.call.call1.pagination.page.pageSize
        value: 5
steps:
  - name: import
    import: accounts
    expect: { report: { outcome: completed } }
  - name: a page fails
    faults: { add: [{ method: GET, path: "/workspaces/:id/users", page: 8, status: 500, times: always }] }
  - name: import again
    import: accounts
    expect: { report: { outcome: completed } }
`,
    );
    const short = await cli(['run', file]);
    expect(short.code).toBe(1);
    expect(short.out).toContain('the failing one and its neighbours, the others in one line each, all with --verbose');
    expect(short.out).toMatch(/page=8&size=5 → 500\n/);
    expect(short.out).not.toMatch(/page=3&size=5 → 200\n/); // not in full: folded into one line
    expect(short.out).toMatch(
      /#\d+–#\d+ account call1 page … GET https:\/\/demo\.leanix\.net\/\S+\?… → 200 \(\d+ alike\)/,
    );
    const full = await cli(['run', file, '--verbose']);
    expect(full.out).not.toContain('all with --verbose');
    expect(full.out.match(/ {10}#\d+ account call1/g)?.length).toBeGreaterThan(
      short.out.match(/ {10}#\d+ account call1/g)?.length ?? 0,
    );
  });

  it('--keep-going runs the steps after a failed one, each reported on its own (exit 1 still)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-run-keep-going-'));
    const file = join(dir, 'two.scenario.yaml');
    writeFileSync(
      file,
      `name: two failures
given:
  leanix: { tenant: demo }
  eic: { package: ${LEANIX_PACKAGE_DIR}, fillPlaceholders: true }
steps:
  - name: first
    import: accounts
    expect: { report: { outcome: failed } }
  - name: second
    import: accounts
    expect: { report: { outcome: aborted } }
`,
    );
    const stops = await cli(['run', file]);
    expect(stops.code).toBe(1);
    expect(stops.out).toContain('step "first" (import) failed');
    expect(stops.out).not.toContain('step "second" (import) failed');
    const goes = await cli(['run', file, '--keep-going', '--reporter', 'json']);
    expect(goes.code).toBe(1);
    const report = JSON.parse(goes.out.slice(0, goes.out.lastIndexOf('}') + 1)) as {
      scenarios: { steps: { status: string }[] }[];
    };
    expect(report.scenarios[0].steps.map((s) => s.status)).toEqual(['failed', 'failed']);
  });

  it('--mutate checks that every expectation can fail, naming the one that cannot (exit 1)', async () => {
    expect((await cli(['run', SCIM, '--mutate'])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'harness-run-mutate-'));
    const file = join(dir, 'weak.scenario.yaml');
    writeFileSync(
      file,
      `name: weak
given:
  leanix: { tenant: demo }
  eic: { package: ${LEANIX_PACKAGE_DIR}, fillPlaceholders: true, identities: [{ username: jnew, email: jane.new@example.com }] }
steps:
  - name: create
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect:
      journal: { inOrder: true, requests: [{ method: POST, path: /users }, { method: POST, path: /oauth2/token }] }
`,
    );
    const r = await cli(['run', file, '--mutate']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ weak: 5 mutation(s)');
    expect(r.out).toContain(
      'step "create" expect.journal.requests: inOrder list reversed, and the scenario still passes',
    );
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('5 mutation(s), 1 expectation(s) that cannot fail');
  });
});

describe('harness run --watch (usage; the watching itself: harness/scenario/watch.test.ts, e2e/watch.test.ts)', () => {
  it('refuses options it cannot honour and paths that do not exist (exit 2), before watching anything', async () => {
    for (const extra of [['--out', 'x'], ['--reporter', 'junit'], ['--shard', '1/2'], ['--bail'], ['--mutate']]) {
      const r = await cli(['run', '--watch', SCIM, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.err).toContain(`--watch cannot be combined with ${extra[0]}`);
    }
    const missing = await cli(['run', '--watch', join(tmpdir(), 'no-such-scenarios-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('run.not-found');
  });
});
