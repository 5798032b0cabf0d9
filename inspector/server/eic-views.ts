/** JSON views of a world's EIC state for the inspector: tasks without passwords, with type and status names. */
import { TASK_STATUS, TASK_TYPES, type Task } from '../../harness/eic/types.ts';
import type { Exchange } from '../../harness/http/types.ts';
import { apiError } from './respond.ts';
import type { InspectorWorld } from './worlds.ts';

const STATUS_NAMES = new Map<number, string>(Object.entries(TASK_STATUS).map(([k, v]) => [v, k]));

/** An EIC task as the inspector shows it: no password, plus `typeName` and `statusName`; exchanges inline. */
export type TaskView = Omit<Task, 'password'> & { typeName: string; statusName: string };

/** The task without its password, with the names of its type and status. */
export function taskView(t: Task): TaskView {
  const { password: _password, ...rest } = t;
  return { ...rest, typeName: t.type, statusName: STATUS_NAMES.get(t.status) ?? String(t.status) };
}

/**
 * `GET /__harness/worlds/<id>/eic`: the package, the EIC tables, the last reports, the number of exchanges and the
 * task types a provisioning task may have.
 */
export function eicView(w: InspectorWorld) {
  const emu = w.emu;
  const state = emu?.state;
  return {
    package: w.package,
    settings: state?.settings ?? null,
    identities: state?.listIdentities() ?? [],
    accounts: state?.listAccounts() ?? [],
    entitlements: state?.listEntitlementValues() ?? [],
    links: state?.listLinks() ?? [],
    tasks: (state?.listTasks() ?? []).map(taskView),
    lastImport: w.lastImport,
    lastJob: w.lastJob,
    exchanges: emu?.recorder.size ?? 0,
    taskTypes: TASK_TYPES,
  };
}

/** The recorded exchanges of a world (all, or those of `task:<id>` / `job:<id>`); they are redacted when recorded. */
export function exchangesView(w: InspectorWorld, owner: string | null): { exchanges: Exchange[] } {
  if (!w.emu) return { exchanges: [] };
  if (owner === null || owner === '') return { exchanges: w.emu.exchanges() };
  const m = /^(task|job):(.+)$/.exec(owner);
  if (!m)
    throw apiError(400, 'inspector.query', `"owner" must be task:<id> or job:<id>, got ${JSON.stringify(owner)}`, {
      path: ['owner'],
    });
  return { exchanges: w.emu.exchanges({ kind: m[1] as 'task' | 'job', id: m[2] }) };
}
