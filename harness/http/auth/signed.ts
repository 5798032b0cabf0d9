/**
 * Per-request signatures: `BasicWithHmac` and `SignedHeaders` [DOC S3]. Neither has a token request, so neither
 * refreshes; a rejection fails the call naming the keys. The docs name only the inputs, so the wire formats are
 * chosen here [INF] and checkable against `fixtures/token-server`:
 *
 * - `BasicWithHmac` (`properties.IKEY`, `properties.SKEY`; the names are Duo Security's integration/secret key):
 *   Duo Admin API request signing. `Date: <RFC 2822 date>`, canonical text = date, METHOD, host (lower case), path and
 *   the sorted, RFC 3986-encoded parameters (query string plus form body) joined by newlines;
 *   `Authorization: Basic base64(IKEY:hex(HMAC-SHA1(SKEY, canonical)))`. Both headers replace what the call wrote.
 * - `SignedHeaders` (`properties.userId`, `properties.keyFilePath`): HTTP Signatures (draft-cavage-http-signatures-12)
 *   with RSA-SHA256. `Date: <HTTP date>`, `Digest: SHA-256=<base64>` when a body is sent, and
 *   `Signature: keyId="<userId>",algorithm="rsa-sha256",headers="(request-target) host date[ digest]",signature="…"`.
 *   The key file is a PEM private key read from EIC's "Connector Files" directory [DOC S3 note: from v23.8 the file
 *   name is resolved there]; the emulator's `connectorFiles` option says where that is (default: the package folder).
 */
