/** Test helper: writes a scenario file (demo tenant, corrected package unless `given` says otherwise) and runs it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { loadScenario } from '../load.ts';
import { type RunOptions, runScenarioVariants, type ScenarioResult } from '../run.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-steps-'));
let n = 0;

/** The `given.eic` lines of the corrected package with jnew as identity (indented for `given:`). */
export const CORRECTED_EIC = `  eic:
    package: ${LEANIX_PACKAGE_DIR}
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
`;

/** Writes `text` (a whole scenario) to a new file and runs every variant of it. */
export async function runScenarioText(text: string, options: RunOptions = {}): Promise<ScenarioResult[]> {
  const file = join(dir, `s${++n}.scenario.yaml`);
  writeFileSync(file, text);
  return runScenarioVariants(await loadScenario(file), options);
}

/** The failure texts of a result's steps (empty when it passed). */
export const failures = (r: ScenarioResult) => r.steps.flatMap((s) => (s.failure ? [s.failure] : []));
