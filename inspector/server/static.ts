/**
 * The inspector page's static files. The installed package ships the page prebuilt (`dist/inspector/page/`, written
 * by `npm run build` beside the compiled server, so it never needs Vite at run time); in the repo, where the server runs
 * from its sources and no such folder sits beside them, `ensureInspectorBuilt` builds inspector/web with Vite into
 * `.harness-out/inspector/<hash>/` (hash of the page's sources and the versions of Vite and Preact), so an unchanged
 * page is built once and reused; `createPageMount` serves that folder at `/`, `/index.html` and `/assets/*`.
 * The files carry no data, so they are served without the admin token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HarnessError } from '../../lib/diagnostic.ts';
import { PROJECT_ROOT } from '../../lib/reference.ts';

/** The page's source folder (inspector/web). */
export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** Where built pages are cached, one folder per source hash. */
export const BUILD_CACHE_DIR = join(PROJECT_ROOT, '.harness-out', 'inspector');

/** Environment variable naming a prebuilt page folder (skips hashing and building). */
export const DIST_ENV = 'HARNESS_INSPECTOR_DIST';

/**
 * The page prebuilt into the package: `inspector/page` beside this module's folder. Only the compiled server
 * (`dist/inspector/server/static.js`) has one; beside the sources (`inspector/server/static.ts`) it never exists, so a
 * stale `dist/` in the repo is not served.
 */
export const PREBUILT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'page');

/** Options of ensureInspectorBuilt (defaults: the project's page and cache). */
export interface BuildPageOptions {
  webDir?: string;
  cacheDir?: string;
  /** A prebuilt folder; defaults to `process.env.HARNESS_INSPECTOR_DIST`. */
  dist?: string;
  /** The page prebuilt into the package, used when it holds an index.html (default PREBUILT_DIR). */
  prebuilt?: string;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.vite']);

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...(await listFiles(full, base)));
    } else if (entry.isFile() && !entry.name.includes('.timestamp-')) {
      out.push(relative(base, full).split(sep).join('/'));
    }
  }
  return out;
}

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

/** Files outside inspector/web whose code the page bundles (value imports; type-only imports are erased). */
export const SHARED_PAGE_SOURCES = [join(PROJECT_ROOT, 'lib', 'diagnostic.ts')];

/**
 * Hash of the page's sources: relative paths and contents, plus the shared sources it bundles and the Vite and
 * Preact versions (16 hex digits).
 */
export async function hashWebSources(webDir: string = WEB_DIR, shared = SHARED_PAGE_SOURCES): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`vite@${packageVersion('vite')}\0preact@${packageVersion('preact')}\0`);
  const files = [
    ...(await listFiles(webDir)).sort().map((f) => ({ name: f, path: join(webDir, f) })),
    ...shared.map((f) => ({ name: relative(PROJECT_ROOT, f).split(sep).join('/'), path: f })),
  ];
  for (const { name, path } of files) {
    hash.update(`${name}\0`);
    hash.update(await readFile(path));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Returns the folder of the built page, building it first when the sources changed. Safe to call from several
 * processes at once: each builds into its own temporary folder and renames it into place; the first rename wins.
 */
export async function ensureInspectorBuilt(options: BuildPageOptions = {}): Promise<string> {
  const dist = options.dist ?? process.env[DIST_ENV];
  if (dist) {
    const dir = resolve(dist);
    if (!existsSync(join(dir, 'index.html')))
      throw new HarnessError(
        'inspector.dist',
        `${DIST_ENV} points at a folder without index.html: ${dir}`,
        { file: dir },
        'build the page with `npm run inspector:build` or unset the variable',
      );
    return dir;
  }
  const prebuilt = resolve(options.prebuilt ?? PREBUILT_DIR);
  if (existsSync(join(prebuilt, 'index.html'))) return prebuilt;
  const webDir = resolve(options.webDir ?? WEB_DIR);
  const cacheDir = resolve(options.cacheDir ?? BUILD_CACHE_DIR);
  const outDir = join(cacheDir, await hashWebSources(webDir));
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  let pending = inFlight.get(outDir);
  if (!pending) {
    pending = buildInto(webDir, outDir).finally(() => inFlight.delete(outDir));
    inFlight.set(outDir, pending);
  }
  return pending;
}

async function buildInto(webDir: string, outDir: string): Promise<string> {
  const tmp = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const { build } = await import('vite');
    const configFile = join(webDir, 'vite.config.ts');
    // Importing the config module (instead of letting Vite bundle it) keeps temp files out of the source folder.
    const config = existsSync(configFile) ? (await import(pathToFileURL(configFile).href)).default : {};
    await build({
      ...config,
      configFile: false,
      root: webDir,
      logLevel: 'silent',
      build: { ...config.build, outDir: tmp, emptyOutDir: true },
    });
    if (!existsSync(join(tmp, 'index.html'))) throw new Error('the build wrote no index.html');
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw new HarnessError(
      'inspector.build',
      `cannot build the inspector page: ${e instanceof Error ? e.message : String(e)}`,
      { file: relative(PROJECT_ROOT, webDir) || '.' },
      `set ${DIST_ENV} to a prebuilt folder to skip the build`,
    );
  }
  try {
    await rename(tmp, outDir);
  } catch (e) {
    // Another worker renamed its build into place first: use that one.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(join(outDir, 'index.html'))) throw e;
  }
  await pruneBuilds(dirname(outDir), KEEP_BUILDS).catch(() => undefined);
  return outDir;
}

