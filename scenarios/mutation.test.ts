/**
 * The mutation meta-test: every expectation of every bundled scenario (each variant) is changed into one that
 * contradicts it (harness/scenario/mutate.ts: a value changed, `$absent` flipped, a `$count` raised, `[]` made
 * non-empty, an element dropped from an exact or strict list, an `inOrder` list reversed, ...), and the scenario must
 * then fail. So no bundled expectation can be one that never fails. Each scenario runs once; its mutations are checked
 * after each step against the same outcome and world. Every expectation must be covered by at least one mutation
 * (in at least one variant).
 */
import { describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../harness/scenario/discover.ts';
import { loadScenario } from '../harness/scenario/load.ts';
import { checkMutations } from '../harness/scenario/mutate.ts';
import { expandVariants } from '../harness/scenario/variants.ts';

const files = findScenarioFiles([import.meta.dirname]);

describe('every bundled expectation can fail (mutation check)', () => {
  for (const file of files) {
    it(file.slice(import.meta.dirname.length + 1), async () => {
      const uncovered = new Map<string, boolean>();
      let mutations = 0;
      for (const loaded of expandVariants(await loadScenario(file))) {
        const r = await checkMutations(loaded);
        expect(r.result.status, `${loaded.variant ?? ''} must pass unchanged`).toBe('passed');
        const at = loaded.variant ? ` [${loaded.variant}]` : '';
        expect(
          r.survivors.map((s) => `step "${s.step}"${at} ${s.path}: ${s.description}, and the scenario still passes`),
        ).toEqual([]);
        mutations += r.mutations;
        for (const l of r.leaves) {
          const key = `step "${l.step}" ${l.path}`;
          uncovered.set(key, (uncovered.get(key) ?? true) && !l.covered);
        }
      }
      expect([...uncovered].filter(([, u]) => u).map(([k]) => `${k} is not covered by any mutation`)).toEqual([]);
      if (uncovered.size > 0) expect(mutations).toBeGreaterThan(0);
    }, 60_000);
  }
});
