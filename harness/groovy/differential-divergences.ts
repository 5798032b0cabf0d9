/**
 * Intentional divergences of the engine from real Groovy, each documented under its id in harness/groovy/DIVERGENCES.md.
 * A disagreement of the differential test is accepted only when one of these matches it; everything else is a bug.
 * Keep the matchers narrow: a divergence names the construct, not a whole class of failures.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
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
  {
    id: 'D2',
    title: "a literal int shifted by a literal long is shifted as a long by Groovy's compiler",
    applies: (c) => c.groovy.ok && c.engine.ok && /(^|[^\w.])\d+\s*(<<|>>>?)\s*\d+[lL]\b/.test(c.template),
  },
];

/** An open engine bug: its DIVERGENCES.md id and the exact templates that reproduce it. */
export interface OpenBug {
  id: string;
  templates: string[];
}

/**
 * Engine bugs already reported (DIVERGENCES.md, "Open disagreements"), by id and exact template. They stay visible in
 * the report as bugs, but do not fail the curated-corpus gate; the real-corpus and generated-corpus gates never use this
 * list. Remove an entry once the engine agrees (the test logs entries that no longer disagree).
 */
export const KNOWN_OPEN_BUGS: OpenBug[] = [];

/** The id of the open bug a template reproduces, if it is one of `bugs` (by default KNOWN_OPEN_BUGS). */
export function knownOpenBug(template: string, bugs: OpenBug[] = KNOWN_OPEN_BUGS): string | undefined {
  return bugs.find((b) => b.templates.includes(template))?.id;
}

/** The divergence that explains a disagreement, if any. */
export function findDivergence(c: ComparedCase): Divergence | undefined {
  return DIVERGENCES.find((d) => d.applies(c));
}
