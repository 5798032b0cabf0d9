/**
 * The HTTP adapter: a node:http server around the fake's one `handle` (and the `/__harness/` control API). Converts
 * IncomingMessage → Request and Response → ServerResponse faithfully (status, status text, repeated headers, bytes),
 * streams response bodies, stops reading a request body past 1 MiB and answers 413 through the router, and destroys
 * the socket for a dropped-connection fault. Binds 127.0.0.1 by default; port 0 picks a free port. Extra `mounts`
 * (the inspector) are asked first; an event stream (`text/event-stream`) is written chunk by chunk as it comes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HarnessError } from '../../lib/diagnostic.ts';
import { errorResponse, HttpError } from '../../lib/http-json.ts';
import { LIMITS } from '../../lib/limits.ts';
import { createControlApi, isControlPath } from './control.ts';
import { attachReadBody, builtBodyOf, errorBody, markBodyWriter } from './envelope.ts';
import type { FakeLeanIX } from './fake.ts';
import type { RequestHandler } from './faults.ts';
import { crossSiteRefusal, isLoopback } from './http-guard.ts';
import { bodySourceOf, knownBody } from './journal.ts';

export { isLoopback };

/** Options of the HTTP server. */
export interface FakeServerOptions {
  /** Interface to bind (default 127.0.0.1). A non-loopback address requires `adminToken`. */
  host?: string;
  /** Port (default 0: a free port). */
  port?: number;
  /** Bearer token the control API demands; required when binding a non-loopback address. */
  adminToken?: string;
  /** Request body limit in bytes for the MTM API (default 1 MiB); the control API allows 64 MiB. */
  bodyLimit?: number;
  /** Serve the control API under /__harness/ (default true). */
  control?: boolean;
  /** More handlers, asked in order before the control API and the MTM API (the first whose `match` is true serves). */
  mounts?: Mount[];
  /** More Host names the `/__harness/` API answers without an admin token (default: loopback names only). */
  allowedHosts?: readonly string[];
  /** A request's headers must arrive within this many ms (default LIMITS.headersTimeoutMs), else 408. */
  headersTimeoutMs?: number;
  /** A whole request must arrive within this many ms (default LIMITS.requestTimeoutMs), else 408. */
  requestTimeoutMs?: number;
  /** Open connections at most (default LIMITS.maxConnections); more are closed at once. */
  maxConnections?: number;
}

/** A handler mounted beside the MTM API: serves the request paths `match` accepts. */
export interface Mount {
  /** True for the request paths (without the query) this mount serves. */
  match(path: string): boolean;
  handler: RequestHandler;
  /** Request body limit in bytes (default 64 MiB, like the control API). */
  bodyLimit?: number;
}

/** A running server. */
export interface FakeServer {
  /** Base URL, e.g. `http://127.0.0.1:43121` (MTM lives under `/services/mtm/v1`). */
  url: string;
  host: string;
  port: number;
  server: Server;
  /** Stops accepting, closes idle and open connections, resolves when closed. */
  close(): Promise<void>;
}

/** The MTM body limit: 1 MiB. */
export const BODY_LIMIT = LIMITS.mtmBodyBytes;
const CONTROL_BODY_LIMIT = LIMITS.uploadBytes;
/** After a 413, at most this much more of the rejected body is read (and discarded) before the socket is closed. */
const DISCARD_LIMIT = 16 * 1024 * 1024;

