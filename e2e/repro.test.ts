/**
 * `harness repro` end to end through the CLI entry: a customer's export (as EIC writes it, values blanked) becomes a
 * case folder whose patch file fills the blanks, whose scenario is valid per the scenario schema and runs as written
 * against the demo tenant (failing where the customer's package fails), and whose defects are listed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { blankPlaceholders, LEANIX_PUBLISHED_DIR } from '../fixtures/packages/leanix-published/index.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';
import { readPatchFile } from '../harness/package/index.ts';
import { loadScenario } from '../harness/scenario/load.ts';
import { runScenarioFile } from '../harness/scenario/run.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../lib/reference.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-repro-'));
/** An export as EIC writes it: the fixture's placeholders blanked again. */
const blankedExport = (from: string, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, blankPlaceholders(readFileSync(from, 'utf8')));
  return file;
};
const published = blankedExport(join(LEANIX_PUBLISHED_DIR, 'export/Connection_LeanIX.json'), 'Connection_LeanIX.json');
const corrected = blankedExport(join(LEANIX_PACKAGE_DIR, 'export/Connection_leanix.json'), 'Connection_leanix.json');

describe('harness repro', () => {
  it("scaffolds the published package's case: defects listed, blanks patched, a scenario that runs and fails where the customer's does", async () => {
    const out = join(dir, 'case-published');
    const r = await cli(['repro', published, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('url.blank-host'); // the defects of the export as sent
    expect(r.out).toContain('body.invalid-json');
    expect(r.out).toMatch(/customer\.patch\.yaml +fills 6 blanked value\(s\)/);
    expect(r.out).toContain('✗ access import');
    expect(existsSync(join(out, 'Connection_LeanIX.json'))).toBe(true);

    const patches = await readPatchFile(join(out, 'customer.patch.yaml'));
    expect(patches).toEqual(
      expect.arrayContaining([
        { find: 'https://.leanix.net', with: 'https://<host>.leanix.net' },
        { find: 'https:// .leanix.net', with: 'https:// <host>.leanix.net' },
        { find: '/workspaces//', with: '/workspaces/<workspaceId>/' },
        { find: '"account": {"id": ""', with: '"account": {"id": "<accountId>"' },
      ]),
    );

    const loaded = await loadScenario(join(out, 'case.scenario.yaml')); // valid per the scenario schema
    expect(loaded.scenario.steps.map((s) => s.name)).toEqual([
      'validate the package',
      'account import',
      'access import',
      'NEWACCOUNT',
      'ADDACCESS',
      'REMOVEACCESS',
      'ENABLEACCOUNT',
      'REMOVEACCOUNT',
    ]);
    const result = await runScenarioFile(join(out, 'case.scenario.yaml'));
    expect(result.status).toBe('failed');
    // keepGoing: every step runs, so the first run shows each of the published package's defects, not only the first
    expect(result.steps.map((s) => s.status)).toEqual([
      'passed',
      'passed',
      'failed',
      'passed',
      'passed',
      'failed',
      'failed',
      'failed',
    ]);
    // the published URL with a space: the customer's own defect, not a blank
    expect(result.steps[2].error?.code).toBe('call.bad-url');
    // RemoveAccessJSON's body is not JSON; EnableAccountJSON sends role "null"
    expect(result.steps[5].failure).toContain('malformed JSON');
    expect(result.steps[6].failure).toContain('"role": "null"');
  });

  it('scaffolds a case for the corrected package whose every step passes as written, and runs with harness run', async () => {
    const out = join(dir, 'case-corrected');
    const r = await cli(['repro', corrected, '--out', out, '--no-run']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('run once against the demo tenant');
    const run = await cli(['run', join(out, 'case.scenario.yaml')]);
    expect(run.out).toContain('1 passed, 0 failed');
    for (const step of ['NEWACCOUNT', 'UPDATEACCOUNT', 'ADDACCESS', 'REMOVEACCESS', 'DISABLEACCOUNT', 'REMOVEACCOUNT'])
      expect(run.out).toContain(`✓ ${step}`);
    expect(run.code).toBe(0);
  });

  it.skipIf(!hasReference)(
    hasReference ? "Saviynt's transport zip: the encrypted ConnectionJSON gets a plaintext stand-in" : NO_REFERENCE,
    async () => {
      const out = join(dir, 'case-zip');
      const r = await cli(['repro', referencePath('packages', 'LeanIX', 'LeanIX.zip'), '--out', out]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('package.connection-encrypted');
      expect(r.out).toContain('ConnectionJSON.json  the export');
      const scenario = readFileSync(join(out, 'case.scenario.yaml'), 'utf8');
      expect(scenario).toContain('connectionJson: ConnectionJSON.json');
      expect((await runScenarioFile(join(out, 'case.scenario.yaml'))).steps[1].status).toBe('passed');
    },
  );

  it('refuses a missing export, a case folder that is not empty and a device as ConnectionJSON (exit 2)', async () => {
    const missing = await cli(['repro', join(dir, 'nope.json'), '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('package.not-found');
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const r = await cli(['repro', corrected, '--out', full]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('repro.out');
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('mine');
    const device = await cli(['repro', corrected, '--out', join(dir, 'dev'), '--connection', '/dev/zero']);
    expect(device.code).toBe(2);
    expect(device.err).toContain('file.not-regular');
  });
});
