/**
 * One provisioning attempt of one ARS task: resolve identity/account/entitlement from EIC state, run the calls of
 * the task type's JSON with the shared call runtime, then change EIC state as EIC would. Status transitions and their
 * reasons: lifecycle.ts; responseColsToPropsMap: writeback.ts.
 *
 * Decisions (the reference is silent or [INF]; see the README's semantics table):
 * - Add/RemoveAccess with no call named after the entitlement type: `missingEntitlementCall` 'error' (default,
 *   ERROR) or 'no-op' (NO_ACTION_REQUIRED (9), EIC state unchanged).
 * - State on success: NEWACCOUNT creates the account with status `Manually Provisioned` until an import confirms it
 *   [DOC-forum S22 td-p/102454, td-p/42835; option `newAccountStatus`], owner = identity, accountID from
 *   `accountIdPath`; ENABLEACCOUNT → '1'; DISABLEACCOUNT → '2' (Inactive); REMOVEACCOUNT → 'Manually Suspended'
 *   (EIC keeps removed accounts; links are kept for the next import); ADDACCESS adds the link, REMOVEACCESS removes
 *   it, and neither changes the account status [S22 td-p/42835]. Every task type applies `responseColsToPropsMap`.
 * - `showResponse: true` on a call keeps its (redacted) response on the task (`shownResponses`) [SEEN S1; INF].
 */

import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { HarnessError } from '../../../lib/diagnostic.ts';
import type { EicState } from '../../eic/state.ts';
import type { Account, ShownResponse, Task, TaskStatus } from '../../eic/types.ts';
import { ACCOUNT_STATUS, TASK_STATUS } from '../../eic/types.ts';
import { type CallRuntime, executeCall } from '../../http/call.ts';
import { getPath, pathValueToString } from '../../http/paths.ts';
import { groovyRenderer } from '../../http/render.ts';
import { ResponseRegistry } from '../../http/responses.ts';
import type { Exchange } from '../../http/types.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import { type TaskSubjects, taskBindings } from './bindings.ts';
import { callsForEntitlementType, callsOf, TASK_ATTRIBUTE } from './calls.ts';
import { type AttemptFailure, type LifecycleOptions, statusAfterFailure } from './lifecycle.ts';
import { responseWrites } from './writeback.ts';

/** Provisioning options. */
export interface ProvisioningOptions extends LifecycleOptions {
  /** Status of an account a NEWACCOUNT task created, until an import confirms it (default 'Manually Provisioned'). */
  newAccountStatus?: string;
  /** Add/RemoveAccess with no call named after the entitlement type: fail (default) or do nothing. */
  missingEntitlementCall?: 'error' | 'no-op';
  /** `${endpoints.endpointname}` (default: the package name). */
  endpointName?: string;
}

/** Everything a task attempt needs. */
export interface ProvisioningContext {
  state: EicState;
  pkg: ConnectionPackage;
  runtime: CallRuntime;
  options?: ProvisioningOptions;
  /** Current time for task stamps. */
  now: () => number;
}

/** The result of one attempt. */
export interface AttemptResult {
  task: Task;
  ok: boolean;
  /** Status before → after. */
  from: TaskStatus;
  to: TaskStatus;
  error?: Diagnostic;
  exchanges: Exchange[];
}

class Terminal extends HarnessError {}

function terminal(code: string, message: string, attribute?: string, hint?: string): Terminal {
  const e = new Terminal(code, message, { attribute }, hint);
  e.name = 'HarnessError';
  return e;
}

