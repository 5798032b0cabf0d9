/**
 * Template rendering for calls: every JSON string value that may hold `${...}` is rendered with the binding engine;
 * a Groovy failure becomes a HarnessError carrying the Java-style message and the JSON path of the failing string.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import type { Bindings, RenderOptions, RenderResult } from '../groovy/index.ts';
import { hasPlaceholders, renderTemplate } from '../groovy/index.ts';

/** The rendering function calls use (the binding engine by default; injectable for tests). */
export type Renderer = (template: string, bindings: Bindings) => RenderResult;

/** A harness/groovy renderer with render options (the emulator passes its transport clock and a seeded id source). */
export function groovyRendererWith(options: RenderOptions): Renderer {
  return (template, bindings) =>
    hasPlaceholders(template)
      ? renderTemplate(template, bindings, options)
      : { ok: true, value: template, raw: template };
}

/** The default renderer: harness/groovy (wall clock, random UUIDs). */
export const groovyRenderer: Renderer = groovyRendererWith({});

/** Renders one template string; throws HarnessError `template.error` naming the attribute and JSON path. */
export function renderField(
  render: Renderer,
  template: string,
  bindings: Bindings,
  attribute: string | undefined,
  path: (string | number)[],
): string {
  const r = render(template, bindings);
  if (r.ok) return r.value;
  const where = r.error.offset !== undefined ? ` (at position ${r.error.offset} of the template)` : '';
  throw new HarnessError(
    'template.error',
    `${r.error.type}: ${r.error.message}${where}`,
    { attribute, path, offset: r.error.offset },
    `the template was: ${template.length > 200 ? `${template.slice(0, 200)}…` : template}`,
  );
}

/** Renders every string inside a JSON value (object values, array items), keeping the structure. */
export function renderDeep(
  render: Renderer,
  value: unknown,
  bindings: Bindings,
  attribute: string | undefined,
  path: (string | number)[],
  evaluated?: Record<string, string>,
): unknown {
  if (typeof value === 'string') {
    const out = renderField(render, value, bindings, attribute, path);
    if (evaluated && hasPlaceholders(value)) evaluated[path.join('.')] = out;
    return out;
  }
  if (Array.isArray(value))
    return value.map((v, i) => renderDeep(render, v, bindings, attribute, [...path, i], evaluated));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = renderDeep(render, v, bindings, attribute, [...path, k], evaluated);
    return out;
  }
  return value;
}
