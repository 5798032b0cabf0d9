/**
 * Fault injection for the fake LeanIX: rules that match a request (method, path pattern, query, the Nth matching call
 * or a page number) and answer instead of, or on top of, the router: a status and body, extra headers, a delay, a
 * dropped connection, or a truncated / invalid JSON body. Wraps the router once (see fake.ts).
 *
 * A dropped connection is represented as `Response.error()` (type "error", status 0): `fake.fetch` turns it into the
 * `TypeError('fetch failed')` real fetch throws, msw makes fetch reject with it, and the HTTP server destroys the socket.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import { LIMITS } from '../../lib/limits.ts';
import { seededRandom } from '../../lib/random.ts';
import type { Clock } from './clock.ts';
import { builtBodyOf } from './envelope.ts';

/** The Web-standard handler shape every layer of the fake shares. */
export type RequestHandler = (req: Request) => Promise<Response>;

/**
 * How a delay passes:
 * - `advance`: the fake clock jumps forward by the delay and the answer comes at once (no wall time; default in-process);
 * - `sleep`: the answer waits until the fake clock is advanced past the delay (for tests that observe in-flight state);
 * - `wall`: the answer waits real milliseconds, then the fake clock is advanced by the same (default over HTTP, so a
 *   client's timeout really fires).
 */
export type DelayMode = 'advance' | 'sleep' | 'wall';

/** What a request must look like for a rule to apply. Every field given must match. */
export interface FaultMatch {
  /** HTTP method(s), case-insensitive; omitted or '*' = any. */
  method?: string | string[];
  /**
   * Path pattern, relative to `/services/mtm/v1` or absolute: `/workspaces/:id/users`, `/workspaces/*\/permissions`,
   * `/users/**`. `*` matches within one segment, `**` any number of segments, `:name` one whole segment.
   */
  path?: string;
  /** Query parameters that must be present with this value ('*' = present with any value). */
  query?: Record<string, string>;
  /** Shortcut for the `page` query parameter; page 1 also matches a request without `page` (its default). */
  page?: number;
  /** Fire only from the Nth matching call on (1-based); earlier matching calls pass through. */
  nth?: number;
}

/** What a rule answers. With `status` the router is not called; without it the router's answer is modified. */
export interface FaultAction {
  /** Status of a synthesized answer (the router is skipped). */
  status?: number;
  /** Body of a synthesized answer: an object is sent as JSON, a string as-is; default: the error envelope. */
  body?: unknown;
  /** Headers added to the answer (synthesized or the router's). */
  headers?: Record<string, string>;
  /** Delay before answering, in ms. */
  delayMs?: number;
  /** How the delay passes; default: the fault registry's `delayMode`. */
  delayMode?: DelayMode;
  /** Drop the connection: no HTTP answer at all. */
  drop?: boolean;
  /** Corrupt the body: `truncate` cuts it (to `truncateAt` bytes, default half), `invalid-json` replaces it. */
  corrupt?: 'truncate' | 'invalid-json';
  /** Byte length to keep when truncating (default: half the body). */
  truncateAt?: number;
}

/** A fault rule as added by a test or through the control API. */
export interface FaultRule extends FaultMatch, FaultAction {
  /** Optional id (generated when omitted); used to remove the rule. */
  id?: string;
  /** How many times it fires: 1 (default), N, or 'always'. */
  times?: number | 'always';
  /** Fire with this probability (0..1) on each eligible call, from the registry's seeded generator. */
  probability?: number;
  /** Free text shown in listings and journal entries. */
  description?: string;
}

/** A rule with its counters, as listed. */
export interface FaultRuleState extends FaultRule {
  id: string;
  times: number | 'always';
  /** Calls that matched the rule's request pattern. */
  matched: number;
  /** Times the rule actually fired. */
  fired: number;
  /** True when the rule can fire no more. */
  exhausted: boolean;
}

/** Options of a fault registry. */
export interface FaultsOptions {
  clock: Clock;
  /** Seed of the generator behind `probability` (default 1). */
  seed?: number;
  /** Default delay mode (default 'advance'). */
  delayMode?: DelayMode;
}

