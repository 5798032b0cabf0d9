/**
 * URL-like values other than call URLs (those are rendered and checked in calls-check): `nextUrlPath` expressions
 * and other `*url` keys (refresh and test-connection calls). Literal URLs written inside an expression
 * (`'https://h/users//'+n`, `'@URL@/v1beta/...'`) are checked as written: Adobe Creative Cloud's nextUrlPath keeps
 * `users//` with the org id blanked (saviynt/saviynt-connectors @e79bd77615), google-analytics' keeps `@URL@` (corpus).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { ConnectionPackage } from '../package/types.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { findUnfilled, placeholderHint } from './unfilled.ts';
import { urlProblems } from './url-check.ts';

type Path = (string | number)[];

/** True for a JSON path whose last key names a URL (`url`, `nextUrlPath`, `tokenUrl`...), outside mappings. */
export function isUrlField(path: Path): boolean {
  const k = path[path.length - 1];
  if (typeof k !== 'string' || !/url(path)?$/i.test(k)) return false;
  return !path.some((p) => typeof p === 'string' && /colsToPropsMap$|Labels$/.test(p));
}

const blanksCache = new WeakMap<ConnectionPackage, boolean>();

/** True when some URL of the package has a blank host or an empty path segment: the export blanked tenant values. */
export function exportBlanksOf(pkg: ConnectionPackage): boolean {
  const cached = blanksCache.get(pkg);
  if (cached !== undefined) return cached;
  let found = false;
  for (const attr of Object.values(pkg.attributes)) {
    if (found || !attr || attr.json === undefined) continue;
    walkStrings(attr.json, (path, s) => {
      if (found || !isUrlField(path) || !/^\s*https?:/i.test(s)) return;
      found = urlProblems(s).some((p) => p.code === 'url.blank-host' || p.code === 'url.empty-segment');
    });
  }
  blanksCache.set(pkg, found);
  return found;
}

/** Literal URLs inside an expression: from `http(s)://` to the closing quote, `$`, `}` or whitespace. */
const LITERAL_URL = /https?:\/\/[^'"\s$}]*/gi;

function checkExpression(ctx: AttrContext, path: Path, s: string, out: Diagnostic[]): void {
  const u = findUnfilled(s).find((x) => x.distinctive);
  if (u) {
    out.push(
      finding(
        ctx,
        'url.placeholder',
        'error',
        path,
        `The URL expression still holds the placeholder ${u.text} (${JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s)})`,
        placeholderHint(u.text),
        { inner: u.index },
      ),
    );
  }
  for (const m of s.matchAll(LITERAL_URL)) {
    const start = m.index;
    for (const p of urlProblems(m[0], { fragment: true, position: (i) => start + i })) {
      if (p.code === 'url.placeholder') continue;
      out.push(
        finding(ctx, p.code, p.severity, path, `In a literal URL of the expression: ${p.message}`, p.hint, {
          inner: p.index,
        }),
      );
    }
  }
}

/** Checks URL-like values that are not the `url` of a call found in `calls`. */
export function checkUrlFields(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const callUrls = new Set(calls.map((c) => JSON.stringify([...c.httpPath, 'url'])));
  const exportBlanks = exportBlanksOf(ctx.pkg);
  walkStrings(ctx.json, (path, s) => {
    if (!isUrlField(path) || callUrls.has(JSON.stringify(path)) || s.trim() === '') return;
    const key = String(path[path.length - 1]);
    if (s.includes('${')) checkExpression(ctx, path, s, out);
    else if (key === 'nextUrlPath' && !/^\s*https?:/i.test(s) && findUnfilled(s).length === 0)
      return; // a body path
    else {
      for (const p of urlProblems(s, { exportBlanks })) {
        out.push(finding(ctx, p.code, p.severity, path, p.message, p.hint, { inner: p.index }));
      }
    }
  });
  return out;
}