function resolveSubjects(task: Task, state: EicState): TaskSubjects {
  const identity = state.getIdentity(task.identity);
  if (task.identity && !identity)
    throw new HarnessError(
      'provision.identity-missing',
      `task ${task.id} (${task.type}): identity "${task.identity}" does not exist in EIC`,
    );
  if (task.type === 'NEWACCOUNT') {
    const accountName = task.accountName ?? identity?.username ?? null;
    if (!accountName)
      throw new HarnessError(
        'provision.account-name',
        `task ${task.id} (NEWACCOUNT) has neither an account name nor an identity`,
      );
    return { identity, accountName };
  }
  const account =
    state.getAccount(task.accountName) ??
    (task.accountName ? undefined : identity ? state.accountsOf(identity.username)[0] : undefined);
  if (!account && task.type === 'UPDATEUSER') {
    // UpdateUserJSON updates the identity in the target; an account is bound when there is one.
    if (!identity)
      throw new HarnessError('provision.identity-missing', `task ${task.id} (UPDATEUSER) names no identity`);
    return { identity, accountName: null };
  }
  if (!account)
    throw new HarnessError(
      'provision.account-missing',
      `task ${task.id} (${task.type}): account "${task.accountName ?? '(of ' + (task.identity ?? '?') + ')'}" does not exist in EIC`,
      {},
      'create the account first (NEWACCOUNT) or import accounts',
    );
  const subjects: TaskSubjects = {
    identity: identity ?? state.getIdentity(account.owner),
    account,
    accountName: account.name,
  };
  if (task.type === 'ADDACCESS' || task.type === 'REMOVEACCESS') {
    if (!task.entitlement)
      throw terminal('provision.no-entitlement', `task ${task.id} (${task.type}) names no entitlement`);
    const ev = state.getEntitlementValue(task.entitlement.type, task.entitlement.entitlementID);
    if (!ev)
      throw new HarnessError(
        'provision.entitlement-missing',
        `task ${task.id} (${task.type}): entitlement ${task.entitlement.type} "${task.entitlement.entitlementID}" does not exist in EIC`,
        {},
        'import entitlements first or add the entitlement value to the EIC state',
      );
    subjects.entitlementValue = ev;
  }
  return subjects;
}

function lookupResponsePath(response: Record<string, unknown>, path: string, accountName: string | null): unknown {
  if (path === 'accountName') return accountName;
  return getPath(response, path);
}

function applySuccess(
  task: Task,
  ctx: ProvisioningContext,
  json: Record<string, unknown>,
  subjects: TaskSubjects,
  response: Record<string, unknown>,
): Diagnostic | undefined {
  const { state } = ctx;
  const attribute = TASK_ATTRIBUTE[task.type];
  const wb = responseWrites(json, attribute, response, subjects.accountName, ctx.runtime.render ?? groovyRenderer);
  const writes = wb.values;
  const hasWrites = Object.keys(writes).length > 0;
  let warning = wb.warning;
  const name = subjects.accountName as string;
  switch (task.type) {
    case 'NEWACCOUNT': {
      let accountID: string | null = null;
      if (typeof json.accountIdPath === 'string' && json.accountIdPath !== '') {
        accountID = pathValueToString(lookupResponsePath(response, json.accountIdPath, subjects.accountName));
        if (accountID === null)
          warning = {
            code: 'provision.account-id-missing',
            severity: 'warning',
            message: `accountIdPath "${json.accountIdPath}" found no value in the responses; the account was created without accountID`,
            location: { attribute: 'CreateAccountJSON', path: ['accountIdPath'] },
          };
      }
      const row: Partial<Account> & { name: string } = {
        name,
        accountID,
        status: ctx.options?.newAccountStatus ?? ACCOUNT_STATUS.MANUALLY_PROVISIONED,
        owner: subjects.identity?.username ?? null,
        ...writes,
      };
      state.upsertAccount(row);
      break;
    }
    case 'ENABLEACCOUNT':
      state.upsertAccount({ name, ...writes, status: ACCOUNT_STATUS.ACTIVE });
      break;
    case 'DISABLEACCOUNT':
      state.upsertAccount({ name, ...writes, status: ACCOUNT_STATUS.INACTIVE });
      break;
    case 'REMOVEACCOUNT':
      state.upsertAccount({ name, ...writes, status: ACCOUNT_STATUS.MANUALLY_SUSPENDED });
      break;
    case 'ADDACCESS':
      if (task.entitlement) state.addLink(name, task.entitlement.type, task.entitlement.entitlementID);
      if (hasWrites) state.upsertAccount({ name, ...writes });
      break;
    case 'REMOVEACCESS':
      if (task.entitlement) state.removeLink(name, task.entitlement.type, task.entitlement.entitlementID);
      if (hasWrites) state.upsertAccount({ name, ...writes });
      break;
    default:
      if (hasWrites && subjects.accountName) state.upsertAccount({ name: subjects.accountName, ...writes });
  }
  return warning;
}

