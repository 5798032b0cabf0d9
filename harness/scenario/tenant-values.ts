/**
 * The values scenario text (`{{workspaceId}}`, ...) and package placeholders (`<workspaceId>`, ...) refer to, taken
 * from a LeanIX tenant: a scenario's world, the live fake of `harness serve`, or for `harness validate
 * --fill-placeholders` the tenant a scenario would get by default (the built-in demo tenant).
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import { DEFAULT_EPOCH } from '../../mocks/leanix/clock.ts';
import type { TenantData } from '../../mocks/leanix/model.ts';

/**
 * The values for one workspace of a tenant: `host` (default `demo`), `workspaceId`, `workspaceName`, `accountId`,
 * `apiToken` (the given one, else the workspace's first usable token at fake time `now`) and `apiTokenBasic` (base64
 * of `apitoken:<token>`).
 */
export function tenantVars(
  data: TenantData,
  ws: TenantData['workspaces'][number] | undefined,
  now: number,
  given: { host?: string; apiToken?: string } = {},
): Record<string, string> {
  const token =
    given.apiToken ??
    data.apiTokens.find((t) => t.workspaceId === ws?.id && !t.revoked && Date.parse(t.expiresAt) > now)?.token ??
    '';
  return {
    host: given.host ?? 'demo',
    workspaceId: ws?.id ?? '',
    workspaceName: ws?.name ?? '',
    accountId: ws?.accountId ?? '',
    apiToken: token,
    apiTokenBasic: Buffer.from(`apitoken:${token}`, 'utf8').toString('base64'),
  };
}

/** Where tenant values come from outside a scenario: a tenant file, a generated tenant's seed, else the demo tenant. */
export interface TenantSource {
  /** A tenant JSON file (as `GET /__harness/state/export` and `harness tenant from-har` write it). */
  tenant?: string;
  /** Generate the tenant from this seed (the demo tenant's sizes). */
  seed?: number;
  /** The workspace's name or id (default the first one, as in a scenario). */
  workspace?: string;
}

/**
 * The values of a tenant (by default the built-in demo tenant, the one a scenario gets without `given.leanix`) at the
 * start of fake time, and a label saying where they came from. Throws HarnessError for a bad file or workspace.
 */
export async function tenantValuesOf(
  source: TenantSource = {},
): Promise<{ vars: Record<string, string>; label: string }> {
  if (source.tenant !== undefined && source.seed !== undefined)
    throw new HarnessError('tenant.source', 'give a tenant file or a seed, not both (--tenant or --seed)');
  let data: TenantData;
  let label: string;
  if (source.tenant !== undefined) {
    const { readTenantFile } = await import('../../fixtures/tenant/file.ts');
    data = readTenantFile(source.tenant);
    label = `tenant file ${source.tenant}`;
  } else {
    const { DEMO_TENANT_SPEC, generateTenant } = await import('../../fixtures/tenant/generate.ts');
    data = generateTenant(source.seed === undefined ? DEMO_TENANT_SPEC : { ...DEMO_TENANT_SPEC, seed: source.seed });
    label = source.seed === undefined ? 'the built-in demo tenant' : `the tenant generated from seed ${source.seed}`;
  }
  const w = source.workspace;
  const ws = w === undefined ? data.workspaces[0] : data.workspaces.find((x) => x.name === w || x.id === w);
  if (!ws)
    throw new HarnessError(
      'tenant.workspace',
      w === undefined ? `${label} has no workspace` : `no workspace ${JSON.stringify(w)} in ${label}`,
      source.tenant !== undefined ? { file: source.tenant } : {},
      data.workspaces.length > 0 ? `known: ${data.workspaces.map((x) => x.name).join(', ')}` : undefined,
    );
  return { vars: tenantVars(data, ws, DEFAULT_EPOCH), label: `${label}, workspace ${ws.name}` };
}
