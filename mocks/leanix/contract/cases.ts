/**
 * The contract suite of the fake LeanIX: ONE ordered list of cases (request → expected status, body shape, headers),
 * run unchanged in both modes (in-process through msw + global fetch, and over HTTP against the node server).
 * Expectations come from the reference (`../shared/reference/leanix-mtm-api.md`, sections 2, 4-7) and the fake's
 * documented quirk defaults (mocks/leanix/quirks.ts); ids come from the built-in demo tenant at run time.
 */
import { expect } from 'vitest';
import type { RateLimitConfig } from '../core.ts';
import type { FaultRule } from '../faults.ts';
import type { ApiToken, TenantData } from '../model.ts';
import type { Quirks } from '../quirks.ts';

/** How a case reaches the fake in one mode; set-up goes through the fake (msw) or the control API (HTTP). */
export interface ContractDriver {
  readonly mode: 'msw' | 'http';
  /** Origin the client talks to; MTM lives under `${origin}/services/mtm/v1`. */
  readonly origin: string;
  /** The client's fetch (global fetch: msw-intercepted in-process, real over HTTP). */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  addFault(rule: FaultRule): Promise<void>;
  setRateLimit(rl: Partial<RateLimitConfig>): Promise<void>;
  addApiToken(t: { workspaceId: string; userId: string }): Promise<ApiToken>;
  /** Merges quirk changes into the live quirks. */
  patchQuirks(q: Partial<Quirks>): Promise<void>;
  advanceClock(ms: number): Promise<void>;
}

/** What cases share: the tenant, the demo token's workspace, and values captured by earlier cases. */
export interface ContractCtx {
  tenant: TenantData;
  apiToken: ApiToken;
  wsId: string;
  otherWsId: string;
  vars: Record<string, string>;
}

/** A request as a case describes it; `auth` picks credentials from the context. */
export interface CaseRequest {
  method?: string;
  /** Path under `/services/mtm/v1` (with query), or an absolute path starting with `//` to leave the MTM base. */
  path: string;
  auth?: 'bearer' | 'none' | { basic: string } | { bearer: string };
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body as JSON (sets content-type). */
  json?: unknown;
}

/** One contract case. */
export interface ContractCase {
  name: string;
  setup?: (d: ContractDriver, ctx: ContractCtx) => Promise<void>;
  request: (ctx: ContractCtx) => CaseRequest;
  status: number;
  /** Headers that must be present with a value matching (string = equal, RegExp = match), or null = absent. */
  headers?: Record<string, string | RegExp | null>;
  /** Checks on the parsed JSON body (throwing = failing). */
  body?: (json: Json, ctx: ContractCtx) => void;
  /** Values to keep for later cases. */
  capture?: (json: Json, ctx: ContractCtx) => void;
  /** Send the same request this many times first (e.g. to fill a rate-limit window); default 0. */
  warmup?: number;
}

/** A parsed JSON response body (cases assert on its shape). */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions themselves
type Json = any;

