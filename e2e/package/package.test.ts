/**
 * The package as a connector team gets it (README "Use it in your connector repo"), end to end: `npm pack` (its
 * prepack builds dist/ and the inspector page), then in an empty temporary project, offline from the local npm cache
 * (offline-project.ts says how), with the Node running this test: install; `npx harness --version`; `npx harness
 * init`; `npx harness run` (the scenario init wrote passes); the public API from plain `node`; the types from
 * TypeScript (strict, Node's libs only); a vitest file through `leanix-eic-harness/vitest`; `harness serve` serving the
 * prebuilt inspector page. It also checks what the tarball holds (compiled code, types, data; no tests, sources,
 * bench, e2e, Groovy oracle) and that no build tool is installed with it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { writeOfflineProject } from './offline-project.ts';

const tmp = mkdtempSync(join(tmpdir(), 'harness-pack-'));
const project = join(tmp, 'team-repo');
mkdirSync(project);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(tmp, { recursive: true, force: true });
});

/** The environment without the npm variables of the `npm test` that may be running this file. */
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE_OPTIONS'),
  ),
  NO_COLOR: '1',
};

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command (no shell) with a time limit; resolves with its exit code and output, never rejects. */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : error.killed ? 124 : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Fails with the command's output when it did not exit 0. */
function ok(r: Ran, what: string): Ran {
  if (r.code !== 0)
    expect.fail(`${what} exited ${r.code}${r.code === 124 ? ' (timed out)' : ''}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npx --no` runs the project's own bin and never fetches a package of that name from the registry. */
const npx = (args: string[], timeoutMs = 60_000) => run('npx', ['--no', '--', ...args], project, timeoutMs);

let packed: { filename: string; files: { path: string }[]; entryCount: number; unpackedSize: number };

beforeAll(async () => {
  const pack = ok(
    await run('npm', ['pack', '--json', '--pack-destination', tmp], PROJECT_ROOT, 300_000),
    'npm pack (with its prepack build)',
  );
  packed = JSON.parse(pack.stdout)[0];
  await installOffline(['vitest']); // no msw: the harness runs without it
}, 600_000);

/** Installs the tarball and `extras` into the project, offline; fails saying what the npm cache lacks. */
async function installOffline(extras: string[]): Promise<void> {
  writeOfflineProject(PROJECT_ROOT, join(tmp, packed.filename), project, extras);
  const install = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project, 180_000);
  if (install.code !== 0) {
    const missing = /ENOTCACHED[\s\S]*?request to (\S+)/.exec(install.stderr)?.[1];
    expect.fail(
      missing
        ? `the local npm cache lacks ${missing}: run \`npm ci\` in the repo (it fills the cache with every tarball this test installs), then rerun\n${install.stderr}`
        : `npm ci --offline in the temporary project exited ${install.code}${install.code === 124 ? ' (timed out)' : ''}:\n${install.stderr}`,
    );
  }
}

describe('the packed tarball', () => {
  it('holds compiled JavaScript with types, the data files and the prebuilt page, and nothing of the development', () => {
    const paths = packed.files.map((f) => f.path);
    for (const entry of ['dist/index.js', 'dist/harness/vitest.js', 'dist/mocks/leanix/msw-entry.js'])
      expect(paths).toContain(entry);
    for (const types of ['dist/index.d.ts', 'dist/harness/vitest.d.ts', 'dist/mocks/leanix/msw-entry.d.ts'])
      expect(paths).toContain(types);
    expect(paths).toContain('dist/inspector/page/index.html');
    expect(paths).toContain('scenarios/scenario.schema.json');
    expect(paths).toContain('fixtures/packages/leanix/ConnectionJSON.json');
    expect(paths).toContain('fixtures/token-server/keys/test-rsa-private.pem');
    const unwanted = paths.filter(
      (p) =>
        /\.test\.|(^|\/)(testing|testkit)\.|\.groovy$|testdata|^(bench|e2e)\//.test(p) ||
        (p.endsWith('.ts') && !p.endsWith('.d.ts')) ||
        p.startsWith('inspector/'),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs without a build tool, msw or the self-dependency (msw and vitest are optional peers)', () => {
    const installed = readdirSync(join(project, 'node_modules', 'leanix-eic-harness'));
    expect(installed.sort()).toEqual(['README.md', 'bin', 'dist', 'fixtures', 'package.json', 'scenarios']);
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'leanix-eic-harness', 'package.json'), 'utf8'),
    );
    for (const dep of ['leanix-eic-harness', 'vite', 'preact', 'tsx', 'playwright-core', 'msw', 'vitest'])
      expect(Object.keys(manifest.dependencies)).not.toContain(dep);
    expect(manifest.peerDependenciesMeta).toEqual({ msw: { optional: true }, vitest: { optional: true } });
    // what follows runs without msw (vitest, the project's own, does not bring it)
    expect(existsSync(join(project, 'node_modules', 'msw'))).toBe(false);
  });
});

