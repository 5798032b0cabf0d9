/**
 * Programmatic scenarios: `defineScenario({...})` checks a scenario written in TypeScript against the same schema as
 * the YAML files and returns it ready for `runLoadedScenario`; relative paths resolve against `baseDir`.
 */
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { HarnessError } from '../../lib/diagnostic.ts';
import type { LoadedScenario } from './load.ts';
import { Scenario } from './schema.ts';

/** Checks a scenario object; throws HarnessError naming the JSON path and what was expected. */
export function defineScenario(
  input: z.input<typeof Scenario>,
  options: { baseDir?: string; file?: string } = {},
): LoadedScenario {
  const base = options.baseDir ?? process.cwd();
  const file = options.file ?? resolve(base, `${input.name ?? 'scenario'}.ts`);
  const r = Scenario.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new HarnessError('scenario.schema', issue.message, { file, path });
  }
  return { file, scenario: r.data, resolvePath: (p) => (isAbsolute(p) ? p : resolve(base, p)) };
}
