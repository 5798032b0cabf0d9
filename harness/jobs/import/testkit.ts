/**
 * Test helpers for the import job: a scripted target (URL → JSON reply) as a CallRunner, a minimal `${a.b}`
 * renderer, and a package built from an ImportAccountEntJSON object. Used by unit tests; e2e tests use the fake.
 */
import type { RenderResult } from '../../groovy/types.ts';
import { getPath } from '../../http/paths.ts';
import type { ConnectionPackage } from '../../package/types.ts';
import type { CallRunner, ImportCallRequest } from './types.ts';

/** Renders `${path}` placeholders by plain lookup (enough for URLs like `/users/${accountName}`). */
export const simpleRender = (template: string, bindings: Record<string, unknown>): RenderResult => {
  const whole = /^\$\{([\w.]+)\}$/.exec(template);
  if (whole) {
    const raw = getPath(bindings, whole[1]) ?? null;
    return { ok: true, value: String(raw), raw };
  }
  const value = template.replace(/\$\{([\w.]+)\}/g, (_m, p: string) => String(getPath(bindings, p) ?? null));
  return { ok: true, value, raw: value };
};

/** A reply of the scripted target: a JSON body (status 200) or a failure. */
export type ScriptedReply =
  | { body: unknown; headers?: Record<string, string> }
  | { fail: number | 'timeout'; message?: string }
  | { text: string };

/** A scripted target: replies by exact URL; records every request made. */
export class ScriptedTarget {
  readonly routes = new Map<string, ScriptedReply | (() => ScriptedReply)>();
  readonly requests: ImportCallRequest[] = [];

  /** Sets the reply for a URL. */
  on(url: string, reply: ScriptedReply | (() => ScriptedReply)): this {
    this.routes.set(url, reply);
    return this;
  }

  /** The CallRunner view of this target. */
  readonly runner: CallRunner = async (req) => {
    this.requests.push(req);
    const url = req.url ?? String(req.http.url);
    const r = this.routes.get(url);
    const reply = typeof r === 'function' ? r() : r;
    if (!reply)
      return {
        ok: false,
        status: 404,
        diagnostic: { code: 'call.unsuccessful', severity: 'error', message: `404 ${url}` },
      };
    if ('fail' in reply)
      return {
        ok: false,
        status: reply.fail === 'timeout' ? undefined : reply.fail,
        diagnostic: {
          code: 'call.unsuccessful',
          severity: 'error',
          message: reply.message ?? `HTTP ${reply.fail} ${url}`,
        },
      };
    if ('text' in reply) return { ok: true, status: 200, headers: {}, body: reply.text };
    return { ok: true, status: 200, headers: reply.headers ?? {}, body: reply.body };
  };
}

/** A package holding one ImportAccountEntJSON object (and optionally a STATUS_THRESHOLD_CONFIG object). */
export function packageWith(importJson: unknown, statusThreshold?: unknown): ConnectionPackage {
  const attributes: ConnectionPackage['attributes'] = {
    ImportAccountEntJSON: {
      name: 'ImportAccountEntJSON',
      text: JSON.stringify(importJson),
      json: importJson,
      source: 'test',
    },
  };
  if (statusThreshold !== undefined)
    attributes.STATUS_THRESHOLD_CONFIG = {
      name: 'STATUS_THRESHOLD_CONFIG',
      text: JSON.stringify(statusThreshold),
      json: statusThreshold,
      source: 'test',
    };
  return { name: 'test', origin: 'test', kind: 'folder', attributes, connectionEncrypted: false, diagnostics: [] };
}
