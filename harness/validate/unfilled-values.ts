/**
 * Unfilled export placeholders in values other than URLs and headers (those have their own checks): request bodies
 * (`httpParams`), token request parameters, `accessToken`, `properties`. Blackline's and OneTrust's README
 * ConnectionJSONs carry `@@CLIENT_SECRET@@` in the token request [SEEN S2, corpus].
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { findUnfilled, placeholderHint } from './unfilled.ts';
import { isUrlField } from './url-fields.ts';

/** Reports the first unfilled placeholder of each string value outside URLs, headers and mappings. */
export function checkUnfilledValues(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkStrings(ctx.json, (path, s) => {
    const keys = path.filter((k): k is string => typeof k === 'string');
    if (isUrlField(path) || keys.includes('httpHeaders') || keys.some((k) => /colsToPropsMap$/.test(k))) return;
    const found = findUnfilled(s);
    if (found.length === 0) return;
    const u = found[0];
    const where = keys.includes('httpParams') ? 'The request body' : `"${keys[keys.length - 1] ?? 'The value'}"`;
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    out.push(
      finding(
        ctx,
        'value.placeholder',
        u.distinctive ? 'error' : 'warning',
        path,
        `${where} still holds the placeholder ${u.text}${more}: EIC sends it literally${u.distinctive ? '' : ' (unless it is meant as text)'}`,
        placeholderHint(u.text),
        { inner: u.index },
      ),
    );
  });
  return out;
}
