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
import { CONTROL_PREFIX, createControlApi } from './control.ts';
import { builtBodyOf, markBodyWriter } from './envelope.ts';
import type { FakeLeanIX } from './fake.ts';
import type { RequestHandler } from './faults.ts';
import { bodySourceOf, knownBody } from './journal.ts';

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
export const BODY_LIMIT = 1024 * 1024;
const CONTROL_BODY_LIMIT = 64 * 1024 * 1024;
/** After a 413, at most this much more of the rejected body is read (and discarded) before the socket is closed. */
const DISCARD_LIMIT = 16 * 1024 * 1024;

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '::ffff:127.0.0.1';
}

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

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
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
    const isControl = control !== null && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`));
    const handler: RequestHandler = isControl ? control : fake.handle;
    serveOne(req, res, handler, isControl ? CONTROL_BODY_LIMIT : limit).catch((e) => {
      // serveOne never rejects by design; this is the last guard so the process survives anything.
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end(JSON.stringify({ status: 'ERROR', type: 'ErrorResponse', message: String(e), errors: [], total: 0 }));
      } else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
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
