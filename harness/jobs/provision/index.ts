/** Provisioning: task attempts (run-task.ts) and the WSRETRY job (wsretry.ts). */
export { taskBindings, USER_FIELDS, userView } from './bindings.ts';
export { callsForEntitlementType, callsOf, TASK_ATTRIBUTE } from './calls.ts';
export type {
  AttemptFailure,
  LifecycleOptions,
  TriesExhaustedStatus,
  UnsuccessfulResponseAction,
} from './lifecycle.ts';
export { statusAfterFailure } from './lifecycle.ts';
export type { AttemptResult, ProvisioningContext, ProvisioningOptions } from './run-task.ts';
export { runTaskAttempt } from './run-task.ts';
export { responseWrites } from './writeback.ts';
export type { JobReport } from './wsretry.ts';
export { runProvisioningJob } from './wsretry.ts';
