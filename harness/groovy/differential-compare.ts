/**
 * Comparison rules of the differential test: the engine and real Groovy agree when both render the same string, or
 * both fail with the same Java exception class. Messages are compared too, but only reported (not gating).
 */
import type { OracleResult } from './oracle/run.ts';
import type { RenderResult } from './types.ts';

/** One side's outcome in comparable form. */
export type Outcome = { ok: true; value: string } | { ok: false; type: string; message: string };

/** The engine's result as an Outcome. */
export function fromEngine(r: RenderResult): Outcome {
  return r.ok ? { ok: true, value: r.value } : { ok: false, type: r.error.type, message: r.error.message };
}

/** Real Groovy's result as an Outcome. */
export function fromOracle(r: OracleResult): Outcome {
  return r.ok ? { ok: true, value: r.value ?? '' } : { ok: false, type: r.error.type, message: r.error.message };
}

/** True when both rendered the same string or both failed with the same exception class. */
export function outcomesAgree(engine: Outcome, groovy: Outcome): boolean {
  if (engine.ok && groovy.ok) return engine.value === groovy.value;
  if (!engine.ok && !groovy.ok) return engine.type === groovy.type;
  return false;
}

/** Groovy's compile-error message reduced to its first line of substance (drops `startup failed:` and the caret). */
export function compactCompileMessage(message: string): string {
  const line = message.split('\n').find((l) => /Template\.groovy: \d+:/.test(l));
  return (line ?? message).replace(/^Template\.groovy: /, '').trim();
}

/**
 * True when both failed with the same class and the first line of the engine's message equals Groovy's (compile errors
 * excluded). Only the first line: Groovy appends reflection output (`Possible solutions: ...`, the list of overlapping
 * prototypes) that EIC logs but nobody matches on.
 */
export function messagesAgree(engine: Outcome, groovy: Outcome): boolean {
  if (engine.ok || groovy.ok || engine.type !== groovy.type) return false;
  if (groovy.type.endsWith('MultipleCompilationErrorsException')) return true;
  const first = (m: string) => normaliseScriptName(m.split('\n')[0]);
  return first(engine.message) === first(groovy.message);
}

/** The script's generated class name differs between hosts (`Template`, `Script1`): compare it as `<script>`. */
function normaliseScriptName(message: string): string {
  return message.replace(/\b(Template|Script\d*)\b/g, '<script>');
}

/** Short human rendering of an outcome for reports. */
export function describeOutcome(o: Outcome): string {
  if (o.ok) return `ok ${JSON.stringify(o.value)}`;
  const msg = o.type.endsWith('MultipleCompilationErrorsException') ? compactCompileMessage(o.message) : o.message;
  return `${o.type}: ${msg}`;
}
