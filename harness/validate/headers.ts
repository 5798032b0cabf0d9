// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
/**
 * Header checks of every `httpHeaders` map (calls, token requests, refresh and test-connection calls): an empty or
 * malformed header name, a blank value, an unfilled placeholder in a value. Real cases: Lessonly sends
 * `${access_token}` under the header name `""` in every call, Adobe Creative Cloud sends `"x-api-key": ""`
 * (saviynt/saviynt-connectors @e79bd77615; reference §5 lists the Lessonly one) [SEEN S2].
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { JsonPath } from '../package/text-position.ts';
import { type AttrContext, finding, walkObjects } from './context.ts';
import { findUnfilled, placeholderHint } from './unfilled.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 9110 token characters: what a header name may contain. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkHeaders(ctx: AttrContext, headers: Json, path: JsonPath, out: Diagnostic[]): void {
  for (const [name, value] of Object.entries(headers)) {
    const p = [...path, name];
    if (name.trim() === '') {
      const token = typeof value === 'string' && /\$\{\s*access_token\s*\}/.test(value);
      out.push(
        finding(
          ctx,
          'header.empty-name',
          'error',
          p,
          `A header has an empty name${typeof value === 'string' ? ` (its value is ${JSON.stringify(value)})` : ''}: no HTTP header can carry it, so the target never receives the value${token ? ' and the call is not authenticated' : ''}`,
          token
            ? 'Write "Authorization": "${access_token}" (or the header the API expects the token in).'
            : 'Name the header.',
          { key: true },
        ),
      );
    } else if (!TOKEN.test(name)) {
      const trimmed = name.trim();
      out.push(
        finding(
          ctx,
          'header.invalid-name',
          'warning',
          p,
          `The header name ${JSON.stringify(name)} has ${TOKEN.test(trimmed) ? 'surrounding whitespace' : 'characters a header name cannot hold'}: servers reject such a header (RFC 9110), unless EIC cleans the name (undocumented)`,
          TOKEN.test(trimmed) ? `Write "${trimmed}".` : "Header names are letters, digits and -_.!#$%&'*+^`|~.",
          { key: true },
        ),
      );
    }
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      out.push(
        finding(
          ctx,
          'header.blank-value',
          'warning',
          p,
          `The header "${name}" is blank: the export probably removed its value (an API key, a tenant id); EIC sends it empty or not at all`,
          'Fill the value (a patch file can do it without editing the export), or remove the header.',
        ),
      );
      continue;
    }
    const u = findUnfilled(value)[0];
    if (u) {
      out.push(
        finding(
          ctx,
          'header.placeholder',
          u.distinctive ? 'error' : 'warning',
          p,
          `The header "${name}" still holds the placeholder ${u.text}: EIC sends it literally${u.distinctive ? '' : ' (unless it is meant as text)'}`,
          placeholderHint(u.text),
          { inner: u.index },
        ),
      );
    }
  }
}

/** Checks every `httpHeaders` object of the attribute. */
export function checkAllHeaders(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkObjects(ctx.json, (path, obj) => {
    if (isObject(obj.httpHeaders)) checkHeaders(ctx, obj.httpHeaders, [...path, 'httpHeaders'], out);
  });
  return out;
}