import { createHash, createHmac, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { HarnessError } from '../../../lib/diagnostic.ts';
import { headerValue } from '../encode.ts';
import { type OutgoingRequest, wireMethod } from '../send.ts';
import { ATTR } from './token-request.ts';
import type { BlockFinding, BlockState, Flow, FlowContext } from './types.ts';

/** RFC 3986 encoding (unreserved characters kept, the rest %XX), as Duo canonicalizes parameters. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 2822 date (`Tue, 21 Aug 2012 17:29:18 -0000`) of an epoch time. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '-0000');
}

/** The request's parameters for the canonical text: query string plus a form body. */
function canonicalParams(request: OutgoingRequest, url: URL): string {
  const pairs: [string, string][] = [...url.searchParams];
  const ct = headerValue(request.headers, 'content-type') ?? '';
  if (request.body && ct.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    pairs.push(...new URLSearchParams(request.body));
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
  headers[name] = value;
}

function prop(state: BlockState, key: string): string | undefined {
  const v = state.block.properties?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `BasicWithHmac` [DOC S3; wire format INF: Duo Admin API signing]. */
export const basicWithHmacFlow: Flow = {
  authType: 'BasicWithHmac',
  initialToken: (b) => (typeof b.accessToken === 'string' ? b.accessToken : null),
  canRefresh: () => false,
  noRefreshReason: () => 'BasicWithHmac signs each request with properties.IKEY/SKEY and has nothing to refresh',
  authorize(state, request, ctx) {
    const ikey = prop(state, 'IKEY');
    const skey = prop(state, 'SKEY');
    if (!ikey || !skey)
      throw new HarnessError(
        'auth.hmac-keys',
        `connection "${state.name}" (BasicWithHmac) needs properties.IKEY and properties.SKEY`,
        { attribute: ATTR, path: ['authentications', state.name, 'properties'] },
      );
    const url = new URL(request.url);
    const date = rfc2822(ctx.transport.now());
    const canon = [
      date,
      wireMethod(request.method).wire,
      url.host.toLowerCase(),
      url.pathname,
      canonicalParams(request, url),
    ].join('\n');
    const signature = createHmac('sha1', skey).update(canon, 'utf8').digest('hex');
    const credential = Buffer.from(`${ikey}:${signature}`, 'utf8').toString('base64');
    ctx.recorder.addSecret(signature);
    ctx.recorder.addSecret(credential);
    setHeader(request.headers, 'Date', date);
    setHeader(request.headers, 'Authorization', `Basic ${credential}`);
  },
  check(b) {
    const p = b.properties ?? {};
    return ['IKEY', 'SKEY']
      .filter((k) => typeof p[k] !== 'string' || p[k] === '')
      .map<BlockFinding>((k) => ({
        code: 'auth.hmac-keys',
        severity: 'error',
        message: `BasicWithHmac needs properties.${k}`,
        path: ['properties', k],
      }));
  },
};

/** Loaded key files, per auth manager's block state (read once, on the first signed request). */
const keys = new WeakMap<BlockState, Promise<KeyObject>>();

async function loadKey(state: BlockState, ctx: FlowContext): Promise<KeyObject> {
  const file = prop(state, 'keyFilePath');
  const path = ['authentications', state.name, 'properties', 'keyFilePath'];
  if (!file)
    throw new HarnessError(
      'auth.key-file',
      `connection "${state.name}" (SignedHeaders) has no properties.keyFilePath`,
      {
        attribute: ATTR,
        path,
      },
    );
  let pem: string;
  try {
    pem = await ctx.readConnectorFile(file);
  } catch (e) {
    throw new HarnessError(
      'auth.key-file',
      `connection "${state.name}": cannot read the key file ${JSON.stringify(file)}: ${e instanceof Error ? e.message : String(e)}`,
      { attribute: ATTR, path },
      'EIC reads the file name from Admin > Settings > File Directory > Connector Files; give the harness that folder (emulator option connectorFiles, scenario given.eic.connectorFiles)',
    );
  }
  ctx.recorder.addSecret(pem);
  for (const line of pem.split(/\r?\n/))
    if (line.length >= 16 && !line.startsWith('-----')) ctx.recorder.addSecret(line);
  try {
    return createPrivateKey(pem);
  } catch (e) {
    throw new HarnessError(
      'auth.key-file',
      `connection "${state.name}": ${JSON.stringify(file)} is not a PEM private key (${e instanceof Error ? e.message : String(e)})`,
      { attribute: ATTR, path },
    );
  }
}

/** `SignedHeaders` [DOC S3; wire format INF: HTTP Signatures, draft-cavage-12, rsa-sha256]. */
export const signedHeadersFlow: Flow = {
  authType: 'SignedHeaders',
  initialToken: (b) => (typeof b.accessToken === 'string' ? b.accessToken : null),
  canRefresh: () => false,
  noRefreshReason: () => 'SignedHeaders signs each request with the key file and has nothing to refresh',
  async authorize(state, request, ctx) {
    let key = keys.get(state);
    if (!key) {
      key = loadKey(state, ctx);
      keys.set(state, key);
      key.catch(() => keys.delete(state));
    }
    const privateKey = await key;
    const url = new URL(request.url);
    const { wire, bodyAllowed } = wireMethod(request.method);
    const date = new Date(ctx.transport.now()).toUTCString();
    setHeader(request.headers, 'Date', date);
    const lines = [
      `(request-target): ${wire.toLowerCase()} ${url.pathname}${url.search}`,
      `host: ${url.host}`,
      `date: ${date}`,
    ];
    const names = ['(request-target)', 'host', 'date'];
    if (bodyAllowed && request.body !== undefined) {
      const digest = `SHA-256=${createHash('sha256').update(request.body, 'utf8').digest('base64')}`;
      setHeader(request.headers, 'Digest', digest);
      lines.push(`digest: ${digest}`);
      names.push('digest');
    }
    const signature = sign('sha256', Buffer.from(lines.join('\n'), 'utf8'), privateKey).toString('base64');
    ctx.recorder.addSecret(signature);
    const keyId = prop(state, 'userId') ?? state.name;
    setHeader(
      request.headers,
      'Signature',
      `keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`,
    );
  },
  check(b) {
    const p = b.properties ?? {};
    const out: BlockFinding[] = [];
    if (typeof p.keyFilePath !== 'string' || p.keyFilePath === '')
      out.push({
        code: 'auth.key-file',
        severity: 'error',
        message: 'SignedHeaders needs properties.keyFilePath',
        path: ['properties', 'keyFilePath'],
      });
    if (typeof p.userId !== 'string' || p.userId === '')
      out.push({
        code: 'auth.signed-headers-user',
        severity: 'warning',
        message: 'SignedHeaders without properties.userId: the signature names the connection as keyId',
        path: ['properties', 'userId'],
      });
    return out;
  },
};
