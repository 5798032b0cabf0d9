/**
 * The control API under `/__harness/` (served by http-server.ts beside the MTM API): state, seed, reset, named
 * snapshots, faults, journal and HAR, clock, quirks, rate limit. JSON in and out; errors as
 * `{"error":{"code":..,"message":..,"path":..,"hint":..}}`. With an admin token every call needs `Authorization: Bearer`.
 */
import { timingSafeEqual } from 'node:crypto';
import { generateTenant, type TenantSpec } from '../../fixtures/tenant/generate.ts';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { allow as allowMethods, errorResponse, HttpError, json, jsonObject, readJson } from '../../lib/http-json.ts';
import { redactHeaders } from '../../lib/redact.ts';
import type { FakeLeanIX, FakeSnapshot } from './fake.ts';
import { type FaultRuleState, validateFaultRule } from './faults.ts';
import { toHar } from './har.ts';
import type { Journal, JournalQuery } from './journal.ts';
import type { QuirksInput } from './quirks.ts';
import { RateLimitSettings, updateRateLimit } from './ratelimit.ts';
import { checkTenant } from './store.ts';

/** The path prefix of the control API. */
export const CONTROL_PREFIX = '/__harness';

/** True for `/__harness` and every path below it (a query is ignored). */
export function isControlPath(target: string): boolean {
  const path = target.split('?')[0];
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** Options of the control API. */
export interface ControlOptions {
  /** When set, every control call must carry `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Largest accepted control body in bytes (default 64 MiB: seeding a big tenant as JSON). */
  bodyLimit?: number;
  /** The path prefix this control API answers under (default CONTROL_PREFIX; e.g. `/__harness/worlds/run-1`). */
  prefix?: string;
  /** More routes to list in the index (`GET <prefix>`), e.g. the inspector's. */
  routes?: readonly string[];
}

/** A control-API failure (HttpError 4xx/5xx with a stable code and the JSON path of the problem). */
const controlError = (status: number, code: string, message: string, path?: (string | number)[], hint?: string) =>
  new HttpError(status, code, message, path ? { path } : {}, hint);

const obj = (v: unknown, path: (string | number)[] = []) => jsonObject(v, 'control', path);

function toTime(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isNaN(n)) return n;
  }
  throw controlError(400, 'control.clock', `"${field}" must be epoch ms or an ISO date-time`, [field]);
}

/** A journal query from the URL's search parameters (the filters of `GET /__harness/journal`). */
function journalQuery(url: URL): JournalQuery {
  const p = url.searchParams;
  const q: JournalQuery = {};
  const methods = p.getAll('method');
  if (methods.length) q.method = methods;
  if (p.has('path')) q.path = p.get('path')!;
  const statuses = p.getAll('status');
  if (statuses.length) q.status = statuses;
  if (p.has('from')) q.from = p.get('from')!;
  if (p.has('to')) q.to = p.get('to')!;
  for (const k of ['sinceId', 'limit'] as const) {
    if (!p.has(k)) continue;
    const n = Number(p.get(k));
    if (!Number.isInteger(n) || n < 0)
      throw controlError(400, 'control.query', `"${k}" must be a non-negative integer`, [k]);
    q[k] = n;
  }
  if (p.has('fault')) q.fault = p.get('fault') === 'true';
  return q;
}

/** `GET` a journal's entries (filtered by the URL's query), or `DELETE` them. */
export function journalAnswer(journal: Journal, method: string, url: URL): Response {
  if (method === 'DELETE') {
    journal.clear();
    return json(200, { size: 0 });
  }
  return json(200, { entries: journal.query(journalQuery(url)), recorded: journal.recorded });
}

/** A journal's entries (filtered by the URL's query) as a HAR file download. */
export function journalHar(journal: Journal, url: URL, fileName: string): Response {
  return json(200, toHar(journal.query(journalQuery(url))), {
    'content-disposition': `attachment; filename="${fileName}"`,
  });
}

/**
 * Fault rules as the control API shows them (and the inspector, through it): credential headers, secret-named body
 * keys, JWTs and the fake's known secret values (its API tokens among them) blanked. The rules themselves keep what
 * was posted, so a fault still answers with it.
 */
