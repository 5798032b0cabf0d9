/**
 * Variants: one scenario file, several named set-ups (`variants: { published: { given: ... }, corrected: ... }`).
 * Each variant is run as a scenario of its own: its `given` merged into the common one (objects key by key, lists and
 * values replaced), the steps limited to it (`variants: [...]` on a step), and its `expectFor.<variant>` checked
 * with each step's `expect`.
 */
import type { LoadedScenario } from './load.ts';
import type { Scenario } from './schema.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `over` into `base`: plain objects key by key (recursively), anything else (lists too) replaced. */
export function mergeGiven<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeGiven(out[k], v);
  return out as T;
}

/** The names of a scenario's variants (empty when it has none). */
export function variantNames(scenario: Scenario): string[] {
  return Object.keys(scenario.variants ?? {});
}

/** The scenario as run in one variant: given merged, steps limited to it, no variants left. */
export function scenarioForVariant(scenario: Scenario, variant: string): Scenario {
  const v = scenario.variants?.[variant];
  const { variants: _all, ...rest } = scenario;
  return {
    ...rest,
    description: [scenario.description, v?.description].filter(Boolean).join(' ') || undefined,
    given: mergeGiven(scenario.given, v?.given),
    steps: scenario.steps.filter((s) => !s.variants || s.variants.includes(variant)),
  };
}

/** One loaded scenario per variant (`variant` set), or the scenario itself when it has none. */
export function expandVariants(loaded: LoadedScenario): LoadedScenario[] {
  if (loaded.variant !== undefined) return [loaded];
  const names = variantNames(loaded.scenario);
  if (names.length === 0) return [loaded];
  return names.map((variant) => ({ ...loaded, variant, scenario: scenarioForVariant(loaded.scenario, variant) }));
}

/** How a scenario run is named in reports: `name [variant]`. */
export function runTitle(r: { name: string; variant?: string }): string {
  return r.variant === undefined ? r.name : `${r.name} [${r.variant}]`;
}
