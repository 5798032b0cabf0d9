/**
 * Pagination: EIC reads `pagination` only inside an import call object (§2.4). Elsewhere (entType level, section
 * level, inside `http`) it is ignored and only the first page is imported. Kinds: nextUrl, offset, page.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { JsonPath } from '../package/text-position.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding } from './context.ts';

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

/** Checks pagination objects in calls and flags pagination placed where EIC does not read it. */
export function checkPagination(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isObject(ctx.json)) return out;
  const importCalls = calls.filter((c) => c.kind === 'import');
  for (const c of importCalls) {
    if (c.call.pagination !== undefined) checkObject(ctx, c.call.pagination, [...c.path, 'pagination'], out);
    if (c.http !== c.call && c.http.pagination !== undefined) {
      out.push(
        misplaced(
          ctx,
          [...c.httpPath, 'pagination'],
          'pagination inside "http" is not read by EIC: only the first page is imported',
          `Move it up into the call object (${c.path.join('.')}.pagination).`,
        ),
      );
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
  const json = ctx.json;
  const sections = ['accountParams', 'entitlementParams', 'acctEntParams'];
  for (const s of sections) {
    const sec = json[s];
    if (!isObject(sec)) continue;
    if (sec.pagination !== undefined) {
      out.push(
        misplaced(
          ctx,
          [s, 'pagination'],
          `pagination at the ${s} level is not read by EIC: only the first page is imported`,
          `Move it into each call object (${s}...call.<callN>.pagination).`,
        ),
      );
    }
    if (isObject(sec.entTypes)) {
      for (const [t, def] of Object.entries(sec.entTypes)) {
        if (!isObject(def) || def.pagination === undefined) continue;
        const callKeys = isObject(def.call) ? Object.keys(def.call) : [];
        out.push(
          misplaced(
            ctx,
            [s, 'entTypes', t, 'pagination'],
            `pagination of entitlement type "${t}" is at the entType level, where EIC does not read it: only the first page of ${t} is imported`,
            `Move it into the call object: ${s}.entTypes.${t}.call.${callKeys[0] ?? 'call1'}.pagination.`,
          ),
        );
      }
    }
  }
  return out;
}
