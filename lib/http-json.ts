/**
 * JSON over Web-standard Request/Response for the harness's own HTTP APIs (the fake's control API and the inspector
 * API): one error class, one error body `{"error":{"code","message","path"?,"hint"?,"location"?}}`.
 */
import { formatPath, HarnessError, isHarnessError, type Location } from './diagnostic.ts';
import { jsonTooDeepAt, LIMITS } from './limits.ts';

/** A HarnessError with the HTTP status an API answers it with; `body` adds top-level fields (e.g. `diagnostics`). */
export class HttpError extends HarnessError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    location: Location = {},
    hint?: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(code, message, location, hint);
  }
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * The error response for anything thrown: an HttpError with its status, another HarnessError as 400 (413 for
 * `limit.size`), a bad percent-encoding as 400, anything else as 500 `<scope>.internal`. A location that says more
 * than a JSON path is included as `location`; 401 adds `WWW-Authenticate`.
 */
export function errorResponse(e: unknown, scope: string): Response {
  let err: HttpError;
  if (e instanceof HttpError) err = e;
  else if (isHarnessError(e))
    err = new HttpError(e.code === 'limit.size' ? 413 : 400, e.code, e.message, e.location, e.hint);
  else if (e instanceof URIError) err = new HttpError(400, `${scope}.path`, `bad path: ${e.message}`);
  else err = new HttpError(500, `${scope}.internal`, e instanceof Error ? e.message : String(e));
  const { path, ...where } = err.location;
  const error: Record<string, unknown> = { code: err.code, message: err.message };
  if (path) error.path = formatPath(path);
  if (err.hint) error.hint = err.hint;
  if (Object.keys(where).length > 0) error.location = err.location;
  const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer realm="harness"' } : {};
  return json(err.status, { error, ...err.body }, headers);
}

/**
 * Reads a JSON body (an empty body is `{}` when `optional`); HttpError 400 `<scope>.body` / `<scope>.json` otherwise,
 * `limit.depth` for JSON nested deeper than LIMITS.jsonDepth.
 */
export async function readJson(req: Request, scope: string, optional = false): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) {
    if (optional) return {};
    throw new HttpError(400, `${scope}.body`, 'expected a JSON body', { path: [] });
  }
  const deep = jsonTooDeepAt(text);
  if (deep >= 0)
    throw new HttpError(
      400,
      'limit.depth',
      `JSON body nested deeper than ${LIMITS.jsonDepth} levels (at character ${deep})`,
      { path: [] },
      'see "Limits" in the README',
    );
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `${scope}.json`, `malformed JSON body: ${e instanceof Error ? e.message : e}`, {
      path: [],
    });
  }
}

/** The value as a JSON object; HttpError 400 `<scope>.body` naming `path` otherwise. */
export function jsonObject(v: unknown, scope: string, path: (string | number)[] = []): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new HttpError(400, `${scope}.body`, 'expected a JSON object', { path });
  return v as Record<string, unknown>;
}

/** HttpError 405 `<scope>.method` unless the request's method is one of `methods`. */
export function allow(req: Request, methods: readonly string[], scope: string): void {
  const m = req.method.toUpperCase();
  if (!methods.includes(m))
    throw new HttpError(
      405,
      `${scope}.method`,
      `${m} is not allowed on ${new URL(req.url).pathname}; use ${methods.join(' or ')}`,
    );
}
