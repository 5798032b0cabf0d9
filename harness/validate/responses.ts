/**
 * Response chaining in provisioning JSONs (§3.1): `${response.<name>...}`, `accountIdPath` and
 * `responseColsToPropsMap` must name an earlier call (`<name>`, or `<name><k>` when names repeat).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { referencedPaths } from './sample-bindings.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names under which the responses of `calls[0..n)` are registered: `name` and `name<k>` (1-based per name). */
export function responseNames(calls: readonly CallSite[], n: number): string[] {
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (const c of calls.slice(0, n)) {
    if (!c.name) continue;
    const k = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, k);
    names.push(c.name, `${c.name}${k}`);
  }
  return names;
}

function unknown(
  ctx: AttrContext,
  path: (string | number)[],
  name: string,
  known: string[],
  where: string,
): Diagnostic {
  const near = suggest(name, known);
  return finding(
    ctx,
    'response.unknown-call',
    'warning',
    path,
    `${where} reads the response of "${name}", which is not an earlier call${known.length > 0 ? ` (earlier: ${[...new Set(known)].join(', ')})` : ''}: it is null`,
    near ? `Did you mean "${near}"?` : 'Refer to a call that runs before this one, by its "name".',
  );
}

/** Checks response references of one provisioning attribute (calls in one `call` list run in order). */
export function checkResponses(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, CallSite[]>();
  for (const c of calls) {
    if (c.kind !== 'provisioning') continue;
    const key = JSON.stringify(c.path.slice(0, -1));
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const list of groups.values()) {
    list.forEach((c, i) => {
      const known = responseNames(list, i);
      walkStrings(c.call, (p, s) => {
        if (!s.includes('${')) return;
        for (const [root, first] of referencedPaths(s)) {
          if (root === 'response' && first !== undefined && !known.includes(first)) {
            out.push(unknown(ctx, [...c.path, ...p], first, known, `Call "${c.name ?? i}"`));
          }
        }
      });
    });
  }
  const json = ctx.json;
  if (!isObject(json)) return out;
  const top = [...groups.values()][0] ?? [];
  const all = responseNames(top, top.length);
  if (typeof json.accountIdPath === 'string' && json.accountIdPath.includes('.')) {
    const first = json.accountIdPath.split('.')[0];
    if (!all.includes(first)) out.push(unknown(ctx, ['accountIdPath'], first, all, 'accountIdPath'));
  }
  if (isObject(json.responseColsToPropsMap)) {
    for (const [col, v] of Object.entries(json.responseColsToPropsMap)) {
      if (typeof v !== 'string' || v.startsWith('#CONST#')) continue;
      const first = v.split(/[.~]/)[0];
      if (first && v.includes('.') && !all.includes(first)) {
        out.push(unknown(ctx, ['responseColsToPropsMap', col], first, all, `responseColsToPropsMap.${col}`));
      }
    }
  }
  return out;
}
