/**
 * Where the harness itself lives: the folder holding its package.json. In the repo that is the project folder (the
 * TypeScript sources run from it); in an installed package it is `node_modules/leanix-eic-harness`, whose compiled
 * code sits in `dist/` and whose data files (bundled packages, the scenario schema) sit where they are in the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` holding a package.json (the start itself when there is none). */
export function findPackageRoot(start: string): string {
  for (let dir = start; ; ) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
}

/** The harness's own root folder (see the module comment). */
export const PACKAGE_ROOT = findPackageRoot(dirname(dirname(fileURLToPath(import.meta.url))));

/** The harness's version, from its package.json. */
export function harnessVersion(): string {
  return String(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
}
