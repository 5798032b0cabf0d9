/**
 * Findings about a ConnectionJSON's auth blocks, for `harness validate`, `harness test-connection` and the emulator:
 * unknown authTypes, flow-specific gaps (a Jwt without key, HMAC without SKEY ...), and what the emulator accepts but
 * cannot do or does in its own way (`ssl`: client TLS cannot go through fetch; `authHeaderName` injection;
 * `maskInLogs`; `maxRefreshTryCount` vs ConfigJSON `tokenRefreshMaxTryCount`).
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { AUTH_TYPES, flowFor } from './flows.ts';
import { wholeNumber } from './refresh.ts';
import { ATTR } from './token-request.ts';
import type { AuthBlock } from './types.ts';

/** The key some packages put beside the auth blocks instead of inside one [SEEN corpus aa360-ConnectionJSON]. */
export const SHARED_TEST_PARAMS = 'testConnectionParams';

/** Options of checkAuthentications. */
export interface CheckOptions {
  /** ConfigJSON `connectionTimeoutConfig.tokenRefreshMaxTryCount`, when set. */
  tokenRefreshMaxTryCount?: number;
}

/** Every finding about the auth blocks of a parsed ConnectionJSON. */
export function checkAuthentications(connectionJson: unknown, opts: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const auths = (connectionJson as { authentications?: unknown } | null)?.authentications;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) {
    out.push({
      code: 'auth.no-authentications',
      severity: 'error',
      message: 'ConnectionJSON has no "authentications" object',
      location: { attribute: ATTR, path: ['authentications'] },
      hint: 'expected {"authentications":{"<name>":{"authType":"oauth2",...}}}',
    });
    return out;
  }
  const entries = Object.entries(auths as Record<string, unknown>);
  for (const [name, raw] of entries) {
    const base = ['authentications', name];
    const at = (path: (string | number)[]) => ({ attribute: ATTR, path: [...base, ...path] });
    if (name === SHARED_TEST_PARAMS) {
      out.push({
        code: 'auth.shared-test-connection',
        severity: 'info',
        message: `testConnectionParams sits beside the auth blocks; Test Connection runs it with the first block ("${entries.find(([n]) => n !== SHARED_TEST_PARAMS)?.[0] ?? 'none'}")`,
        location: at([]),
        hint: 'the documented place is inside an auth block',
      });
      continue;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      out.push({
        code: 'auth.bad-block',
        severity: 'error',
        message: `auth block "${name}" is not an object`,
        location: at([]),
      });
      continue;
    }
    const block = raw as AuthBlock;
    const flow = flowFor(block.authType);
    if (!flow) {
      out.push({
        code: 'auth.unsupported',
        severity: 'error',
        message: `authType ${JSON.stringify(block.authType ?? null)} of connection "${name}" is not one EIC documents`,
        location: at(['authType']),
        hint: `one of ${AUTH_TYPES.join(', ')}`,
      });
      continue;
    }
    for (const f of flow.check(block))
      out.push({
        code: f.code,
        severity: f.severity,
        message: `connection "${name}": ${f.message}`,
        location: at(f.path),
        hint: f.hint,
      });
    if (block.ssl !== undefined) {
      const ssl = block.ssl && typeof block.ssl === 'object' ? block.ssl : {};
      const what = ['keyFile', 'keyStoreType', 'keyManagerAlgorithm', 'sslAlgorithmName']
        .filter((k) => typeof ssl[k] === 'string' && ssl[k] !== '')
        .map((k) => `${k} ${JSON.stringify(ssl[k])}`)
        .join(', ');
      out.push({
        code: 'auth.ssl-not-emulated',
        severity: 'warning',
        message: `connection "${name}": ssl (${what || 'no settings'}) is accepted but not applied: the emulator reaches the target through fetch, which cannot present a client certificate or pin the TLS version, so requests go out without them`,
        location: at(['ssl']),
        hint: 'a target that demands the client certificate will refuse the emulator; test that part against EIC itself',
      });
    }
    if (
      block.maskInLogs !== undefined &&
      (!Array.isArray(block.maskInLogs) || block.maskInLogs.some((k) => typeof k !== 'string'))
    )
      out.push({
        code: 'auth.mask-in-logs',
        severity: 'warning',
        message: `connection "${name}": maskInLogs must be a list of parameter names`,
        location: at(['maskInLogs']),
      });
    if (typeof block.authHeaderName === 'string' && block.authHeaderName !== '')
      out.push({
        code: 'auth.header-name',
        severity: 'info',
        message: `connection "${name}": calls that write no ${block.authHeaderName} header get the token in it (authHeaderName)`,
        location: at(['authHeaderName']),
      });
    const own = wholeNumber(block.maxRefreshTryCount);
    if (own !== undefined && opts.tokenRefreshMaxTryCount !== undefined && own !== opts.tokenRefreshMaxTryCount)
      out.push({
        code: 'auth.refresh-count-source',
        severity: 'info',
        message: `connection "${name}": maxRefreshTryCount ${own} is used; ConfigJSON tokenRefreshMaxTryCount ${opts.tokenRefreshMaxTryCount} applies only to blocks without one`,
        location: at(['maxRefreshTryCount']),
      });
  }
  return out;
}
