/** validatePackage: every check over every attribute of a loaded package, as one list of diagnostics. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { checkAuthentications, tokenRefreshMaxTryCountOf } from '../http/auth/index.ts';
import type { ConnectionPackage, PackageAttribute } from '../package/types.ts';
import { checkBindings, checkObjectColumns } from './bindings.ts';
import { checkCallRules } from './call-rules.ts';
import { findCalls } from './calls.ts';
import { checkCalls } from './calls-check.ts';
import { type AttrContext, attrContext, finding, jsonDepth } from './context.ts';
import { checkDuplicateKeys } from './duplicates.ts';
import { checkAllHeaders } from './headers.ts';
import { checkImportUserForm } from './import-user.ts';
import { checkMappings } from './mappings.ts';
import { checkNullText } from './null-text.ts';
import { checkPadding } from './padding.ts';
import { checkPagination } from './pagination.ts';
import { checkAccessCallNames, checkConnectionNames, entitlementTypes } from './references.ts';
import { checkResponses } from './responses.ts';
import { checkSchema } from './schema-dsl.ts';
import { isProvisioning, schemaFor } from './schemas.ts';
import { checkTemplateLint } from './template-lint.ts';
import { checkTemplates } from './templates.ts';
import { checkUnfilledValues } from './unfilled-values.ts';
import { checkUrlFields } from './url-fields.ts';

/**
 * Deepest nesting checked. Jackson (on EIC's classpath: templates call com.fasterxml.jackson.databind.ObjectMapper,
 * reference §5) refuses JSON nested deeper than 1000 levels since 2.15 [INF]; no real attribute comes near (the
 * corpus nests at most 8 deep). Deeper attributes get `json.too-deep` instead of the recursive checks.
 */
export const MAX_DEPTH = 1000;

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
  out.push(...checkTemplateLint(ctx));
  out.push(...checkBindings(ctx));
  out.push(...checkObjectColumns(ctx));
  if (ctx.name === 'ConnectionJSON') {
    // authTypes, flow-specific keys, what the emulator cannot do (ssl) (harness/http/auth/check.ts)
    const opts = { tokenRefreshMaxTryCount: tokenRefreshMaxTryCountOf(pkg.attributes.ConfigJSON?.json) };
    for (const d of checkAuthentications(ctx.json, opts))
      out.push(finding(ctx, d.code, d.severity, d.location?.path ?? [], d.message, d.hint));
  }
  const calls = findCalls(ctx.name, ctx.json);
  out.push(...checkCalls(ctx, calls, auth));
  out.push(...checkUrlFields(ctx, calls));
  out.push(...checkAllHeaders(ctx));
  out.push(...checkUnfilledValues(ctx));
  out.push(...checkPadding(ctx, calls));
  out.push(...checkNullText(ctx, calls));
  out.push(...checkMappings(ctx));
  out.push(...checkCallRules(ctx, calls, auth));
  out.push(...checkDuplicateKeys(ctx));
  if (isProvisioning(ctx.name)) out.push(...checkResponses(ctx, calls));
  if (ctx.name === 'ImportAccountEntJSON' || ctx.name === 'ImportUserJSON') out.push(...checkPagination(ctx, calls));
  if (ctx.name === 'ImportUserJSON') out.push(...checkImportUserForm(ctx));
  if (auth && ctx.name !== 'ConnectionJSON') out.push(...checkConnectionNames(ctx, calls, Object.keys(auth)));
  if (ctx.name === 'AddAccessJSON' || ctx.name === 'RemoveAccessJSON') {
    const imp = pkg.attributes.ImportAccountEntJSON;
    const types = imp ? entitlementTypes(imp.json) : [];
    if (types.length > 0) out.push(...checkAccessCallNames(ctx, calls, types));
  }
  return out;
}

const spot = (d: Diagnostic) => `${d.location?.attribute}|${JSON.stringify(d.location?.path)}`;

/** True when `inner` is `outer` or lies inside it (same attribute, path prefix). */
function within(inner: Diagnostic, outer: Diagnostic): boolean {
  const a = inner.location?.path ?? [];
  const b = outer.location?.path ?? [];
  return inner.location?.attribute === outer.location?.attribute && b.every((seg, i) => a[i] === seg);
}

/**
 * Drops findings another one on the same spot makes redundant or contradicts: schema findings at or inside a
 * pagination.misplaced (EIC ignores the whole block anyway), and an info (e.g. "could not render with sample
 * bindings") on a value that already has an error or a warning.
 */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const misplaced = diags.filter((d) => d.code === 'pagination.misplaced');
  const serious = new Set(diags.filter((d) => d.severity !== 'info' && d.location?.path?.length).map(spot));
  return diags.filter(
    (d) =>
      !(d.code.startsWith('schema.') && misplaced.some((m) => within(d, m))) &&
      !(d.severity === 'info' && d.location?.path?.length && serious.has(spot(d))),
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
    try {
      const depth = jsonDepth(attr.json);
      if (depth > MAX_DEPTH) {
        out.push({
          code: 'json.too-deep',
          severity: 'error',
          message: `${attr.name} nests ${depth} levels deep; Jackson 2.15+ (on EIC's classpath) refuses more than ${MAX_DEPTH}, and this attribute was not checked further`,
          location: { file: attr.source, attribute: attr.name, path: [] },
          hint: 'No real attribute nests this deep: the file is probably generated or corrupted.',
        });
        continue;
      }
      const ctx = attrContext(pkg, attr);
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
