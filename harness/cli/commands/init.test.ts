import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { isHarnessError } from '../../../lib/diagnostic.ts';
import { loadPackage } from '../../package/index.ts';
import { parsePatchDocument } from '../../package/patch.ts';
import { runScenarioFile } from '../../scenario/run.ts';
import { runCaptured } from '../testing.ts';
import { initProject, openPlaceholders, patchTemplate, withNpmScript } from './init.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'harness-init-'));

describe('withNpmScript', () => {
  it('adds the script and keeps every other key, their order, the indentation and CRLF line ends', () => {
    const text = '{\r\n\t"name": "x",\r\n\t"scripts": { "test": "vitest" },\r\n\t"private": true\r\n}\r\n';
    const out = withNpmScript(text, 'package.json') ?? '';
    expect(JSON.parse(out)).toEqual({
      name: 'x',
      scripts: { test: 'vitest', 'test:connector': 'harness run' },
      private: true,
    });
    expect(Object.keys(JSON.parse(out))).toEqual(['name', 'scripts', 'private']);
    expect(out).toContain('\r\n\t"name"');
    expect(out.endsWith('}\r\n')).toBe(true);
  });

  it('leaves a package.json with the script alone, and refuses one that is not a JSON object', () => {
    expect(withNpmScript('{"scripts":{"test:connector":"mine"}}', 'p')).toBeUndefined();
    for (const bad of ['{"name": ', '[1]', '{"scripts": "x"}']) {
      const e = (() => {
        try {
          return withNpmScript(bad, 'package.json');
        } catch (err) {
          return err;
        }
      })();
      expect(isHarnessError(e) && e.code).toBe('init.package-json');
    }
  });
});

describe('patchTemplate', () => {
  it('lists the open placeholders as patches that change nothing until a value is written, and loads as a patch file', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    pkg.attributes.ConnectionJSON!.json = { url: 'https://@HOST_URL@/x', token: '<host>' };
    const open = await openPlaceholders(pkg);
    expect(open).toEqual([{ text: '@HOST_URL@', attributes: ['ConnectionJSON'] }]); // <host> is fillPlaceholders'
    const { parse } = await import('yaml');
    const patches = parsePatchDocument(parse(patchTemplate(pkg, open)), 'tenant.patch.yaml');
    expect(patches).toEqual([{ find: '@HOST_URL@', with: '@HOST_URL@' }]);
    expect(parsePatchDocument(parse(patchTemplate(pkg, [])), 'p')).toEqual([]);
  });
});

describe('initProject', () => {
  it('scaffolds a project whose first scenario passes with the bundled package, and never overwrites a file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), '{\n  "name": "team"\n}\n');
    const first = await initProject(dir);
    expect(first.entries.map((e) => `${e.status} ${e.path}`)).toEqual([
      'written connector/',
      'written scenarios/tenant.patch.yaml',
      'written scenarios/first.scenario.yaml',
      'updated package.json',
      'written .github/workflows/connector-tests.yml',
    ]);
    expect(first.errors).toEqual([]);
    const result = await runScenarioFile(join(dir, 'scenarios', 'first.scenario.yaml'));
    expect(result.steps.filter((s) => s.status !== 'passed')).toEqual([]);
    expect(result.steps.length).toBeGreaterThan(5);

    writeFileSync(join(dir, 'scenarios', 'tenant.patch.yaml'), 'replace: []  # mine\n');
    const again = await initProject(dir);
    expect(again.entries.map((e) => e.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(readFileSync(join(dir, 'scenarios', 'tenant.patch.yaml'), 'utf8')).toBe('replace: []  # mine\n');
  });

  it("with --package: the team's package, its errors reported (the validate step then fails), no copy", async () => {
    const dir = tmp();
    const own = join(dir, 'json');
    cpSync(LEANIX_PACKAGE_DIR, own, { recursive: true, filter: (f) => !f.endsWith('.ts') });
    const conn = join(own, 'ConnectionJSON.json');
    writeFileSync(conn, readFileSync(conn, 'utf8').replace('https://<host>.leanix.net', 'https://@HOST_URL@'));
    const r = await initProject(dir, { package: own });
    expect(existsSync(join(dir, 'connector'))).toBe(false);
    expect(r.placeholders.map((p) => p.text)).toEqual(['@HOST_URL@']);
    expect(r.errors.length).toBeGreaterThan(0);
    const scenario = readFileSync(join(dir, 'scenarios', 'first.scenario.yaml'), 'utf8');
    expect(scenario).toContain('package: "../json"');
    expect(existsSync(join(dir, 'package.json'))).toBe(true); // created with the script
    const result = await runScenarioFile(join(dir, 'scenarios', 'first.scenario.yaml'));
    expect(result.steps[0]).toMatchObject({ name: 'validate the package', status: 'failed' });
  });

  it('refuses a file as the folder and a package that does not exist (exit 2 from the CLI)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), '');
    expect((await initProject(join(dir, 'f')).catch((e) => e)).code).toBe('init.dir');
    mkdirSync(join(dir, 'p'));
    const r = await runCaptured(['init', join(dir, 'p'), '--package', join(dir, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('init.package');
  });
});
