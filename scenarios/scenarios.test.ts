/**
 * The bundled scenarios as vitest tests through the public vitest bridge (harness/vitest.ts, published as
 * `leanix-eic-harness/vitest`): one describe per scenario file (per variant, for scenarios with variants), one test per
 * step, so they sit in `npm test` and watch mode. Expectations live in the scenario files; each states which rule of
 * the integration guide / LeanIX reference it checks.
 * `HARNESS_EXCLUDE_TAGS=slow npx vitest run scenarios/` skips the scenarios with those tags (the 10,000-user import).
 */
import { describeScenarios } from '../harness/vitest.ts';

await describeScenarios({ paths: ['.'], cwd: import.meta.dirname });
