/** The EIC task a `provision` or `explain` step describes (the step's own YAML names → EIC's TaskInput). */
import type { TaskInput } from '../../eic/state.ts';
import type { TaskType } from '../../eic/types.ts';

/** What both step kinds write about the task. */
export interface StepTask {
  task: TaskType;
  identity?: string;
  account?: string;
  entitlement?: { type: string; id: string };
  attributes?: Record<string, unknown>;
  password?: string;
}

/** The task input of a step (already interpolated). */
export function taskInputOf(p: StepTask): TaskInput {
  return {
    type: p.task,
    identity: p.identity ?? null,
    accountName: p.account ?? null,
    entitlement: p.entitlement ? { type: p.entitlement.type, entitlementID: p.entitlement.id } : null,
    attributes: p.attributes ?? {},
    password: p.password ?? null,
  };
}
