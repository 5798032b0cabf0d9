/** Writes scenarios/scenario.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { scenarioJsonSchema } from './schema.ts';

/** Path of the JSON Schema shipped for editors. */
export const SCHEMA_FILE = resolve(PROJECT_ROOT, 'scenarios', 'scenario.schema.json');

/** The schema file's exact text. */
export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'write-schema.ts')) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
