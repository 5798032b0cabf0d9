/** Jackson's ObjectMapper, Groovy's JsonBuilder / JsonSlurper, and JsonOutput. */
import type { Ctx } from '../context.ts';
import { parseJson, toJson } from '../json.ts';
import type { JObject, Value } from '../values.ts';
import { NO } from './common.ts';

/** Methods of ObjectMapper, JsonBuilder and JsonSlurper objects. */
export function jsonObjectMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  switch (o.cls) {
    case 'com.fasterxml.jackson.databind.ObjectMapper':
      if (name === 'writeValueAsString' && a.length === 1) return c.str(toJson(a[0]!, 'jackson'));
      return NO;
    case 'groovy.json.JsonBuilder':
      if (name === 'toString' && a.length === 0) return c.str(toJson(o.state as Value, 'groovy'));
      if (name === 'call' && a.length === 1) {
        o.state = a[0]!;
        return a[0]!;
      }
      return NO;
    case 'groovy.json.JsonSlurper':
      if (name === 'parseText' && a.length === 1) {
        if (typeof a[0] !== 'string') return NO;
        return parseJson(a[0]);
      }
      return NO;
  }
  return NO;
}

/** Static methods of JsonOutput. */
export function jsonStatic(c: Ctx, name: string, a: Value[]): Value | undefined {
  if (name === 'toJson' && a.length === 1) return c.str(toJson(a[0]!, 'groovy'));
  return NO;
}
