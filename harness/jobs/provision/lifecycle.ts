/**
 * The task lifecycle: which ARS status a provisioning attempt leaves a task in, and the reason recorded with the
 * transition (reference §7 and the Fidelity addendum, from a Saviynt employee in [S22 td-p/27611]):
 * - success → COMPLETE (3);
 * - an answer that is not a success per successResponses (a 2xx with an error body, a 429, a 5xx, a timeout, …) →
 *   NEW (1): WSRETRY tries again, up to the security system's provisioning tries;
 * - an answer matched by `unsuccessResponses` (the API "saying error") → ERROR (8) at once
 *   (option `onUnsuccessfulResponse: 'retry'` treats it like any other failure) [INF from S22];
 * - configuration failures no retry can fix (JSON missing or invalid, no call for the entitlement type) → ERROR (8);
 * - when the last try fails, the task "is moved on": COMPLETE by default, as the thread says, with the failure kept
 *   in `lastError` and the reason (option `onTriesExhausted`: 'COMPLETE' | 'PROVFAILED' | 'ERROR').
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import type { TaskStatus } from '../../eic/types.ts';
import { TASK_STATUS } from '../../eic/types.ts';
import type { CallFailure } from '../../http/call.ts';

/** What happens when a task's last try fails. */
export type TriesExhaustedStatus = 'COMPLETE' | 'PROVFAILED' | 'ERROR';
/** What an answer matched by unsuccessResponses does. */
export type UnsuccessfulResponseAction = 'ERROR' | 'retry';

/** Lifecycle options (ProvisioningOptions carries them). */
export interface LifecycleOptions {
  /** Status when the provisioning tries are used up (default COMPLETE [S22 td-p/27611]). */
  onTriesExhausted?: TriesExhaustedStatus;
  /** An answer matched by unsuccessResponses: ERROR at once (default) or retried like other failures. */
  onUnsuccessfulResponse?: UnsuccessfulResponseAction;
}

/** How an attempt failed: a configuration problem (terminal) or a call failure of some kind. */
export interface AttemptFailure {
  error: Diagnostic;
  terminal: boolean;
  kind?: CallFailure;
}

const FAILURE_WORDS: Record<CallFailure, string> = {
  transport: 'no answer (connection failed)',
  timeout: 'timed out',
  unsuccessResponses: 'the answer matches unsuccessResponses',
  successResponses: 'the answer is not a success per successResponses',
  default: 'the answer is not 2xx',
  auth: 'the token was rejected',
  render: 'the call could not be built',
};

/** The status and reason a failed attempt leaves. `tries` counts this attempt. */
export function statusAfterFailure(
  f: AttemptFailure,
  tries: number,
  maxTries: number,
  options: LifecycleOptions = {},
): { to: TaskStatus; reason: string } {
  if (f.terminal)
    return {
      to: TASK_STATUS.ERROR,
      reason: `${f.error.code}: a configuration error no retry can fix, so the task is ERROR at once`,
    };
  const what = f.kind ? FAILURE_WORDS[f.kind] : f.error.code;
  if (f.kind === 'unsuccessResponses' && (options.onUnsuccessfulResponse ?? 'ERROR') === 'ERROR')
    return {
      to: TASK_STATUS.ERROR,
      reason: `try ${tries}: ${what}, an error response from the API, so the task is ERROR and not retried [S22 td-p/27611]`,
    };
  if (tries < maxTries)
    return {
      to: TASK_STATUS.NEW,
      reason: `try ${tries} of ${maxTries} failed: ${what}; the task stays NEW for the next WSRETRY run`,
    };
  const to = options.onTriesExhausted ?? 'COMPLETE';
  const note =
    to === 'COMPLETE'
      ? 'EIC moves the task on as COMPLETE [S22 td-p/27611]; the target was not changed, see lastError'
      : `option onTriesExhausted: ${to}`;
  return {
    to: TASK_STATUS[to],
    reason: `try ${tries} of ${maxTries} failed: ${what}; the provisioning tries are used up: ${note}`,
  };
}
