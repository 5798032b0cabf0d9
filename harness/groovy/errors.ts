/** Runtime failures of the interpreter: a Java-style exception carrying the offset of the failing construct. */
import type { GroovyError } from './types.ts';

/** Error types that are the harness's own (not Java classes). */
export const SECURITY = 'harness.Security';
export const UNSUPPORTED = 'harness.Unsupported';
export const BUDGET = 'harness.Budget';
export const COMPILE = 'org.codehaus.groovy.control.MultipleCompilationErrorsException';

/** A Java/Groovy exception raised while evaluating; caught by renderTemplate and turned into a GroovyError. */
export class GroovyThrow extends Error {
  readonly type: string;
  offset: number | undefined;

  constructor(type: string, message: string, offset?: number) {
    super(message);
    this.name = 'GroovyThrow';
    this.type = type;
    this.offset = offset;
  }

  /** The exception as the public error shape. */
  toError(): GroovyError {
    return { type: this.type, message: this.message, offset: this.offset };
  }
}

/** Throws a Java-style exception of the given class. */
export function fail(type: string, message: string, offset?: number): never {
  throw new GroovyThrow(type, message, offset);
}

/** `java.lang.NullPointerException: Cannot invoke method name() on null object`. */
export function npeMethod(name: string, offset?: number): never {
  return fail('java.lang.NullPointerException', `Cannot invoke method ${name}() on null object`, offset);
}

/** A construct outside the supported subset. */
export function unsupported(what: string, offset?: number): never {
  return fail(UNSUPPORTED, `${what} is not supported by the harness Groovy subset`, offset);
}

/** A construct refused by the sandbox. */
export function security(what: string, offset?: number): never {
  return fail(SECURITY, `${what} is refused by the harness sandbox`, offset);
}

/** 1-based line and column of an offset in a text. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}
