/**
 * Unknown binding names: a template reads a variable EIC does not provide, e.g. Lessonly's AddAccessJSON body
 * `${entitlementValue_entitlement_value}` (meant: `${entitlementValue.entitlement_value}`; reference §5). The binding
 * engine names them while rendering with the sample bindings of every §4 variable. Groovy throws
 * MissingPropertyException for an unknown script variable; the reference also says an unknown binding "typically
 * renders as null" [INF]: either way the value is not what was meant, so a warning that says both.
 * Mapping values (`#CONST#${...}`) are skipped: there the fields of the current record are variables (§2.3).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { EIC_CLASS_NAMES, EIC_COLUMNS, type EicObjectKind } from '../eic/columns.ts';
import { suggest } from '../package/suggest.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { unboundNames } from './render.ts';
import { baseSampleBindings, referencedPaths, sampleBindings } from './sample-bindings.ts';

let roots: string[] | undefined;

/** What the name probably meant: `entitlementValue_entitlement_value` → `entitlementValue.entitlement_value`. */
function meant(name: string): string | undefined {
  roots ??= Object.keys(baseSampleBindings());
  const root = roots.find((r) => name.startsWith(`${r}_`) && name.length > r.length + 1);
  if (root) return `${root}.${name.slice(root.length + 1)}`;
  return suggest(name, roots);
}

/** True when the name is the tail of a hyphenated name (`headers?.X-Current-Page`), reported as such elsewhere. */
const inHyphenatedName = (template: string, name: string) => new RegExp(`[\\w']-${name}\\b`).test(template);

/** Reports every unknown variable the templates of an attribute read. */
export function checkBindings(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const templates: { path: (string | number)[]; s: string }[] = [];
  walkStrings(ctx.json, (path, s) => {
    if (s.includes('${') && !path.some((k) => typeof k === 'string' && /colsToPropsMap$/.test(k))) {
      templates.push({ path, s });
    }
  });
  if (templates.length === 0) return out;
  const bindings = sampleBindings(
    templates.map((t) => t.s),
    undefined,
    { bindUnknown: false },
  );
  for (const { path, s } of templates) {
    for (const u of unboundNames(s, bindings)) {
      if (inHyphenatedName(s, u.name)) continue;
      const m = meant(u.name);
      out.push(
        finding(
          ctx,
          'binding.unknown',
          'warning',
          path,
          `"${u.name}" is not a variable EIC provides here: evaluating it fails with MissingPropertyException (or renders null if EIC resolves unknown names leniently; the sources differ)`,
          m
            ? `Did you mean \${${m}}?`
            : 'Use one of the documented variables (reference §4): user, account, entitlementValue, ...',
          { inner: u.offset },
        ),
      );
    }
  }
  return out;
}

/** Binding variables that hold EIC domain objects, and their class (harness/eic/columns.ts). */
const OBJECT_ROOTS: Record<string, EicObjectKind> = {
  user: 'user',
  account: 'account',
  userAccount: 'account',
  entitlementValue: 'entitlementValue',
};

let knownColumns: Record<EicObjectKind, Set<string>> | undefined;

/** The columns a domain object has: the class's columns plus the fields the sample records carry (keys such as userkey). */
function columnsOf(kind: EicObjectKind): Set<string> {
  if (!knownColumns) {
    const sample = baseSampleBindings() as Record<string, Record<string, unknown>>;
    const of = (k: EicObjectKind) => new Set([...EIC_COLUMNS[k], ...Object.keys(sample[k] ?? {})]);
    knownColumns = { user: of('user'), account: of('account'), entitlementValue: of('entitlementValue') };
  }
  return knownColumns[kind];
}

/**
 * Fields EIC's objects do not have: `${user.name}`, `${user.id}`. `user`, `account` and `entitlementValue` are EIC
 * domain objects (reference, Fidelity addendum "Binding objects" [INF]), so a property outside the class's columns
 * throws MissingPropertyException naming the class (the emulator does the same, harness/eic/columns.ts). A warning,
 * not an error: the column lists are inferred, and EIC may carry columns we do not list.
 */
export function checkObjectColumns(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkStrings(ctx.json, (path, s) => {
    if (!s.includes('${') || path.some((k) => typeof k === 'string' && /colsToPropsMap$/.test(k))) return;
    const seen = new Set<string>();
    for (const [root, field] of referencedPaths(s)) {
      const kind = OBJECT_ROOTS[root];
      if (!kind || field === undefined || columnsOf(kind).has(field) || seen.has(`${root}.${field}`)) continue;
      seen.add(`${root}.${field}`);
      const cls = EIC_CLASS_NAMES[kind];
      const near = suggest(field, [...columnsOf(kind)]);
      const offset = new RegExp(`\\b${root}\\s*\\??\\.\\s*['"]?${field}\\b`).exec(s)?.index;
      out.push(
        finding(
          ctx,
          'binding.unknown-column',
          'warning',
          path,
          `"${root}.${field}": EIC's ${root} (class ${cls.slice(cls.lastIndexOf('.') + 1)}) has no column "${field}"; evaluating it fails with MissingPropertyException: No such property: ${field} for class: ${cls}`,
          near ? `Did you mean \${${root}.${near}}?` : `Use a column of ${cls} (reference §0 and §4).`,
          offset === undefined ? {} : { inner: offset },
        ),
      );
    }
  });
  return out;
}
