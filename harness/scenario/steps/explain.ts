/**
 * The `explain` step: a dry run of one task with the world's current package and a copy of its EIC state (identities,
 * accounts, entitlement values), against a stub that answers every request 200 (harness/dry-run.ts); LeanIX is not
 * called and the world does not change. `expect.exchanges` sees the rendered requests, `expect.diagnostics` the
 * findings; a body that is not valid for its content type fails the step (`explain.body-invalid`), as does a task
 * that cannot be rendered.
 */
import { secretValuesIn } from '../../../lib/redact.ts';
import { dryRunTask } from '../../dry-run.ts';
import { TASK_STATUS } from '../../eic/types.ts';
import { diag, type Outcome, type RunCtx } from '../context.ts';
import type { ScenarioExplain } from '../schema.ts';
import { taskView } from '../views.ts';
import { emulatorOptionsOf, interpolate } from '../world.ts';
import { taskInputOf } from './task-input.ts';

/** Runs an `explain` step. */
export async function runExplainStep(step: ScenarioExplain, ctx: RunCtx, stepName: string): Promise<Outcome> {
  const { world } = ctx;
  const p = interpolate(step, world.vars);
  world.secrets.addAll([p.password, ...secretValuesIn(p.attributes)]);
  const { settings: _settings, ...options } = emulatorOptionsOf(world.setup);
  const r = await dryRunTask({
    package: world.emu.package,
    task: taskInputOf(p),
    state: world.emu.state.snapshot(),
    entitlementAttributes: p.entitlement?.attributes,
    now: world.fake.clock.now(),
    emulator: { ...options, secrets: world.secrets },
  });
  const task = taskView(r.task, stepName);
  const invalid = r.findings.find((d) => d.severity === 'error');
  const failed =
    r.task.status !== TASK_STATUS.COMPLETE || r.task.lastError?.severity === 'error'
      ? (r.task.lastError ?? diag('explain.task', `the dry run of ${p.task} ended ${task.status}`))
      : undefined;
  return {
    report: { task, exchanges: r.exchanges, tokenRequests: r.tokenRequests, findings: r.findings },
    diagnostics: r.findings,
    exchanges: r.exchanges,
    error: invalid ?? failed,
  };
}
