/**
 * Rendering one call object into a request: url (with the URL whitespace rule), httpMethod, header values and
 * httpParams, each `${...}` evaluated by the binding engine with the JSON path of its field for errors.
 *
 * `httpMethod` is a template like any other field: a Saviynt KB article writes
 * `"httpMethod": "${...?'PUT':...?'DELETE':'POST'}"` [DOC-KB S22 ta-p/37385, reference Fidelity addendum], so the
 * method is evaluated, then checked against the methods EIC knows (reference §2.2) before anything is sent.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import type { Bindings } from '../groovy/index.ts';
import type { CallSpec } from './call.ts';
import { encodeBody, headerValue, wireContentType } from './encode.ts';
import type { Renderer } from './render.ts';
import { renderDeep, renderField } from './render.ts';
import { applyUrlWhitespace, type UrlWhitespaceMode, urlProblem } from './url.ts';

/** The methods EIC accepts (reference §2.2: GET, POST, PUT, PATCH, DELETE, GETWITHBODY, DELETEWITHBODY). */
export const EIC_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'GETWITHBODY', 'DELETEWITHBODY'] as const;

/** A call rendered for sending, plus the evaluated template values (for the journal). */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  evaluated: Record<string, string>;
}

/** How to render: the attribute (for locations), an already rendered URL (pagination), the URL whitespace rule. */
export interface PrepareOptions {
  attribute: string;
  urlOverride?: string;
  urlWhitespace?: UrlWhitespaceMode;
}

function renderMethod(spec: CallSpec, render: Renderer, bindings: Bindings, attr: string, ev: Record<string, string>) {
  if (spec.httpMethod === undefined || spec.httpMethod === null || spec.httpMethod === '') return 'GET';
  const path = [...spec.httpPath, 'httpMethod'];
  if (typeof spec.httpMethod !== 'string')
    throw new HarnessError('call.bad-method', `call "${spec.name}": httpMethod must be a string`, {
      attribute: attr,
      path,
    });
  const method = renderField(render, spec.httpMethod, bindings, attr, path).trim();
  if (method !== spec.httpMethod) ev.httpMethod = method;
  if (!(EIC_METHODS as readonly string[]).includes(method.toUpperCase()))
    throw new HarnessError(
      'call.bad-method',
      `call "${spec.name}": httpMethod ${spec.httpMethod === method ? '' : `${JSON.stringify(spec.httpMethod)} rendered to `}${JSON.stringify(method)}, which is not an HTTP method EIC sends`,
      { attribute: attr, path },
      `methods: ${EIC_METHODS.join(', ')}`,
    );
  return method;
}

/** Renders a call spec with the bindings; throws HarnessError (template.error, call.no-url, call.bad-url, call.bad-method). */
export function prepareRequest(
  spec: CallSpec,
  render: Renderer,
  bindings: Bindings,
  opts: PrepareOptions,
): PreparedRequest {
  const evaluated: Record<string, string> = {};
  const attr = opts.attribute;
  let url: string;
  if (opts.urlOverride !== undefined) url = opts.urlOverride;
  else {
    if (typeof spec.url !== 'string' || spec.url === '')
      throw new HarnessError('call.no-url', `call "${spec.name}" has no url`, {
        attribute: attr,
        path: [...spec.httpPath, 'url'],
      });
    url = renderField(render, spec.url, bindings, attr, [...spec.httpPath, 'url']);
    if (url !== spec.url) evaluated.url = url;
  }
  url = applyUrlWhitespace(url, opts.urlWhitespace);
  const problem = urlProblem(url);
  if (problem) {
    throw new HarnessError(
      'call.bad-url',
      `call "${spec.name}": the rendered url ${JSON.stringify(url)} ${problem}`,
      { attribute: attr, path: [...spec.httpPath, 'url'] },
      'fill the host (and workspace) placeholders and check for stray spaces',
    );
  }
  const method = renderMethod(spec, render, bindings, attr, evaluated);
  const headers: Record<string, string> = {};
  const rawHeaders = spec.httpHeaders && typeof spec.httpHeaders === 'object' ? spec.httpHeaders : {};
  for (const [k, v] of Object.entries(rawHeaders as Record<string, unknown>)) {
    const tpl = v === null || v === undefined ? '' : String(v);
    headers[k] = renderField(render, tpl, bindings, attr, [...spec.httpPath, 'httpHeaders', k]);
    if (headers[k] !== tpl) evaluated[`httpHeaders.${k}`] = headers[k];
  }
  let params: unknown = spec.httpParams;
  if (typeof params === 'string') {
    params = renderField(render, params, bindings, attr, [...spec.httpPath, 'httpParams']);
    if (params !== spec.httpParams) evaluated.httpParams = params as string;
  } else if (params && typeof params === 'object') {
    params = renderDeep(render, params, bindings, attr, [...spec.httpPath, 'httpParams'], evaluated);
  }
  const ct = wireContentType(
    typeof spec.httpContentType === 'string' ? spec.httpContentType : headerValue(headers, 'content-type'),
    params,
  );
  const body = encodeBody(params, ct ?? 'application/json');
  if (body !== undefined && ct && !headerValue(headers, 'content-type')) headers['Content-Type'] = ct;
  return { method, url, headers, body, evaluated };
}
