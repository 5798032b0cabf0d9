/**
 * Finds scenario files from command-line arguments: a file, a folder (every `*.scenario.yaml` below it) or a glob
 * (`*` within a path segment, `**` across segments, `?` one character). Sorted, without duplicates.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { HarnessError } from '../../lib/diagnostic.ts';

/** The default pattern when no path is given. */
export const DEFAULT_SCENARIO_GLOB = 'scenarios/**/*.scenario.yaml';

function walk(dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Converts a glob to a regular expression over absolute paths with `/` separators. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const toPosix = (p: string) => p.split(sep).join('/');

/** The folder of an absolute glob (with `/` separators) before its first wildcard. */
export const globBase = (pattern: string) => pattern.slice(0, pattern.search(/[*?]/)).replace(/\/[^/]*$/, '') || '/';

function walkDirs(dir: string, out: string[]): void {
  out.push(dir);
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries)
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walkDirs(join(dir, e.name), out);
}

/**
 * The folders in which new scenario files for these arguments can appear (watch mode watches them): a file's folder,
 * a folder and its sub-folders, a glob's folder before its first wildcard and its sub-folders; the same folders
 * findScenarioFiles walks. Folders that do not exist are left out.
 */
export function scenarioFolders(args: readonly string[], cwd = process.cwd()): string[] {
  const out: string[] = [];
  for (const arg of args.length > 0 ? args : [DEFAULT_SCENARIO_GLOB]) {
    const abs = resolve(cwd, arg);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (st?.isFile()) out.push(dirname(abs));
    else if (st?.isDirectory()) walkDirs(abs, out);
    else if (/[*?]/.test(arg)) {
      const base = globBase(toPosix(abs));
      if (statSync(base, { throwIfNoEntry: false })?.isDirectory()) walkDirs(base, out);
    }
  }
  return [...new Set(out)].sort();
}

/** Resolves arguments (files, folders, globs) to scenario files; throws HarnessError when one matches nothing. */
export function findScenarioFiles(args: readonly string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  for (const arg of args.length > 0 ? args : [DEFAULT_SCENARIO_GLOB]) {
    const abs = resolve(cwd, arg);
    const st = statSync(abs, { throwIfNoEntry: false });
    const before = found.size;
    if (st?.isFile()) found.add(abs);
    else if (st?.isDirectory()) {
      const files: string[] = [];
      walk(abs, files);
      for (const f of files) if (f.endsWith('.scenario.yaml') || f.endsWith('.scenario.yml')) found.add(f);
    } else if (/[*?]/.test(arg)) {
      const pattern = toPosix(abs);
      const base = globBase(pattern);
      const re = globToRegExp(pattern);
      const files: string[] = [];
      walk(base, files);
      for (const f of files) if (re.test(toPosix(f))) found.add(f);
    } else throw new HarnessError('run.not-found', `no such file or folder: ${arg}`, { file: arg });
    if (found.size === before && !st?.isFile())
      throw new HarnessError('run.no-scenarios', `no *.scenario.yaml files match ${arg}`, { file: arg });
  }
  return [...found].sort();
}
