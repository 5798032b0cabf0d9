/**
 * `harness eval '<template>'`: renders one EIC `${...}` template with the binding engine, the way EIC would, and prints
 * the result or the Java-style failure (exit 1). `--jsonl` evaluates `{"template", "bindings"}` lines from stdin.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose

import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { HarnessError, isHarnessError } from '../../../lib/diagnostic.ts';
import { readRegularFileSync } from '../../../lib/files.ts';
import { checkJsonDepth, LIMITS } from '../../../lib/limits.ts';
import { renderTemplate } from '../../groovy/index.ts';
import type { Bindings, GroovyError, RenderResult } from '../../groovy/types.ts';

/** Options of `harness eval`. */
export interface EvalOptions {
  bindings?: string;
  set?: string[];
  jsonl?: boolean;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Reads a bindings file: a JSON object; a clear error naming the file and the JSON problem otherwise. */
export function readBindingsFile(file: string): Bindings {
  let text: string;
  try {
    text = readRegularFileSync(file, { max: LIMITS.fileBytes, what: 'bindings file' }).toString('utf8');
  } catch (e) {
    if (isHarnessError(e)) throw e;
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message);
    throw new HarnessError('eval.bindings', `cannot read bindings file: ${why}`, { file });
  }
  checkJsonDepth(text, { file });
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    const e = errors[0];
    throw new HarnessError('eval.bindings', `malformed JSON: ${printParseErrorCode(e.error)}`, {
      file,
      ...lineColumn(text, e.offset),
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HarnessError(
      'eval.bindings',
      `expected a JSON object of variables (e.g. {"user": {"email": "a@b.c"}}), got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      { file, path: [] },
    );
  return value as Bindings;
}

/**
 * Applies one `--set a.b.c=value` (value is a string) or `--set a.b.c:=<json>` (value is JSON: null, 42, true, [..])
 * to the bindings, creating intermediate maps.
 */
export function applySet(bindings: Bindings, assignment: string): void {
  const m = /^([^=:]+?)(:?)=(.*)$/s.exec(assignment);
  if (!m)
    throw new HarnessError(
      'eval.set',
      `--set expects path=value or path:=json, got ${JSON.stringify(assignment)}`,
      {},
      'e.g. --set user.email=a@b.c or --set user.middlename:=null',
    );
  const [, path, json, raw] = m;
  let value: unknown = raw;
  if (json) {
    checkJsonDepth(raw, { path: path.split('.') });
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HarnessError('eval.set', `--set ${path}:= expects a JSON value, got ${JSON.stringify(raw)}`, {
        path: path.split('.'),
      });
    }
  }
  const keys = path.split('.');
  if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype'))
    throw new HarnessError('eval.set', `--set: invalid variable path ${JSON.stringify(path)}`, {});
  let target: Record<string, unknown> = bindings;
  for (const k of keys.slice(0, -1)) {
    const next = target[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[k] = {};
    target = target[k] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}

/** The Java-style rendering of a failure, with its position and a caret under the template line. */
export function formatEvalError(template: string, error: GroovyError): string {
  const lines = [`${error.type}: ${error.message}`];
  if (error.offset !== undefined) {
    const { line, column } =
      error.line !== undefined && error.column !== undefined
        ? { line: error.line, column: error.column }
        : lineColumn(template, error.offset);
    lines.push(`    at line ${line}, column ${column} (offset ${error.offset})`);
    const text = template.split('\n')[line - 1] ?? '';
    if (text.length <= 200) lines.push(`    ${text}`, `    ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return lines.join('\n');
}

/** One JSONL answer for a render result. */
function jsonlAnswer(r: RenderResult): string {
  return JSON.stringify(r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error });
}

/**
 * The lines of a stream (without their `\n` or `\r\n`), holding at most `max` characters of one line in memory: a
 * longer line is skipped to its end and given as its length.
 */
export async function* boundedLines(input: Readable, max: number): AsyncGenerator<string | { tooLong: number }> {
  const decoder = new StringDecoder('utf8');
  let held = ''; // the current line so far, while it is within `max`
  let over = -1; // the current line's length once it went over `max` (its text is dropped)
  function* take(text: string, final: boolean): Generator<string | { tooLong: number }> {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const part = text.slice(from, nl);
      from = nl + 1;
      if (over >= 0 || held.length + part.length > max) yield { tooLong: Math.max(over, held.length) + part.length };
      else yield (held + part).replace(/\r$/, '');
      held = '';
      over = -1;
    }
    const rest = text.slice(from);
    if (over >= 0) over += rest.length;
    else if (held.length + rest.length > max) {
      over = held.length + rest.length;
      held = '';
    } else held += rest;
    if (final && (held !== '' || over >= 0)) yield over >= 0 ? { tooLong: over } : held.replace(/\r$/, '');
  }
  for await (const chunk of input)
    yield* take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer), false);
  yield* take(decoder.end(), true);
}

