/**
 * The fake MTM API core: one router over Web-standard Request/Response for any host, under /services/mtm/v1.
 * Order per request: route (404 nearest / 405) -> body size (413) -> authentication (401) -> rate limit (429) ->
 * handler (400/403/404/409, 200); then the fake clock advances by the service time (ratelimit.ts). `handle` never
 * throws: unexpected errors become a 500 envelope.
 * `createFakeCore` is async (it awaits the process-wide RSA key pair).
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import { LIMITS } from '../../lib/limits.ts';
import type { Principal } from './access.ts';
import { type Clock, createClock } from './clock.ts';
import { ApiFailure, errorBody, forbidden, rawJsonResponse, readBodyOf, unauthorized } from './envelope.ts';
import type { ApiToken, TenantData, User } from './model.ts';
import { type Quirks, type QuirksInput, resolveQuirks } from './quirks.ts';
import {
  createRateLimiter,
  type RateLimitConfig,
  type RateLimitHit,
  type RateLimitInput,
  resolveRateLimit,
  retryAfterOf,
} from './ratelimit.ts';
import { Router } from './router.ts';
import { RESOURCE_ROUTES, type RouteHandler, type SentInvitation } from './routes/index.ts';
import { createStore, type Store } from './store.ts';
import { type AccessClaims, createTokenIssuer, type KeyPair, sharedKeyPair } from './tokens.ts';
import { createViewCache } from './views.ts';

export type { RateLimitConfig, RateLimitInput } from './ratelimit.ts';

/** Every MTM path starts with this. */
export const MTM_PREFIX = '/services/mtm/v1';
/** Largest accepted request body (1 MiB); bigger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Default access-token lifetime in seconds (`expires_in` of the docs' example). */
export const DEFAULT_TOKEN_LIFETIME = 3599;

export interface FakeCoreOptions {
  tenant?: TenantData;
  clock?: Clock;
  quirks?: QuirksInput;
  /** Rate limit and service time (ratelimit.ts): off, 30/s and 1800/min per user when enabled, 0 ms per request. */
  rateLimit?: RateLimitInput;
  /** Access-token lifetime in seconds (3599). */
  tokenLifetimeSeconds?: number;
  /** JWT `iss`; defaults to the origin of the token request. */
  issuer?: string;
  /** RSA key pair for signing; defaults to one shared per process. */
  keys?: KeyPair;
}

export interface FakeCore {
  store: Store;
  clock: Clock;
  /** Mutable: change fields at run time; read on every request. */
  quirks: Quirks;
  /** Mutable: change fields at run time; read on every request. */
  rateLimit: RateLimitConfig;
  /** Invitation emails that would have been sent (POST /idm/invite without silent=true), oldest first. */
  outbox: SentInvitation[];
  /** The router: Web-standard Request in, Response out. Never throws: an internal error is a 500 envelope. */
  handle(req: Request): Promise<Response>;
  /** Adds an API token (for tests/CLI); returns it. Defaults: the workspace's technical ADMIN user, 1 year. */
  addApiToken(t: Partial<ApiToken> & { workspaceId: string }): ApiToken;
  /** Mints an access token directly (tests); throws HarnessError when the API token would get a 401. */
  mintAccessToken(apiToken: string): Promise<string>;
  /** Revokes an API token (and every access token minted from it). */
  revokeApiToken(token: string): void;
  /** The registered routes with the role each needs (for docs and the inspector). */
  routes(): { method: string; path: string; needs: string }[];
}

type Handler = { kind: 'token' } | { kind: 'resource'; handler: RouteHandler; needs: string };

function buildRouter(): Router<Handler> {
  const r = new Router<Handler>();
  r.add('POST', '/oauth2/token', { kind: 'token' });
  for (const def of RESOURCE_ROUTES)
    r.add(def.method, def.pattern, { kind: 'resource', handler: def.handler, needs: def.needs });
  return r;
}

const ROUTER = buildRouter();

