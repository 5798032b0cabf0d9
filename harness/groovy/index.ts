/**
 * Public API of the binding engine: EIC `${...}` templates evaluated as a sandboxed Groovy 2.4 subset.
 * Knows nothing of EIC, HTTP or LeanIX: a template and plain-data bindings in, a rendered value or a Java-style error out.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import {
  Ctx as Ctx_,
  DEFAULT_MAX_OUTPUT as DEFAULT_MAX_OUTPUT_,
  DEFAULT_MAX_STEPS as DEFAULT_MAX_STEPS_,
} from './context.ts';
import { GroovyThrow as GroovyThrow_, lineCol as lineCol_ } from './errors.ts';
import { scanPlaceholders as scanPlaceholders_ } from './scanner.ts';
import {
  compileTemplate as compileTemplate_,
  getCompiled as getCompiled_,
  toDiagnostics as toDiagnostics_,
} from './template.ts';
import type { Bindings, GroovyError, RenderOptions, RenderResult } from './types.ts';
import {
  formatValue as formatValue_,
  setBuildLimit as setBuildLimit_,
  toPlain as toPlain_,
  type Value,
} from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const Ctx = Ctx_;
type Ctx = Ctx_;
const DEFAULT_MAX_OUTPUT = DEFAULT_MAX_OUTPUT_;
const DEFAULT_MAX_STEPS = DEFAULT_MAX_STEPS_;
const GroovyThrow = GroovyThrow_;
const lineCol = lineCol_;
const scanPlaceholders = scanPlaceholders_;
const compileTemplate = compileTemplate_;
const getCompiled = getCompiled_;
const toDiagnostics = toDiagnostics_;
const formatValue = formatValue_;
const toPlain = toPlain_;
const setBuildLimit = setBuildLimit_;

export { seededUuids } from './methods/dates.ts';
export type { Bindings, EvalLimits, GroovyError, RenderOptions, RenderResult } from './types.ts';
export { DomainObject } from './types.ts';

function withPosition(template: string, err: GroovyError): GroovyError {
  if (err.offset === undefined || err.line !== undefined) return err;
  return { ...err, ...lineCol(template, err.offset) };
}

function hostError(e: unknown): GroovyError {
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return { type: 'java.lang.StackOverflowError', message: 'recursion too deep' };
  return { type: 'harness.InternalError', message: e instanceof Error ? e.message : String(e) };
}

/** Renders a template: every `${...}` is evaluated as Groovy (GString rules); never throws. */
export function renderTemplate(template: string, bindings: Bindings, limits?: RenderOptions): RenderResult {
  try {
    if (typeof template !== 'string')
      return { ok: false, error: { type: 'harness.InternalError', message: 'template is not a string' } };
    const c = getCompiled(template);
    if (c.error) return { ok: false, error: c.error };
    const ctx = new Ctx(
      bindings ?? {},
      limits?.maxSteps ?? DEFAULT_MAX_STEPS,
      limits?.maxOutput ?? DEFAULT_MAX_OUTPUT,
      limits?.clock,
      limits?.randomUUID,
    );
    setBuildLimit(ctx.maxOut);
    if (c.single) {
      const p = c.parts[0] as { program: { run(ctx: Ctx): Value } };
      const v = p.program.run(ctx);
      const value = ctx.str(typeof v === 'string' ? v : formatValue(v));
      return { ok: true, value, raw: typeof v === 'string' || v === null ? v : toPlain(v) };
    }
    let out = '';
    for (const p of c.parts) {
      if (typeof p === 'string') out += p;
      else out += formatValue(p.program.run(ctx));
      if (out.length > ctx.maxOut) ctx.str(out);
    }
    return { ok: true, value: out, raw: out };
  } catch (e) {
    if (e instanceof GroovyThrow) return { ok: false, error: withPosition(template, e.toError()) };
    return { ok: false, error: hostError(e) };
  }
}

/** Parse-only: every syntax error and unsupported construct, with line/column/offset; empty when fine. */
export function checkTemplate(template: string): Diagnostic[] {
  try {
    return toDiagnostics(template, compileTemplate(template));
  } catch (e) {
    return [
      {
        code: 'groovy.internal',
        severity: 'error',
        message: e instanceof Error ? e.message : String(e),
        location: { offset: 0, line: 1, column: 1 },
      },
    ];
  }
}

/** True when the string contains a `${...}` (also an unterminated one). */
export function hasPlaceholders(s: string): boolean {
  return s.includes('${');
}

/** The `${...}` parts of a template with their offsets (end exclusive); an unterminated one runs to the end. */
export function findPlaceholders(template: string): { start: number; end: number; source: string }[] {
  return scanPlaceholders(template).map(({ start, end, source }) => ({ start, end, source }));
}

/** GString rendering of a plain-data value (null → `null`, lists `[a, b]`, maps `[k:v]`). */
export function formatGroovyValue(v: unknown): string {
  try {
    const ctx = new Ctx({}, DEFAULT_MAX_STEPS, DEFAULT_MAX_OUTPUT);
    return formatValue(ctx.conv.value(v));
  } catch {
    return String(v);
  }
}

export { clearTemplateCache } from './template.ts';
