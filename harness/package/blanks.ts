/**
 * The tenant values an EIC export blanks, found in a loaded package, and the replace-patches that put the LeanIX
 * package's placeholders there instead (`<host>`, `<workspaceId>`, `<accountId>`, filled from a tenant by a scenario's
 * `fillPlaceholders: true`). What Saviynt's published LeanIX export blanks (fixtures/packages/leanix-published/README):
 * the host (`https://.leanix.net`, `https:// .leanix.net`), the workspace id in paths (`/workspaces//users`), and in
 * JSON bodies `"workspaceId": ""`, `"workspace": {"id": ""` and `"account": {"id": ""`. `harness repro` writes these
 * patches into the case's patch file for the support engineer to check.
 */
import type { ReplacePatch } from './patch.ts';
import type { ConnectionPackage } from './types.ts';

/** One blanked value: the patch that fills it, the attributes it occurs in, and what it is. */
export interface BlankedValue {
  patch: ReplacePatch;
  attributes: string[];
  what: string;
}

/** Patterns of blanked values (over decoded JSON string values) and how each is filled. */
const BLANKS: { re: RegExp; what: string; fill: (m: string) => string }[] = [
  {
    // a scheme and then, maybe after spaces, the dot of the domain: the host label was removed
    re: /https?:\/\/\s*\.[A-Za-z0-9.-]+/g,
    what: 'host',
    fill: (m) => m.replace(/^(https?:\/\/\s*)\./, '$1<host>.'),
  },
  { re: /\/workspaces\/\//g, what: 'workspace id in a path', fill: () => '/workspaces/<workspaceId>/' },
  { re: /\/accounts\/\//g, what: 'account id in a path', fill: () => '/accounts/<accountId>/' },
  { re: /"workspaceId"\s*:\s*""/g, what: 'workspace id in a body', fill: (m) => `${m.slice(0, -1)}<workspaceId>"` },
  {
    re: /"workspace"\s*:\s*\{\s*"id"\s*:\s*""/g,
    what: 'workspace id in a body',
    fill: (m) => `${m.slice(0, -1)}<workspaceId>"`,
  },
  {
    re: /"account"\s*:\s*\{\s*"id"\s*:\s*""/g,
    what: 'account id in a body',
    fill: (m) => `${m.slice(0, -1)}<accountId>"`,
  },
];

function strings(v: unknown, visit: (s: string) => void): void {
  if (typeof v === 'string') visit(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, visit);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, visit);
}

/** Every blanked value of the package's attributes (in first-seen order), with the patch that fills it. */
export function blankedValues(pkg: ConnectionPackage): BlankedValue[] {
  const found = new Map<string, BlankedValue & { kind: number }>();
  for (const [name, attr] of Object.entries(pkg.attributes)) {
    if (attr?.json === undefined) continue;
    strings(attr.json, (s) => {
      BLANKS.forEach((b, kind) => {
        for (const m of s.matchAll(b.re)) {
          const hit = found.get(m[0]) ?? {
            patch: { find: m[0], with: b.fill(m[0]) },
            attributes: [],
            what: b.what,
            kind,
          };
          if (!hit.attributes.includes(name)) hit.attributes.push(name);
          found.set(m[0], hit);
        }
      });
    });
  }
  // in the order of BLANKS (hosts first), then as first seen
  return [...found.values()].sort((a, b) => a.kind - b.kind).map(({ kind: _, ...v }) => v);
}
