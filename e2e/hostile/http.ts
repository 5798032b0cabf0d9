/** HTTP helpers of the hostile-input tests: requests with any header (Host, Origin) and raw bytes on a socket. */
import { request } from 'node:http';
import { connect } from 'node:net';

/** An answer: status, headers and the body (parsed when JSON). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON bodies, asserted field by field
  json: any;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A request with exactly these headers (node:http lets a test set Host and Origin, which fetch would not). */
export function send(
  base: string,
  method: string,
  path: string,
  body?: string | Uint8Array | object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const bytes =
    body === undefined
      ? undefined
      : typeof body === 'string' || body instanceof Uint8Array
        ? Buffer.from(body)
        : Buffer.from(JSON.stringify(body));
  const hs = {
    ...(bytes && !(body instanceof Uint8Array) && typeof body === 'object'
      ? { 'content-type': 'application/json' }
      : {}),
    ...headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: hs }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Writes raw bytes to the server and returns everything it answers until it closes the connection. */
export function rawExchange(port: number, bytes: string | Buffer): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    socket.on('data', (c) => parts.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(parts).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      resolve({ head: end < 0 ? text : text.slice(0, end), body: end < 0 ? '' : text.slice(end + 4) });
    });
    socket.write(bytes);
  });
}
