/**
 * ImportUserJSON's two forms: one call at the root, or `{"type":"multiCall","call":[{...},{...}]}` (fidelity addendum:
 * Paylocity and a forum example [SEEN S2, S22]). Its calls are found and checked like every other call (calls.ts);
 * this only checks that `type` and the `call` list go together. Nothing documents another `type`, or a list without
 * it, so both are warnings [INF].
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type AttrContext, finding } from './context.ts';

/** Checks `type` against the shape of `call` in an ImportUserJSON. */
export function checkImportUserForm(ctx: AttrContext): Diagnostic[] {
  const json = ctx.json as Record<string, unknown>;
  const type = json.type;
  const list = Array.isArray(json.call);
  if (type !== undefined && type !== 'multiCall') {
    return [
      finding(
        ctx,
        'import.form',
        'warning',
        ['type'],
        `Unknown ImportUserJSON type ${JSON.stringify(type)}: the only documented one is "multiCall"`,
        list ? 'Write "type": "multiCall".' : 'Remove "type" for a single call at the root.',
      ),
    ];
  }
  if (type === 'multiCall' && !list) {
    return [
      finding(
        ctx,
        'import.form',
        'warning',
        json.call === undefined ? ['type'] : ['call'],
        '"type": "multiCall" expects "call" to be a list of calls: [{...}, {...}]',
        'Write the calls as a list, or remove "type" for a single call at the root.',
      ),
    ];
  }
  if (list && type === undefined) {
    return [
      finding(
        ctx,
        'import.form',
        'warning',
        ['call'],
        '"call" is a list but "type": "multiCall" is missing: the list form is documented only with it',
        'Add "type": "multiCall".',
      ),
    ];
  }
  return [];
}
