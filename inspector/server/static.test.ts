import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../lib/diagnostic.ts';
import {
  createPageMount,
  ensureInspectorBuilt,
  hashWebSources,
  PAGE_CSP,
  PREBUILT_DIR,
  pruneBuilds,
} from './static.ts';

const tmp = mkdtempSync(join(tmpdir(), 'inspector-static-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A minimal page source folder (no vite config: Vite's defaults). */
function webSource(script = 'document.title = "tiny";'): string {
  const dir = join(tmp, `web-${++n}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/src/main.ts"></script></body></html>',
  );
  writeFileSync(join(dir, 'src', 'main.ts'), script);
  return dir;
}

const get = (mount: ReturnType<typeof createPageMount>, path: string, method = 'GET') =>
  mount.handler(new Request(`http://127.0.0.1${path}`, { method }));

describe('hashWebSources', () => {
  it('is stable for the same sources and changes with a file content or a file name', async () => {
    const dir = webSource();
    const h1 = await hashWebSources(dir);
    expect(h1).toMatch(/^[0-9a-f]{16}$/);
    expect(await hashWebSources(dir)).toBe(h1);
    writeFileSync(join(dir, 'src', 'main.ts'), 'document.title = "changed";');
    const h2 = await hashWebSources(dir);
    expect(h2).not.toBe(h1);
    writeFileSync(join(dir, 'src', 'extra.css'), '');
    expect(await hashWebSources(dir)).not.toBe(h2);
  });

  it('changes with a shared source the page bundles from outside its folder (lib/diagnostic.ts)', async () => {
    const dir = webSource();
    const shared = join(tmp, `shared-${++n}.ts`);
    writeFileSync(shared, 'export const a = 1;');
    const h = await hashWebSources(dir, [shared]);
    expect(h).not.toBe(await hashWebSources(dir, []));
    writeFileSync(shared, 'export const a = 2;');
    expect(await hashWebSources(dir, [shared])).not.toBe(h);
  });

  it('ignores node_modules and dot folders', async () => {
    const dir = webSource();
    const h = await hashWebSources(dir);
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'a.js'), '1');
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'cache'), '1');
    expect(await hashWebSources(dir)).toBe(h);
  });
});

