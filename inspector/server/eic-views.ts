/** JSON views of a world's EIC state for the inspector: tasks without passwords, with type and status names. */
import { TASK_STATUS, TASK_TYPES, type Task } from '../../harness/eic/types.ts';
import type { Exchange } from '../../harness/http/types.ts';
import type { JournalEntry } from '../../mocks/leanix/journal.ts';
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

/** An emulator exchange as the inspector lists it: plus the id of the journal entry of the request it made. */
export type ExchangeView = Exchange & { journalId?: number };

/** An exchange without its messages and bindings (`summary=true`): enough to label a row of the journal. */
export interface ExchangeSummary {
  seq: number;
  at: number;
  label: string;
  owner?: Exchange['owner'];
  method: string;
  url: string;
  status?: number;
  journalId?: number;
}

/**
 * Links each exchange to the journal entry of the request it made: the same fake time, wire method, path and query
 * (the emulator reads the fake's clock when it sends, the journal when the request arrives; nothing passes between),
 * taken in order, the same status first (another client may have sent the same request at the same fake time).
 * Returns journal id by exchange seq; exchanges whose entry left the journal have none.
 */
export function journalLinks(exchanges: readonly Exchange[], entries: readonly JournalEntry[]): Map<number, number> {
  const target = (url: string) => {
    try {
      const u = new URL(url);
      return u.pathname + u.search;
    } catch {
      return undefined;
    }
  };
  const key = (at: number, method: string, where: string) => `${at} ${method.toUpperCase()} ${where}`;
  const waiting = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const k = key(e.at, e.method, target(e.url) ?? e.path);
    const list = waiting.get(k);
    if (list) list.push(e);
    else waiting.set(k, [e]);
  }
  const links = new Map<number, number>();
  for (const x of exchanges) {
    const where = target(x.request.url);
    const list = where === undefined ? undefined : waiting.get(key(x.at, x.request.method, where));
    if (!list?.length) continue;
    const same = x.response ? list.findIndex((e) => e.response.status === x.response?.status) : -1;
    const [e] = list.splice(Math.max(same, 0), 1);
    links.set(x.seq, e.id);
  }
  return links;
}

/**
 * `GET /__harness/worlds/<id>/eic/exchanges`: the recorded exchanges (redacted when recorded), each with the journal
 * id of its request; `owner=task:<id>|job:<id>` keeps one task's or job's, `journal=<id>` the one that made that
 * journal entry, `summary=true` drops messages and bindings.
 */
export function exchangesView(
  w: InspectorWorld,
  query: URLSearchParams,
): { exchanges: ExchangeView[] } | { exchanges: ExchangeSummary[] } {
  if (!w.emu) return { exchanges: [] };
  const owner = query.get('owner');
  let list = w.emu.exchanges();
  const links = journalLinks(list, w.fake.journal.entries());
  if (owner) {
    const m = /^(task|job):(.+)$/.exec(owner);
    if (!m)
      throw apiError(400, 'inspector.query', `"owner" must be task:<id> or job:<id>, got ${JSON.stringify(owner)}`, {
        path: ['owner'],
      });
    list = list.filter((x) => x.owner?.kind === m[1] && x.owner.id === m[2]);
  }
  const journal = query.get('journal');
  if (journal !== null) {
    if (!/^\d+$/.test(journal))
      throw apiError(400, 'inspector.query', `"journal" must be a journal entry id, got ${JSON.stringify(journal)}`, {
        path: ['journal'],
      });
    list = list.filter((x) => links.get(x.seq) === Number(journal));
  }
  const linked: ExchangeView[] = list.map((x) => {
    const journalId = links.get(x.seq);
    return journalId === undefined ? x : { ...x, journalId };
  });
  if (query.get('summary') !== 'true') return { exchanges: linked };
  return {
    exchanges: linked.map((x) => ({
      seq: x.seq,
      at: x.at,
      label: x.label,
      ...(x.owner ? { owner: x.owner } : {}),
      method: x.request.method,
      url: x.request.url,
      ...(x.response ? { status: x.response.status } : {}),
      ...(x.journalId !== undefined ? { journalId: x.journalId } : {}),
    })),
  };
}
