/**
 * The world of one scenario: a fresh fake LeanIX (tenant from `given.leanix`), optionally a generic token server
 * (`given.tokenServer`, fixtures/token-server, on the same fake clock) and a fresh EIC emulator (package from
 * `given.eic`, its transport being the fake's fetch on the fake's clock; requests to the token server's origin go to
 * the token server). Nothing is shared between scenarios.
 * Scenario values may use `{{host}}`, `{{workspaceId}}`, `{{workspaceName}}`, `{{accountId}}`, `{{apiToken}}`,
 * `{{apiTokenBasic}}` (base64 of `apitoken:<token>`) and `{{tokenServer}}` (its origin); `{{any}}` and unknown names
 * are left as they are.
 */
import { createHash } from 'node:crypto';
import { readTenantFile } from '../../fixtures/tenant/file.ts';
import { DEMO_TENANT_SPEC, generateTenant } from '../../fixtures/tenant/generate.ts';
import { createTokenServer, type TokenServer } from '../../fixtures/token-server/index.ts';
import { HarnessError } from '../../lib/diagnostic.ts';
import { SecretSet, secretValuesIn } from '../../lib/redact.ts';
import { createFakeLeanIX, type FakeLeanIX } from '../../mocks/leanix/fake.ts';
import type { TenantData } from '../../mocks/leanix/model.ts';
import type { Identity } from '../eic/types.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.ts';
import type { Transport } from '../http/types.ts';
import { loadPackage, type Patch, readPatchFile } from '../package/index.ts';
import { placeholderPatches } from '../package/placeholders.ts';
import type { LoadedScenario } from './load.ts';
import { durationMs, type Scenario } from './schema.ts';
import { tenantVars } from './tenant-values.ts';
import { journalTokenTraffic, type TokenTraffic } from './token-traffic.ts';

// Where they live now; kept importable from here.
export { placeholderPatches } from '../package/placeholders.ts';
export { tenantVars } from './tenant-values.ts';

/** A fake and an emulator wired together, plus the values scenario text can refer to. */
export interface World {
  fake: FakeLeanIX;
  emu: Emulator;
  vars: Record<string, string>;
  /** The token server of `given.tokenServer`, if any. */
  tokenServer?: TokenServer;
  /** The token server's traffic, journaled (the fake's journal never sees it; the scenario's HAR shows both). */
  tokenTraffic?: TokenTraffic;
  /** The run's secret values, shared by the fake's journal, the emulator's exchanges and the reports. */
  secrets: SecretSet;
  /** What the emulator was built from (a `use` step rebuilds it from a changed copy). */
  setup: EmulatorSetup;
}

/** The inputs of a world's emulator: the scenario's `given.eic` (as changed by `use` steps) and where paths resolve. */
export interface EmulatorSetup {
  eic: EicGiven;
  /** Resolves a path written in the scenario relative to the scenario file. */
  resolvePath(p: string): string;
  /** The request timeout the world was created with (WorldOptions.timeoutMs). */
  timeoutMs?: number;
}

/** Replaces `{{name}}` with known variables in every string of a value (deeply); other text is kept. */
export function interpolate<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === 'string')
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in vars ? vars[k] : m)) as T;
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)])) as T;
  return value;
}

type Given = Scenario['given'];
/** The `given.eic` part of a scenario. */
export type EicGiven = NonNullable<Given['eic']>;