/** The fault registry: add/list/clear rules and wrap a handler with them. */
export interface Faults {
  /** Adds a rule (validated; throws HarnessError on a bad rule); returns its state. */
  add(rule: FaultRule): FaultRuleState;
  /** All rules with their counters, in match order. */
  list(): FaultRuleState[];
  /** Removes one rule by id (returns whether it existed), or every rule when no id is given. */
  clear(id?: string): boolean;
  /** Default delay mode for rules that do not name one (the HTTP server sets 'wall'). */
  delayMode: DelayMode;
  /** Re-seeds the probability generator. */
  reseed(seed: number): void;
  /** Wraps a handler: a matching rule answers or modifies its answer and names itself in the `x-harness-fault` header. */
  wrap(next: RequestHandler): RequestHandler;
}

/** Header naming the fault rule that produced or changed an answer (the journal records it; clients may read it). */
export const FAULT_HEADER = 'x-harness-fault';

const MTM_BASE = '/services/mtm/v1';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*']);

interface CompiledRule {
  state: FaultRuleState;
  methods: Set<string> | null;
  path: RegExp | null;
  query: [string, string][];
}

/** Strips the MTM base and any trailing slash, so patterns and request paths compare alike. */
export function relativePath(path: string): string {
  let p = path.startsWith(MTM_BASE) ? path.slice(MTM_BASE.length) : path;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p || '/';
}

