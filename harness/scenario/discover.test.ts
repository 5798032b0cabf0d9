import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, globToRegExp, scenarioFolders } from './discover.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-discover-'));
mkdirSync(join(dir, 'sub', 'deep'), { recursive: true });
for (const f of ['a.scenario.yaml', 'sub/b.scenario.yaml', 'sub/deep/c.scenario.yaml', 'sub/notes.yaml'])
  writeFileSync(join(dir, f), 'x');

describe('scenario discovery', () => {
  it('turns globs into anchored expressions', () => {
    expect(globToRegExp('/s/**/*.scenario.yaml').test('/s/a.scenario.yaml')).toBe(true);
    expect(globToRegExp('/s/**/*.scenario.yaml').test('/s/x/y/a.scenario.yaml')).toBe(true);
    expect(globToRegExp('/s/*.scenario.yaml').test('/s/x/a.scenario.yaml')).toBe(false);
    expect(globToRegExp('/s/a?.yaml').test('/s/ab.yaml')).toBe(true);
  });

  it('finds files in folders, by glob and by name, sorted and without duplicates', () => {
    expect(findScenarioFiles([dir]).map((f) => f.slice(dir.length + 1))).toEqual([
      'a.scenario.yaml',
      'sub/b.scenario.yaml',
      'sub/deep/c.scenario.yaml',
    ]);
    expect(findScenarioFiles(['sub/*.scenario.yaml', 'a.scenario.yaml', dir], dir)).toHaveLength(3);
    expect(findScenarioFiles(['sub/notes.yaml'], dir)).toEqual([join(dir, 'sub/notes.yaml')]);
  });

  it('refuses a path that does not exist or a glob that matches nothing', () => {
    expect(() => findScenarioFiles(['nope.scenario.yaml'], dir)).toThrow(/no such file or folder: nope/);
    expect(() => findScenarioFiles(['zz/*.scenario.yaml'], dir)).toThrow(/no \*\.scenario\.yaml files match/);
  });

  it('names the folders new scenario files can appear in (what watch mode watches)', () => {
    mkdirSync(join(dir, '.hidden'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    const rel = (dirs: string[]) => dirs.map((d) => d.slice(dir.length) || '/');
    expect(rel(scenarioFolders([dir]))).toEqual(['/', '/sub', '/sub/deep']);
    expect(rel(scenarioFolders(['sub/**/*.scenario.yaml'], dir))).toEqual(['/sub', '/sub/deep']);
    expect(rel(scenarioFolders(['a.scenario.yaml', 'missing', 'missing/*.yaml'], dir))).toEqual(['/']);
  });
});
