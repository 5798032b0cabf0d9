/**
 * Checks of each call after rendering with sample bindings: the URL is well-formed, and a string `httpParams` sent as
 * application/json is valid JSON. Messages quote the template as written and give positions in it (a rendered
 * position inside a placeholder's value maps to the placeholder), never the made-up sample values.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { Bindings } from '../groovy/index.ts';
import { excerptAt, firstJsonError } from '../package/attribute.ts';
import { lineColumnAt } from '../package/text-position.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { placeholderSpans, spansInJsonStrings } from './placeholders.ts';
import { renderMapped, renderSample } from './render.ts';
import { sampleBindings } from './sample-bindings.ts';
import { urlProblems } from './url-check.ts';
import { exportBlanksOf } from './url-fields.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Re-renders a body with every placeholder that is outside JSON quotes replaced by `0` (an opaque JSON value):
 * EIC inserts values raw, so `"id": ${account.accountID}` is fine when the id is numeric.
 */
function unquotedValues(body: string, bindings: Bindings): { valid: boolean; spans: string[] } | undefined {
  const spans = placeholderSpans(body);
  const quoted = spansInJsonStrings(body, spans);
  if (!quoted.includes(false)) return undefined;
  let alt = '';
  let pos = 0;
  const names: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    const src = body.slice(spans[i].start, spans[i].end);
    alt += body.slice(pos, spans[i].start);
    if (quoted[i]) {
      const r = renderSample(src, bindings);
      if (!r.ok) return undefined;
      alt += r.value;
    } else {
      alt += '0';
      names.push(src.length > 40 ? `${src.slice(0, 37)}...` : src);
    }
    pos = spans[i].end;
  }
  alt += body.slice(pos);
  return { valid: firstJsonError(alt) === undefined, spans: names };
}

/** The content type a call's body is sent with (httpContentType, else a Content-Type header). */
export function contentTypeOf(call: CallSite): string | undefined {
  const ct = call.http.httpContentType ?? call.call.httpContentType;
  if (typeof ct === 'string' && ct.trim() !== '') return ct;
  const headers = call.http.httpHeaders;
  if (isObject(headers)) {
    for (const [k, v] of Object.entries(headers))
      if (k.toLowerCase() === 'content-type' && typeof v === 'string') return v;
  }
  return undefined;
}

function renderFailure(ctx: AttrContext, path: (string | number)[], what: string, message: string): Diagnostic {
  return finding(
    ctx,
    'template.sample-render',
    'info',
    path,
    `Could not render the ${what} with sample bindings (${message}); its rendered form was not checked`,
    'The expression needs data the sample bindings do not have; run a scenario to see the real rendering.',
  );
}

/** Renders and checks URL and JSON body of every call of an attribute. */
export function checkCalls(
  ctx: AttrContext,
  calls: CallSite[],
  authBlocks: Record<string, Json> | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const templates: string[] = [];
  walkStrings(ctx.json, (_p, s) => {
    templates.push(s);
  });
  const byConnection = new Map<unknown, Bindings>();
  for (const call of calls) {
    const block = authBlocks && typeof call.connection === 'string' ? authBlocks[call.connection] : undefined;
    let bindings = byConnection.get(block);
    if (!bindings) {
      bindings = sampleBindings(templates, block);
      byConnection.set(block, bindings);
    }
    const url = call.http.url;
    const urlPath = [...call.httpPath, 'url'];
    if (typeof url === 'string') {
      const whole = /^\s*\$\{[^}]*\}\s*$/.test(url);
      const r = renderMapped(url, bindings);
      if (!r.ok) out.push(renderFailure(ctx, urlPath, 'URL', r.message));
      else if (!whole) {
        const opts = { display: url, position: r.toSource, exportBlanks: exportBlanksOf(ctx.pkg) };
        for (const p of urlProblems(r.value, opts)) {
          out.push(finding(ctx, p.code, p.severity, urlPath, p.message, p.hint, { inner: p.index }));
        }
      }
    }
    const body = call.http.httpParams;
    const ct = contentTypeOf(call);
    const bodyPath = [...call.httpPath, 'httpParams'];
    const isJson = ct ? /json/i.test(ct) : typeof body === 'string' && /^\s*[[{]/.test(body);
    if (typeof body === 'string' && body.trim() !== '' && isJson && call.kind !== 'auth') {
      const r = renderMapped(body, bindings);
      if (!r.ok) out.push(renderFailure(ctx, bodyPath, 'httpParams body', r.message));
      else {
        const err = firstJsonError(r.value);
        const opaque = err ? unquotedValues(body, bindings) : undefined;
        if (err && opaque?.valid) {
          out.push(
            finding(
              ctx,
              'body.unquoted-value',
              'info',
              bodyPath,
              `httpParams is valid JSON only if ${opaque.spans.join(', ')} render${opaque.spans.length === 1 ? 's' : ''} to a JSON value (a number, array or object): they are not inside quotes`,
              'Fine when the bound value is numeric or JSON; quote the placeholder when it is a string.',
            ),
          );
        } else if (err) {
          const at = r.toSource(err.offset);
          const { line, column } = lineColumnAt(body, at);
          const d = finding(
            ctx,
            'body.invalid-json',
            'error',
            bodyPath,
            `httpParams is sent as ${ct ?? 'JSON'} but renders to invalid JSON: ${err.message} at line ${line}, column ${column} (position ${at}) of the template: ${excerptAt(body, at)}`,
            'EIC inserts values raw and sends the body as is; fix the quotes and braces of the httpParams string.',
            { inner: at },
          );
          if (d.location) d.location.offset = at;
          out.push(d);
        }
      }
    }
  }
  return out;
}
