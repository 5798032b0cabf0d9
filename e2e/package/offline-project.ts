/**
 * An empty project that installs the packed harness offline, from the local npm cache. `npm install --offline
 * <tarball>` cannot do it: it resolves each dependency's version range through the registry's package document,
 * which `npm ci` never fetches (it installs the versions a lockfile names). So the project gets a lockfile instead,
 * cut from this repo's own: the tarball, plus the entries of the harness's dependencies and of the extra packages
 * (vitest, typescript) with everything they need, where this repo's tree has them. `npm ci --offline` then takes every
 * tarball from the cache that this repo's `npm ci` filled, as a team's CI takes them from its own lockfile.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/** Where `name` resolves from the lock entry at `location`, as Node's lookup climbs node_modules folders. */
function resolveIn(packages: Record<string, LockEntry>, location: string, name: string): string | undefined {
  for (let at = location; ; ) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!at) return undefined;
    const i = at.lastIndexOf('/node_modules/');
    at = i < 0 ? '' : at.slice(0, i);
  }
}

/** The lock entries `roots` need (dependencies, optional ones the tree has, required peers), by location. */
export function lockClosure(packages: Record<string, LockEntry>, roots: readonly string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (location: string) => {
    if (out[location]) return;
    const entry = packages[location];
    out[location] = entry;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...peers]) {
      const at = resolveIn(packages, location, name);
      if (!at) throw new Error(`the repo's package-lock.json has no ${name} for ${location}`);
      visit(at);
    }
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const at = resolveIn(packages, location, name);
      if (at) visit(at);
    }
  };
  for (const root of roots) {
    const at = resolveIn(packages, '', root);
    if (!at) throw new Error(`the repo's package-lock.json has no ${root}`);
    visit(at);
  }
  return out;
}

/**
 * Writes package.json and package-lock.json into `dir` for a project whose devDependencies are the tarball (copied
 * beside them) and `extras` at this repo's versions. Returns the devDependencies.
 */
export function writeOfflineProject(repo: string, tarball: string, dir: string, extras: readonly string[]) {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const packages: Record<string, LockEntry> = lock.packages;
  const name = basename(tarball);
  copyFileSync(tarball, join(dir, name));
  const devDependencies: Record<string, string> = { [manifest.name]: `file:${name}` };
  for (const extra of extras) devDependencies[extra] = String(packages[`node_modules/${extra}`]?.version);
  const entries: Record<string, LockEntry> = {
    '': { name: 'team-repo', devDependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${name}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      dev: true,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
    },
  };
  const needed = lockClosure(packages, [...Object.keys(manifest.dependencies ?? {}), ...extras]);
  for (const [location, { dev: _dev, devOptional: _devOptional, ...entry }] of Object.entries(needed))
    entries[location] = { ...entry, dev: true };
  const pkg = { name: 'team-repo', private: true, type: 'module', devDependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const projectLock = { name: 'team-repo', lockfileVersion: 3, requires: true, packages: entries };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(projectLock, null, 2)}\n`);
  return devDependencies;
}
