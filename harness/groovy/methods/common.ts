/** Shared pieces of the method tables: the handler signature and argument helpers. */
import type { Ctx } from '../context.ts';
import { GClosure, JChar, JMapEntry, type Value } from '../values.ts';

/** A method handler: the result, or undefined (NO) when the arguments do not fit (MissingMethodException). */
export type Fn = (ctx: Ctx, recv: never, args: Value[]) => Value | undefined;
/** "No such overload": the dispatcher turns it into a MissingMethodException. */
export const NO = undefined;

/** Calls a closure with one item (map entries spread to key, value for two-parameter closures). */
export function call1(c: GClosure, x: Value): Value {
  if (x instanceof JMapEntry && c.paramCount === 2) return c.invoke([x.key, x.value]);
  return c.invoke([x]);
}

/** True for a java.lang.String. */
export function isStr(v: Value | undefined): v is string {
  return typeof v === 'string';
}
/** A String or Character argument as a JS string. */
export function strArg(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof JChar) return v.c;
  return undefined;
}
/** A closure argument. */
export function closureArg(v: Value | undefined): GClosure | undefined {
  return v instanceof GClosure ? v : undefined;
}
