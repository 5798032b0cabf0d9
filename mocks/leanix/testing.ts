/** Test helpers for the fake core: a seeded demo core, a signed-in client and request shorthands (tests only). */
import { DEMO_API_TOKEN, DEMO_TENANT_SPEC, generateTenant, type TenantSpec } from '../../fixtures/tenant/generate.ts';
import { createFakeCore, type FakeCore, type FakeCoreOptions } from './core.ts';

/** The host tests use: a customer host, to show routing ignores it. */
export const BASE = 'https://acme-eu.leanix.net/services/mtm/v1';

/** Basic credentials for an API token. */
export function basic(apiToken: string): string {
  return `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`;
}

/** An access token from a served fake at `base`, fetched like a LeanIX client does (client credentials, Basic auth). */
export async function accessToken(base: string, apiToken = DEMO_API_TOKEN): Promise<string> {
  const res = await fetch(`${base}/services/mtm/v1/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: basic(apiToken),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token request: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface TestClient {
  core: FakeCore;
  /** The demo workspace (first workspace) id and its account id. */
  wsId: string;
  accountId: string;
  /** A bearer token of the demo technical ADMIN user. */
  token: string;
  /** Sends a request with the bearer token; `body` objects are sent as JSON, strings as they are. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Like call, and parses the JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests probe response JSON freely
  json(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
}

/** A core seeded with a generated tenant (the demo one by default) and a client signed in with the demo token. */
export async function testClient(
  spec: TenantSpec = DEMO_TENANT_SPEC,
  options: FakeCoreOptions = {},
): Promise<TestClient> {
  const tenant = generateTenant({ ...spec, demoApiToken: DEMO_API_TOKEN });
  const core = await createFakeCore({ tenant, ...options });
  const res = await core.handle(
    new Request(`${BASE}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basic(DEMO_API_TOKEN), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    }),
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  const token = ((await res.json()) as { access_token: string }).access_token;
  const wsId = tenant.apiTokens[0].workspaceId;
  const accountId = tenant.workspaces.find((w) => w.id === wsId)!.accountId;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    core.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  const json = async (method: string, path: string, body?: unknown) => {
    const r = await call(method, path, body);
    return { status: r.status, body: await r.json(), headers: r.headers };
  };
  return { core, wsId, accountId, token, call, json };
}
