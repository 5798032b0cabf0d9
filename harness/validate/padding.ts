// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
/**
 * Values padded with spaces in request bodies: `"employeeId": " ${user.employeeid}"` or `"${user.email}  "`. EIC
 * inserts values raw (reference §5), so the target receives " E1001" and stores or compares it with the space.
 * Checked in string bodies (inside JSON string literals) and in object bodies (each value).
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type CallSite, findInBody } from './calls.ts';
import { type AttrContext, finding } from './context.ts';
import { placeholderSpans, type Span } from './placeholders.ts';

/** One padded value: where the padding starts in the template and the padded text. */
export interface Padded {
  index: number;
  side: 'leading' | 'trailing';
  text: string;
}

/** Padding around placeholders in the string `content` (the whole value), at `base` in the template. */
function paddingOf(t: string, base: number, end: number, spans: readonly Span[], out: Padded[]): void {
  const content = t.slice(base, end);
  if (!content.includes('${')) return;
  const lead = /^[ \t]+/.exec(content);
  if (lead && spans.some((s) => s.start === base + lead[0].length)) {
    out.push({ index: base, side: 'leading', text: content });
  }
  const trail = /[ \t]+$/.exec(content);
  if (trail && trail.index > 0 && spans.some((s) => s.end === base + trail.index)) {
    out.push({ index: base + trail.index, side: 'trailing', text: content });
  }
}

/** Padded placeholders inside the JSON string literals of a body template. */
export function paddedInJsonBody(t: string): Padded[] {
  const spans = placeholderSpans(t);
  if (spans.length === 0) return [];
  const out: Padded[] = [];
  let i = 0;
  let si = 0;
  let open = -1;
  while (i < t.length) {
    while (si < spans.length && spans[si].end <= i) si++;
    if (si < spans.length && spans[si].start === i) {
      i = spans[si].end;
      continue;
    }
    const c = t[i];
    if (open >= 0 && c === '\\') i += 2;
    else {
      if (c === '"') {
        if (open < 0) open = i;
        else {
          paddingOf(t, open + 1, i, spans, out);
          open = -1;
        }
      }
      i++;
    }
  }
  return out;
}

/** Padded placeholders in one value of an object body (the whole value is one JSON string). */
function paddedInValue(s: string): Padded[] {
  const out: Padded[] = [];
  paddingOf(s, 0, s.length, placeholderSpans(s), out);
  return out;
}

/** Reports padded values in the `httpParams` of every call (string or object bodies). */
export function checkPadding(ctx: AttrContext, calls: CallSite[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of calls) {
    if (c.kind === 'auth') continue;
    for (const { path, item: p } of findInBody(c, paddedInJsonBody, paddedInValue)) {
      out.push(
        finding(
          ctx,
          'body.padded-value',
          'warning',
          path,
          `The value "${p.text}" has ${p.side} spaces: EIC inserts the value as written, so the target receives it with the spaces`,
          `Write "${p.text.trim()}".`,
          { inner: p.index },
        ),
      );
    }
  }
  return out;
}
