/** Duplicate keys in one JSON object: JSON.parse keeps the last, so the first is silently lost. */
import type { Node } from 'jsonc-parser';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { JsonPath } from '../package/text-position.ts';
import { type AttrContext, finding } from './context.ts';

/** Reports every key that appears more than once in the same object. */
export function checkDuplicateKeys(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: Node | undefined, path: JsonPath): void => {
    if (!node) return;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0]?.value;
        if (typeof key !== 'string') continue;
        if (seen.has(key)) {
          out.push(
            finding(
              ctx,
              'json.duplicate-key',
              'warning',
              [...path, key],
              `Key "${key}" appears more than once in this object; only the last one is used`,
              'Remove or merge the duplicates.',
              {
                textOffset: prop.offset,
              },
            ),
          );
        }
        seen.add(key);
        visit(prop.children?.[1], [...path, key]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => {
        visit(c, [...path, i]);
      });
    }
  };
  visit(ctx.tree, []);
  return out;
}
