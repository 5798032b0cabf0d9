/** JSON responses and errors of the inspector API, in the control API's shape (`{"error":{code,message,...}}`). */
import { isHarnessError, type Location } from '../../lib/diagnostic.ts';
import { controlErrorResponse } from '../../mocks/leanix/control.ts';

/** An inspector API failure: HTTP status, stable code, message, and where the problem is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly more: {
      path?: (string | number)[];
      hint?: string;
      location?: Location;
      body?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
  }
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Turns anything thrown into an error response: ApiError as is, HarnessError as 400 with its location, else 500. */
export function errorResponse(e: unknown): Response {
  if (e instanceof ApiError)
    return controlErrorResponse(
      e.status,
      { code: e.code, message: e.message, path: e.more.path, hint: e.more.hint, location: e.more.location },
      e.more.body,
    );
  if (isHarnessError(e)) {
    const location = Object.keys(e.location).length > 0 ? e.location : undefined;
    return controlErrorResponse(400, {
      code: e.code,
      message: e.message,
      path: e.location.path,
      hint: e.hint,
      location,
    });
  }
  if (e instanceof URIError)
    return controlErrorResponse(400, { code: 'inspector.path', message: `bad path: ${e.message}` });
  return controlErrorResponse(500, { code: 'inspector.internal', message: e instanceof Error ? e.message : String(e) });
}

/** Reads a JSON object body (an empty body is `{}` when `optional`); ApiError 400 otherwise. */
export async function readJsonObject(req: Request, optional = false): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) {
    if (optional) return {};
    throw new ApiError(400, 'inspector.body', 'expected a JSON object body');
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'inspector.json', `malformed JSON body: ${e instanceof Error ? e.message : e}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ApiError(400, 'inspector.body', 'expected a JSON object body', { path: [] });
  return v as Record<string, unknown>;
}

/** ApiError 405 unless the method is one of `methods`. */
export function allow(req: Request, methods: string[]): void {
  const m = req.method.toUpperCase();
  if (!methods.includes(m))
    throw new ApiError(
      405,
      'inspector.method',
      `${m} is not allowed on ${new URL(req.url).pathname}; use ${methods.join(' or ')}`,
    );
}
