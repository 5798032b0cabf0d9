/**
 * `colsToPropsMap` values are `<source path>~#~<type>` with a known type (§2.3); left-hand keys are EIC columns (§0):
 * account columns in accountParams and in a provisioning JSON's `responseColsToPropsMap` (§3.1: "the left side is an
 * account column"), entitlement columns in entitlementParams and acctEntMappings. Real packages write identity
 * attributes there (digicert, ironclad, medallia, thales CreateAccountJSON: `firstname`, `lastname`).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { EIC_COLUMNS, MAX_CUSTOM_PROPERTY, namedColumns } from '../eic/columns.ts';
import type { JsonPath } from '../package/text-position.ts';
import { type AttrContext, finding } from './context.ts';

/** Types a colsToPropsMap value may end with. */
export const MAPPING_TYPES = ['char', 'date', 'bool', 'epochdate', 'number', 'int', 'long', 'boolean'];

/** Column names a mapping may write (customproperty1..N are checked by number): harness/eic/columns.ts. */
const ACCOUNT_COLUMNS = namedColumns(EIC_COLUMNS.account);
const ENTITLEMENT_COLUMNS = [...namedColumns(EIC_COLUMNS.entitlementValue), 'acctEntMappingInfoColumnFromEnt'];
const MAX_CP = MAX_CUSTOM_PROPERTY;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function columnsFor(path: JsonPath): { set: string[]; what: string } | undefined {
  const p = path.map(String);
  if (p.length === 1 && p[0] === 'responseColsToPropsMap') return { set: ACCOUNT_COLUMNS, what: 'account' };
  if (p.includes('acctEntMappings')) return { set: ENTITLEMENT_COLUMNS, what: 'entitlement' };
  if (p[0] === 'accountParams') return { set: ACCOUNT_COLUMNS, what: 'account' };
  if (p[0] === 'entitlementParams') return { set: ENTITLEMENT_COLUMNS, what: 'entitlement' };
  return undefined;
}

/** Identity attributes written as account columns: they belong to the EIC user, not the account. */
const IDENTITY = ['firstname', 'lastname', 'email', 'middlename', 'username', 'employeeid', 'title', 'manager'];

function identityHint(col: string, what: string): string {
  if (what !== 'account') return '';
  const c = col.trim().toLowerCase();
  if (IDENTITY.includes(c)) return ` ("${col}" is an identity attribute; accounts have no such column)`;
  if (c === 'id') return ' (the account id column is "accountID")';
  return '';
}

function knownColumn(col: string, set: string[]): boolean {
  const c = col.toLowerCase();
  if (set.some((s) => s.toLowerCase() === c)) return true;
  const cp = /^customproperty(\d+)$/.exec(c);
  return cp !== null && Number(cp[1]) >= 1 && Number(cp[1]) <= MAX_CP;
}

function checkMap(ctx: AttrContext, map: Json, path: JsonPath, out: Diagnostic[]): void {
  const cols = columnsFor(path);
  for (const [col, value] of Object.entries(map)) {
    const vp = [...path, col];
    if (cols && !knownColumn(col.trim(), cols.set)) {
      out.push(
        finding(
          ctx,
          'mapping.unknown-column',
          'warning',
          vp,
          `"${col}" is not a known EIC ${cols.what} column: the value is not stored${identityHint(col, cols.what)}`,
          `${cols.what === 'account' ? 'Account' : 'Entitlement'} columns: ${cols.set.join(', ')}, customproperty1..${MAX_CP}.`,
          { key: true },
        ),
      );
    }
    if (typeof value !== 'string') {
      out.push(
        finding(
          ctx,
          'mapping.bad-format',
          'error',
          vp,
          `Expected a string "<path>~#~<type>", found ${JSON.stringify(value)}`,
          'Write "<path>~#~char", e.g. "id~#~char".',
        ),
      );
      continue;
    }
    const sep = value.lastIndexOf('~#~');
    if (sep < 0) {
      out.push(
        finding(
          ctx,
          'mapping.bad-format',
          'warning',
          vp,
          `"${value}" has no "~#~<type>" suffix`,
          'Write "<path>~#~char" (types: char, date, bool, epochdate).',
        ),
      );
      continue;
    }
    const source = value.slice(0, sep);
    const type = value.slice(sep + 3);
    if (!source.startsWith('#CONST#') && !source.includes('${') && /^\s|\s$/.test(source)) {
      const at = /\s$/.test(source) ? source.search(/\s+$/) : 0;
      out.push(
        finding(
          ctx,
          'mapping.whitespace',
          'error',
          vp,
          `The source path "${source}" has stray whitespace: EIC looks up "${source}" literally and finds nothing`,
          `Write "${source.trim()}~#~${type.trim()}".`,
          { inner: at },
        ),
      );
    }
    if (type !== type.trim() && MAPPING_TYPES.includes(type.trim())) {
      // Whether EIC trims the type is not documented (aa360 CreateAccountJSON ships "~#~char "): a warning [INF].
      out.push(
        finding(
          ctx,
          'mapping.whitespace',
          'warning',
          vp,
          `The type "${type}" has stray whitespace: EIC may not recognise it (undocumented whether it trims the type)`,
          `Write "~#~${type.trim()}".`,
          {
            inner: sep + 3,
          },
        ),
      );
    } else if (!MAPPING_TYPES.includes(type)) {
      out.push(
        finding(
          ctx,
          'mapping.bad-type',
          'error',
          vp,
          `Unknown mapping type "${type}" in "${value}"`,
          `Known types: ${MAPPING_TYPES.slice(0, 4).join(', ')}.`,
          { inner: sep + 3 },
        ),
      );
    }
    if (source.trim() === '') {
      out.push(
        finding(
          ctx,
          'mapping.bad-format',
          'error',
          vp,
          `"${value}" has an empty source path`,
          'Write "<path>~#~char", e.g. "id~#~char".',
        ),
      );
    }
  }
}

/** Checks every colsToPropsMap / responseColsToPropsMap in the attribute. */
export function checkMappings(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (v: unknown, path: JsonPath): void => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        visit(x, [...path, i]);
      });
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'colsToPropsMap' || k === 'responseColsToPropsMap') && isObject(x))
          checkMap(ctx, x, [...path, k], out);
        else visit(x, [...path, k]);
      }
    }
  };
  visit(ctx.json, []);
  return out;
}
