/**
 * The bundled scenarios as vitest tests: one describe per scenario file (per variant, for scenarios with variants),
 * one test per step (so they sit in `npm test` and watch mode). Each scenario runs once, in its own fresh fake LeanIX and EIC emulator, before its step tests; a
 * step test fails with the runner's message (diff, exchanges, bindings; secrets redacted). Expectations live in the
 * scenario files; each states which rule of the integration guide / LeanIX reference it checks.
 * `HARNESS_EXCLUDE_TAGS=slow npx vitest run scenarios/` skips the scenarios with those tags (the 10,000-user import).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../harness/scenario/discover.ts';
import { loadScenario } from '../harness/scenario/load.ts';
import { runLoadedScenario, type ScenarioResult } from '../harness/scenario/run.ts';
import { expandVariants, runTitle } from '../harness/scenario/variants.ts';
import { formatDiagnostic } from '../lib/diagnostic.ts';

const files = findScenarioFiles([import.meta.dirname]);
// HARNESS_EXCLUDE_TAGS=slow (comma-separated) leaves those scenarios out, like `harness run --exclude-tag slow`.
const excluded = (process.env.HARNESS_EXCLUDE_TAGS ?? '')
  .split(',')
  .map((t) => t.trim().toLowerCase())
  .filter((t) => t !== '');

for (const file of files)
  for (const loaded of expandVariants(await loadScenario(file))) {
    const skip = (loaded.scenario.tags ?? []).some((t) => excluded.includes(t.toLowerCase()));
    const title = runTitle({ name: loaded.scenario.name, variant: loaded.variant });
    describe.skipIf(skip)(`${title} (${file.slice(import.meta.dirname.length + 1)})`, () => {
      let result: ScenarioResult;
      beforeAll(async () => {
        result = await runLoadedScenario(loaded);
      }, 60_000);
      it('sets up its world', () => {
        if (result.error) expect.fail(formatDiagnostic(result.error));
      });
      loaded.scenario.steps.forEach((step, i) => {
        it(step.name, () => {
          const r = result.steps[i];
          if (!r) return expect.fail('not run: the scenario could not start');
          if (r.status === 'skipped') return expect.fail('skipped: an earlier step failed');
          if (r.status === 'failed') expect.fail(r.failure ?? 'failed');
          expect(r.status).toBe('passed');
        });
      });
    });
  }