function shownFaults(fake: FakeLeanIX, rules: readonly FaultRuleState[]): FaultRuleState[] {
  const secrets = fake.knownSecrets();
  return rules.map((r) => secrets.redactValue(r.headers ? { ...r, headers: redactHeaders(r.headers) } : r));
}

/** True when the request may use the control API: no admin token set, or `Authorization: Bearer <adminToken>`. */
export function isAuthorized(req: Request, adminToken: string | undefined): boolean {
  if (!adminToken) return true;
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The routes of the control API, for 404/405 messages and the index. */
export const CONTROL_ROUTES = [
  'GET /__harness/state',
  'GET /__harness/state/export',
  'POST /__harness/seed',
  'POST /__harness/reset',
  'GET|POST /__harness/snapshots',
  'POST /__harness/snapshots/{name}/restore',
  'DELETE /__harness/snapshots/{name}',
  'GET|POST|DELETE /__harness/faults',
  'DELETE /__harness/faults/{id}',
  'GET|DELETE /__harness/journal',
  'GET /__harness/journal.har',
  'GET /__harness/clock',
  'POST /__harness/clock/advance',
  'POST /__harness/clock/set',
  'GET|PUT|PATCH /__harness/quirks',
  'GET|PUT /__harness/ratelimit',
  'POST /__harness/tokens',
  'DELETE /__harness/tokens/{token}',
];

/** Creates the control router for a fake: `(req) => Response`, for requests whose path starts with `/__harness`. */
export function createControlApi(fake: FakeLeanIX, options: ControlOptions = {}): (req: Request) => Promise<Response> {
  const snapshots = new Map<string, FakeSnapshot>();
  const prefix = options.prefix ?? CONTROL_PREFIX;
  const ownRoutes =
    prefix === CONTROL_PREFIX
      ? CONTROL_ROUTES
      : CONTROL_ROUTES.map((r) => r.replace(` ${CONTROL_PREFIX}/`, ` ${prefix}/`));
  const index = [...ownRoutes, ...(options.routes ?? [])];

  const route = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segs = path.slice(prefix.length).split('/').filter(Boolean);
    const m = req.method.toUpperCase();
    const allow = (methods: string[]) => allowMethods(req, methods, 'control');
    const [head, arg, tail] = segs;

    switch (head) {
      case undefined:
        allow(['GET']);
        return json(200, { routes: index });
      case 'state':
        allow(['GET']);
        if (arg === 'export') return json(200, fake.exportJson());
        if (arg !== undefined) break;
        return json(200, {
          counts: fake.counts(),
          clock: { now: fake.clock.now(), iso: new Date(fake.clock.now()).toISOString() },
          quirks: fake.quirks,
          faults: fake.faults.list().length,
          journal: { size: fake.journal.size, capacity: fake.journal.capacity, recorded: fake.journal.recorded },
          snapshots: [...snapshots.keys()],
        });
      case 'seed': {
        allow(['POST']);
        if (arg !== undefined) break;
        const body = obj(await readJson(req, 'control'));
        let data: unknown;
        let where: (string | number)[];
        const extra = Object.keys(body).find((k) => k !== 'tenant' && k !== 'spec');
        if (('tenant' in body || 'spec' in body) && Object.keys(body).length > 1)
          throw controlError(
            400,
            'control.seed',
            `expected {"tenant": ...} or {"spec": ...} alone, got also "${extra ?? 'spec'}"`,
            [extra ?? 'spec'],
          );
        if ('tenant' in body) {
          data = body.tenant;
          where = ['tenant'];
        } else if ('spec' in body) {
          const spec = body.spec === null ? {} : obj(body.spec, ['spec']);
          try {
            data = generateTenant(spec as TenantSpec);
          } catch (e) {
            const msg = e instanceof Error ? e.message : String(e);
            throw controlError(400, 'control.spec', `bad tenant spec: ${msg}`, ['spec']);
          }
          where = [];
        } else {
          data = body;
          where = [];
        }
        fake.seed(checkTenantAt(data, where));
        return json(200, { counts: fake.counts() });
      }
      case 'reset':
        allow(['POST']);
        if (arg !== undefined) break;
        fake.reset();
        return json(200, { counts: fake.counts() });
      case 'snapshots': {
        if (arg === undefined) {
          allow(['GET', 'POST']);
          if (m === 'GET') return json(200, { snapshots: [...snapshots.keys()] });
          const body = obj(await readJson(req, 'control', true));
          const name = body.name ?? `snapshot-${snapshots.size + 1}`;
          if (typeof name !== 'string' || !/^[\w.-]{1,100}$/.test(name))
            throw controlError(400, 'control.snapshot', 'a snapshot name is 1-100 letters, digits, "_", "." or "-"', [
              'name',
            ]);
          snapshots.set(name, fake.snapshot());
          return json(201, { name, counts: fake.counts() });
        }
        const snap = snapshots.get(arg);
        if (!snap)
          throw controlError(
            404,
            'control.snapshot',
            `no snapshot named "${arg}"`,
            [],
            `known: ${[...snapshots.keys()].join(', ') || 'none'}`,
          );
        if (tail === 'restore') {
          allow(['POST']);
          fake.restore(snap);
          return json(200, { name: arg, counts: fake.counts() });
        }
        if (tail !== undefined) break;
        allow(['DELETE']);
        snapshots.delete(arg);
        return json(200, { deleted: arg });
      }
      case 'faults': {
        if (arg !== undefined) {
          if (tail !== undefined) break;
          allow(['DELETE']);
          if (!fake.faults.clear(arg)) throw controlError(404, 'control.fault', `no fault rule with id "${arg}"`);
          return json(200, { deleted: arg });
        }
        allow(['GET', 'POST', 'DELETE']);
        if (m === 'GET') return json(200, { faults: shownFaults(fake, fake.faults.list()) });
        if (m === 'DELETE') {
          fake.faults.clear();
          return json(200, { faults: [] });
        }
        const body = await readJson(req, 'control');
        const rules = Array.isArray(body) ? body : [body];
        // Validate all first so a bad rule in a list adds none.
        rules.forEach((r, i) => {
          try {
            validateFaultRule(r);
          } catch (e) {
            if (isHarnessError(e))
              throw controlError(
                400,
                e.code,
                e.message,
                Array.isArray(body) ? [i, ...(e.location.path ?? [])] : e.location.path,
                e.hint,
              );
            throw e;
          }
        });
        const added = rules.map((r) => fake.faults.add(r));
        return json(201, { faults: shownFaults(fake, added) });
      }
      case 'journal':
        if (arg !== undefined) break;
        allow(['GET', 'DELETE']);
        return journalAnswer(fake.journal, m, url);
      case 'journal.har':
        allow(['GET']);
        if (arg !== undefined) break;
        return journalHar(fake.journal, url, 'leanix-fake.har');
      case 'clock': {
        const now = () => json(200, { now: fake.clock.now(), iso: new Date(fake.clock.now()).toISOString() });
        if (arg === undefined) {
          allow(['GET']);
          return now();
        }
        if (tail !== undefined) break;
        if (arg === 'advance') {
          allow(['POST']);
          const body = obj(await readJson(req, 'control'));
          const ms = body.ms ?? (typeof body.seconds === 'number' ? body.seconds * 1000 : undefined);
          if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
            throw controlError(400, 'control.clock', 'expected {"ms": <non-negative number>} or {"seconds": n}', [
              'ms',
            ]);
          fake.clock.advance(ms);
          return now();
        }
        if (arg === 'set') {
          allow(['POST']);
          const body = obj(await readJson(req, 'control'));
          const t = toTime(body.time, 'time');
          if (t < fake.clock.now())
            throw controlError(400, 'control.clock', 'the fake clock never goes backwards', ['time']);
          fake.clock.set(t);
          return now();
        }
        break;
      }
      case 'tokens': {
        if (arg === undefined) {
          allow(['POST']);
          const body = obj(await readJson(req, 'control'));
          if (typeof body.workspaceId !== 'string')
            throw controlError(
              400,
              'control.token',
              'expected {"workspaceId": "<id>", "userId"?, "expiresAt"?, "token"?}',
              ['workspaceId'],
            );
          return json(201, fake.core.addApiToken(checkTokenBody(body)));
        }
        if (tail !== undefined) break;
        allow(['DELETE']);
        fake.core.revokeApiToken(decodeURIComponent(arg));
        return json(200, { revoked: true });
      }
      case 'ratelimit': {
        if (arg !== undefined) break;
        allow(['GET', 'PUT']);
        const rl = fake.core.rateLimit;
        if (m === 'PUT') {
          // merges the given keys into the current settings (the one schema scenarios use, ratelimit.ts)
          const parsed = RateLimitSettings.safeParse(obj(await readJson(req, 'control')));
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
            const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
            throw controlError(
              400,
              'control.ratelimit',
              key !== undefined
                ? `unknown rate-limit setting "${key}"`
                : `bad value for "${path.join('.')}": ${issue.message}`,
              key !== undefined ? [key] : path,
              `known: ${Object.keys(RateLimitSettings.shape).join(', ')}`,
            );
          }
          updateRateLimit(rl, parsed.data);
        }
        return json(200, rl);
      }
      case 'quirks':
        if (arg !== undefined) break;
        allow(['GET', 'PUT', 'PATCH']);
        if (m === 'GET') return json(200, fake.quirks);
        {
          const body = obj(await readJson(req, 'control'));
          const next =
            m === 'PATCH'
              ? {
                  ...fake.quirks,
                  ...body,
                  pageSizes: { ...fake.quirks.pageSizes, ...obj(body.pageSizes ?? {}, ['pageSizes']) },
                }
              : body;
          return json(200, fake.setQuirks(next as QuirksInput));
        }
    }
    throw controlError(
      404,
      'control.route',
      `no control route ${m} ${path}`,
      undefined,
      `routes: ${ownRoutes.join('; ')}`,
    );
  };

  return async (req) => {
    try {
      if (!isAuthorized(req, options.adminToken))
        throw controlError(401, 'control.unauthorized', 'the control API needs Authorization: Bearer <admin token>');
      return await route(req);
    } catch (e) {
      return errorResponse(e, 'control');
    }
  };
}

