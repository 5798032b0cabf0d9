/**
 * The binding context of a provisioning task: every variable the integration guide lists (ServiceAccountOwnerMap,
 * endpoints, accountName, userManager, approvers, arsTasks/task, managerAccount, password, requestid, response,
 * connection, userAccount, requestAccessAttributes/reqAttrs, businessJustification, user) plus `account`,
 * `entitlementValue` and `endpoint`. `access_token` and `connection` are added per call by the call runtime.
 *
 * `user.*` is resolved case-insensitively (decision; the reference sees both `user.phonenumber` and
 * `user.phoneNumber`): every users-table field of reference section 4 is present under its canonical spelling,
 * taking the identity's value whatever its case, and null when the identity has no such field; the identity's own
 * keys are kept as they are too.
 *
 * `user`, `account`/`userAccount` and `entitlementValue` are EIC domain objects (harness/eic/columns.ts): an unknown
 * property throws MissingPropertyException naming the class, a known empty column is null. `userManager` stays a map
 * of the manager's record in the record's own key order, so `${userManager}` prints as Groovy prints the same JSON
 * (checked against real Groovy in bindings.test.ts); `systemUserName` is appended when the record has none.
 */
import { eicObject, USER_COLUMNS } from '../../eic/columns.ts';
import type { EicState } from '../../eic/state.ts';
import type { Account, EntitlementValue, Identity, Task } from '../../eic/types.ts';
import type { Bindings } from '../../groovy/index.ts';

/** Users-table field spellings that templates use (reference section 4); the list lives in harness/eic/columns.ts. */
export const USER_FIELDS = USER_COLUMNS;

/** The `${user}` view of an identity: its own keys plus every known field under each spelling (case-insensitive). */
export function userView(identity: Identity | undefined | null): Record<string, unknown> | null {
  if (!identity) return null;
  const byLower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(identity)) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), v);
  const out: Record<string, unknown> = {};
  for (const f of USER_FIELDS) out[f] = byLower.get(f.toLowerCase()) ?? null;
  if (out.systemUserName === null) out.systemUserName = identity.username;
  Object.assign(out, identity);
  return out;
}

/** The `${userManager}` map: the manager's record as it is (its key order), plus systemUserName when missing. */
export function managerView(identity: Identity | undefined | null): Record<string, unknown> | null {
  if (!identity) return null;
  const out: Record<string, unknown> = { ...identity };
  if (out.systemUserName === undefined || out.systemUserName === null) out.systemUserName = identity.username;
  return out;
}

/** What a task needs resolved from EIC state before its calls run. */
export interface TaskSubjects {
  identity?: Identity;
  account?: Account;
  accountName: string | null;
  entitlementValue?: EntitlementValue;
}

/** Builds the binding context of a task (the `response` object is shared and filled as calls run). */
export function taskBindings(
  task: Task,
  state: EicState,
  subjects: TaskSubjects,
  response: Record<string, unknown>,
  endpointName: string,
): Bindings {
  const manager = subjects.identity?.manager ? state.getIdentity(String(subjects.identity.manager)) : undefined;
  const managerAccount = manager ? (state.accountsOf(manager.username)[0] ?? null) : null;
  const accountRecord = subjects.account
    ? { ...subjects.account }
    : task.type === 'NEWACCOUNT'
      ? { name: subjects.accountName, accountID: null }
      : null;
  const account = accountRecord ? eicObject('account', accountRecord) : null;
  const user = userView(subjects.identity);
  const taskView = {
    id: task.id,
    taskid: task.id,
    taskkey: task.id,
    tasktype: task.type,
    taskType: task.type,
    accountName: subjects.accountName,
    username: subjects.identity?.username ?? null,
    entitlementType: task.entitlement?.type ?? null,
    entitlementID: task.entitlement?.entitlementID ?? null,
    password: task.password ?? null,
    requestid: task.requestId ?? task.id,
  };
  const endpoint = { endpointname: endpointName, securitysystem: endpointName, name: endpointName };
  return {
    user: user ? eicObject('user', user) : null,
    account,
    userAccount: account,
    entitlementValue: subjects.entitlementValue
      ? eicObject('entitlementValue', { ...subjects.entitlementValue })
      : null,
    accountName: subjects.accountName,
    password: task.password ?? null,
    requestid: task.requestId ?? task.id,
    task: taskView,
    arsTasks: taskView,
    requestAccessAttributes: { ...task.attributes },
    reqAttrs: { ...task.attributes },
    businessJustification: task.businessJustification ?? null,
    userManager: managerView(manager),
    managerAccount: managerAccount ? { ...managerAccount } : null,
    approvers: task.approvers ?? [],
    ServiceAccountOwnerMap: {},
    endpoints: endpoint,
    endpoint,
    response,
  };
}