/** Runs one provisioning attempt of a task and records the outcome on it; never throws for task failures. */
export async function runTaskAttempt(
  task: Task,
  ctx: ProvisioningContext,
  owner?: { kind: 'task' | 'job'; id: string },
  startedBy = 'WSRETRY',
): Promise<AttemptResult> {
  const { state, pkg, runtime } = ctx;
  const from = task.status;
  const exchanges: Exchange[] = [];
  const shown: ShownResponse[] = [];
  const attribute = TASK_ATTRIBUTE[task.type];
  const maxTries = state.settings.provisioningTries;
  state.transitionTask(task.id, TASK_STATUS.INPROGRESS, `try ${task.tries + 1} of ${maxTries} started (${startedBy})`);
  const finish = (to: TaskStatus, reason: string, error?: Diagnostic, countTry = true): AttemptResult => {
    const last = exchanges.at(-1);
    state.transitionTask(task.id, to, reason, {
      tries: task.tries + (countTry ? 1 : 0),
      lastError: error ?? null,
      lastRequest: last?.request ?? task.lastRequest ?? null,
      lastResponse: last ? (last.response ?? null) : (task.lastResponse ?? null),
      exchanges: [...task.exchanges, ...exchanges],
      shownResponses: shown,
      completedAt: to === TASK_STATUS.COMPLETE || to === TASK_STATUS.NO_ACTION_REQUIRED ? ctx.now() : null,
    });
    return {
      task,
      ok: (to === TASK_STATUS.COMPLETE || to === TASK_STATUS.NO_ACTION_REQUIRED) && error?.severity !== 'error',
      from,
      to,
      error,
      exchanges,
    };
  };
  const failed = (f: AttemptFailure): AttemptResult => {
    const tries = task.tries + (f.terminal ? 0 : 1);
    const next = statusAfterFailure(f, tries, maxTries, ctx.options);
    return finish(next.to, next.reason, f.error, !f.terminal);
  };
  try {
    const attr = pkg.attributes[attribute];
    if (!attr || attr.text.trim() === '')
      throw terminal(
        'provision.not-configured',
        `${attribute} is not configured for connection "${pkg.name}", so ${task.type} task ${task.id} cannot run`,
        attribute,
        `add a ${attribute} to the connection package`,
      );
    if (attr.parseError || !attr.json || typeof attr.json !== 'object')
      throw terminal(
        'provision.invalid-json',
        `${attribute} is not a valid JSON object${attr.parseError ? `: ${attr.parseError.message}` : ''}`,
        attribute,
      );
    const json = attr.json as Record<string, unknown>;
    const subjects = resolveSubjects(task, state);
    let calls = callsOf(json, task.type === 'UPDATEUSER' ? task.actions : undefined);
    if ((task.type === 'ADDACCESS' || task.type === 'REMOVEACCESS') && task.entitlement) {
      calls = callsForEntitlementType(calls, task.entitlement.type);
      if (calls.length === 0) {
        const noOp = ctx.options?.missingEntitlementCall === 'no-op';
        const d: Diagnostic = {
          code: 'provision.no-call-for-entitlement-type',
          severity: noOp ? 'info' : 'error',
          message: `${attribute} has no call named "${task.entitlement.type}" (the entitlement type), so nothing was sent`,
          location: { attribute, path: ['call'] },
          hint: `name the call after the entitlement type: "name": "${task.entitlement.type}"`,
        };
        if (noOp)
          return finish(
            TASK_STATUS.NO_ACTION_REQUIRED,
            `no call is named after entitlement type "${task.entitlement.type}" (option missingEntitlementCall: no-op)`,
            d,
            false,
          );
        return failed({ error: d, terminal: true });
      }
    }
    if (calls.length === 0) throw terminal('provision.no-calls', `${attribute} has no "call" list`, attribute);
    const registry = new ResponseRegistry(calls.map((c) => c.name));
    const bindings = taskBindings(task, state, subjects, registry.response, ctx.options?.endpointName ?? pkg.name);
    const extraSecrets = task.password ? [task.password] : [];
    for (const spec of calls) {
      const r = await executeCall(spec, runtime, {
        bindings,
        attribute,
        owner: owner ?? { kind: 'task', id: task.id },
        extraSecrets,
      });
      exchanges.push(...r.exchanges);
      if (r.entry) registry.register(spec.name, r.entry);
      const answer = r.exchanges.at(-1)?.response;
      if (spec.showResponse && answer) shown.push({ call: spec.name, status: answer.status, body: answer.body });
      if (!r.ok)
        return failed({
          error: r.error ?? { code: 'call.failed', severity: 'error', message: `call ${spec.name} failed` },
          terminal: false,
          kind: r.failure,
        });
    }
    const warning = applySuccess(task, ctx, json, subjects, registry.response);
    return finish(TASK_STATUS.COMPLETE, `try ${task.tries + 1}: every call succeeded`, warning);
  } catch (e) {
    const d: Diagnostic =
      e instanceof HarnessError
        ? e.toDiagnostic()
        : { code: 'provision.internal', severity: 'error', message: e instanceof Error ? e.message : String(e) };
    if (!d.location?.attribute) d.location = { ...d.location, attribute };
    return failed({ error: d, terminal: e instanceof Terminal });
  }
}