describe('a connector team project with the harness installed', () => {
  it('npx harness --version prints the package version', async () => {
    const r = ok(await npx(['harness', '--version']), 'harness --version');
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(r.stdout.trim()).toBe(version);
  });

  it('npx harness init scaffolds the project, and a second init skips every file', async () => {
    const r = ok(await npx(['harness', 'init']), 'harness init');
    expect(r.stdout).toMatch(/written\s+scenarios\/first\.scenario\.yaml/);
    const scenario = readFileSync(join(project, 'scenarios', 'first.scenario.yaml'), 'utf8');
    expect(scenario.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/leanix-eic-harness/scenarios/scenario.schema.json',
    );
    expect(existsSync(join(project, 'scenarios', 'tenant.patch.yaml'))).toBe(true);
    expect(existsSync(join(project, 'connector', 'ConnectionJSON.json'))).toBe(true);
    expect(readFileSync(join(project, '.github', 'workflows', 'connector-tests.yml'), 'utf8')).toContain(
      'npx harness run --reporter junit --out reports/',
    );
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({ 'test:connector': 'harness run' });
    expect(pkg.devDependencies['leanix-eic-harness']).toMatch(/^file:/);
    const again = ok(await npx(['harness', 'init']), 'harness init (again)');
    expect(again.stdout).not.toMatch(/^\s+(written|updated)\b/m);
    expect(again.stdout.match(/^\s+skipped\b/gm)?.length).toBe(5);
  });

  it('npx harness run passes the scenario init wrote, and writes a JUnit report', async () => {
    const r = ok(await npx(['harness', 'run', '--reporter', 'junit', '--out', 'reports/']), 'harness run');
    expect(r.stdout).toMatch(/^1 passed, 0 failed/m);
    expect(readFileSync(join(project, 'reports', 'junit.xml'), 'utf8')).toContain('<testsuite');
  });

  it('the public API works from plain node: a fake, an emulator, one import', async () => {
    const script = [
      "const h = await import('leanix-eic-harness');",
      'const fake = await h.createFakeLeanIX({ tenant: h.generateTenant() });',
      'const ws = fake.exportJson().workspaces[0];',
      "const pkg = await h.loadLeanixPackage({ host: 'demo', workspaceId: ws.id, accountId: ws.accountId, apiToken: h.DEMO_API_TOKEN });",
      'const emu = h.createEmulator({ package: pkg, transport: { fetch: fake.fetch, now: fake.clock.now } });',
      'const report = await emu.runAccountImport();',
      'console.log(JSON.stringify({ outcome: report.outcome, read: report.counts.recordsRead, accounts: emu.state.listAccounts().length }));',
    ].join('\n');
    const r = ok(await run(process.execPath, ['--input-type=module', '-e', script], project, 60_000), 'node -e');
    expect(JSON.parse(r.stdout)).toEqual({ outcome: 'completed', read: 41, accounts: 41 });
  });

  it('a vitest file runs the scenarios through leanix-eic-harness/vitest', async () => {
    writeFileSync(
      join(project, 'connector.test.ts'),
      "import { describeScenarios } from 'leanix-eic-harness/vitest';\n\nawait describeScenarios('scenarios');\n",
    );
    const r = ok(await npx(['vitest', 'run', 'connector.test.ts'], 120_000), 'vitest run');
    expect(`${r.stdout}${r.stderr}`).toMatch(/Tests\s+11 passed \(11\)/);
  });

  it('harness serve serves the inspector page prebuilt into the package, without building it', async () => {
    const child = spawn(process.execPath, ['node_modules/.bin/harness', 'serve', '--port', '0'], { cwd: project, env });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner from harness serve:\n${out}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
    });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Harness inspector</title>');
    // a page built on demand would sit in the package's .harness-out/ (inspector/server/static.ts)
    expect(existsSync(join(project, 'node_modules', 'leanix-eic-harness', '.harness-out'))).toBe(false);
    child.kill();
  });
});