/** Starts the HTTP server for a fake. Throws HarnessError for a non-loopback host without an admin token. */
export async function startFakeServer(fake: FakeLeanIX, options: FakeServerOptions = {}): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.adminToken)
    throw new HarnessError(
      'serve.admin-token',
      `binding ${host} exposes the control API beyond this machine: an admin token is required`,
      {},
      'pass --admin-token <secret> (the control API then demands Authorization: Bearer <secret>)',
    );
  const control = options.control === false ? null : createControlApi(fake, { adminToken: options.adminToken });
  const limit = options.bodyLimit ?? BODY_LIMIT;
  const sockets = new Set<Socket>();
  const guard = { adminToken: options.adminToken, allowedHosts: options.allowedHosts };

  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? LIMITS.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? LIMITS.requestTimeoutMs,
      // how often the two timeouts above are checked (Node's default is 30 s)
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs ?? LIMITS.headersTimeoutMs),
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      pathOfSocket.set(req.socket, path);
      const harnessPath = isControlPath(path);
      if (harnessPath) {
        const refusal = crossSiteRefusal(req.headers, guard);
        if (refusal) {
          req.resume();
          writeResponse(errorResponse(refusal, 'control'), req, res).catch(() => res.destroy());
          return;
        }
      }
      const mount = options.mounts?.find((m) => m.match(path));
      if (mount) {
        const limit = mount.bodyLimit ?? CONTROL_BODY_LIMIT;
        serveOne(req, res, mount.handler, limit, () => tooLarge(limit)).catch(() => {
          if (!res.headersSent) {
            res.statusCode = 500;
            res.end();
          } else res.destroy();
        });
        return;
      }
      const isControl = control !== null && harnessPath;
      const handler: RequestHandler = isControl ? control : fake.handle;
      serveOne(req, res, handler, isControl ? CONTROL_BODY_LIMIT : limit).catch((e) => {
        // serveOne never rejects by design; this is the last guard so the process survives anything.
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end(JSON.stringify({ status: 'ERROR', type: 'ErrorResponse', message: String(e), errors: [], total: 0 }));
        } else res.destroy();
      });
    },
  );
  server.maxConnections = options.maxConnections ?? LIMITS.maxConnections;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(clientErrorAnswer(err, pathOfSocket.get(socket as Socket)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new HarnessError(
          'serve.listen',
          `cannot listen on ${host}:${options.port ?? 0}: ${e.code ?? e.message}`,
          {},
          e.code === 'EADDRINUSE' ? 'pick another --port, or --port 0 for a free one' : undefined,
        ),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  if (!options.adminToken && !isLoopback(addr.address)) {
    // a name that looked like loopback resolved elsewhere: never serve the control API beyond this machine
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new HarnessError(
      'serve.admin-token',
      `${host} resolved to ${addr.address}, which is not a loopback address: an admin token is required`,
      {},
      'pass --admin-token <secret>, or bind 127.0.0.1',
    );
  }
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${urlHost}:${addr.port}`,
    host: addr.address,
    port: addr.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}

/** The path of the request last dispatched on a socket (a body that times out names its API by it). */
const pathOfSocket = new WeakMap<Socket, string>();

/** Node's HTTP parser and timeout failures, by error code: status and what went wrong. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request did not arrive in time'],
  HPE_INVALID_METHOD: [400, 'unknown HTTP method'],
  HPE_INVALID_CHUNK_SIZE: [400, 'bad chunked encoding'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [400, 'bad chunked encoding'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'both Content-Length and Transfer-Encoding'],
};

/**
 * The raw HTTP answer to a request Node's parser refused (or that timed out): the JSON error envelope of the API the
 * request was for (the control API's under `/__harness`, LeanIX's otherwise; by the request line when it could be
 * read, else by the request in flight on the socket), and `connection: close`.
 */
function clientErrorAnswer(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, inFlight?: string): string {
  const [status, what] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'malformed HTTP request'];
  const message = `${what} (${err.code ?? 'parse error'})`;
  const line = err.rawPacket?.subarray(0, 2048).toString('latin1').split('\r\n')[0] ?? '';
  const target = / (\S+)/.exec(line)?.[1] ?? inFlight ?? '';
  const body = isControlPath(target)
    ? JSON.stringify({ error: { code: 'control.http', message } })
    : errorBody(message, [{ value: 'request', messages: [what] }]);
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
  return `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Reads the request body up to `limit`+1 bytes; returns the bytes and whether the limit was crossed. */
function readBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (over: boolean) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve({ bytes: Buffer.concat(chunks, size), over });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(true);
      }
    };
    const onEnd = () => finish(false);
    const onError = (e: Error) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    };
    // Whatever the declared length, read just past the limit (never more), so the router sees an oversized body.
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The raw headers as Headers, one by one: a header value Headers refuses is dropped rather than failing the request. */
function lenientHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, raw[i + 1]);
    } catch {
      // invalid characters: dropped
    }
  }
  return headers;
}