const basicOf = (token: string) => `Basic ${Buffer.from(`apitoken:${token}`).toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

function envelopeOk(json: Json, type: string) {
  expect(json).toMatchObject({ status: 'OK', type, message: null, errors: [] });
  expect(typeof json.total).toBe('number');
}
function envelopeError(json: Json, field?: string) {
  expect(json).toMatchObject({ status: 'ERROR', type: 'ErrorResponse', total: 0 });
  expect(typeof json.message).toBe('string');
  if (field) expect(json.errors.map((e: { value: string }) => e.value)).toContain(field);
}
function tokenBody(json: Json) {
  expect(json).toMatchObject({ scope: '', expired: false, token_type: 'bearer', expires_in: 3599 });
  expect(json.access_token).toMatch(JWT);
}

/** Builds the shared context from the seeded tenant (the demo tenant's first API token and its workspace). */
export function contractContext(tenant: TenantData): ContractCtx {
  const apiToken = tenant.apiTokens[0];
  const otherWsId = tenant.workspaces.find((w) => w.id !== apiToken.workspaceId)!.id;
  return { tenant, apiToken, wsId: apiToken.workspaceId, otherWsId, vars: {} };
}

const permsOfWs = (ctx: ContractCtx) => ctx.tenant.permissions.filter((p) => p.workspaceId === ctx.wsId);

/** The cases, in order (later cases use values earlier ones captured). */
export const CONTRACT_CASES: ContractCase[] = [
  // --- token endpoint (reference section 2) ---
  {
    name: 'token: form body grant_type=client_credentials',
    request: (c) => ({
      method: 'POST',
      path: '/oauth2/token',
      auth: { basic: c.apiToken.token },
      headers: FORM,
      body: 'grant_type=client_credentials',
    }),
    status: 200,
    headers: { 'content-type': /application\/json/ },
    body: tokenBody,
    capture: (j, c) => {
      c.vars.bearer = j.access_token;
    },
  },
  {
    name: 'token: grant_type in the query with an empty body',
    request: (c) => ({
      method: 'POST',
      path: '/oauth2/token?grant_type=client_credentials',
      auth: { basic: c.apiToken.token },
      headers: { accept: 'application/json' },
    }),
    status: 200,
    body: tokenBody,
  },
  {
    name: 'token: trailing slash /oauth2/token/',
    request: (c) => ({
      method: 'POST',
      path: '/oauth2/token/',
      auth: { basic: c.apiToken.token },
      headers: FORM,
      body: 'grant_type=client_credentials',
    }),
    status: 200,
    body: tokenBody,
  },
  {
    name: 'token: unknown API token → 401',
    request: () => ({
      method: 'POST',
      path: '/oauth2/token',
      auth: { basic: 'not-a-token' },
      headers: FORM,
      body: 'grant_type=client_credentials',
    }),
    status: 401,
    body: (j) => envelopeError(j, 'authorization'),
  },
  {
    name: 'token: no credentials → 401',
    request: () => ({ method: 'POST', path: '/oauth2/token', headers: FORM, body: 'grant_type=client_credentials' }),
    status: 401,
  },
  // --- authentication and authorisation on resources ---
  {
    name: 'resource without a bearer → 401',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users`, auth: 'none' }),
    status: 401,
    body: (j) => envelopeError(j, 'authorization'),
  },
  {
    name: 'resource with a forged bearer → 401',
    request: (c) => ({
      path: `/workspaces/${c.wsId}/users`,
      auth: { bearer: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' },
    }),
    status: 401,
  },
  {
    name: "another workspace's users → 403",
    request: (c) => ({ path: `/workspaces/${c.otherWsId}/users` }),
    status: 403,
    body: (j) => envelopeError(j),
  },
  {
    name: 'a non-ADMIN token → 403 on workspace users',
    setup: async (d, c) => {
      const member = permsOfWs(c).find(
        (p) => p.role !== 'ADMIN' && p.status === 'ACTIVE' && isActiveUser(c, p.userId),
      )!;
      const t = await d.addApiToken({ workspaceId: c.wsId, userId: member.userId });
      const res = await d.fetch(`${d.origin}/services/mtm/v1/oauth2/token?grant_type=client_credentials`, {
        method: 'POST',
        headers: { authorization: basicOf(t.token) },
      });
      c.vars.memberBearer = ((await res.json()) as { access_token: string }).access_token;
    },
    request: (c) => ({ path: `/workspaces/${c.wsId}/users`, auth: { bearer: c.vars.memberBearer } }),
    status: 403,
    body: (j) => envelopeError(j),
  },
  // --- paging (section 4) ---
  {
    name: 'workspace users: default page size 30, total, no Link header by default',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users` }),
    status: 200,
    headers: { link: null },
    body: (j, c) => {
      envelopeOk(j, 'User');
      expect(j.total).toBe(permsOfWs(c).length);
      expect(j.data).toHaveLength(Math.min(30, j.total));
      c.vars.firstUserId = j.data[0].id;
    },
  },
  {
    name: 'workspace users: page 2 of size 10',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?page=2&size=10` }),
    status: 200,
    body: (j, c) => {
      expect(j.data).toHaveLength(10);
      expect(j.data[0].id).not.toBe(c.vars.firstUserId);
    },
  },
  {
    name: 'workspace users: page=0 is page 1',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?page=0` }),
    status: 200,
    body: (j, c) => expect(j.data[0].id).toBe(c.vars.firstUserId),
  },
  {
    name: 'workspace users: size over 100 is clamped to 100',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?size=500` }),
    status: 200,
    body: (j) => expect(j.data).toHaveLength(Math.min(100, j.total)),
  },
  {
    name: 'workspace users: past the last page is an empty page with the total',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?page=99&size=30` }),
    status: 200,
    body: (j, c) => {
      expect(j.data).toEqual([]);
      expect(j.total).toBe(permsOfWs(c).length);
    },
  },
  {
    name: 'Link header quirk on: first, next and last links on a list',
    setup: (d) => d.patchQuirks({ linkHeaders: true }),
    request: (c) => ({ path: `/workspaces/${c.wsId}/permissions?size=10` }),
    status: 200,
    headers: { link: /rel="next"/ },
    body: (j) => expect(j.data).toHaveLength(10),
  },
  {
    name: 'Link header quirk off again: no Link header',
    setup: (d) => d.patchQuirks({ linkHeaders: false }),
    request: (c) => ({ path: `/workspaces/${c.wsId}/permissions?size=10` }),
    status: 200,
    headers: { link: null },
  },
  // --- filters ---
  {
    name: 'workspace permissions: status filter',
    request: (c) => ({ path: `/workspaces/${c.wsId}/permissions?status=INVITED&size=100` }),
    status: 200,
    body: (j, c) => {
      envelopeOk(j, 'Permission');
      expect(j.total).toBe(permsOfWs(c).filter((p) => p.status === 'INVITED').length);
      expect(j.data.every((p: { status: string }) => p.status === 'INVITED')).toBe(true);
      c.vars.invitedPermUserId = j.data[0].user.id;
    },
  },
  {
    name: 'workspace permissions: email filter',
    request: (c) => ({
      path: `/workspaces/${c.wsId}/permissions?email=${encodeURIComponent(emailOf(c, c.vars.invitedPermUserId))}`,
    }),
    status: 200,
    body: (j, c) => {
      expect(j.total).toBe(1);
      expect(j.data[0].user.id).toBe(c.vars.invitedPermUserId);
    },
  },
  {
    name: 'workspace permissions: unknown status value → 400 naming the field',
    request: (c) => ({ path: `/workspaces/${c.wsId}/permissions?status=SLEEPING` }),
    status: 400,
    body: (j) => envelopeError(j, 'status'),
  },
  // --- routing errors (section 6) ---
  {
    name: 'unknown route → 404 naming the nearest route',
    request: () => ({ path: '/workspace' }),
    status: 404,
    body: (j) => {
      envelopeError(j);
      expect(j.message).toContain('/services/mtm/v1/workspaces');
    },
  },
  {
    name: 'wrong method → 405 with Allow',
    request: (c) => ({ method: 'DELETE', path: `/workspaces/${c.wsId}` }),
    status: 405,
    headers: { allow: /GET/ },
    body: (j) => envelopeError(j),
  },
  {
    name: 'body over 1 MiB → 413',
    request: () => ({
      method: 'POST',
      path: '/permissions',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(1024 * 1024 + 1).fill(32),
    }),
    status: 413,
    body: (j) => envelopeError(j, 'body'),
  },
  {
    name: 'malformed JSON → 400',
    request: () => ({
      method: 'POST',
      path: '/permissions',
      headers: { 'content-type': 'application/json' },
      body: '{"role": "VIEWER" }","user": {}',
    }),
    status: 400,
    body: (j) => envelopeError(j),
  },
  // --- writes and rules (section 5) ---
  {
    name: 'POST /users creates a user (unknown field lastname ignored)',
    request: (c) => ({
      method: 'POST',
      path: '/users',
      json: {
        userName: 'new.hire@acme.example',
        email: 'new.hire@acme.example',
        firstName: 'New',
        lastname: 'Hire',
        role: 'ACCOUNTUSER',
        status: 'ACTIVE',
        account: { id: c.tenant.accounts[0].id },
      },
    }),
    status: 200,
    body: (j) => {
      envelopeOk(j, 'User');
      expect(j.data.email).toBe('new.hire@acme.example');
    },
    capture: (j, c) => {
      c.vars.newUserId = j.data.id;
    },
  },
  {
    name: 'POST /permissions creates the permission (status ACTIVE by default)',
    request: (c) => ({
      method: 'POST',
      path: '/permissions',
      json: { role: 'VIEWER', user: { id: c.vars.newUserId }, workspace: { id: c.wsId } },
    }),
    status: 200,
    body: (j) => {
      envelopeOk(j, 'Permission');
      expect(j.data).toMatchObject({ role: 'VIEWER', status: 'ACTIVE' });
    },
    capture: (j, c) => {
      c.vars.newPermId = j.data.id;
    },
  },
  {
    name: 'POST /permissions again updates the same permission (one per user and workspace)',
    request: (c) => ({
      method: 'POST',
      path: '/permissions',
      json: { role: 'ADMIN', user: { id: c.vars.newUserId }, workspace: { id: c.wsId } },
    }),
    status: 200,
    body: (j, c) => expect(j.data).toMatchObject({ id: c.vars.newPermId, role: 'ADMIN', status: 'ACTIVE' }),
  },
  {
    name: 'INVITED → ACTIVE is refused with 400',
    request: (c) => ({
      method: 'POST',
      path: '/permissions',
      json: { role: 'MEMBER', status: 'ACTIVE', user: { id: c.vars.invitedPermUserId }, workspace: { id: c.wsId } },
    }),
    status: 400,
    body: (j) => envelopeError(j, 'status'),
  },
  {
    name: 'unknown enum value → 400 naming the field',
    request: (c) => ({
      method: 'POST',
      path: '/permissions',
      json: { role: 'OWNER', user: { id: c.vars.newUserId }, workspace: { id: c.wsId } },
    }),
    status: 400,
    body: (j) => envelopeError(j, 'role'),
  },
  {
    name: 'unknown user id → 404',
    request: () => ({ path: '/users/00000000-0000-4000-8000-999999999999' }),
    status: 404,
    body: (j) => envelopeError(j),
  },
  {
    name: 'fake time: an access token past its lifetime → 401, a fresh one works',
    setup: async (d, c) => {
      await d.advanceClock(3600 * 1000);
      const res = await d.fetch(`${d.origin}/services/mtm/v1/oauth2/token?grant_type=client_credentials`, {
        method: 'POST',
        headers: { authorization: basicOf(c.apiToken.token) },
      });
      c.vars.freshBearer = ((await res.json()) as { access_token: string }).access_token;
    },
    request: (c) => ({ path: `/workspaces/${c.wsId}` }),
    status: 401,
    body: (j) => envelopeError(j, 'authorization'),
    capture: (_j, c) => {
      c.vars.bearer = c.vars.freshBearer;
    },
  },
  // --- faults (wrap the router in both modes alike) ---
  {
    name: 'fault: injected 503 with Retry-After on page 2, once',
    setup: (d) =>
      d.addFault({ id: 'page2', path: '/workspaces/:id/users', page: 2, status: 503, headers: { 'retry-after': '3' } }),
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?page=2` }),
    status: 503,
    headers: { 'retry-after': '3', 'x-harness-fault': 'page2' },
    body: (j) => envelopeError(j),
  },
  {
    name: 'fault: spent after once, page 2 answers normally',
    request: (c) => ({ path: `/workspaces/${c.wsId}/users?page=2` }),
    status: 200,
    headers: { 'x-harness-fault': null },
  },
  {
    name: 'fault: truncated body keeps the status but is not JSON',
    setup: (d) => d.addFault({ id: 'cut', path: '/workspaces/:id', corrupt: 'truncate', truncateAt: 25 }),
    request: (c) => ({ path: `/workspaces/${c.wsId}` }),
    status: 200,
    headers: { 'x-harness-fault': 'cut' },
  },
  // --- rate limiting (section 7): last, it changes what follows ---
  {
    name: 'rate limit: the request over the per-minute limit → 429 with Retry-After',
    setup: (d) => d.setRateLimit({ enabled: true, requestsPerMinute: 3, retryAfterSeconds: 1 }),
    warmup: 3,
    request: (c) => ({ path: `/workspaces/${c.wsId}` }),
    status: 429,
    headers: { 'retry-after': '1' },
    body: (j) => {
      expect(j.status).toBe('ERROR');
      expect(j.message).toBe('USER_INTERVAL_REQUEST_LIMIT_EXCEEDED');
    },
  },
];

