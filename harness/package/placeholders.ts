/**
 * The tenant placeholders of this project's LeanIX packages (`<host>`, `<workspaceId>`, `<accountId>`,
 * `<apiTokenBasic>`: what Saviynt's export blanks, fixtures/packages/leanix/README.md) and filling them from a
 * tenant's values. One place for scenarios (`fillPlaceholders: true`), `harness validate --fill-placeholders`,
 * `harness test-connection` and the inspector's package upload.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { applyPatches, type Patch } from './patch.ts';
import type { ConnectionPackage, PackageAttribute } from './types.ts';

/** The placeholders a tenant's values fill, each with the name of the value that fills it. */
export const TENANT_PLACEHOLDERS = {
  '<host>': 'host',
  '<workspaceId>': 'workspaceId',
  '<accountId>': 'accountId',
  '<apiTokenBasic>': 'apiTokenBasic',
} as const;

/** True for a placeholder a tenant's values fill (`<host>`, ...). */
export function isTenantPlaceholder(text: string): boolean {
  return Object.hasOwn(TENANT_PLACEHOLDERS, text);
}

/** The patches that fill a package's `<host>`, `<workspaceId>`, `<accountId>` and `<apiTokenBasic>` placeholders. */
export function placeholderPatches(vars: Record<string, string>): Patch[] {
  return Object.entries(TENANT_PLACEHOLDERS).map(([find, name]) => ({ find, with: vars[name] }));
}

/**
 * Fills the tenant placeholders of a loaded package in place; returns a `patch.applied` info per placeholder filled
 * (located at `file`, e.g. what the values came from). Placeholders the package does not hold are no finding.
 */
export function fillPlaceholders(pkg: ConnectionPackage, vars: Record<string, string>, file: string): Diagnostic[] {
  return applyPatches(pkg.attributes as Record<string, PackageAttribute>, placeholderPatches(vars), file).filter(
    (d) => d.code !== 'patch.unmatched',
  );
}
