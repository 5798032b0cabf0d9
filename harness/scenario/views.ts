/**
 * Plain-data views of the fake LeanIX and the EIC state as scenario expectations see them: LeanIX permissions carry
 * the user's email and the workspace's name (their natural keys), tasks carry the status name and the step that
 * created them, journal entries are relative to /services/mtm/v1 with parsed JSON bodies.
 */
import type { JournalEntry } from '../../mocks/leanix/journal.ts';
import type { TenantData } from '../../mocks/leanix/model.ts';
import { TASK_STATUS, type Task } from '../eic/types.ts';
import type { Exchange } from '../http/types.ts';
import type { NaturalKeys } from './records.ts';

const STATUS_NAME = new Map<number, string>(Object.entries(TASK_STATUS).map(([k, v]) => [v, k]));

/** The name of an ARS task status code (`3` → `COMPLETE`). */
export function taskStatusName(status: number): string {
  return STATUS_NAME.get(status) ?? String(status);
}

/** Natural keys of each expectation kind (see records.ts). */
export const KEYS: Record<string, NaturalKeys> = {
  users: [['email'], ['userName'], ['id']],
  workspaces: [['name'], ['id']],
  permissions: [['user', 'workspace'], ['user'], ['id']],
  accounts: [['name'], ['accountID']],
  entitlements: [['type', 'entitlementID']],
  links: [['accountName', 'entitlementType', 'entitlementID']],
  tasks: [['step'], ['id']],
  diagnostics: [['code']],
  requests: [],
};

/** LeanIX records for expectations: users, workspaces, and permissions with `user` (email) and `workspace` (name). */
export function leanixView(data: TenantData) {
  const email = new Map(data.users.map((u) => [u.id, u.email]));
  const wsName = new Map(data.workspaces.map((w) => [w.id, w.name]));
  return {
    users: data.users as unknown as Record<string, unknown>[],
    workspaces: data.workspaces as unknown as Record<string, unknown>[],
    permissions: data.permissions.map((p) => ({
      ...p,
      user: email.get(p.userId) ?? p.userId,
      workspace: wsName.get(p.workspaceId) ?? p.workspaceId,
    })) as Record<string, unknown>[],
  };
}

/** A task as expectations see it: status by name, the creating step, the last error's code and message. */
export function taskView(t: Task, step: string | undefined): Record<string, unknown> {
  return {
    id: t.id,
    step,
    type: t.type,
    status: taskStatusName(t.status),
    tries: t.tries,
    identity: t.identity ?? null,
    accountName: t.accountName ?? null,
    entitlement: t.entitlement ?? null,
    error: t.lastError ? { code: t.lastError.code, message: t.lastError.message } : null,
    lastStatus: t.lastResponse?.status ?? null,
    /** Why the task is in its status (the last transition's reason). */
    reason: t.reason,
    /** Every status change: `{ from, to, reason }` with status names. */
    history: t.history.map((h) => ({
      from: h.from === null ? null : taskStatusName(h.from),
      to: taskStatusName(h.to),
      reason: h.reason,
    })),
    shownResponses: t.shownResponses.map((r) => ({ ...r, body: parseBody(r.body) ?? r.body })),
  };
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const lowerKeys = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * A journal entry as expectations see it: method, path (relative to /services/mtm/v1), query, status, bodies, and the
 * request and response headers (names lower-case; credentials blanked by the journal).
 */
export function journalView(e: JournalEntry): Record<string, unknown> {
  const url = new URL(e.url);
  const path = e.path.replace(/^\/services\/mtm\/v1/, '');
  return {
    method: e.method,
    path,
    query: Object.fromEntries(url.searchParams),
    status: e.response.status,
    /** When the request arrived, on the fake clock (ISO 8601 UTC). */
    at: new Date(e.at).toISOString(),
    body: parseBody(e.request.body),
    response: parseBody(e.response.body),
    requestHeaders: lowerKeys(e.request.headers),
    responseHeaders: lowerKeys(e.response.headers),
    ...(e.fault ? { fault: e.fault } : {}),
  };
}

/** A body for matching: JSON parsed, a form as an object of its fields, other text as is. */
function bodyView(text: string | undefined, headers: Record<string, string>): unknown {
  if (text === undefined || text === '') return undefined;
  const ct =
    Object.entries(headers)
      .find(([k]) => k.toLowerCase() === 'content-type')?.[1]
      ?.toLowerCase() ?? '';
  if (ct.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One of the emulator's (redacted) exchanges for expectations: header names lower-case, bodies parsed. */
export function exchangeView(e: Exchange): Record<string, unknown> {
  let path = e.request.url;
  try {
    path = new URL(e.request.url).pathname;
  } catch {
    // keep the url
  }
  return {
    seq: e.seq,
    label: e.label,
    method: e.request.method,
    url: e.request.url,
    path,
    status: e.response?.status,
    request: { headers: lowerKeys(e.request.headers), body: bodyView(e.request.body, e.request.headers) },
    response: e.response
      ? { headers: lowerKeys(e.response.headers), body: bodyView(e.response.body, e.response.headers) }
      : undefined,
    ...(e.bindings ? { bindings: e.bindings } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
  };
}
