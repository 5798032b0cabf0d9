/**
 * Intentional divergences of the engine from real Groovy, each documented under its id in harness/groovy/DIVERGENCES.md.
 * A disagreement of the differential test is accepted only when one of these matches it; everything else is a bug.
 * Keep the matchers narrow: a divergence names the construct, not a whole class of failures.
 */
import type { Outcome } from './differential-compare.ts';

/** A compared case as the matchers see it. */
export interface ComparedCase {
  template: string;
  bindingsId: string;
  engine: Outcome;
  groovy: Outcome;
}

/** One documented intentional divergence. */
export interface Divergence {
  id: string;
  title: string;
  applies(c: ComparedCase): boolean;
}

/** The documented divergences (ids match the `## D<n>` headings of DIVERGENCES.md). */
export const DIVERGENCES: Divergence[] = [
  {
    id: 'D1',
    title: "the script's own `binding` is refused by the sandbox",
    applies: (c) =>
      c.groovy.ok && !c.engine.ok && c.engine.type === 'harness.Security' && /(^|[^.\w])binding\b/.test(c.template),
  },
];

/** The divergence that explains a disagreement, if any. */
export function findDivergence(c: ComparedCase): Divergence | undefined {
  return DIVERGENCES.find((d) => d.applies(c));
}