/** Compiles a path pattern (glob and `:param`) to an anchored regex over the relative path. */
export function compilePathPattern(pattern: string): RegExp {
  const rel = relativePath(pattern.startsWith('/') ? pattern : `/${pattern}`);
  const segs = rel.split('/').slice(1);
  let src = '^';
  for (const seg of segs) {
    if (seg === '**') src += '(?:/[^/]*)*';
    else if (seg.startsWith(':') && seg.length > 1) src += '/[^/]+';
    else src += '/' + seg.split('*').map(escapeRegex).join('[^/]*');
  }
  if (segs.length === 0) src += '/';
  return new RegExp(`${src}$`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function bad(path: (string | number)[], message: string): HarnessError {
  return new HarnessError('fault.invalid', message, { path }, 'see mocks/leanix/faults.ts FaultRule');
}

/** Validates a rule given as untrusted JSON; throws HarnessError naming the JSON path of the first problem. */
export function validateFaultRule(input: unknown): FaultRule {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw bad([], 'a fault rule must be a JSON object');
  const r = input as Record<string, unknown>;
  const known = new Set([
    'id',
    'method',
    'path',
    'query',
    'page',
    'nth',
    'status',
    'body',
    'headers',
    'delayMs',
    'delayMode',
    'drop',
    'corrupt',
    'truncateAt',
    'times',
    'probability',
    'description',
  ]);
  for (const k of Object.keys(r)) if (!known.has(k)) throw bad([k], `unknown fault rule field "${k}"`);
  const str = (k: string) => {
    if (r[k] !== undefined && typeof r[k] !== 'string') throw bad([k], `expected a string`);
  };
  const posInt = (k: string, min: number) => {
    const v = r[k];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min))
      throw bad([k], `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  str('id');
  str('path');
  str('description');
  if (r.method !== undefined) {
    const list = Array.isArray(r.method) ? r.method : [r.method];
    list.forEach((m, i) => {
      if (typeof m !== 'string' || !METHODS.has(m.toUpperCase()))
        throw bad(
          Array.isArray(r.method) ? ['method', i] : ['method'],
          `expected an HTTP method, got ${JSON.stringify(m)}`,
        );
    });
  }
  for (const k of ['query', 'headers'] as const) {
    const v = r[k];
    if (v === undefined) continue;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad([k], 'expected an object of strings');
    for (const [qk, qv] of Object.entries(v)) if (typeof qv !== 'string') throw bad([k, qk], 'expected a string');
  }
  if (r.headers !== undefined) checkHeaders(r.headers as Record<string, string>);
  posInt('page', 1);
  posInt('nth', 1);
  posInt('delayMs', 0);
  if (typeof r.delayMs === 'number' && r.delayMs > LIMITS.faultDelayMs)
    throw bad(['delayMs'], `at most ${LIMITS.faultDelayMs} ms (~24.8 days, the longest timer Node can set)`);
  posInt('truncateAt', 0);
  if (
    r.status !== undefined &&
    !(typeof r.status === 'number' && Number.isInteger(r.status) && r.status >= 200 && r.status <= 599)
  )
    throw bad(['status'], `expected an HTTP status 200..599, got ${JSON.stringify(r.status)}`);
  if (r.delayMode !== undefined && !['advance', 'sleep', 'wall'].includes(r.delayMode as string))
    throw bad(['delayMode'], `expected "advance", "sleep" or "wall"`);
  if (r.drop !== undefined && typeof r.drop !== 'boolean') throw bad(['drop'], 'expected a boolean');
  if (r.corrupt !== undefined && r.corrupt !== 'truncate' && r.corrupt !== 'invalid-json')
    throw bad(['corrupt'], `expected "truncate" or "invalid-json"`);
  if (r.times !== undefined && r.times !== 'always') posInt('times', 1);
  if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1))
    throw bad(['probability'], 'expected a number between 0 and 1');
  if (r.drop && (r.status !== undefined || r.corrupt !== undefined))
    throw bad(['drop'], 'a dropped connection has no status or body: remove "status"/"corrupt"');
  if (r.path !== undefined) compilePathPattern(r.path as string);
  return r as FaultRule;
}

/**
 * Header names and values a fault may add: what the Fetch standard (and so every HTTP client) accepts; a CR or LF in
 * a value would otherwise be accepted here and break the answer of the next matching call.
 */
function checkHeaders(headers: Record<string, string>): void {
  const probe = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    try {
      probe.set(name, value);
    } catch {
      throw bad(
        ['headers', name],
        /[\r\n]/.test(value)
          ? 'a header value must not contain CR or LF'
          : `not a valid HTTP header: ${JSON.stringify(name)}: ${JSON.stringify(value)}`,
      );
    }
    if (/[\r\n\0]/.test(value)) throw bad(['headers', name], 'a header value must not contain CR, LF or NUL');
  }
}

/** The default error envelope a synthesized fault answer carries when no body is given. */
export function faultEnvelope(status: number): Record<string, unknown> {
  return {
    status: 'ERROR',
    type: 'ErrorResponse',
    message: `Injected fault: HTTP ${status}`,
    errors: [],
    total: 0,
  };
}

/** Creates a fault registry bound to a fake clock. */
export function createFaults(options: FaultsOptions): Faults {
  const { clock } = options;
  let random = seededRandom(options.seed ?? 1);
  let rules: CompiledRule[] = [];
  let nextId = 1;

  const compile = (rule: FaultRule): CompiledRule => {
    const id = rule.id ?? `fault-${nextId++}`;
    if (rules.some((r) => r.state.id === id)) throw bad(['id'], `a fault rule with id "${id}" already exists`);
    const methods =
      rule.method === undefined || rule.method === '*'
        ? null
        : new Set((Array.isArray(rule.method) ? rule.method : [rule.method]).map((m) => m.toUpperCase()));
    const query: [string, string][] = Object.entries(rule.query ?? {});
    const state: FaultRuleState = {
      ...structuredClone(rule),
      id,
      times: rule.times ?? 1,
      matched: 0,
      fired: 0,
      exhausted: false,
    };
    return {
      state,
      methods: methods?.has('*') ? null : methods,
      path: rule.path ? compilePathPattern(rule.path) : null,
      query,
    };
  };

  const matches = (c: CompiledRule, req: Request, url: URL): boolean => {
    if (c.methods && !c.methods.has(req.method.toUpperCase())) return false;
    if (c.path && !c.path.test(relativePath(url.pathname))) return false;
    for (const [k, v] of c.query) {
      const got = url.searchParams.get(k);
      if (got === null || (v !== '*' && got !== v)) return false;
    }
    const page = c.state.page;
    if (page !== undefined) {
      const raw = url.searchParams.get('page');
      const n = raw === null ? 1 : Math.max(1, Number.parseInt(raw, 10) || 1);
      if (n !== page) return false;
    }
    return true;
  };

  const pick = (req: Request): FaultRuleState | undefined => {
    if (rules.length === 0) return undefined;
    const url = new URL(req.url);
    for (const c of rules) {
      const s = c.state;
      if (!matches(c, req, url)) continue;
      s.matched++;
      if (s.exhausted) continue;
      if (s.nth !== undefined && s.matched < s.nth) continue;
      if (s.probability !== undefined && random() >= s.probability) continue;
      s.fired++;
      if (s.times !== 'always' && s.fired >= s.times) s.exhausted = true;
      return s;
    }
    return undefined;
  };

  const faults: Faults = {
    delayMode: options.delayMode ?? 'advance',
    add(rule) {
      const valid = validateFaultRule(rule);
      const c = compile(valid);
      rules.push(c);
      return { ...c.state };
    },
    list: () => rules.map((c) => ({ ...c.state })),
    clear(id) {
      if (id === undefined) {
        const had = rules.length > 0;
        rules = [];
        return had;
      }
      const before = rules.length;
      rules = rules.filter((c) => c.state.id !== id);
      return rules.length !== before;
    },
    reseed(seed) {
      random = seededRandom(seed);
    },
    wrap(next) {
      return async (req) => {
        const rule = pick(req);
        if (!rule) return next(req);
        return applyFault(rule, req, next, clock, faults.delayMode);
      };
    },
  };
  return faults;
}

async function wait(ms: number, mode: DelayMode, clock: Clock): Promise<void> {
  if (ms <= 0) return;
  if (mode === 'advance') clock.advance(ms);
  else if (mode === 'sleep') await clock.sleep(ms);
  else {
    await new Promise((r) => setTimeout(r, ms));
    clock.advance(ms);
  }
}

async function applyFault(
  rule: FaultRuleState,
  req: Request,
  next: RequestHandler,
  clock: Clock,
  defaultMode: DelayMode,
): Promise<Response> {
  await wait(rule.delayMs ?? 0, rule.delayMode ?? defaultMode, clock);
  if (rule.drop) return markDropped(rule.id);
  let res: Response;
  if (rule.status !== undefined) {
    const body = rule.body === undefined ? faultEnvelope(rule.status) : rule.body;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = new Headers({ 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    res = new Response(isNullBodyStatus(rule.status) ? null : text, { status: rule.status, headers });
  } else {
    res = await next(req);
    if (res.type === 'error') return res;
  }
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(rule.headers ?? {})) headers.set(k, v);
  headers.set(FAULT_HEADER, rule.id);
  // a router-built body may have no stream (see markBodyWriter): take its bytes first
  const built = builtBodyOf(res);
  let body: BodyInit | null = built ? (built as Uint8Array<ArrayBuffer>) : res.body;
  if (rule.corrupt) {
    const bytes = built ?? new Uint8Array(await res.arrayBuffer());
    if (rule.corrupt === 'truncate') {
      const keep = Math.min(bytes.length, rule.truncateAt ?? Math.floor(bytes.length / 2));
      body = bytes.slice(0, keep);
    } else {
      body = '{"status":"OK","data":[{"id":';
      headers.set('content-type', 'application/json');
    }
    headers.delete('content-length');
  }
  return new Response(isNullBodyStatus(res.status) ? null : body, {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
}

function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

/** Dropped connections carry the rule id out-of-band (Response.error() has immutable, empty headers). */
const droppedBy = new WeakMap<Response, string>();

function markDropped(id: string): Response {
  const r = Response.error();
  droppedBy.set(r, id);
  return r;
}

/** The id of the fault rule that dropped this connection, if any. */
export function droppedByRule(res: Response): string | undefined {
  return droppedBy.get(res);
}