/** The incoming request as a Web Request (headers in their original repetition, the body as read). */
function toRequest(req: IncomingMessage, body: Buffer | null): Request {
  const raw = req.rawHeaders;
  // Fast path: the name/value pairs go straight to the Request (one header list built, not two); should any be
  // refused, the lenient copy is used instead.
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) if (!raw[i].startsWith(':')) pairs.push([raw[i], raw[i + 1]]);
  const host = req.headers.host ?? 'localhost';
  const method = req.method ?? 'GET';
  const url = `http://${host}${req.url ?? '/'}`;
  const init: RequestInit = { method, headers: pairs };
  if (body && method !== 'GET' && method !== 'HEAD') init.body = body as unknown as Uint8Array<ArrayBuffer>;
  let request: Request;
  try {
    request = new Request(url, init);
  } catch {
    request = new Request(url, { ...init, headers: lenientHeaders(raw) });
  }
  markBodyWriter(request); // writeResponse writes a router-built body itself
  if (body) attachReadBody(request, body); // the journal and the router take these bytes, not a clone of the stream
  return request;
}

/** A mount's answer to a body over its limit, in the control API's error shape. */
function tooLarge(limit: number): Response {
  return errorResponse(
    new HttpError(413, 'control.body-limit', `the request body is larger than ${limit} bytes`),
    'control',
  );
}

async function serveOne(
  req: IncomingMessage,
  res: ServerResponse,
  handler: RequestHandler,
  limit: number,
  /** When set, a body over the limit is answered with this response instead of going to the handler. */
  overLimit?: () => Response,
) {
  let body: Buffer | null = null;
  let over = false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      ({ bytes: body, over } = await readBody(req, limit));
    } catch {
      req.destroy();
      return;
    }
  }
  let request: Request;
  try {
    request = toRequest(req, body);
  } catch (e) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'ERROR',
        type: 'ErrorResponse',
        message: `bad request: ${String(e)}`,
        errors: [],
        total: 0,
      }),
    );
    return;
  }
  const response = over && overLimit ? overLimit() : await handler(request);
  if (over) {
    // The rest of an oversized body is read and thrown away (bounded), then the connection is closed.
    res.setHeader('connection', 'close');
    let discarded = 0;
    req.on('data', (c: Buffer) => {
      discarded += c.length;
      if (discarded > DISCARD_LIMIT) req.destroy();
    });
    req.resume();
    res.on('finish', () => {
      if (!req.complete) setTimeout(() => req.destroy(), 1000).unref();
    });
  }
  await writeResponse(response, req, res);
}

/** Writes a Web Response to the ServerResponse, streaming the body with backpressure; `Response.error()` drops. */
async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length) headers['set-cookie'] = setCookies;
  const head = () => {
    if (response.statusText) res.writeHead(response.status, response.statusText, headers);
    else res.writeHead(response.status, headers);
  };
  // The whole body may be at hand already (the journal's copy, or the string or bytes the Response was built from):
  // then it is written at once, without a stream round trip.
  const known = knownBody(response) ?? builtBodyOf(response) ?? bodySourceOf(response);
  if (known !== undefined) {
    headers['content-length'] = String(typeof known === 'string' ? Buffer.byteLength(known) : known.byteLength);
    head();
    if (req.method === 'HEAD') res.end();
    else res.end(known);
    return;
  }
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel();
    head();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  if (/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
    // An event stream: headers now, then every chunk as it comes; a closed connection cancels the stream.
    head();
    res.flushHeaders();
    res.on('close', () => {
      reader.cancel().catch(() => {});
    });
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (res.destroyed) break;
      res.write(r.value);
    }
    if (!res.destroyed) res.end();
    return;
  }
  const first = await reader.read();
  const second = first.done ? first : await reader.read();
  if (second.done) {
    // At most one chunk: send it with a Content-Length.
    if (!first.done && headers['content-length'] === undefined)
      headers['content-length'] = String(first.value.byteLength);
    head();
    res.end(first.done ? undefined : first.value);
    return;
  }
  head();
  let r: ReadableStreamReadResult<Uint8Array> = first;
  let pending: ReadableStreamReadResult<Uint8Array> | undefined = second;
  while (!r.done) {
    if (!res.write(r.value)) await new Promise<void>((resolve) => res.once('drain', resolve));
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    r = pending ?? (await reader.read());
    pending = undefined;
  }
  res.end();
}
