// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC ${...} templates appear in messages
/**
 * EIC's "Save & Test Connection" for a REST connection [DOC S3 "Connection JSON Validation"]: every auth block is
 * tested, in order, and the first failure names the connection, the kind of error and the target's answer (v23.10+:
 * "the name of the failed connection, type of error with exception that occurred in the target, and any additional
 * details").
 *
 * Per block (choices marked [INF]; the docs describe only the testConnectionParams case):
 * - with `testConnectionParams` (`{http: {url, httpMethod, httpHeaders, httpParams, httpContentType}, successResponse,
 *   successResponsePath, errors, errorPath}`, or the call keys written flat as in the corpus): the call runs like any
 *   call of the block (stored token first, refreshed on the block's rules) [DOC S3]; it fails when the answer is not
 *   2xx, when the value at `errorPath` equals or contains an `errors` entry, or when `successResponse` is non-empty and
 *   the value at `successResponsePath` is not in it [INF for the exact rule];
 * - without it, a block that can obtain a token fetches one (the token request is the check) [INF];
 * - a block that cannot (Basic, static key, HMAC, SignedHeaders) has nothing to call: EIC saves it untested; the
 *   result says so (`checked: "nothing"`, a `connection.test-unverified` warning) [INF].
 * `testConnectionParams` written beside the blocks (corpus aa360) belongs to the first block [INF].
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import { ATTR } from './auth/token-request.ts';
import { type CallRuntime, callSpecFrom, executeCall } from './call.ts';
import { getPath, pathValueToString } from './paths.ts';
import type { Exchange } from './types.ts';

/** The test of one auth block. */
export interface ConnectionTest {
  connection: string;
  authType: string;
  status: 'success' | 'failed';
  /** What the test did: the testConnectionParams call, a token request, or nothing (nothing to call). */
  checked: 'testConnectionParams' | 'token' | 'nothing';
  /** One line for people: what was checked and how it went. */
  message: string;
  error?: Diagnostic;
  /** The exchanges of this block's test (redacted). */
  exchanges: Exchange[];
}

