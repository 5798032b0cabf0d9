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
 */
import type { EicState } from '../../eic/state.ts';
import type { Account, EntitlementValue, Identity, Task } from '../../eic/types.ts';
import type { Bindings } from '../../groovy/index.ts';

/** Users-table field spellings that templates use (reference section 4). */
export const USER_FIELDS = [
  'username',
  'firstname',
  'lastname',
  'middlename',
  'displayname',
  'email',
  'systemUserName',
  'employeeid',
  'employeeclass',
  'title',
  'departmentname',
  'departmentNumber',
  'companyname',
  'costcenter',
  'city',
  'state',
  'country',
  'street',
  'regioncode',
  'siteid',
  'jobCode',
  'statuskey',
  'startdate',
  'phonenumber',
  'phoneNumber',
  'secondaryEmail',
  'secondaryPhone',
  'preferedFirstName',
  'manager',
  ...Array.from({ length: 65 }, (_, i) => `customproperty${i + 1}`),
];

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
  const account = subjects.account
    ? { ...subjects.account }
    : task.type === 'NEWACCOUNT'
      ? { name: subjects.accountName, accountID: null }
      : null;
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
    user: userView(subjects.identity),
    account,
    userAccount: account,
    entitlementValue: subjects.entitlementValue ? { ...subjects.entitlementValue } : null,
    accountName: subjects.accountName,
    password: task.password ?? null,
    requestid: task.requestId ?? task.id,
    task: taskView,
    arsTasks: taskView,
    requestAccessAttributes: { ...task.attributes },
    reqAttrs: { ...task.attributes },
    businessJustification: task.businessJustification ?? null,
    userManager: userView(manager),
    managerAccount: managerAccount ? { ...managerAccount } : null,
    approvers: task.approvers ?? [],
    ServiceAccountOwnerMap: {},
    endpoints: endpoint,
    endpoint,
    response,
  };
}
