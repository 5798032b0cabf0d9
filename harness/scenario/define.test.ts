import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { defineScenario } from './define.ts';
import { runLoadedScenario } from './run.ts';

describe('defineScenario', () => {
  it('checks a TypeScript scenario and runs it like a YAML one', async () => {
    const s = defineScenario({
      name: 'validate from TS',
      given: { leanix: { tenant: 'demo' }, eic: { package: LEANIX_PACKAGE_DIR, fillPlaceholders: true } },
      steps: [{ name: 'validate', validate: null, expect: { diagnostics: [{ severity: 'error', $count: 0 }] } }],
    });
    const r = await runLoadedScenario(s);
    expect(r.steps.map((x) => x.failure ?? x.status)).toEqual(['passed']);
  });

  it('names the JSON path of a mistake', () => {
    expect(() =>
      defineScenario({ name: 'x', given: {}, steps: [{ name: 's', clock: { advance: 'soon' } }] }, { file: 'x.ts' }),
    ).toThrow(
      expect.objectContaining({ code: 'scenario.schema', location: expect.objectContaining({ file: 'x.ts' }) }),
    );
  });
});
