/** validatePackage: every check over every attribute of a loaded package, as one list of diagnostics. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { checkAuthentications, tokenRefreshMaxTryCountOf } from '../http/auth/index.ts';
import type { ConnectionPackage, PackageAttribute } from '../package/types.ts';
import { checkCallRules } from './call-rules.ts';
import { findCalls } from './calls.ts';
import { checkCalls } from './calls-check.ts';
import { type AttrContext, attrContext, finding } from './context.ts';
import { checkDuplicateKeys } from './duplicates.ts';
import { checkMappings } from './mappings.ts';
import { checkPagination } from './pagination.ts';
import { checkAccessCallNames, checkConnectionNames, entitlementTypes } from './references.ts';
import { checkResponses } from './responses.ts';
import { checkSchema } from './schema-dsl.ts';
import { isProvisioning, schemaFor } from './schemas.ts';
import { checkTemplates } from './templates.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function authBlocksOf(pkg: ConnectionPackage): Record<string, Json> | undefined {
  const conn = pkg.attributes.ConnectionJSON;
  if (!conn || !isObject(conn.json) || !isObject(conn.json.authentications)) return undefined;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(conn.json.authentications)) if (isObject(v)) out[k] = v;
  return out;
}

function checkAttribute(
  ctx: AttrContext,
  pkg: ConnectionPackage,
  auth: Record<string, Json> | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spec = schemaFor(ctx.name);
  if (spec) {
    for (const f of checkSchema(spec, ctx.json)) {
      out.push(finding(ctx, f.code, f.severity, f.path, f.message, f.hint, { key: f.atKey }));
    }
  }
  out.push(...checkTemplates(ctx));
  if (ctx.name === 'ConnectionJSON') {
    // authTypes, flow-specific keys, what the emulator cannot do (ssl) (harness/http/auth/check.ts)
    const opts = { tokenRefreshMaxTryCount: tokenRefreshMaxTryCountOf(pkg.attributes.ConfigJSON?.json) };
    for (const d of checkAuthentications(ctx.json, opts))
      out.push(finding(ctx, d.code, d.severity, d.location?.path ?? [], d.message, d.hint));
  }
  const calls = findCalls(ctx.name, ctx.json);
  out.push(...checkCalls(ctx, calls, auth));
  out.push(...checkMappings(ctx));
  out.push(...checkCallRules(ctx, calls, auth));
  out.push(...checkDuplicateKeys(ctx));
  if (isProvisioning(ctx.name)) out.push(...checkResponses(ctx, calls));
  if (ctx.name === 'ImportAccountEntJSON' || ctx.name === 'ImportUserJSON') out.push(...checkPagination(ctx, calls));
  if (auth && ctx.name !== 'ConnectionJSON') out.push(...checkConnectionNames(ctx, calls, Object.keys(auth)));
  if (ctx.name === 'AddAccessJSON' || ctx.name === 'RemoveAccessJSON') {
    const imp = pkg.attributes.ImportAccountEntJSON;
    const types = imp ? entitlementTypes(imp.json) : [];
    if (types.length > 0) out.push(...checkAccessCallNames(ctx, calls, types));
  }
  return out;
}

/** Drops schema.unknown-key findings that a more specific check (pagination.misplaced) already reports. */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const specific = new Set(
    diags
      .filter((d) => d.code === 'pagination.misplaced')
      .map((d) => `${d.location?.attribute}|${JSON.stringify(d.location?.path)}`),
  );
  return diags.filter(
    (d) =>
      d.code !== 'schema.unknown-key' || !specific.has(`${d.location?.attribute}|${JSON.stringify(d.location?.path)}`),
  );
}

/**
 * Validates a loaded package. The result starts with the package's loading diagnostics, then every finding per
 * attribute (JSON syntax, schema, templates, URLs and bodies rendered with sample bindings, mappings, pagination,
 * connection names, Add/RemoveAccess call names). Never throws: a failing check becomes a `validate.internal` error.
 */
export function validatePackage(pkg: ConnectionPackage): Diagnostic[] {
  const out: Diagnostic[] = [...pkg.diagnostics];
  const auth = authBlocksOf(pkg);
  const conn = pkg.attributes.ConnectionJSON;
  if (!auth) {
    const why = pkg.connectionEncrypted
      ? 'ConnectionJSON is encrypted'
      : conn
        ? 'ConnectionJSON has no readable authentications'
        : 'the package has no ConnectionJSON';
    out.push({
      code: 'connection.unchecked',
      severity: 'info',
      message: `"connection" names were not checked: ${why}`,
      location: { attribute: 'ConnectionJSON' },
      hint: 'Pass a plaintext ConnectionJSON with --connection to check them.',
    });
  }
  const imp = pkg.attributes.ImportAccountEntJSON;
  if (
    (pkg.attributes.AddAccessJSON || pkg.attributes.RemoveAccessJSON) &&
    (!imp || entitlementTypes(imp.json).length === 0)
  ) {
    out.push({
      code: 'access.unchecked',
      severity: 'info',
      message:
        'Add/RemoveAccess call names were not checked against entitlement types: no readable ImportAccountEntJSON with entitlement types',
      location: { attribute: 'ImportAccountEntJSON' },
    });
  }
  for (const attr of Object.values(pkg.attributes) as PackageAttribute[]) {
    if (attr.parseError || attr.json === undefined) {
      if (attr.parseError) out.push(attr.parseError);
      continue;
    }
    const ctx = attrContext(pkg, attr);
    try {
      if (!isObject(attr.json) && !Array.isArray(attr.json)) {
        out.push(
          finding(
            ctx,
            'schema.type',
            'error',
            [],
            `${attr.name} must be a JSON object, found ${JSON.stringify(attr.json).slice(0, 40)}`,
          ),
        );
        continue;
      }
      out.push(...dedupe(checkAttribute(ctx, pkg, auth)));
    } catch (e) {
      out.push({
        code: 'validate.internal',
        severity: 'error',
        message: `The validator failed on ${attr.name}: ${e instanceof Error ? e.message : String(e)}`,
        location: { file: attr.source, attribute: attr.name },
        hint: 'This is a bug in the harness; please report it with the file.',
      });
    }
  }
  return out;
}
