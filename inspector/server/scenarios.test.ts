import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { defaultScenarioSource, ScenarioCatalog } from './scenarios.ts';
import { QUICK, VARIANTS } from './test-scenarios.ts';

/** A team's repository: scenarios/ with a file in a sub-folder, and a file outside it. */
function teamRepo() {
  const cwd = mkdtempSync(join(tmpdir(), 'inspector-team-'));
  const pkg = join(PROJECT_ROOT, 'fixtures/packages/leanix');
  mkdirSync(join(cwd, 'scenarios', 'imports'), { recursive: true });
  writeFileSync(join(cwd, 'scenarios', 'create.scenario.yaml'), QUICK('team create', pkg));
  writeFileSync(join(cwd, 'scenarios', 'imports', 'daily.scenario.yaml'), QUICK('team daily import', pkg));
  writeFileSync(join(cwd, 'elsewhere.scenario.yaml'), QUICK('team elsewhere', pkg));
  return cwd;
}

describe('scenario catalog', () => {
  it("lists the scenarios `harness run` would use from the directory it started in: a team's scenarios/ folder", () => {
    const cwd = teamRepo();
    const catalog = new ScenarioCatalog(defaultScenarioSource(cwd));
    expect(catalog.list().map((s) => [s.id, s.file, s.source, s.name])).toEqual([
      ['create', 'scenarios/create.scenario.yaml', 'project', 'team create'],
      ['imports/daily', 'scenarios/imports/daily.scenario.yaml', 'project', 'team daily import'],
    ]);
    expect(catalog.info()).toEqual({ cwd, paths: ['scenarios/**/*.scenario.yaml'] });
    // a file added later is listed on the next read
    writeFileSync(join(cwd, 'scenarios', 'new.scenario.yaml'), QUICK('team new'));
    expect(catalog.list().map((s) => s.id)).toEqual(['create', 'imports/daily', 'new']);
  });

  it('lists the harness’s own scenarios only when started in the harness’s folder (the default there)', () => {
    const inRepo = new ScenarioCatalog(defaultScenarioSource(PROJECT_ROOT));
    expect(inRepo.list().map((s) => s.id)).toContain('create-account-viewer');
    const team = new ScenarioCatalog(defaultScenarioSource(teamRepo()));
    expect(team.list().map((s) => s.id)).not.toContain('create-account-viewer');
  });

  it('with no scenarios folder, lists none and says why', () => {
    const catalog = new ScenarioCatalog(defaultScenarioSource(mkdtempSync(join(tmpdir(), 'inspector-empty-'))));
    expect(catalog.list()).toEqual([]);
    expect(catalog.info().problem).toMatchObject({ code: 'run.no-scenarios' });
  });

  it('takes explicit paths as `harness run` does (files, folders, globs); ids are then relative to the directory', () => {
    const cwd = teamRepo();
    const catalog = new ScenarioCatalog({ paths: ['elsewhere.scenario.yaml', 'scenarios/imports'], cwd });
    expect(catalog.list().map((s) => s.id)).toEqual(['elsewhere', 'scenarios/imports/daily']);
    const one = new ScenarioCatalog({ paths: ['scenarios/imports'], cwd });
    expect(one.list().map((s) => [s.id, s.file])).toEqual([['daily', 'scenarios/imports/daily.scenario.yaml']]);
  });

  it('keeps uploads, resolving their relative paths against the project folder', async () => {
    const catalog = new ScenarioCatalog(defaultScenarioSource(PROJECT_ROOT));
    const up = catalog.upload('quick.scenario.yaml', QUICK('quick'));
    expect(up.ok && up.scenario).toMatchObject({
      id: 'uploaded/quick',
      source: 'uploaded',
      steps: [
        { name: 'later', action: 'clock' },
        { name: 'much later', action: 'clock' },
      ],
    });
    expect((await catalog.load('uploaded/quick')).resolvePath('../fixtures/x')).toBe(
      join(PROJECT_ROOT, 'fixtures', 'x'),
    );
    // replacing keeps one entry
    catalog.upload('quick.scenario.yaml', QUICK('quick again'));
    expect(
      catalog
        .list()
        .filter((s) => s.id === 'uploaded/quick')
        .map((s) => s.name),
    ).toEqual(['quick again']);
  });

  it('lists each variant of a scenario with variants, with its description and the steps it runs', () => {
    const catalog = new ScenarioCatalog(defaultScenarioSource(mkdtempSync(join(tmpdir(), 'inspector-v-'))));
    const up = catalog.upload('v.scenario.yaml', VARIANTS);
    expect(up.ok && up.scenario.variants).toEqual([
      { name: 'a', description: 'common Variant a.', steps: [{ name: 'both', action: 'clock' }] },
      {
        name: 'b',
        description: 'common Variant b.',
        steps: [
          { name: 'both', action: 'clock' },
          { name: 'only b', action: 'clock' },
        ],
      },
    ]);
    expect(catalog.upload('q.scenario.yaml', QUICK('q'))).not.toHaveProperty('scenario.variants');
  });

  it('lists a project file that does not parse with its first problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-scenarios-'));
    writeFileSync(join(dir, 'bad.scenario.yaml'), 'name: bad\nsteps:\n  - name: x\n    nope: 1\n');
    const catalog = new ScenarioCatalog({ paths: [dir], cwd: dir });
    const [bad] = catalog.list();
    expect(bad).toMatchObject({
      id: 'bad',
      steps: [],
      error: { severity: 'error', location: { line: expect.any(Number) } },
    });
  });
});
