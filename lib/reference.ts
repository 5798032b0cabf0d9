/** Locates `../shared/reference/` (beside the project root) for tests that read the reference material. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './package-root.ts';

/** The project root (the folder holding package.json; see lib/package-root.ts). */
export const PROJECT_ROOT = PACKAGE_ROOT;

/** Absolute path of the reference folder; override with HARNESS_REFERENCE_DIR. */
export const REFERENCE_DIR = process.env.HARNESS_REFERENCE_DIR ?? resolve(PROJECT_ROOT, '..', 'shared', 'reference');

/** True when the reference folder is present (tests that need it skip otherwise). */
export const hasReference = existsSync(REFERENCE_DIR);

/** Message to print when a test is skipped for want of the reference folder. */
export const NO_REFERENCE = `skipped: reference folder not found at ${REFERENCE_DIR} (set HARNESS_REFERENCE_DIR)`;

/** Path of a file or folder inside the reference folder. */
export function referencePath(...parts: string[]): string {
  return join(REFERENCE_DIR, ...parts);
}
