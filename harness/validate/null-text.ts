// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
/**
 * A bare `${account.<column>}` inside a JSON string of a provisioning body: `"role": "${account.customproperty6}"`.
 * An account column other than name, accountID and status can be empty: an account EIC has just created has its custom
 * properties only after the next import writes them [INF], and an import mapping that finds nothing leaves them empty.
 * Known columns that are empty render `null` (fidelity addendum, "Binding objects"), and Groovy writes null as the text
 * `null` inside a GString [SEEN: Groovy 2.4, groovy-oracle.md], so the target receives
 * `"role": "null"`, which LeanIX refuses (400, role not one of its values; leanix-mtm-api.md). Saviynt's published
 * LeanIX package does this in EnableAccountJSON and RemoveAccountJSON; the corrected one writes
 * `${account.customproperty6==null?'ACCOUNTUSER':account.customproperty6}`. A warning: whether the column is empty
 * depends on the data.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type CallSite, findInBody } from './calls.ts';
import { type AttrContext, finding } from './context.ts';
import { placeholderSpans, spansInJsonStrings } from './placeholders.ts';

/** Account columns EIC always has a value for once the account exists (compared in lower case). */
const ALWAYS_SET = new Set(['name', 'accountid', 'status']);
/** `${account.x}` or `${account?.x}` with nothing else in the braces. */
const BARE_ACCOUNT_COLUMN = /^\$\{\s*account\s*\??\.\s*([A-Za-z_]\w*)\s*\}$/;

/** One bare account column inside a string: where its `${` starts and the template as written. */
interface NullableColumn {
  index: number;
  column: string;
  text: string;
}

/**
 * The bare `${account.<column>}` placeholders of `t` that may render as "null": inside its JSON string literals, or
 * anywhere when `wholeValueIsString` (a value of an object body, serialised as a JSON string).
 */
function nullableAccountColumns(t: string, wholeValueIsString: boolean): NullableColumn[] {
  if (!t.includes('account')) return [];
  const spans = placeholderSpans(t);
  const inside = wholeValueIsString ? spans.map(() => true) : spansInJsonStrings(t, spans);
  const out: NullableColumn[] = [];
  spans.forEach((s, i) => {
    if (!inside[i]) return;
    const text = t.slice(s.start, s.end);
    const m = BARE_ACCOUNT_COLUMN.exec(text);
    if (m && !ALWAYS_SET.has(m[1].toLowerCase())) out.push({ index: s.start, column: m[1], text });
  });
  return out;
}

/** Reports bare account columns inside the JSON strings of provisioning bodies (string or object `httpParams`). */
export function checkNullText(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of calls) {
    if (c.kind !== 'provisioning') continue;
    const found = findInBody(
      c,
      (t) => nullableAccountColumns(t, false),
      (s) => nullableAccountColumns(s, true),
    );
    for (const { path, item: n } of found)
      out.push(
        finding(
          ctx,
          'body.null-text',
          'warning',
          path,
          `${n.text} sits inside a JSON string: when the account has no ${n.column} (an account EIC has just created gets its custom properties only at the next import), Groovy writes null as the text "null" and the target receives "null"`,
          `Give it a default: \${account.${n.column} ?: '<default>'} (or a ternary), or leave the key out when there is no value.`,
          { inner: n.index },
        ),
      );
  }
  return out;
}