describe('ensureInspectorBuilt', () => {
  it('builds into <cache>/<hash>/ once and reuses the folder while the sources are unchanged', async () => {
    const dir = webSource();
    const cacheDir = join(tmp, 'cache-reuse');
    const out = await ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' });
    expect(out).toBe(join(cacheDir, await hashWebSources(dir)));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const script = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(readFileSync(join(out, 'assets', script!), 'utf8')).toContain('tiny');
    writeFileSync(join(out, 'marker'), 'kept');
    expect(await ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' })).toBe(out);
    expect(existsSync(join(out, 'marker'))).toBe(true);

    writeFileSync(join(dir, 'src', 'main.ts'), 'document.title = "second";');
    const out2 = await ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' });
    expect(out2).not.toBe(out);
    expect(
      readdirSync(join(out2, 'assets')).some((f) => readFileSync(join(out2, 'assets', f), 'utf8').includes('second')),
    ).toBe(true);
  });

  it('keeps only the newest builds of the cache folder and drops stale temporary folders', async () => {
    const cacheDir = join(tmp, 'cache-prune');
    const names = ['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004'];
    names.forEach((name, i) => {
      mkdirSync(join(cacheDir, name), { recursive: true });
      const t = new Date(Date.UTC(2025, 0, 1 + i));
      utimesSync(join(cacheDir, name), t, t);
    });
    mkdirSync(join(cacheDir, 'dev'));
    const now = Date.UTC(2025, 0, 10);
    const tmpDir = (name: string, t: number) => {
      mkdirSync(join(cacheDir, name));
      utimesSync(join(cacheDir, name), new Date(t), new Date(t));
    };
    tmpDir('0000000000000005.tmp-1-aa', now - 60 * 60_000); // left by a crashed build
    tmpDir('0000000000000005.tmp-2-bb', now - 1000); // another worker building right now
    await pruneBuilds(cacheDir, 2, now);
    expect(readdirSync(cacheDir).sort()).toEqual([
      '0000000000000003',
      '0000000000000004',
      '0000000000000005.tmp-2-bb',
      'dev',
    ]);
  });

  it('gives concurrent callers the same folder and leaves no temporary folders', async () => {
    const dir = webSource();
    const cacheDir = join(tmp, 'cache-concurrent');
    const [a, b] = await Promise.all([
      ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' }),
      ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' }),
    ]);
    expect(a).toBe(b);
    expect(readdirSync(cacheDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('reports a failing build as inspector.build and cleans up', async () => {
    const dir = webSource();
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><body><script type="module" src="/src/missing.ts"></script></body></html>',
    );
    const cacheDir = join(tmp, 'cache-fail');
    const err = await ensureInspectorBuilt({ webDir: dir, cacheDir, dist: '' }).catch((e) => e);
    expect(isHarnessError(err)).toBe(true);
    expect(err.code).toBe('inspector.build');
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it('uses a prebuilt folder given as dist (HARNESS_INSPECTOR_DIST) and rejects one without index.html', async () => {
    const prebuilt = join(tmp, 'prebuilt');
    mkdirSync(prebuilt);
    const err = await ensureInspectorBuilt({ dist: prebuilt }).catch((e) => e);
    expect(err.code).toBe('inspector.dist');
    writeFileSync(join(prebuilt, 'index.html'), '<!doctype html>');
    expect(await ensureInspectorBuilt({ dist: prebuilt })).toBe(prebuilt);
  });

  it('serves the page prebuilt into the package when it has an index.html, without building', async () => {
    const prebuilt = join(tmp, 'packaged-page');
    mkdirSync(prebuilt);
    // a web folder that cannot build: had it been built, the call would fail
    const broken = webSource('this is not JavaScript (');
    const cacheDir = join(tmp, 'cache-prebuilt');
    const err = await ensureInspectorBuilt({ webDir: broken, cacheDir, dist: '', prebuilt }).catch((e) => e);
    expect(err.code).toBe('inspector.build');
    writeFileSync(join(prebuilt, 'index.html'), '<!doctype html>');
    expect(await ensureInspectorBuilt({ webDir: broken, cacheDir, dist: '', prebuilt })).toBe(prebuilt);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it('has no prebuilt page beside the sources, so the repo builds from them', () => {
    expect(existsSync(join(PREBUILT_DIR, 'index.html'))).toBe(false);
  });

  it('builds the real page: titled "Harness inspector", a script and a stylesheet under /assets/', async () => {
    const out = await ensureInspectorBuilt({ cacheDir: join(tmp, 'cache-real'), dist: '' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<title>Harness inspector</title>');
    expect(html).toMatch(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
    expect(html).toMatch(/<link rel="stylesheet"[^>]*href="\/assets\/[^"]+\.css"/);
  });
});

describe('createPageMount', () => {
  const root = join(tmp, 'mount');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app-1.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside assets');
  const mount = createPageMount(root);

  it('matches the page paths only', () => {
    expect(['/', '/index.html', '/assets/app-1.js'].map(mount.match)).toEqual([true, true, true]);
    expect(['/__harness/state', '/services/mtm/v1/users', '/secret.txt', '/favicon.ico'].map(mount.match)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('serves index.html at / and /index.html uncached, with a content security policy', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(mount, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(await res.text()).toContain('<title>page</title>');
    }
  });

  it('serves assets with their content type and an immutable cache', async () => {
    const js = await get(mount, '/assets/app-1.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await get(mount, '/assets/app-1.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await get(mount, '/assets/app-1.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await head.text()).toBe('');
    const post = await get(mount, '/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside assets/ (traversal, encoded or not) and 404s unknown assets', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/',
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/%2E%2E%2Fsecret.txt',
      '/assets/..%5csecret.txt',
      '/assets/%00app-1.js',
      '/assets//etc/passwd',
    ]) {
      const res = await mount.handler(new Request(`http://127.0.0.1${path}`));
      expect([400, 404], path).toContain(res.status);
      expect(await res.text()).not.toContain('outside assets');
    }
  });
});
