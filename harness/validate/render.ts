/** Renders a template with sample bindings through the binding engine, never throwing; maps positions back. */
import { type Bindings, hasPlaceholders, renderTemplate } from '../groovy/index.ts';
import { placeholderSpans } from './placeholders.ts';

export type SampleRender = { ok: true; value: string } | { ok: false; message: string; type?: string; offset?: number };

/** Renders `template` (returned as is when it has no placeholder); engine failures and crashes become messages. */
export function renderSample(template: string, bindings: Bindings): SampleRender {
  if (!hasPlaceholders(template)) return { ok: true, value: template };
  try {
    const r = renderTemplate(template, bindings, { maxSteps: 100_000, maxOutput: 1 << 20 });
    if (r.ok) return { ok: true, value: r.value };
    return { ok: false, message: `${r.error.type}: ${r.error.message}`, type: r.error.type, offset: r.error.offset };
  } catch (e) {
    return { ok: false, message: `binding engine failure: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A successful rendering with a map from its positions to positions in the template. */
export interface MappedRender {
  ok: true;
  value: string;
  /** The template position a rendered position comes from: itself in literal text, the `${` of a placeholder. */
  toSource(i: number): number;
}

/**
 * Renders like `renderSample` and keeps where each rendered character comes from. Placeholders are rendered one by
 * one to measure them; if that differs from the whole rendering (placeholders sharing script variables), positions
 * past the first difference map to the start of the placeholder holding the difference.
 */
export function renderMapped(
  template: string,
  bindings: Bindings,
): MappedRender | Extract<SampleRender, { ok: false }> {
  const whole = renderSample(template, bindings);
  if (!whole.ok) return whole;
  const value = whole.value;
  // [rendered start, source start, literal?] per segment, in order.
  const segs: [number, number, boolean][] = [];
  let out = '';
  let pos = 0;
  for (const s of placeholderSpans(template)) {
    segs.push([out.length, pos, true]);
    out += template.slice(pos, s.start);
    segs.push([out.length, s.start, false]);
    const r = renderSample(template.slice(s.start, s.end), bindings);
    out += r.ok ? r.value : '\u0000';
    pos = s.end;
  }
  segs.push([out.length, pos, true]);
  out += template.slice(pos);
  let agree = 0;
  while (agree < value.length && agree < out.length && value[agree] === out[agree]) agree++;
  const exact = agree === value.length && agree === out.length;
  const toSource = (i: number): number => {
    const probe = exact || i < agree ? i : agree;
    let k = 0;
    while (k + 1 < segs.length && segs[k + 1][0] <= probe) k++;
    const [start, src, literal] = segs[k];
    return literal ? src + (probe - start) : src;
  };
  return { ok: true, value, toSource: (i) => Math.min(toSource(i), template.length) };
}

/** A name the template reads as a script variable that the bindings do not have, and where it is read. */
export interface Unbound {
  name: string;
  offset?: number;
}

const UNBOUND = /^No such property: ([A-Za-z_$][\w$]*) for class: Script\d*$/;

/**
 * The script variables a template reads that `bindings` lacks, as the engine reports them while rendering
 * (`MissingPropertyException ... for class: Script1`; locals, closure parameters and loop variables are not
 * reported). Each one found is bound to a sample string and the template rendered again, up to `max` names.
 */
export function unboundNames(template: string, bindings: Bindings, max = 8): Unbound[] {
  const out: Unbound[] = [];
  let b = bindings;
  for (let n = 0; n < max; n++) {
    const r = renderSample(template, b);
    if (r.ok || r.type !== 'groovy.lang.MissingPropertyException') break;
    const m = UNBOUND.exec(r.message.slice(r.type.length + 2));
    if (!m || out.some((u) => u.name === m[1])) break;
    out.push({ name: m[1], offset: r.offset });
    b = { ...b, [m[1]]: `sample-${m[1]}` };
  }
  return out;
}
