/**
 * Pagination: EIC reads `pagination` only inside an import call object (§2.4). Anywhere else (root, section or
 * entType level, inside `http` or `call`, a kind written without its `pagination` wrapper) it is ignored and only the
 * first page is imported: an error wherever it is. Also: a literal `totalCountPath` caps the import (rippling-hr
 * `"1000"`, sap-btp `5000`), and a URL that already sets the parameter the pagination sends (paychex-flex-hr
 * `?offset=5&limit=5` with offset pagination) [SEEN corpus].
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { JsonPath } from '../package/text-position.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding, walkObjects } from './context.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Known pagination kinds and their keys (the first listed keys are required). */
export const PAGINATION_KINDS: Record<string, { required: string[]; keys: string[] }> = {
  nextUrl: { required: ['nextUrlPath'], keys: ['nextUrlPath'] },
  offset: {
    required: ['offsetParam', 'batchParam', 'batchSize'],
    keys: ['offsetParam', 'batchParam', 'batchSize', 'totalCountPath'],
  },
  page: {
    required: ['pageSizeParam', 'pageSize', 'pageNumberParam'],
    keys: ['pageSizeParam', 'pageSize', 'pageRecordCount', 'pageNumberParam', 'totalCountPath', 'firstPageNumber'],
  },
};
const KIND_NAMES = Object.keys(PAGINATION_KINDS);

function checkObject(ctx: AttrContext, p: unknown, path: JsonPath, out: Diagnostic[]): void {
  if (!isObject(p)) {
    out.push(
      finding(
        ctx,
        'pagination.invalid',
        'error',
        path,
        'pagination must be an object such as {"nextUrl":{"nextUrlPath":"..."}}',
        `Kinds: ${KIND_NAMES.join(', ')}.`,
      ),
    );
    return;
  }
  const kinds = Object.keys(p);
  if (kinds.length === 0) return;
  if (kinds.length > 1) {
    out.push(
      finding(
        ctx,
        'pagination.invalid',
        'warning',
        path,
        `pagination has several kinds (${kinds.join(', ')}); EIC uses one`,
        'Keep the kind the API supports and remove the others.',
      ),
    );
  }
  for (const kind of kinds) {
    const spec = PAGINATION_KINDS[kind];
    const kp = [...path, kind];
    if (!spec) {
      const near = suggest(kind, KIND_NAMES);
      out.push(
        finding(
          ctx,
          'pagination.unknown-kind',
          'error',
          kp,
          `Unknown pagination kind "${kind}"${near ? `; did you mean "${near}"?` : ''}`,
          `Kinds: ${KIND_NAMES.join(', ')}.`,
          {
            key: true,
          },
        ),
      );
      continue;
    }
    const def = p[kind];
    if (!isObject(def)) {
      out.push(
        finding(
          ctx,
          'pagination.invalid',
          'error',
          kp,
          `pagination.${kind} must be an object`,
          `Keys of ${kind}: ${spec.keys.join(', ')}.`,
        ),
      );
      continue;
    }
    for (const r of spec.required) {
      if (def[r] === undefined || def[r] === '') {
        out.push(
          finding(
            ctx,
            'pagination.missing-key',
            'error',
            kp,
            `pagination.${kind} needs "${r}"`,
            `Keys of ${kind}: ${spec.keys.join(', ')}.`,
          ),
        );
      }
    }
    for (const k of Object.keys(def)) {
      if (!spec.keys.includes(k)) {
        const near = suggest(k, spec.keys);
        out.push(
          finding(
            ctx,
            'schema.unknown-key',
            'warning',
            [...kp, k],
            `Unknown key "${k}" in pagination.${kind}: EIC ignores it${near ? `. Did you mean "${near}"?` : ''}`,
            near ? `Rename it to "${near}".` : `Keys of ${kind}: ${spec.keys.join(', ')}.`,
            {
              key: true,
            },
          ),
        );
      }
    }
  }
}

function misplaced(ctx: AttrContext, path: JsonPath, message: string, hint: string): Diagnostic {
  return finding(ctx, 'pagination.misplaced', 'error', path, message, hint, { key: true });
}

/** Where a misplaced `pagination` sits, in words, and the call it belongs in. */
function describePlace(path: JsonPath, calls: CallSite[]): { where: string; into?: string } {
  const p = path.map(String);
  const inside = calls.filter((c) => c.kind === 'import' && p.every((seg, i) => String(c.path[i]) === seg));
  const into = inside[0] ? `${inside[0].path.join('.')}.pagination` : undefined;
  if (p.length === 0) return { where: 'at the root', into };
  if (p.length === 1) return { where: `at the ${p[0]} level`, into };
  if (p[1] === 'entTypes' && p.length === 3)
    return { where: `of entitlement type "${p[2]}" at the entType level`, into };
  if (p[p.length - 1] === 'call') return { where: `beside the call objects in ${p.join('.')}`, into };
  return { where: `at ${p.join('.')}`, into };
}

