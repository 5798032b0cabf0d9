/** Compiles a whole template (text + `${...}` placeholders) once, with parse-time findings; cached by source. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import {
  COMPILE as COMPILE_,
  lineCol as lineCol_,
  SECURITY as SECURITY_,
  UNSUPPORTED as UNSUPPORTED_,
} from './errors.ts';
import { compileProgram as compileProgram_, type Program } from './interpreter.ts';
import { SyntaxErr as SyntaxErr_ } from './lexer.ts';
import { type Issue, parseBody as parseBody_ } from './parser.ts';
import { scanPlaceholders as scanPlaceholders_ } from './scanner.ts';
import type { GroovyError } from './types.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const COMPILE = COMPILE_;
const lineCol = lineCol_;
const SECURITY = SECURITY_;
const UNSUPPORTED = UNSUPPORTED_;
const compileProgram = compileProgram_;
const SyntaxErr = SyntaxErr_;
const parseBody = parseBody_;
const scanPlaceholders = scanPlaceholders_;

export interface CompiledTemplate {
  /** Literal text and compiled placeholders in order. */
  parts: (string | { program: Program; start: number })[];
  /** True when the template is exactly one placeholder. */
  single: boolean;
  /** Parse-time findings (syntax errors, sandbox refusals, unsupported constructs), in template order. */
  findings: { code: 'groovy.syntax' | 'groovy.security' | 'groovy.unsupported'; message: string; pos: number }[];
  /** The error renderTemplate reports before evaluating anything, when there is one. */
  error: GroovyError | null;
}

function syntaxError(template: string, message: string, pos: number): GroovyError {
  const { line, column } = lineCol(template, pos);
  const text = template.split('\n')[line - 1] ?? '';
  return {
    type: COMPILE,
    message: `startup failed:\nScript1.groovy: ${line}: ${message} @ line ${line}, column ${column}.\n   ${text}\n   ${' '.repeat(Math.max(0, column - 1))}^\n\n1 error\n`,
    offset: pos,
    line,
    column,
  };
}

/** Parses and compiles every placeholder; never throws for bad input. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: CompiledTemplate['parts'] = [];
  const findings: CompiledTemplate['findings'] = [];
  const holders = scanPlaceholders(template);
  let last = 0;
  for (const h of holders) {
    if (h.start > last) parts.push(template.slice(last, h.start));
    last = h.end;
    if (!h.closed) {
      findings.push({ code: 'groovy.syntax', message: "unterminated placeholder: expecting '}'", pos: h.start });
      continue;
    }
    const issues: Issue[] = [];
    try {
      const body = parseBody(template, h.start + 2, h.end - 1, issues);
      const program = compileProgram(body);
      parts.push({ program, start: h.start });
    } catch (e) {
      if (e instanceof RangeError) {
        findings.push({ code: 'groovy.syntax', message: 'expression nested too deeply', pos: h.start });
        continue;
      }
      if (!(e instanceof SyntaxErr)) throw e;
      findings.push({ code: 'groovy.syntax', message: e.message, pos: e.pos });
    }
    for (const i of issues)
      findings.push({
        code: i.kind === 'security' ? 'groovy.security' : 'groovy.unsupported',
        message: i.message,
        pos: i.pos,
      });
  }
  if (last < template.length) parts.push(template.slice(last));
  findings.sort((a, b) => a.pos - b.pos);
  let error: GroovyError | null = null;
  const syn = findings.find((f) => f.code === 'groovy.syntax');
  const sec = findings.find((f) => f.code === 'groovy.security');
  const uns = findings.find((f) => f.code === 'groovy.unsupported');
  if (syn) error = syntaxError(template, syn.message, syn.pos);
  else if (sec)
    error = {
      type: SECURITY,
      message: `${sec.message} is refused by the harness sandbox`,
      offset: sec.pos,
      ...lineCol(template, sec.pos),
    };
  else if (uns)
    error = {
      type: UNSUPPORTED,
      message: `${uns.message} is not supported by the harness Groovy subset`,
      offset: uns.pos,
      ...lineCol(template, uns.pos),
    };
  const single = holders.length === 1 && holders[0]!.start === 0 && holders[0]!.end === template.length;
  return { parts, single, findings, error };
}

/** Findings of a compiled template as Diagnostics (line/column 1-based within the template). */
export function toDiagnostics(template: string, c: CompiledTemplate): Diagnostic[] {
  return c.findings.map((f) => {
    const { line, column } = lineCol(template, f.pos);
    const message =
      f.code === 'groovy.security'
        ? `${f.message} is refused by the harness sandbox`
        : f.code === 'groovy.unsupported'
          ? `${f.message} is not supported by the harness Groovy subset`
          : f.message;
    return { code: f.code, severity: 'error', message, location: { line, column, offset: f.pos } };
  });
}

const MAX_CACHE = 2000;
const cache = new Map<string, CompiledTemplate>();

/** The compiled template for a source, from an LRU cache. */
export function getCompiled(template: string): CompiledTemplate {
  const hit = cache.get(template);
  if (hit) {
    if (cache.size > 64) {
      cache.delete(template);
      cache.set(template, hit);
    }
    return hit;
  }
  const c = compileTemplate(template);
  cache.set(template, c);
  if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  return c;
}

/** Empties the compile cache (tests, benchmarks). */
export function clearTemplateCache(): void {
  cache.clear();
}
