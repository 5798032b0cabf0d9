/** Builds a PackageAttribute from its text: JSON syntax check with line and column, parsed value. */
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { checkJsonDepth, jsonTooDeepAt, LIMITS } from '../../lib/limits.ts';
import { redactSnippet } from './snippet.ts';
import { lineColumnAt } from './text-position.ts';
import type { PackageAttribute } from './types.ts';

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' or a closing bracket",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected end of text (extra content after the JSON value)',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character in string',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/**
 * The first JSON syntax error of `text` as offset + readable message, or undefined when it is valid JSON. Text nested
 * deeper than LIMITS.jsonDepth is reported as such (the parser is recursive and would exhaust the stack).
 */
export function firstJsonError(text: string): { offset: number; message: string } | undefined {
  const deep = jsonTooDeepAt(text);
  if (deep >= 0) return { offset: deep, message: `nested deeper than ${LIMITS.jsonDepth} levels` };
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  if (!e) return undefined;
  const code = printParseErrorCode(e.error);
  return { offset: e.offset, message: PARSE_MESSAGES[code] ?? code };
}

/** Short excerpt of `text` around `offset`, with a marker, for messages (secrets redacted). */
export function excerptAt(text: string, offset: number, width = 30): string {
  // Redact wide windows first so a secret-named key just outside the excerpt still hides its value.
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  const before = clean(redactSnippet(text.slice(Math.max(0, offset - 300), offset)));
  const after = clean(redactSnippet(text.slice(offset, offset + 300)));
  const head = before.length > width ? `…${before.slice(-width)}` : before;
  const tail = after.length > width || offset + 300 < text.length ? `${after.slice(0, width)}…` : after;
  return `${head}⟨here⟩${tail}`;
}

/**
 * Parses an attribute's text; a syntax error becomes `parseError` (code `json.syntax`) instead of throwing. Text
 * nested deeper than LIMITS.jsonDepth throws HarnessError `limit.depth` (before any recursive parser sees it).
 */
export function parseAttribute(name: string, text: string, source: string): PackageAttribute {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonDepth(clean, { file: source, attribute: name });
  const err = firstJsonError(clean);
  if (!err) {
    try {
      return { name, text: clean, json: JSON.parse(clean), source };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const parseError: Diagnostic = {
        code: 'json.syntax',
        severity: 'error',
        message: `${name} is not valid JSON: ${message}`,
        location: { file: source, attribute: name },
        hint: 'Fix the JSON syntax.',
      };
      return { name, text: clean, json: undefined, source, parseError };
    }
  }
  const { line, column } = lineColumnAt(clean, err.offset);
  const parseError: Diagnostic = {
    code: 'json.syntax',
    severity: 'error',
    message: `${name} is not valid JSON: ${err.message} at line ${line}, column ${column} (${excerptAt(clean, err.offset)})`,
    location: { file: source, attribute: name, line, column },
    hint: 'EIC stores the text but cannot use it; fix the JSON syntax at the position shown.',
  };
  return { name, text: clean, json: undefined, source, parseError };
}