/**
 * The body of `POST /tokens`, field by field: a token string (not empty), an ISO date-time `expiresAt`, a user id, a
 * boolean `revoked`, a `description`; anything else is refused, so the exported state always seeds back.
 */
function checkTokenBody(body: Record<string, unknown>): Parameters<FakeLeanIX['core']['addApiToken']>[0] {
  const types: Record<string, (v: unknown) => boolean> = {
    workspaceId: (v) => typeof v === 'string' && v !== '',
    userId: (v) => typeof v === 'string' && v !== '',
    token: (v) => typeof v === 'string' && /^[\x21-\x7e]{4,512}$/.test(v),
    expiresAt: (v) => typeof v === 'string' && isIsoDateTime(v),
    revoked: (v) => typeof v === 'boolean',
    description: (v) => typeof v === 'string',
  };
  const expected: Record<string, string> = {
    workspaceId: 'a workspace id',
    userId: 'a user id',
    token: '4 to 512 printable characters without spaces',
    expiresAt: 'an ISO date-time such as 2030-01-01T00:00:00.000Z',
    revoked: 'true or false',
    description: 'a string',
  };
  for (const [k, v] of Object.entries(body)) {
    if (!Object.hasOwn(types, k))
      throw controlError(
        400,
        'control.token',
        `unknown API token field "${k}"`,
        [k],
        `known: ${Object.keys(types).join(', ')}`,
      );
    if (!types[k](v))
      throw controlError(400, 'control.token', `"${k}" must be ${expected[k]}, got ${JSON.stringify(v)}`, [k]);
  }
  return body as Parameters<FakeLeanIX['core']['addApiToken']>[0];
}

/** True for an ISO 8601 date-time with a time zone that Date understands (what `state/export` writes). */
function isIsoDateTime(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
}

/** checkTenant, with the JSON path prefixed by where the tenant sat in the body. */
function checkTenantAt(data: unknown, where: (string | number)[]) {
  try {
    return checkTenant(data);
  } catch (e) {
    if (isHarnessError(e)) throw controlError(400, e.code, e.message, [...where, ...(e.location.path ?? [])], e.hint);
    throw e;
  }
}