describe('with msw (an optional peer) installed too, and TypeScript', () => {
  beforeAll(() => installOffline(['vitest', 'msw', 'typescript', '@types/node']), 300_000);

  it('leanix-eic-harness/msw gives msw handlers for the fake and the token server', async () => {
    const script = [
      "const h = await import('leanix-eic-harness/msw');",
      "const { setupServer } = await import('msw/node');",
      'const fake = await h.createFakeLeanIX();',
      'const tokens = h.createTokenServer();',
      'const server = setupServer(...h.createMswHandlers(fake.handle), ...h.tokenServerHandlers(tokens));',
      "server.listen({ onUnhandledRequest: 'error' });",
      "const lx = await fetch('https://acme.leanix.net/services/mtm/v1/oauth2/token', { method: 'POST' });",
      "const api = await fetch(tokens.origin + '/api/users');",
      'console.log(JSON.stringify([lx.status, api.status]));',
      'server.close();',
    ].join('\n');
    const r = ok(await run(process.execPath, ['--input-type=module', '-e', script], project, 60_000), 'node -e');
    expect(JSON.parse(r.stdout)).toEqual([401, 401]); // both answered: no credentials given
  });

  it('the types work from TypeScript (strict, Node libs only): a wrong type is an error', async () => {
    writeFileSync(
      join(project, 'api.ts'),
      [
        "import { createEmulator, createFakeLeanIX, type Diagnostic, loadPackage, runScenarios, validatePackage } from 'leanix-eic-harness';",
        "import { createMswHandlers } from 'leanix-eic-harness/msw';",
        "import { describeScenarios } from 'leanix-eic-harness/vitest';",
        'const fake = await createFakeLeanIX();',
        "const pkg = await loadPackage('connector');",
        'const found: Diagnostic[] = validatePackage(pkg);',
        'const emu = createEmulator({ package: pkg, transport: { fetch: fake.fetch, now: fake.clock.now } });',
        'const report = await emu.runAccountImport();',
        "const { summary } = await runScenarios(['scenarios'], { excludeTags: ['slow'] });",
        'const passed: number = summary.passed;',
        '// @ts-expect-error: the outcome is a string',
        'const wrong: number = report.outcome;',
        'console.log(found, passed, wrong, createMswHandlers(fake.handle), describeScenarios);',
        '',
      ].join('\n'),
    );
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        lib: ['ES2023'],
        types: ['node'],
        skipLibCheck: false,
      },
      files: ['api.ts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = await npx(['tsc', '-p', '.'], 120_000);
    // msw's own declarations need the DOM lib (msw documents that): only errors in our files and types count
    const ours = `${r.stdout}${r.stderr}`
      .split('\n')
      .filter((l) => /^(api\.ts|node_modules\/leanix-eic-harness\/)/.test(l));
    expect(ours).toEqual([]);
    expect(r.stdout).not.toMatch(/TS2578/); // an unused @ts-expect-error: the types would be `any`
  });
});