function isActiveUser(c: ContractCtx, userId: string): boolean {
  return c.tenant.users.find((u) => u.id === userId)?.status === 'ACTIVE';
}

function emailOf(c: ContractCtx, userId: string): string {
  return c.tenant.users.find((u) => u.id === userId)!.email;
}

/** The Request a case describes, against a driver's origin. */
export function buildRequest(d: ContractDriver, ctx: ContractCtx, r: CaseRequest): [string, RequestInit] {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  const auth = r.auth ?? 'bearer';
  if (auth === 'bearer') headers.authorization = `Bearer ${ctx.vars.bearer}`;
  else if (auth !== 'none') headers.authorization = 'basic' in auth ? basicOf(auth.basic) : `Bearer ${auth.bearer}`;
  let body: BodyInit | undefined = r.body as BodyInit | undefined;
  if (r.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(r.json);
  }
  const url = r.path.startsWith('//') ? `${d.origin}${r.path.slice(1)}` : `${d.origin}/services/mtm/v1${r.path}`;
  return [url, { method: r.method ?? 'GET', headers, body }];
}

/** What a response looks like for the mode comparison: status, the headers that matter, the body bytes. */
export interface Observed {
  case: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers the transport sets (not the fake): left out of the mode comparison. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Runs one case on a driver: set-up, warm-up, the request, then every expectation; returns what was observed. */
export async function runCase(d: ContractDriver, ctx: ContractCtx, c: ContractCase): Promise<Observed> {
  await c.setup?.(d, ctx);
  const [url, init] = buildRequest(d, ctx, c.request(ctx));
  for (let i = 0; i < (c.warmup ?? 0); i++) await (await d.fetch(url, init)).arrayBuffer();
  const res = await d.fetch(url, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  const body = bytes.toString('utf8');
  expect(res.status, `${d.mode}: ${c.name}: ${body.slice(0, 300)}`).toBe(c.status);
  for (const [k, want] of Object.entries(c.headers ?? {})) {
    const got = res.headers.get(k);
    if (want === null) expect(got, `${c.name}: header ${k}`).toBeNull();
    else if (typeof want === 'string') expect(got, `${c.name}: header ${k}`).toBe(want);
    else expect(got ?? '', `${c.name}: header ${k}`).toMatch(want);
  }
  if (c.body || c.capture) {
    const json = JSON.parse(body);
    c.body?.(json, ctx);
    c.capture?.(json, ctx);
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!TRANSPORT_HEADERS.has(k)) headers[k] = v;
  });
  return { case: c.name, status: res.status, headers, body };
}
