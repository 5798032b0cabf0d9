/**
 * The WSRETRY ("Provisioning") job: runs the pending tasks (status NEW or PENDINGPROV) in creation order, one attempt
 * each per run; a failed task stays NEW and is retried by later runs until the security system's number of tries
 * is used up (then it is moved on, see lifecycle.ts). Tasks INPROGRESS are skipped, as EIC skips claimed tasks
 * [DOC-forum S10].
 */

import type { TaskStatus } from '../../eic/types.ts';
import { TASK_STATUS } from '../../eic/types.ts';
import { type AttemptResult, type ProvisioningContext, runTaskAttempt } from './run-task.ts';

/** What one WSRETRY run did. */
export interface JobReport {
  jobId: string;
  startedAt: number;
  finishedAt: number;
  attempts: {
    taskId: string;
    type: string;
    from: TaskStatus;
    to: TaskStatus;
    tries: number;
    /** Why the task ended in `to` (the transition's reason). */
    reason: string;
    error?: string;
  }[];
  /** Provisioned (COMPLETE without error, or NO_ACTION_REQUIRED). */
  completed: number;
  /** Failed but still retryable (back to NEW). */
  retryable: number;
  /** Failed for good: PROVFAILED, ERROR, or moved on (COMPLETE) after the last try failed. */
  failed: number;
}

/** Runs one WSRETRY job over the pending tasks. */
export async function runProvisioningJob(ctx: ProvisioningContext, jobId: string): Promise<JobReport> {
  const startedAt = ctx.now();
  const pending = ctx.state.listTasks([TASK_STATUS.NEW, TASK_STATUS.PENDINGPROV]);
  const results: AttemptResult[] = [];
  for (const task of pending) results.push(await runTaskAttempt(task, ctx, undefined, jobId));
  const report: JobReport = {
    jobId,
    startedAt,
    finishedAt: ctx.now(),
    attempts: results.map((r) => ({
      taskId: r.task.id,
      type: r.task.type,
      from: r.from,
      to: r.to,
      tries: r.task.tries,
      reason: r.task.reason,
      ...(r.error && r.error.severity === 'error' ? { error: r.error.message } : {}),
    })),
    completed: results.filter((r) => r.ok).length,
    retryable: results.filter((r) => r.to === TASK_STATUS.NEW).length,
    failed: results.filter((r) => !r.ok && r.to !== TASK_STATUS.NEW).length,
  };
  return report;
}
