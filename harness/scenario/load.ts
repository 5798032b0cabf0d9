/** Loads `*.scenario.yaml` files: YAML parsed with positions, checked against the schema, errors with file:line. */
import { dirname, isAbsolute, resolve } from 'node:path';
import { type Document, isMap, isScalar, LineCounter } from 'yaml';
import type { z } from 'zod';
import { type Diagnostic, HarnessError, isHarnessError } from '../../lib/diagnostic.ts';
import { readRegularFile } from '../../lib/files.ts';
import { checkSize, LIMITS } from '../../lib/limits.ts';
import { parseYamlDocument, yamlToJs } from '../../lib/yaml.ts';
import { Scenario } from './schema.ts';

/** A scenario as loaded: the checked data plus where it came from. */
export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  /** The variant this is (set by `expandVariants`; the scenario is then that variant's, see variants.ts). */
  variant?: string;
  /** Resolves a path written in the scenario relative to the scenario file. */
  resolvePath(p: string): string;
}

/** Problems listed at most for one file (a file with thousands of bad keys gets the first ones). */
const MAX_DIAGNOSTICS = 50;

/**
 * Parses scenario text; returns the scenario or the problems found (the first 50), each with line and column. Text
 * over the LIMITS (size, nesting, keys per map, alias expansions) is one `limit.*` problem.
 */
export function parseScenario(
  text: string,
  file: string,
): { ok: true; scenario: Scenario } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let value: unknown;
  try {
    checkSize(Buffer.byteLength(text), LIMITS.scenarioBytes, `scenario ${file}`, { file });
    doc = parseYamlDocument(text, { file, lineCounter });
    value = doc.errors.length > 0 ? undefined : yamlToJs(doc, { file });
  } catch (e) {
    if (isHarnessError(e)) return { ok: false, diagnostics: [e.toDiagnostic()] };
    throw e;
  }
  const pos = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.slice(0, MAX_DIAGNOSTICS).map((e) => {
        const { line, col } = pos(e.pos[0]);
        return {
          code: 'scenario.yaml',
          severity: 'error' as const,
          message: e.message.split('\n')[0],
          location: { file, line, column: col },
        };
      }),
    };
  }
  const result = Scenario.safeParse(value);
  if (result.success) return { ok: true, scenario: result.data };
  return {
    ok: false,
    diagnostics: result.error.issues.slice(0, MAX_DIAGNOSTICS).map((issue) => issueToDiagnostic(issue, doc, pos, file)),
  };
}

function issueToDiagnostic(
  issue: z.core.$ZodIssue,
  doc: Document.Parsed,
  pos: (offset: number) => { line: number; col: number },
  file: string,
): Diagnostic {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  // Point at the deepest node that exists in the document.
  let node: unknown;
  for (let n = path.length; n >= 0 && !node; n--) node = doc.getIn(path.slice(0, n), true);
  let range: readonly number[] | undefined = (node as { range?: readonly number[] } | undefined)?.range;
  if (issue.code === 'unrecognized_keys' && isMap(node)) {
    // Point at the unknown key itself rather than at the start of its object.
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === issue.keys[0]);
    if (pair && isScalar(pair.key) && pair.key.range) range = pair.key.range;
  }
  const where = range ? pos(range[0]) : { line: 1, col: 1 };
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return {
    code: 'scenario.schema',
    severity: 'error',
    message,
    location: { file, line: where.line, column: where.col, path },
  };
}

/** Reads and checks a scenario file; throws a HarnessError naming file, line and what was expected. */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  const abs = isAbsolute(file) ? file : resolve(file);
  let text: string;
  try {
    text = (await readRegularFile(abs, { max: LIMITS.scenarioBytes, what: 'scenario file' })).toString('utf8');
  } catch (e) {
    if (isHarnessError(e)) throw new HarnessError(e.code, e.message, { ...e.location, file }, e.hint);
    throw new HarnessError('scenario.read', `cannot read scenario file ${file}`, { file });
  }
  const parsed = parseScenario(text, file);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.diagnostics;
    const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    throw new HarnessError(first.code, `${first.message}${more}`, first.location);
  }
  const base = dirname(abs);
  return { file: abs, scenario: parsed.scenario, resolvePath: (p) => (isAbsolute(p) ? p : resolve(base, p)) };
}