/** Numeric literal `totalCountPath` values (a number, or a string of digits): a fixed cap, not a body path. */
function literalCount(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** The query parameters a kind adds to the URL on every page. */
function pagingParams(kind: string, def: Record<string, unknown>): string[] {
  const names =
    kind === 'offset'
      ? [def.offsetParam, def.batchParam]
      : kind === 'page'
        ? [def.pageNumberParam, def.pageSizeParam]
        : [];
  return names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

function checkPaging(ctx: AttrContext, c: CallSite, out: Diagnostic[]): void {
  const p = c.call.pagination;
  if (!isObject(p)) return;
  for (const [kind, def] of Object.entries(p)) {
    if (!isObject(def) || (kind !== 'offset' && kind !== 'page')) continue;
    const cap = literalCount(def.totalCountPath);
    if (cap !== undefined) {
      out.push(
        finding(
          ctx,
          'pagination.count-cap',
          'warning',
          [...c.path, 'pagination', kind, 'totalCountPath'],
          `totalCountPath is the number ${cap}, not a path in the response: EIC stops paging once ${cap} records are counted, however many the target holds`,
          'Point it at the total in the response (completeResponseMap.<field>, headers.<name>), or remove it: paging then stops at the first short or empty page.',
        ),
      );
    }
    const url = c.http.url;
    if (typeof url !== 'string' || !url.includes('?')) continue;
    const q = url.indexOf('?');
    for (const name of pagingParams(kind, def)) {
      const m = new RegExp(`[?&]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^&#]*)`).exec(url.slice(q));
      if (!m) continue;
      out.push(
        finding(
          ctx,
          'pagination.param-in-url',
          'warning',
          [...c.httpPath, 'url'],
          `The URL already sets ${name}=${m[1]}, which the ${kind} pagination sends on every page: the target sees the parameter twice and may read the fixed value each time (the same page over and over, or too few records)`,
          `Remove ${name}=${m[1]} from the URL; the pagination sets it.`,
          { inner: q + m.index + 1 },
        ),
      );
    }
  }
}

/** Checks pagination objects in calls and flags pagination placed where EIC does not read it. */
export function checkPagination(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isObject(ctx.json)) return out;
  const importCalls = calls.filter((c) => c.kind === 'import');
  const callAt = new Map(importCalls.map((c) => [JSON.stringify(c.path), c]));
  const httpAt = new Map(importCalls.filter((c) => c.http !== c.call).map((c) => [JSON.stringify(c.httpPath), c]));
  for (const c of importCalls) {
    if (c.call.pagination !== undefined) {
      checkObject(ctx, c.call.pagination, [...c.path, 'pagination'], out);
      checkPaging(ctx, c, out);
    }
    for (const kind of KIND_NAMES) {
      if (c.call[kind] !== undefined && c.path.length > 0) {
        out.push(
          misplaced(
            ctx,
            [...c.path, kind],
            `"${kind}" sits directly in the call: EIC reads it only inside "pagination", so only the first page is imported`,
            `Wrap it: "pagination": {"${kind}": {...}}.`,
          ),
        );
      }
    }
  }
  // ImportUserJSON's multiCall form: where EIC reads a root pagination is undocumented, so the root is left alone.
  const multiCall = ctx.name === 'ImportUserJSON' && Array.isArray(ctx.json.call);
  walkObjects(ctx.json, (path, obj) => {
    if (obj.pagination === undefined) return;
    const key = JSON.stringify(path);
    if (callAt.has(key) || (multiCall && path.length === 0)) return;
    const http = httpAt.get(key);
    if (http) {
      out.push(
        misplaced(
          ctx,
          [...path, 'pagination'],
          'pagination inside "http" is not read by EIC: only the first page is imported',
          `Move it up into the call object (${http.path.join('.')}.pagination).`,
        ),
      );
      return;
    }
    if (path.map(String).includes('pagination')) return; // a key inside a pagination object
    const { where, into } = describePlace(path, calls);
    out.push(
      misplaced(
        ctx,
        [...path, 'pagination'],
        `pagination ${where} is not read by EIC: only the first page${path[1] === 'entTypes' ? ` of ${String(path[2])}` : ''} is imported`,
        into
          ? `Move it into the call object: ${into}.`
          : 'Move it into each import call object (…call.<callN>.pagination).',
      ),
    );
  });
  return out;
}
