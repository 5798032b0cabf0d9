import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankPlaceholders, LEANIX_PUBLISHED_DIR } from '../../fixtures/packages/leanix-published/index.ts';
import { blankedValues } from './blanks.ts';
import { packageFromJsonFile } from './load.ts';
import { applyPatches } from './patch.ts';
import type { PackageAttribute } from './types.ts';

const exportText = readFileSync(join(LEANIX_PUBLISHED_DIR, 'export/Connection_LeanIX.json'), 'utf8');

describe('blankedValues', () => {
  it('finds what the published export blanks, and its patches put the placeholders back exactly', () => {
    const blanked = packageFromJsonFile(blankPlaceholders(exportText), 'Connection_LeanIX.json');
    const found = blankedValues(blanked);
    expect(found.map((b) => [b.what, b.patch.find])).toEqual([
      ['host', 'https://.leanix.net'],
      ['host', 'https:// .leanix.net'],
      ['workspace id in a path', '/workspaces//'],
      ['workspace id in a body', '"workspaceId": ""'],
      ['workspace id in a body', '"workspace": {"id": ""'],
      ['account id in a body', '"account": {"id": ""'],
    ]);
    expect(found[2].attributes).toEqual(['ImportAccountEntJSON']);
    const original = packageFromJsonFile(exportText, 'Connection_LeanIX.json');
    applyPatches(
      blanked.attributes as Record<string, PackageAttribute>,
      found.map((b) => b.patch),
    );
    for (const [name, attr] of Object.entries(original.attributes))
      expect(blanked.attributes[name]?.text).toBe(attr?.text);
  });

  it('finds nothing in a package with its values filled', () => {
    expect(blankedValues(packageFromJsonFile(exportText, 'Connection_LeanIX.json'))).toEqual([]);
  });
});
