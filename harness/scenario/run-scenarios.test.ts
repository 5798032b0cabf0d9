import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { defineScenario } from './define.ts';
import { runScenarios, selectRuns, tagList } from './run-scenarios.ts';

/** A one-step scenario validating the bundled package, expecting `errors` validation errors (0 passes). */
const validating = (name: string, errors: number, tags: string[] = []) =>
  defineScenario({
    name,
    tags,
    given: { leanix: { tenant: 'demo' }, eic: { package: LEANIX_PACKAGE_DIR, fillPlaceholders: true } },
    steps: [{ name: 'validate', validate: null, expect: { diagnostics: [{ severity: 'error', $count: errors }] } }],
  });

describe('runScenarios', () => {
  it('runs loaded scenarios and files, each result with its status, and the totals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-scenarios-'));
    writeFileSync(
      join(dir, 'a.scenario.yaml'),
      `name: from a file\ngiven: { leanix: { tenant: demo }, eic: { package: ${JSON.stringify(LEANIX_PACKAGE_DIR)}, fillPlaceholders: true } }\nsteps:\n  - { name: validate, validate: null }\n`,
    );
    const { results, summary } = await runScenarios(
      ['a.scenario.yaml', validating('clean', 0), validating('dirty', 1)],
      {
        cwd: dir,
      },
    );
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['from a file', 'passed'],
      ['clean', 'passed'],
      ['dirty', 'failed'],
    ]);
    expect(summary).toMatchObject({ passed: 2, failed: 1, errors: 0 });
  });

  it('selects by text and tags, and stops at the first failure with bail', async () => {
    const all = [validating('dirty', 1), validating('clean', 0, ['Slow'])];
    expect((await runScenarios(all, { grep: 'CLEAN' })).results.map((r) => r.name)).toEqual(['clean']);
    expect((await runScenarios(all, { excludeTags: ['slow'] })).results.map((r) => r.name)).toEqual(['dirty']);
    expect((await runScenarios(all, { bail: true })).results.map((r) => r.name)).toEqual(['dirty']);
  });

  it('throws the HarnessError of a bad file (with its line) before running anything, and for a path matching nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-scenarios-'));
    writeFileSync(join(dir, 'bad.scenario.yaml'), 'name: bad\nsteps: [\n');
    const bad = await runScenarios(['bad.scenario.yaml'], { cwd: dir }).catch((e) => e);
    expect(isHarnessError(bad)).toBe(true);
    expect(bad.location.file).toBe(join(dir, 'bad.scenario.yaml'));
    expect(bad.location.line).toBeGreaterThan(0);
    const none = await runScenarios(['nothing-here/'], { cwd: dir }).catch((e) => e);
    expect(isHarnessError(none)).toBe(true);
  });
});

describe('selectRuns and tagList', () => {
  it('keeps every run without a selection, and reads comma-separated tags', () => {
    const runs = [validating('a', 0), validating('b', 0, ['x'])];
    expect(selectRuns(runs)).toEqual(runs);
    expect(tagList(' Slow, ,x ')).toEqual(['slow', 'x']);
    expect(selectRuns(runs, { excludeTags: tagList('X') }).map((r) => r.scenario.name)).toEqual(['a']);
  });
});