/**
 * Evaluates `{"template", "bindings"}` JSON lines from input, one answer line each; bad lines give harness.InputError,
 * and a line over `maxLineChars` (default the file limit, 64 MiB) is answered without being held in memory.
 */
export async function runJsonl(
  input: Readable,
  output: Writable,
  maxLineChars: number = LIMITS.fileBytes,
): Promise<void> {
  let n = 0;
  for await (const line of boundedLines(input, maxLineChars)) {
    n++;
    if (typeof line !== 'string') {
      const message = `line ${n}: ${line.tooLong} characters, over the limit of ${maxLineChars} a line (limit.size)`;
      output.write(`${JSON.stringify({ ok: false, error: { type: 'harness.InputError', message } })}\n`);
      continue;
    }
    if (line.trim() === '') continue;
    output.write(`${evalJsonlLine(line, n)}\n`);
  }
}

/** The answer line for one JSONL input line. */
export function evalJsonlLine(line: string, n = 1): string {
  const bad = (message: string) =>
    JSON.stringify({ ok: false, error: { type: 'harness.InputError', message: `line ${n}: ${message}` } });
  let req: unknown;
  try {
    checkJsonDepth(line);
    req = JSON.parse(line);
  } catch (e) {
    return bad(isHarnessError(e) ? e.message : `not valid JSON (${(e as Error).message})`);
  }
  if (req === null || typeof req !== 'object' || Array.isArray(req))
    return bad('expected an object {"template": "...", "bindings": {...}}');
  const { template, bindings } = req as { template?: unknown; bindings?: unknown };
  if (typeof template !== 'string') return bad('$.template: expected a string');
  if (bindings !== undefined && (bindings === null || typeof bindings !== 'object' || Array.isArray(bindings)))
    return bad('$.bindings: expected an object of variables');
  return jsonlAnswer(renderTemplate(template, (bindings ?? {}) as Bindings));
}

/** Registers `harness eval`. */
export function register(program: Command): void {
  program
    .command('eval')
    .description(
      "Render an EIC ${...} template with the binding engine (Groovy 2.4 semantics), e.g. eval '${user.email}'",
    )
    .argument('[template]', 'the template; ${...} parts are evaluated as Groovy, the rest is kept verbatim')
    .option('-b, --bindings <file.json>', 'JSON object of variables (user, account, entitlementValue, response, ...)')
    .option(
      '-s, --set <path=value>',
      'set a variable: path=value (string) or path:=json (null, number, ...); repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--jsonl',
      'read {"template": "...", "bindings": {...}} lines from stdin, write one {"ok", "value"|"error"} line each',
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 rendered, 1 the template failed (Java-style error on stderr), 2 bad usage or bindings file.',
        'Examples:',
        '  harness eval \'${user.firstname == null ? "" : user.firstname.toLowerCase()}\' --set user.firstname=Ada',
        "  harness eval '${user.middlename.toLowerCase()}' --set user.middlename:=null   # NullPointerException, exit 1",
        '  echo \'{"template":"${1/2}"}\' | harness eval --jsonl',
      ].join('\n'),
    )
    .action(async (template: string | undefined, opts: EvalOptions) => {
      if (opts.jsonl) {
        if (template !== undefined)
          throw new HarnessError('eval.usage', '--jsonl reads templates from stdin; do not pass one as an argument');
        await runJsonl(process.stdin, process.stdout);
        return;
      }
      if (template === undefined)
        throw new HarnessError(
          'eval.usage',
          'missing template',
          {},
          "harness eval '${user.email}' [--bindings file.json]",
        );
      const bindings: Bindings = opts.bindings ? readBindingsFile(opts.bindings) : {};
      for (const s of opts.set ?? []) applySet(bindings, s);
      const r = renderTemplate(template, bindings);
      if (r.ok) {
        process.stdout.write(`${r.value}\n`);
      } else {
        process.stderr.write(`${formatEvalError(template, r.error)}\n`);
        process.exitCode = 1;
      }
    });
}
