/**
 * Which JSON runs for which task type, and which of its calls run: the `call` array in order (by `callOrder` when
 * every call has one), UpdateUserJSON's `actions` wrapper, and Add/RemoveAccess routing (only the calls whose `name`
 * equals the entitlement type).
 */
import type { TaskType } from '../../eic/types.ts';
import { type CallSpec, callSpecFrom } from '../../http/spec.ts';

/** The attribute that holds the JSON for each task type. */
export const TASK_ATTRIBUTE: Record<TaskType, string> = {
  NEWACCOUNT: 'CreateAccountJSON',
  UPDATEACCOUNT: 'UpdateAccountJSON',
  ENABLEACCOUNT: 'EnableAccountJSON',
  DISABLEACCOUNT: 'DisableAccountJSON',
  REMOVEACCOUNT: 'RemoveAccountJSON',
  ADDACCESS: 'AddAccessJSON',
  REMOVEACCESS: 'RemoveAccessJSON',
  CHANGEPASSWORD: 'ChangePassJSON',
  UPDATEUSER: 'UpdateUserJSON',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function orderedCalls(list: unknown, base: (string | number)[]): CallSpec[] {
  if (!Array.isArray(list)) return [];
  const specs = list
    .map((c, i) => ({ c, i }))
    .filter((x): x is { c: Obj; i: number } => isObj(x.c))
    .map(({ c, i }) => ({ order: c.callOrder, spec: callSpecFrom(c, [...base, i], `call${i + 1}`) }));
  if (specs.every((s) => typeof s.order === 'number' || (typeof s.order === 'string' && s.order !== '')))
    specs.sort((a, b) => Number(a.order) - Number(b.order));
  return specs.map((s) => s.spec);
}

/** The calls of a provisioning JSON in execution order; `actions` (UpdateUserJSON) filtered by `actionNames`. */
export function callsOf(json: unknown, actionNames?: readonly string[]): CallSpec[] {
  if (!isObj(json)) return [];
  if (isObj(json.actions)) {
    const out: CallSpec[] = [];
    for (const [action, body] of Object.entries(json.actions)) {
      if (actionNames && !actionNames.includes(action)) continue;
      if (isObj(body)) out.push(...orderedCalls(body.call, ['actions', action, 'call']));
    }
    return out;
  }
  return orderedCalls(json.call, ['call']);
}

/** Add/RemoveAccess routing: the calls named after the entitlement type. */
export function callsForEntitlementType(calls: readonly CallSpec[], entitlementType: string): CallSpec[] {
  return calls.filter((c) => c.name === entitlementType);
}
