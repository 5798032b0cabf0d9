/**
 * Unknown binding names: a template reads a variable EIC does not provide, e.g. Lessonly's AddAccessJSON body
 * `${entitlementValue_entitlement_value}` (meant: `${entitlementValue.entitlement_value}`; reference §5). The binding
 * engine names them while rendering with the sample bindings of every §4 variable. Groovy throws
 * MissingPropertyException for an unknown script variable; the reference also says an unknown binding "typically
 * renders as null" [INF]: either way the value is not what was meant, so a warning that says both.
 * Mapping values (`#CONST#${...}`) are skipped: there the fields of the current record are variables (§2.3).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { suggest } from '../package/suggest.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { unboundNames } from './render.ts';
import { baseSampleBindings, sampleBindings } from './sample-bindings.ts';

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