async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new ApiFailure(413, `request body exceeds ${MAX_BODY_BYTES} bytes`, [{ value: 'body', messages: ['too large'] }]);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const read = readBodyOf(req);
  if (read) {
    if (read.byteLength > MAX_BODY_BYTES) throw tooLarge();
    return Buffer.from(read.buffer, read.byteOffset, read.byteLength).toString('utf8');
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tokenError(status: number, error: string, description: string, field = 'authorization'): ApiFailure {
  return new ApiFailure(
    status,
    description,
    [{ value: field, messages: [description] }],
    status === 401 ? { 'www-authenticate': 'Basic realm="mtm"' } : {},
    { error, error_description: description },
  );
}

/** Creates a fake MTM core (async: awaits the RSA key pair). */
export async function createFakeCore(options: FakeCoreOptions = {}): Promise<FakeCore> {
  const keys = options.keys ?? (await sharedKeyPair());
  const issuer = createTokenIssuer(keys);
  const store = createStore();
  if (options.tenant) store.seed(options.tenant);
  const clock = options.clock ?? createClock();
  const limiter = createRateLimiter();
  const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME;
  const outbox: SentInvitation[] = [];
  let jtiSeq = 0;

  const core: FakeCore = {
    store,
    clock,
    quirks: resolveQuirks(options.quirks),
    rateLimit: resolveRateLimit(options.rateLimit),
    outbox,
    handle,
    addApiToken,
    mintAccessToken,
    revokeApiToken,
    routes: () =>
      ROUTER.routes().map((r) => ({
        method: r.method,
        path: MTM_PREFIX + r.pattern.replace(/:(\w+)/g, '{$1}'),
        needs:
          r.pattern === '/oauth2/token'
            ? 'Basic apitoken:<API token>'
            : (RESOURCE_ROUTES.find((d) => d.method === r.method && d.pattern === r.pattern)?.needs ?? ''),
      })),
  };
  const views = createViewCache(store, () => core.quirks.dateFormat);
  const deps = { store, clock, quirks: () => core.quirks, views, outbox };

  /** Checks an API token and mints an access token for it; ApiFailure 401 on any problem. */
  async function issue(apiTokenString: string, origin: string, allowInactiveWorkspace: boolean) {
    const t = store.apiToken(apiTokenString);
    const now = clock.now();
    if (!t) throw tokenError(401, 'unauthorized', 'invalid API token');
    if (t.revoked) throw tokenError(401, 'unauthorized', 'API token has been revoked');
    if (now >= Date.parse(t.expiresAt)) throw tokenError(401, 'unauthorized', `API token expired at ${t.expiresAt}`);
    const ws = store.workspace(t.workspaceId);
    const user = store.user(t.userId);
    if (!ws || !user) throw tokenError(401, 'unauthorized', 'API token refers to a missing workspace or user');
    if (ws.status !== 'ACTIVE' && !allowInactiveWorkspace) {
      throw tokenError(401, 'unauthorized', `workspace ${ws.name} is ${ws.status}`);
    }
    if (user.status !== 'ACTIVE') throw tokenError(401, 'unauthorized', `user ${user.userName} is ${user.status}`);
    const perm = store.permissionFor(user.id, ws.id);
    if (perm?.status !== 'ACTIVE') {
      throw tokenError(401, 'unauthorized', `user ${user.userName} has no ACTIVE permission in workspace ${ws.name}`);
    }
    limit(user.id, now);
    const account = store.account(user.accountId);
    const claims: AccessClaims = {
      sub: user.id,
      iss: options.issuer ?? origin,
      jti: `00000000-0000-4000-9000-${(++jtiSeq).toString(16).padStart(12, '0')}`,
      exp: Math.floor(now / 1000) + lifetime,
      instanceUrl: origin,
      principal: {
        id: user.id,
        username: user.userName,
        role: user.role,
        status: user.status,
        account: { id: user.accountId, name: account?.name ?? null },
        permission: { id: perm.id, workspaceId: ws.id, workspaceName: ws.name, role: perm.role, status: perm.status },
      },
    };
    const token = await issuer.mint(claims, t.token);
    const iso = new Date(now).toISOString();
    store.putUser({ ...user, lastLogin: iso, currentLogin: iso });
    store.putPermission({ ...perm, lastLogin: iso });
    return token;
  }

  /** Counts a request of `userId`; throws the 429 of §7 when it is over a window's limit. */
  function limit(userId: string, now: number): void {
    const hit = limiter.take(userId, now, core.rateLimit);
    if (hit) throw rateLimited(hit);
  }

  function rateLimited(hit: RateLimitHit): ApiFailure {
    return new ApiFailure(
      429,
      'USER_INTERVAL_REQUEST_LIMIT_EXCEEDED',
      [{ value: 'rate', messages: [`more than ${hit.limit} requests per ${hit.window} for this user`] }],
      { 'retry-after': String(retryAfterOf(core.rateLimit, hit)) },
    );
  }

  async function tokenEndpoint(req: Request, url: URL, body: string): Promise<Response> {
    const auth = req.headers.get('authorization') ?? '';
    const m = /^Basic\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw tokenError(401, 'unauthorized', 'missing Basic credentials (use apitoken:<API token>)');
    let decoded: string;
    try {
      decoded = Buffer.from(m[1], 'base64').toString('utf8');
    } catch {
      throw tokenError(401, 'unauthorized', 'malformed Basic credentials');
    }
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded.slice(0, colon) !== 'apitoken') {
      throw tokenError(401, 'unauthorized', 'the Basic user name must be "apitoken"');
    }
    const form = new URLSearchParams(body.trim().startsWith('{') ? '' : body);
    const grant = form.get('grant_type') ?? url.searchParams.get('grant_type');
    if (!grant) throw tokenError(400, 'invalid_request', 'grant_type is required', 'grant_type');
    if (grant !== 'client_credentials') {
      throw tokenError(400, 'unsupported_grant_type', `unsupported grant_type ${grant}`, 'grant_type');
    }
    const allowInactive = (url.searchParams.get('allowInactiveWorkspace') ?? '').toLowerCase() === 'true';
    const token = await issue(decoded.slice(colon + 1), url.origin, allowInactive);
    const text = `{"scope":"","expired":false,"access_token":${JSON.stringify(token)},"token_type":"bearer","expires_in":${lifetime}}`;
    return rawJsonResponse(200, text, { 'cache-control': 'no-store' });
  }

  async function authenticate(req: Request): Promise<Principal> {
    const auth = req.headers.get('authorization');
    if (!auth) throw unauthorized('missing Authorization header (Bearer access token)');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw unauthorized('Authorization must be "Bearer <access token>"');
    const r = await issuer.verify(m[1], clock.now());
    const stale = (message: string) =>
      core.quirks.expiredTokenStatus === 403 ? forbidden(message) : unauthorized(message);
    if (!r.ok) throw r.reason === 'expired' ? stale(r.message) : unauthorized(r.message);
    const t = store.apiToken(r.issued.apiToken);
    if (!t || t.revoked) throw stale('access token revoked');
    const c = r.issued.claims;
    if (!store.user(c.sub)) throw unauthorized('the token user no longer exists');
    return {
      userId: c.sub,
      accountId: c.principal.account.id,
      workspaceId: c.principal.permission.workspaceId,
      workspaceName: c.principal.permission.workspaceName,
      userRole: c.principal.role,
      permissionRole: c.principal.permission.role,
    };
  }

  async function dispatch(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const path = url.pathname;
    const inPrefix = path === MTM_PREFIX || path.startsWith(`${MTM_PREFIX}/`);
    const match = inPrefix ? ROUTER.match(method, path.slice(MTM_PREFIX.length)) : undefined;
    if (!match || match.kind === 'none') {
      // outside the prefix (e.g. /services/pathfinder/v1/users), compare what follows /services/<api>/<version>
      const segs = path.split('/').filter(Boolean);
      const rest = segs[0] === 'services' ? segs.slice(3) : segs;
      const nearest = match?.kind === 'none' ? match.nearest : ROUTER.nearest(method, rest);
      const where = nearest ? nearest.replace(' ', ` ${MTM_PREFIX}`) : MTM_PREFIX;
      const message = `no route ${method} ${path}; nearest known route: ${where}`;
      return rawJsonResponse(404, errorBody(message, [{ value: 'path', messages: [message] }]));
    }
    if (
      match.kind === 'method' ||
      (method === 'DELETE' && match.pattern === '/users/:id' && core.quirks.deleteUsers === '405')
    ) {
      const allow = match.kind === 'method' ? match.allow : ['GET', 'PUT'];
      const message = `method ${method} not allowed on ${path}; allowed: ${allow.join(', ')}`;
      return rawJsonResponse(405, errorBody(message, [{ value: 'method', messages: [message] }]), {
        allow: allow.join(', '),
      });
    }
    const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    if (match.handler.kind === 'token') return tokenEndpoint(req, url, body);
    const principal = await authenticate(req);
    limit(principal.userId, clock.now());
    return match.handler.handler({
      req,
      url,
      params: match.params,
      pattern: match.pattern,
      origin: url.origin,
      principal,
      body,
      deps,
    });
  }

  async function handle(req: Request): Promise<Response> {
    try {
      return await dispatch(req);
    } catch (e) {
      if (e instanceof ApiFailure) return e.toResponse();
      const message = `internal error in the fake: ${e instanceof Error ? e.message : String(e)}`;
      return rawJsonResponse(500, errorBody(message, [{ value: 'server', messages: [message] }]));
    } finally {
      serviceTime();
    }
  }

  /** Serving a request takes `serviceTimeMs` of fake time (ratelimit.ts); the clock stays at its limit past year 9999. */
  function serviceTime(): void {
    const ms = core.rateLimit.serviceTimeMs;
    if (ms > 0 && clock.now() + ms <= LIMITS.clockMaxEpochMs) clock.advance(ms);
  }

  function technicalAdminOf(workspaceId: string): User | undefined {
    for (const pid of store.permissionIdsOfWorkspace(workspaceId)) {
      const p = store.permission(pid)!;
      const u = store.user(p.userId);
      if (u?.technicalUser && p.role === 'ADMIN' && p.status === 'ACTIVE') return u;
    }
    return undefined;
  }

  function addApiToken(t: Partial<ApiToken> & { workspaceId: string }): ApiToken {
    const ws = store.workspace(t.workspaceId);
    if (!ws)
      throw new HarnessError('fake.unknownWorkspace', `no workspace ${t.workspaceId}`, { path: ['workspaceId'] });
    let userId = t.userId;
    if (userId === undefined) {
      let tech = technicalAdminOf(ws.id);
      if (!tech) {
        const iso = new Date(clock.now()).toISOString();
        const id = store.nextId();
        tech = store.putUser({
          id,
          accountId: ws.accountId,
          userName: `technical-user-${id.slice(-6)}@${ws.name}.technical`,
          email: `technical-user-${id.slice(-6)}@${ws.name}.technical`,
          firstName: 'Technical',
          lastName: 'User',
          role: 'ACCOUNTUSER',
          status: 'ACTIVE',
          technicalUser: true,
          createdAt: iso,
          lastLogin: null,
        });
        store.putPermission({
          id: store.nextId(),
          userId: tech.id,
          workspaceId: ws.id,
          role: 'ADMIN',
          status: 'ACTIVE',
          createdAt: iso,
          lastLogin: null,
        });
      }
      userId = tech.id;
    } else if (!store.user(userId)) {
      throw new HarnessError('fake.unknownUser', `no user ${userId}`, { path: ['userId'] });
    }
    const token = t.token ?? `lx-${store.nextId().replaceAll('-', '')}`;
    if (store.apiToken(token)) throw new HarnessError('fake.duplicateToken', 'that API token already exists');
    return store.putApiToken({
      token,
      workspaceId: ws.id,
      userId,
      expiresAt: t.expiresAt ?? new Date(clock.now() + 365 * 86_400_000).toISOString(),
      revoked: t.revoked ?? false,
      description: t.description ?? 'added by the harness',
    });
  }

  async function mintAccessToken(apiToken: string): Promise<string> {
    try {
      return await issue(apiToken, options.issuer ?? 'https://app.leanix.net', false);
    } catch (e) {
      if (e instanceof ApiFailure) throw new HarnessError('fake.token', e.message);
      throw e;
    }
  }

  function revokeApiToken(token: string): void {
    const t = store.apiToken(token);
    if (!t) throw new HarnessError('fake.unknownToken', 'no such API token');
    store.putApiToken({ ...t, revoked: true });
  }

  return core;
}
