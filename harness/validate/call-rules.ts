/**
 * Per-call rules: known HTTP methods (§2.2: GET, POST, PUT, PATCH, DELETE, GETWITHBODY, DELETEWITHBODY), and the
 * token prefix written twice (`"Bearer ${access_token}"` while `${access_token}` already holds "Bearer xyz", §1.3).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import type { CallSite } from './calls.ts';
import { type AttrContext, finding } from './context.ts';

/** HTTP methods EIC's REST connector accepts. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'GETWITHBODY', 'DELETEWITHBODY'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks methods of every call and Authorization headers against the named auth block's tokenType. */
export function checkCallRules(
  ctx: AttrContext,
  calls: CallSite[],
  authBlocks: Record<string, Json> | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of calls) {
    const method = c.http.httpMethod;
    // a templated method (`${...?'PUT':'POST'}`, Saviynt KB ta-p/37385) is checked when it is evaluated
    if (typeof method === 'string' && !method.includes('${') && !HTTP_METHODS.includes(method)) {
      const near = suggest(method, HTTP_METHODS);
      out.push(
        finding(
          ctx,
          'call.bad-method',
          'error',
          [...c.httpPath, 'httpMethod'],
          `Unknown httpMethod "${method}"`,
          near ? `Write "${near}" (methods are upper case).` : `Methods: ${HTTP_METHODS.join(', ')}.`,
        ),
      );
    }
    if (c.kind === 'auth' || !authBlocks || typeof c.connection !== 'string') continue;
    const block = authBlocks[c.connection];
    const tokenType = block?.tokenType;
    if (typeof tokenType !== 'string' || tokenType.trim() === '') continue;
    const headers = c.http.httpHeaders;
    if (!isObject(headers)) continue;
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string') continue;
      const m = /^\s*([A-Za-z]+)\s+\$\{\s*access_token\s*\}/.exec(value);
      if (m && m[1].toLowerCase() === tokenType.trim().toLowerCase()) {
        out.push(
          finding(
            ctx,
            'header.double-token-type',
            'warning',
            [...c.httpPath, 'httpHeaders', name],
            `"${value}" sends "${m[1]} ${tokenType} <token>": \${access_token} already starts with the tokenType "${tokenType}" of ${c.connection}`,
            `Write "${name}": "\${access_token}".`,
          ),
        );
      }
    }
  }
  return out;
}