/** Built pages kept in the cache (the newest by modification time); older ones are removed after a build. */
export const KEEP_BUILDS = 3;

/** Temporary build folders older than this are left over from a crashed build and removed. */
const STALE_TMP_MS = 10 * 60_000;

/**
 * Removes all but the `keep` newest page builds (16-hex-digit folders) of a cache folder, and temporary build
 * folders older than ten minutes (a build that crashed).
 */
export async function pruneBuilds(cacheDir: string, keep: number, now = Date.now()): Promise<void> {
  const entries = (await readdir(cacheDir, { withFileTypes: true })).filter((e) => e.isDirectory());
  const withTimes = await Promise.all(
    entries.map(async (e) => ({
      name: e.name,
      dir: join(cacheDir, e.name),
      mtime: (await stat(join(cacheDir, e.name))).mtimeMs,
    })),
  );
  const builds = withTimes.filter((b) => /^[0-9a-f]{16}$/.test(b.name)).sort((a, b) => b.mtime - a.mtime);
  const stale = withTimes.filter((b) => /^[0-9a-f]{16}\.tmp-/.test(b.name) && now - b.mtime > STALE_TMP_MS);
  for (const { dir } of [...builds.slice(keep), ...stale]) await rm(dir, { recursive: true, force: true });
}

/** Serves the built page: `match(path)` says whether a path is the page's, `handler(req)` answers it. */
export interface PageMount {
  match(path: string): boolean;
  handler(req: Request): Promise<Response>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's Content-Security-Policy: only its own scripts and styles; API calls to the same origin. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...COMMON_HEADERS, ...headers },
  });
}

/** A mount serving the built page in `dir` (index.html uncached, hashed assets cached for good). */
export function createPageMount(dir: string): PageMount {
  const root = resolve(dir);
  const assetsRoot = join(root, 'assets');
  const cache = new Map<string, Uint8Array>();

  const read = async (file: string): Promise<Uint8Array | null> => {
    const hit = cache.get(file);
    if (hit) return hit;
    try {
      const bytes = new Uint8Array(await readFile(file));
      cache.set(file, bytes);
      return bytes;
    } catch {
      return null;
    }
  };

  const isPagePath = (path: string) => path === '/' || path === '/index.html' || path.startsWith('/assets/');

  return {
    match: isPagePath,
    async handler(req) {
      const method = req.method.toUpperCase();
      const path = new URL(req.url).pathname;
      if (!isPagePath(path)) return plain(404, 'not found');
      if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
      let file: string;
      let cacheControl: string;
      if (path.startsWith('/assets/')) {
        let name: string;
        try {
          name = decodeURIComponent(path.slice('/assets/'.length));
        } catch {
          return plain(400, 'bad path');
        }
        if (!name || name.includes('\0') || name.includes('\\') || name.split('/').some((s) => s === '..' || s === ''))
          return plain(404, 'not found');
        file = resolve(assetsRoot, name);
        if (!file.startsWith(assetsRoot + sep)) return plain(404, 'not found');
        cacheControl = 'public, max-age=31536000, immutable';
      } else {
        file = join(root, 'index.html');
        cacheControl = 'no-cache';
      }
      const bytes = await read(file);
      if (!bytes) return plain(404, 'not found');
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(bytes.byteLength),
        'cache-control': cacheControl,
        ...COMMON_HEADERS,
      };
      if (file.endsWith('.html')) headers['content-security-policy'] = PAGE_CSP;
      return new Response(method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
    },
  };
}
