/**
 * Who may drive the `/__harness/` control and inspector API of `harness serve` over HTTP. Without an admin token the
 * server binds loopback only, so the remaining danger is a web page in the user's browser:
 *  - a page on another origin sending simple requests (`text/plain` POSTs, forms) that need no CORS preflight: refused
 *    by the `Origin` header (browsers send it on every cross-origin request and on every POST/PUT/DELETE), and by
 *    `Sec-Fetch-Site: cross-site`;
 *  - DNS rebinding (a page whose own host name now resolves to 127.0.0.1 reads `/state/export`): refused by the `Host`
 *    header, which must name this machine (`localhost`, `*.localhost`, a loopback address, or a host allowed by
 *    option).
 * Clients that are not browsers (curl, test code, EIC) send no `Origin`, so they are unaffected. With an admin token,
 * the Bearer header (which no cross-origin page can attach without a preflight the server never grants) decides.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { HttpError } from '../../lib/http-json.ts';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/**
 * True for addresses only this machine can reach: `localhost`, 127.0.0.0/8, `::1`, `::ffff:127.x.x.x`. Other names
 * (`127.evil.example`, `localhost.example`) are not, whatever they resolve to today.
 */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  const family = isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 6 ? 'ipv6' : 'ipv4');
}

/** Options of the guard. */
export interface GuardOptions {
  /** With an admin token the Host check is off (the server may be reached by any name then). */
  adminToken?: string;
  /** More Host names accepted without an admin token (e.g. a name in /etc/hosts that points at 127.0.0.1). */
  allowedHosts?: readonly string[];
}

const refuse = (code: string, message: string, hint: string) =>
  new HttpError(403, `control.${code}`, message, {}, hint);

/** The host name of a Host header (`[::1]:8080` → `::1`), or undefined when it is not a valid host. */
function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Why a request to the control or inspector API must be refused (a 403 HttpError `control.cross-origin` or
 * `control.host`), or undefined when it may go on.
 */
export function crossSiteRefusal(headers: IncomingHttpHeaders, options: GuardOptions): HttpError | undefined {
  const host = headers.host;
  if (!options.adminToken && host !== undefined) {
    const name = hostnameOf(host);
    const allowed =
      name !== undefined &&
      (isLoopback(name) || name.endsWith('.localhost') || (options.allowedHosts ?? []).includes(name));
    if (!allowed)
      return refuse(
        'host',
        `the Host header ${JSON.stringify(host)} does not name this machine: refused (DNS rebinding)`,
        'open the harness as http://127.0.0.1:<port> or http://localhost:<port>, or allow the name: harness serve --allowed-host <name>',
      );
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let same = false;
    try {
      same = origin !== 'null' && host !== undefined && new URL(origin).host === new URL(`http://${host}`).host;
    } catch {
      same = false;
    }
    if (!same)
      return refuse(
        'cross-origin',
        `a page on ${origin} may not use the harness API (only pages it serves itself may)`,
        'call the API from a script or curl (no Origin header), or from the inspector page',
      );
  }
  if (headers['sec-fetch-site'] === 'cross-site' || headers['sec-fetch-site'] === 'same-site')
    return refuse(
      'cross-origin',
      'a page on another site may not use the harness API',
      'call the API from a script or curl, or from the inspector page',
    );
  return undefined;
}
