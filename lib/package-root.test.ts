import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from './package-root.ts';

describe('findPackageRoot', () => {
  it('finds the nearest folder with a package.json above a compiled dist/ folder, or gives the start back', () => {
    const root = mkdtempSync(join(tmpdir(), 'package-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'dist', 'lib'), { recursive: true });
    expect(findPackageRoot(join(root, 'dist'))).toBe(root);
    expect(findPackageRoot(root)).toBe(root);
    expect(findPackageRoot('/')).toBe('/');
  });
});
