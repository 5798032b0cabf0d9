/** Methods of java.util.regex.Matcher (the result of `=~`). */
import type { Ctx } from '../context.ts';
import { getIndex } from '../runtime.ts';
import type { JObject, Value } from '../values.ts';
import { NO } from './common.ts';

/** Matcher methods: find(), size()/getCount(), getAt(i). */
export function matcherMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  const groups = o.state as Value[];
  if (name === 'find' && a.length === 0) return groups.length > 0;
  if ((name === 'size' || name === 'getCount') && a.length === 0) return groups.length;
  if (name === 'getAt' && a.length === 1) return getIndex(c, o, a[0]!);
  return NO;
}
