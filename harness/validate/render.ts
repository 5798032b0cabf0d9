/** Renders a template with sample bindings through the binding engine, never throwing. */
import { type Bindings, hasPlaceholders, renderTemplate } from '../groovy/index.ts';

export type SampleRender = { ok: true; value: string } | { ok: false; message: string };

/** Renders `template` (returned as is when it has no placeholder); engine failures and crashes become messages. */
export function renderSample(template: string, bindings: Bindings): SampleRender {
  if (!hasPlaceholders(template)) return { ok: true, value: template };
  try {
    const r = renderTemplate(template, bindings, { maxSteps: 100_000, maxOutput: 1 << 20 });
    if (r.ok) return { ok: true, value: r.value };
    return { ok: false, message: `${r.error.type}: ${r.error.message}` };
  } catch (e) {
    return { ok: false, message: `binding engine failure: ${e instanceof Error ? e.message : String(e)}` };
  }
}
