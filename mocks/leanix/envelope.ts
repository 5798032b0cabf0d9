/** The MTM response envelope and JSON responses: `{"status":"OK","type":..,"message":null,"errors":[],"total":n,"data":..}`. */

/** One item of the envelope's `errors`: the offending field and what is wrong with it. */
export interface ApiError {
  value: string;
  messages: string[];
}

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' } as const;

/** A JSON response with the given status and extra headers. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return rawJsonResponse(status, JSON.stringify(body), headers);
}

/** A response whose body is already serialised JSON. */
export function rawJsonResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The success envelope around one object (`total` as given: 1 for reads, 0 for writes as in the docs' example). */
export function okEnvelope(type: string, data: unknown, total: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ status: 'OK', type, message: null, errors: [], total, ...extra, data });
}

/** The success envelope around a list whose items are already serialised JSON strings (fast path for big pages). */
export function okListEnvelope(type: string, items: readonly string[], total: number): string {
  return `{"status":"OK","type":${JSON.stringify(type)},"message":null,"errors":[],"total":${total},"data":[${items.join(',')}]}`;
}

const COMMA = 0x2c; // ','
const LIST_TAIL = Buffer.from(']}');

/** A part of a list item: UTF-8 bytes, or text to encode as UTF-8. */
export type ItemPart = Uint8Array | string;

/** An item of a list page: its UTF-8 bytes, or parts to be joined. */
export type ItemBytes = Uint8Array | readonly ItemPart[];

/**
 * The list envelope assembled from the items (one copy per byte part, text encoded straight into the page; no large
 * string is built or encoded).
 */
export function okListBytes(type: string, items: readonly ItemBytes[], total: number): Uint8Array {
  const head = `{"status":"OK","type":${JSON.stringify(type)},"message":null,"errors":[],"total":${total},"data":[`;
  let size = Buffer.byteLength(head) + Math.max(0, items.length - 1) + LIST_TAIL.length;
  for (const item of items)
    if (item instanceof Uint8Array) size += item.byteLength;
    else for (const part of item) size += typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head, 0);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const item = items[i];
    if (item instanceof Uint8Array) {
      out.set(item, at);
      at += item.byteLength;
    } else
      for (const part of item)
        if (typeof part === 'string') at += out.write(part, at);
        else {
          out.set(part, at);
          at += part.byteLength;
        }
  }
  out.set(LIST_TAIL, at);
  return out;
}

/**
 * On a `bytesJsonResponse`: the bytes as the router built them (never handed to a byte stream, so never detached).
 * A symbol property rather than a WeakMap: one per request, and cheaper to set and to collect.
 */
const BUILT_BODY = Symbol('leanix.builtBody');
/** On a request whose caller (the HTTP adapter) writes `builtBodyOf(response)` itself and never reads the body. */
const BODY_WRITER = Symbol('leanix.bodyWriter');
type Built = { [BUILT_BODY]?: Uint8Array };
type Writer = { [BODY_WRITER]?: true };

/**
 * Marks a request as coming from a caller that writes a built body itself (the HTTP adapter): responses to it built
 * with `bytesJsonResponse` then carry no body stream at all (on Node 20 each ReadableStream costs tens of
 * microseconds), only `builtBodyOf`. Anything between router and caller that re-wraps a response must use
 * `builtBodyOf` before `response.body` (faults.ts does).
 */
export function markBodyWriter(req: Request): void {
  (req as Writer)[BODY_WRITER] = true;
}

/** On a request whose body the HTTP adapter already read: those bytes (the request's stream stays unread). */
const READ_BODY = Symbol('leanix.readBody');
type ReadBody = { [READ_BODY]?: Uint8Array };

/** Attaches the body bytes a caller already read to the request it built from them (the HTTP adapter does). */
export function attachReadBody(req: Request, bytes: Uint8Array): void {
  (req as ReadBody)[READ_BODY] = bytes;
}

/** The bytes `attachReadBody` attached, if any: readers take them instead of cloning and reading the stream. */
export function readBodyOf(req: Request): Uint8Array | undefined {
  return (req as ReadBody)[READ_BODY];
}

/**
 * A JSON response whose body is already UTF-8 bytes; the caller hands them over and must not change them. The body is
 * a one-chunk stream over those bytes (undici would copy bytes given directly, and a page is ~60 KB), so the journal
 * and the HTTP adapter can take them as they are (`builtBodyOf`) instead of copying or re-reading them. For a request
 * marked with `markBodyWriter`, the response has no body stream, only `builtBodyOf`.
 */
export function bytesJsonResponse(
  status: number,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
  req?: Request,
): Response {
  const init = { status, headers: { ...JSON_HEADERS, ...headers } };
  if (bytes.byteLength === 0 || isNullBodyStatus(status)) return new Response(bytes as Uint8Array<ArrayBuffer>, init);
  if (req && (req as Writer)[BODY_WRITER]) {
    const bare = new Response(null, init);
    (bare as Built)[BUILT_BODY] = bytes;
    return bare;
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const res = new Response(body, init);
  (res as Built)[BUILT_BODY] = bytes;
  return res;
}

/** The bytes a `bytesJsonResponse` was built from, while its body is unread (else undefined). Do not mutate them. */
export function builtBodyOf(res: Response): Uint8Array | undefined {
  const bytes = (res as Built)[BUILT_BODY];
  return bytes === undefined || res.bodyUsed ? undefined : bytes;
}

function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

/** The error envelope: `{"status":"ERROR","type":"ErrorResponse","message":..,"errors":[..],"total":0}`. */
export function errorBody(message: string, errors: ApiError[] = [], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ status: 'ERROR', type: 'ErrorResponse', message, errors, total: 0, ...extra });
}

/** An error response; thrown by route code as ApiFailure and turned into a Response by the router. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly errors: ApiError[];
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    message: string,
    errors: ApiError[] = [],
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.errors = errors;
    this.headers = headers;
    this.extra = extra;
  }

  /** This failure as an HTTP response with the error envelope. */
  toResponse(): Response {
    return rawJsonResponse(this.status, errorBody(this.message, this.errors, this.extra), this.headers);
  }
}

/** 400 naming one field. */
export function badRequest(field: string, message: string): ApiFailure {
  return new ApiFailure(400, message, [{ value: field, messages: [message] }]);
}

/** 404 naming the id field of an unknown record. */
export function notFound(what: string, id: string, field = 'id'): ApiFailure {
  return new ApiFailure(404, `${what} not found: ${id}`, [{ value: field, messages: ['not found'] }]);
}

/** 403: valid token without the right to this resource. */
export function forbidden(message: string): ApiFailure {
  return new ApiFailure(403, message, [{ value: 'authorization', messages: [message] }]);
}

/**
 * 401: missing, bad, expired or revoked bearer credentials. Besides the envelope, the body carries OAuth's
 * `error: "invalid_token"` + `error_description` (what Spring's OAuth2 resource servers answer, and what an EIC
 * ConnectionJSON with `errorPath: "error"` and `authError: ["invalid_token"]` looks for).
 */
export function unauthorized(message: string): ApiFailure {
  return new ApiFailure(
    401,
    message,
    [{ value: 'authorization', messages: [message] }],
    {
      'www-authenticate': `Bearer realm="mtm", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    },
    { error: 'invalid_token', error_description: message },
  );
}
