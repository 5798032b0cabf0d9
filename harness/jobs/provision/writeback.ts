/**
 * `responseColsToPropsMap` of a provisioning JSON: `"<account column>": "<callKey>.message.<path>~#~<type>"` written
 * back into the EIC account after a successful task, on every task type (reference §3.1 [SEEN S1, S2, S6]).
 *
 * It writes exactly the columns it names: each named column is set, to null when its path finds nothing (as the import
 * stores an unmapped value), and no other column is touched. Values are converted by type as the import's
 * colsToPropsMap does (char, bool, epochdate, date); `date` text is parsed with the JSON's own `dateFormat`
 * (reference §2.3: "or with `dateFormat` in provisioning JSONs" [INF]). The literal path `accountName` is the account's
 * name (reference §3.1, accountIdPath forms). `#CONST#${...}` templates see the responses as `response`.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { type MappingWarning, mapRecord, parseColsToPropsMap } from '../import/mapping.ts';
import type { TemplateRenderer } from '../import/types.ts';

/** The account columns a task's responses write, and a warning when some value could not be converted. */
export function responseWrites(
  json: Record<string, unknown>,
  attribute: string,
  response: Record<string, unknown>,
  accountName: string | null,
  render: TemplateRenderer,
): { values: Record<string, string | null>; warning?: Diagnostic } {
  const map = json.responseColsToPropsMap;
  if (!map || typeof map !== 'object' || Array.isArray(map)) return { values: {} };
  const { specs, warnings } = parseColsToPropsMap(map as Record<string, unknown>);
  const item = { ...response, accountName };
  const problems: MappingWarning[] = [...warnings];
  const dateFormat = typeof json.dateFormat === 'string' && json.dateFormat !== '' ? json.dateFormat : undefined;
  const values = mapRecord(item, specs, { render, dateFormat }, problems);
  if (problems.length === 0) return { values };
  const first = problems[0];
  return {
    values,
    warning: {
      code: 'provision.writeback',
      severity: 'warning',
      message: `responseColsToPropsMap ${first.column} ("${first.spec}"): ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      location: { attribute, path: ['responseColsToPropsMap', first.column] },
    },
  };
}
