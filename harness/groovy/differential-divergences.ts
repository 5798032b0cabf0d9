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

/**
 * The documented divergences (ids match the `## D<n>` headings of DIVERGENCES.md). Empty today: the engine agrees with
 * Groovy on every real template. Add one as `{ id: 'D1', title, applies: (c) => <narrow test on c.template/engine/groovy> }`.
 */
export const DIVERGENCES: Divergence[] = [];

/** The divergence that explains a disagreement, if any. */
export function findDivergence(c: ComparedCase): Divergence | undefined {
  return DIVERGENCES.find((d) => d.applies(c));
}
