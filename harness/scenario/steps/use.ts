/**
 * The `use` step: changes the set-up from this step on, for stories like "the customer applied the fix, then re-ran
 * the import". Package, patches, plaintext ConnectionJSON, placeholders and emulator options rebuild the emulator
 * around the same EIC state (accounts, entitlements, links, tasks; a new emulator fetches a new access token, as EIC
 * does after a connection is saved); security system settings change EIC's settings; quirks and the rate limit change
 * the fake LeanIX (merged into the current ones). LeanIX's data and the clock stay. A patch that matches nothing fails
 * the step (`patch.unmatched`): a fix that was never applied would only show as a confusing failure later.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { updateRateLimit } from '../../../mocks/leanix/ratelimit.ts';
import type { Outcome, RunCtx } from '../context.ts';
import type { ScenarioUse } from '../schema.ts';
import { mergeGiven } from '../variants.ts';
import { buildEmulator } from '../world.ts';

const EMULATOR_KEYS = ['package', 'patches', 'connectionJson', 'fillPlaceholders', 'options'] as const;

/** Runs a `use` step; the report names what changed. */
export async function runUseStep(use: ScenarioUse, ctx: RunCtx): Promise<Outcome> {
  const { world } = ctx;
  const changed: string[] = [];
  if (use.quirks) {
    world.fake.setQuirks(mergeGiven(world.fake.quirks, use.quirks) as never);
    changed.push('quirks');
  }
  if (use.rateLimit) {
    updateRateLimit(world.fake.core.rateLimit, use.rateLimit);
    changed.push('rateLimit');
  }
  if (EMULATOR_KEYS.some((k) => use[k] !== undefined)) {
    const before = world.setup.eic;
    const eic = {
      ...before,
      ...Object.fromEntries(EMULATOR_KEYS.map((k) => [k, use[k] ?? before[k]])),
      options: { ...before.options, ...use.options },
    };
    const setup = { ...world.setup, eic };
    const emu = await buildEmulator(setup, world);
    const unmatched = emu.package.diagnostics.find((d) => d.code === 'patch.unmatched');
    if (unmatched && use.patches !== undefined) return { error: unmatchedPatch(unmatched) };
    emu.state.restore(world.emu.state.snapshot());
    world.emu = emu;
    world.setup = setup;
    changed.push(...EMULATOR_KEYS.filter((k) => use[k] !== undefined));
  }
  if (use.securitySystem) {
    Object.assign(world.emu.state.settings, use.securitySystem);
    world.setup = {
      ...world.setup,
      eic: { ...world.setup.eic, securitySystem: { ...world.setup.eic.securitySystem, ...use.securitySystem } },
    };
    changed.push('securitySystem');
  }
  return { report: { changed, package: world.emu.package.name } };
}

/** The step's error for a patch that changed nothing. */
function unmatchedPatch(d: Diagnostic): Diagnostic {
  return {
    ...d,
    severity: 'error',
    hint: 'a replace patch looks inside JSON string values (without their quotes); `in: text` searches the raw text',
  };
}