/** A stable UUID-shaped id for the i-th inline record of a kind, so reruns of a scenario see the same ids. */
function stableId(kind: string, i: number): string {
  const h = createHash('sha256').update(`${kind}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const at = (file: string, ...path: (string | number)[]) => ({ file, path: ['given', ...path] });

/**
 * The tenant of `given.leanix`: `base` (the tenantFile's data, read by the caller), else the generated (or empty)
 * tenant; plus inline records, with defaults filled for brevity.
 */
export function buildTenant(given: Given, file: string, base?: TenantData): TenantData {
  const lx = given.leanix ?? {};
  const t = lx.tenant;
  const data: TenantData = base
    ? base
    : t === undefined && lx.records
      ? { accounts: [], workspaces: [], users: [], permissions: [], apiTokens: [] }
      : generateTenant(
          t === undefined || t === 'demo'
            ? DEMO_TENANT_SPEC
            : {
                ...DEMO_TENANT_SPEC,
                seed: t.seed ?? DEMO_TENANT_SPEC.seed,
                accounts: t.accounts ?? DEMO_TENANT_SPEC.accounts,
                workspacesPerAccount: t.workspaces ?? DEMO_TENANT_SPEC.workspacesPerAccount,
                users: t.users ?? DEMO_TENANT_SPEC.users,
              },
        );
  const r = lx.records ?? {};
  const created = '2024-01-01T00:00:00.000Z';
  for (const [i, a] of (r.accounts ?? []).entries())
    data.accounts.push({ id: stableId('account', i), name: 'Account', ...a } as never);
  const accountId = data.accounts[0]?.id;
  const wsByName = (name: unknown, i: number, kind: string) => {
    const ws = data.workspaces.find((w) => w.name === name || w.id === name);
    if (!ws)
      throw new HarnessError(
        'scenario.given',
        `no workspace named ${JSON.stringify(name)}`,
        at(file, 'leanix', 'records', kind, i, 'workspace'),
      );
    return ws;
  };
  for (const [i, w] of (r.workspaces ?? []).entries())
    data.workspaces.push({
      id: stableId('workspace', i),
      accountId,
      type: 'LIVE',
      status: 'ACTIVE',
      product: 'EAM',
      defaultRole: 'VIEWER',
      createdAt: created,
      ...w,
    } as never);
  for (const [i, u] of (r.users ?? []).entries())
    data.users.push({
      id: stableId('user', i),
      accountId,
      userName: u.email,
      firstName: null,
      lastName: null,
      role: 'ACCOUNTUSER',
      status: 'ACTIVE',
      technicalUser: false,
      createdAt: created,
      lastLogin: null,
      ...u,
    } as never);
  (r.permissions ?? []).forEach((p, i) => {
    const { user, workspace, ...rest } = p;
    const u = data.users.find((x) => x.email === user || x.userName === user || x.id === user);
    if (!u)
      throw new HarnessError(
        'scenario.given',
        `no user ${JSON.stringify(user)} for this permission`,
        at(file, 'leanix', 'records', 'permissions', i, 'user'),
      );
    data.permissions.push({
      id: stableId('permission', i),
      userId: u.id,
      workspaceId: wsByName(workspace, i, 'permissions').id,
      role: 'VIEWER',
      status: 'ACTIVE',
      createdAt: created,
      lastLogin: null,
      ...rest,
    } as never);
  });
  (r.apiTokens ?? []).forEach((tk, i) => {
    const { workspace, ...rest } = tk;
    const ws = wsByName(workspace, i, 'apiTokens');
    const tech = data.apiTokens.find((x) => x.workspaceId === ws.id)?.userId;
    data.apiTokens.push({ userId: tech, workspaceId: ws.id, expiresAt: '2030-01-01T00:00:00.000Z', ...rest } as never);
  });
  return data;
}

/**
 * The emulator's transport over a fake: its fetch, on its clock (a wait advances the fake clock at once); requests to
 * the origin of one of `servers` go to that server instead.
 */
export function fakeTransport(
  fake: FakeLeanIX,
  servers: readonly Pick<TokenServer, 'origin' | 'fetch'>[] = [],
): Transport {
  return {
    fetch: (req) => {
      const origin = new URL(req.url).origin;
      const server = servers.find((s) => s.origin === origin);
      return server ? server.fetch(req) : fake.fetch(req);
    },
    now: () => fake.clock.now(),
    sleep: async (ms) => fake.clock.advance(ms),
    inProcess: true,
  };
}

/** Reads `given.leanix.tenantFile` (relative to the scenario); it excludes a generated `tenant`. */
function tenantFileOf(loaded: LoadedScenario, lx: NonNullable<Given['leanix']>): TenantData {
  if (lx.tenant !== undefined)
    throw new HarnessError(
      'scenario.given',
      'given.leanix has both tenant and tenantFile: give one (records add to either)',
      at(loaded.file, 'leanix', 'tenantFile'),
    );
  return readTenantFile(loaded.resolvePath(lx.tenantFile as string));
}

/** Options of createWorld (the fault sweep uses them). */
export interface WorldOptions {
  /** The emulator's request timeout in ms (default: the package's ConfigJSON, else 60 s). */
  timeoutMs?: number;
  /** The secret set of the run (default: a new one); the runner passes its own to redact what it reports. */
  secrets?: SecretSet;
}

/** Creates the fake and the emulator for a loaded scenario. Throws HarnessError (with file and path) on bad input. */
export async function createWorld(loaded: LoadedScenario, options: WorldOptions = {}): Promise<World> {
  const { scenario, file } = loaded;
  const given = scenario.given;
  const lx = given.leanix ?? {};
  const secrets = options.secrets ?? new SecretSet();
  let fake: FakeLeanIX;
  const base = lx.tenantFile ? tenantFileOf(loaded, lx) : undefined;
  try {
    fake = await createFakeLeanIX({
      tenant: buildTenant(given, file, base),
      quirks: lx.quirks as never,
      rateLimit: lx.rateLimit,
      secrets,
    });
  } catch (e) {
    if (e instanceof HarnessError)
      throw new HarnessError(e.code, `given.leanix: ${e.message}`, { file, path: ['given', 'leanix'] }, e.hint);
    throw e;
  }
  const eic = given.eic;
  const data = fake.exportJson();
  const ws = eic?.workspace ? data.workspaces.find((w) => w.name === eic.workspace) : data.workspaces[0];
  if (eic?.workspace && !ws)
    throw new HarnessError(
      'scenario.given',
      `no LeanIX workspace named ${JSON.stringify(eic.workspace)}; the tenant has ${data.workspaces.map((w) => w.name).join(', ')}`,
      at(file, 'eic', 'workspace'),
    );
  const vars = tenantVars(data, ws, fake.clock.now(), { host: eic?.host, apiToken: eic?.apiToken });
  const tokenServer = given.tokenServer
    ? createTokenServer({ ...(interpolate(given.tokenServer, vars) as object), now: () => fake.clock.now() })
    : undefined;
  if (tokenServer) vars.tokenServer = tokenServer.origin;
  const tokenTraffic = tokenServer ? journalTokenTraffic(fake, tokenServer, secrets) : undefined;
  secrets.addAll([vars.apiToken, vars.apiTokenBasic]);
  if (!eic) throw new HarnessError('scenario.given', 'given.eic is required to run steps', at(file, 'eic'));
  const setup: EmulatorSetup = { eic, resolvePath: loaded.resolvePath, timeoutMs: options.timeoutMs };
  const emu = await buildEmulator(setup, { fake, vars, secrets, tokenTraffic });
  for (const a of interpolate(eic.accounts ?? [], vars)) emu.state.upsertAccount(a as never);
  for (const e of interpolate(eic.entitlements ?? [], vars)) emu.state.upsertEntitlementValue(e as never);
  return { fake, emu, vars, secrets, setup, ...(tokenServer ? { tokenServer, tokenTraffic } : {}) };
}

/**
 * Loads the package of `setup.eic` (placeholders, patches, plaintext ConnectionJSON) and creates an emulator with a
 * fresh EIC state (its identities only) on the fake's transport; the package's credentials join the run's secrets.
 */
export async function buildEmulator(
  setup: EmulatorSetup,
  world: Pick<World, 'fake' | 'vars' | 'secrets' | 'tokenTraffic'>,
): Promise<Emulator> {
  const { eic, resolvePath } = setup;
  const { fake, vars, secrets, tokenTraffic } = world;
  if (eic.package === undefined)
    throw new HarnessError('scenario.given', 'given.eic.package is missing', { path: ['given', 'eic', 'package'] });
  const patches: Patch[] = [];
  if (eic.fillPlaceholders) patches.push(...placeholderPatches(vars));
  if (typeof eic.patches === 'string') patches.unshift(...(await readPatchFile(resolvePath(eic.patches))));
  else if (eic.patches) patches.push(...(interpolate(eic.patches, vars) as unknown as Patch[]));
  const pkg = await loadPackage(resolvePath(eic.package), {
    patches: patches.length > 0 ? patches : undefined,
    connectionJson: eic.connectionJson ? resolvePath(eic.connectionJson) : undefined,
  });
  const identities = interpolate((eic.identities ?? []) as Identity[], vars);
  const accounts = interpolate(eic.accounts ?? [], vars);
  secrets.addAll(secretValuesIn([pkg.attributes.ConnectionJSON?.json, identities, accounts]));
  return createEmulator({
    ...emulatorOptionsOf(setup),
    package: pkg,
    secrets,
    transport: fakeTransport(fake, tokenTraffic ? [tokenTraffic] : []),
    identities,
  });
}

/** The emulator options `given.eic` sets besides the package: settings, `options`, network, connector files. */
export function emulatorOptionsOf(setup: EmulatorSetup): Omit<EmulatorOptions, 'package'> {
  const { eic } = setup;
  const o = eic.options ?? {};
  return {
    ...(eic.connectorFiles ? { connectorFiles: setup.resolvePath(eic.connectorFiles) } : {}),
    settings: {
      ...(eic.securitySystem ?? {}),
      ...(eic.correlation ? { correlation: eic.correlation } : {}),
    },
    ...(setup.timeoutMs !== undefined ? { timeoutMs: setup.timeoutMs } : {}),
    provisioning: {
      onTriesExhausted: o.onTriesExhausted,
      onUnsuccessfulResponse: o.onUnsuccessfulResponse,
      newAccountStatus: o.newAccountStatus,
      missingEntitlementCall: o.missingEntitlementCall,
    },
    imports: {
      callOrdering: o.callOrdering,
      onFailedReadKeeping: o.onFailedReadKeeping,
      urlWhitespace: o.urlWhitespace,
    },
    urlWhitespace: o.urlWhitespace,
    retryBackoff: o.retryBackoff,
    retryAfter: o.retryAfter,
    network: eic.network
      ? {
          connectMs: eic.network.connect === undefined ? undefined : durationMs(eic.network.connect),
          writeMs: eic.network.write === undefined ? undefined : durationMs(eic.network.write),
        }
      : undefined,
  };
}