/** The outcome of Test Connection. */
export interface TestConnectionResult {
  status: 'success' | 'failed';
  connections: ConnectionTest[];
  /** Findings about the auth blocks (e.g. `auth.ssl-not-emulated`), plus `connection.test-unverified`. */
  diagnostics: Diagnostic[];
  /** The first failure, naming the connection. */
  error?: Diagnostic;
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

function toDiagnostic(e: unknown): Diagnostic {
  return isHarnessError(e)
    ? e.toDiagnostic()
    : { code: 'connection.test-internal', severity: 'error', message: e instanceof Error ? e.message : String(e) };
}

/** Judges a 2xx test answer by `errors`/`errorPath` and `successResponse`/`successResponsePath`; returns the failure. */
function judge(params: Record<string, unknown>, body: unknown, path: (string | number)[]): HarnessError | undefined {
  const errorPath = typeof params.errorPath === 'string' ? params.errorPath : '';
  const errors = asList(params.errors).filter((e): e is string => typeof e === 'string' && e !== '');
  if (errorPath && errors.length > 0) {
    const v = pathValueToString(getPath(body, errorPath));
    const hit = v === null ? undefined : errors.find((e) => v === e || v.includes(e));
    if (hit)
      return new HarnessError(
        'connection.test-error',
        `the test answer has ${errorPath} = ${JSON.stringify(v)}, which matches errors entry "${hit}"`,
        { attribute: ATTR, path: [...path, 'errors'] },
      );
  }
  const expected = asList(params.successResponse);
  const successPath = typeof params.successResponsePath === 'string' ? params.successResponsePath : '';
  if (successPath && expected.length > 0) {
    const v = pathValueToString(getPath(body, successPath));
    if (!expected.some((e) => pathValueToString(e) === v))
      return new HarnessError(
        'connection.test-unexpected',
        `the test answer has ${successPath} = ${v === null ? 'nothing' : JSON.stringify(v)}, not one of successResponse ${JSON.stringify(expected)}`,
        { attribute: ATTR, path: [...path, 'successResponse'] },
      );
  }
  return undefined;
}

/** Options of testConnection. */
export interface TestConnectionOptions {
  /** Test only this auth block (default: all, in order). */
  connection?: string;
  /** Whose exchanges these are (default a job `test-connection`). */
  owner?: { kind: 'task' | 'job'; id: string };
}

/** Runs Test Connection over the runtime's auth blocks; never throws. */
export async function testConnection(rt: CallRuntime, opts: TestConnectionOptions = {}): Promise<TestConnectionResult> {
  const owner = opts.owner ?? { kind: 'job' as const, id: 'test-connection' };
  const result: TestConnectionResult = { status: 'success', connections: [], diagnostics: rt.auth.diagnostics() };
  const fail = (d: Diagnostic) => {
    result.status = 'failed';
    result.error ??= d;
  };
  let names: string[];
  try {
    rt.auth.requireConnectionJson();
    names = opts.connection ? [opts.connection] : rt.auth.names();
    if (names.length === 0)
      throw new HarnessError('auth.no-authentications', 'ConnectionJSON has no auth blocks to test', {
        attribute: ATTR,
        path: ['authentications'],
      });
  } catch (e) {
    fail(toDiagnostic(e));
    return result;
  }
  for (const [i, name] of names.entries()) {
    const before = rt.recorder.size;
    const test: ConnectionTest = {
      connection: name,
      authType: '?',
      status: 'success',
      checked: 'nothing',
      message: '',
      exchanges: [],
    };
    try {
      test.authType = rt.auth.authType(name);
      const block = rt.auth.block(name);
      const own = block.testConnectionParams;
      const params =
        own && typeof own === 'object'
          ? own
          : i === 0 && !opts.connection
            ? rt.auth.sharedTestConnectionParams
            : undefined;
      if (params) {
        test.checked = 'testConnectionParams';
        const path = own
          ? ['authentications', name, 'testConnectionParams']
          : ['authentications', 'testConnectionParams'];
        const spec = callSpecFrom(params as Record<string, unknown>, path, 'testConnection', name);
        spec.successResponses = undefined; // judged below by successResponse/successResponsePath
        const r = await executeCall(spec, rt, { bindings: {}, attribute: ATTR, owner, label: 'test connection' });
        if (!r.ok) throw r.error ?? new HarnessError('connection.test-failed', 'the test call failed');
        const bad = judge(params as Record<string, unknown>, r.message, path);
        if (bad) throw bad;
        test.message = `testConnectionParams call answered HTTP ${r.status}${r.refreshes > 0 ? ` after ${r.refreshes} token refresh(es)` : ''}`;
      } else if (rt.auth.canRefresh(name)) {
        test.checked = 'token';
        await rt.auth.refresh(name, owner);
        test.message = 'a token was obtained (no testConnectionParams: the token request is the test)';
      } else {
        test.message = `not verified: no testConnectionParams and nothing to call (${rt.auth.isStaticKey(name) ? 'a static key' : test.authType}); EIC saves such a connection without contacting the target`;
        result.diagnostics.push({
          code: 'connection.test-unverified',
          severity: 'warning',
          message: `connection "${name}": ${test.message}`,
          location: { attribute: ATTR, path: ['authentications', name] },
          hint: 'add testConnectionParams (a cheap GET of the target API with ${access_token}) so Test Connection checks the credentials',
        });
      }
    } catch (e) {
      test.status = 'failed';
      test.error = 'code' in (e as object) && 'severity' in (e as object) ? (e as Diagnostic) : toDiagnostic(e);
      test.error = { ...test.error, message: `connection "${name}": ${test.error.message}` };
      test.message = test.error.message;
      fail(test.error);
    }
    test.exchanges = rt.recorder.list().slice(before);
    result.connections.push(test);
  }
  return result;
}
