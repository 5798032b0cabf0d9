import { describe, expect, it } from 'vitest';
import { compactCompileMessage, describeOutcome, messagesAgree, outcomesAgree } from './differential-compare.ts';

const ok = (value: string) => ({ ok: true as const, value });
const err = (type: string, message = 'm') => ({ ok: false as const, type, message });

describe('outcomesAgree', () => {
  it('compares rendered strings, or the exception class when both fail', () => {
    expect(outcomesAgree(ok('a'), ok('a'))).toBe(true);
    expect(outcomesAgree(ok('a'), ok('b'))).toBe(false);
    expect(outcomesAgree(err('java.lang.X', 'one'), err('java.lang.X', 'two'))).toBe(true);
    expect(outcomesAgree(err('java.lang.X'), err('java.lang.Y'))).toBe(false);
    expect(outcomesAgree(ok('null'), err('java.lang.NullPointerException'))).toBe(false);
  });
});

describe('messagesAgree', () => {
  it('compares the first message line with the script class name normalised', () => {
    const g = err('groovy.lang.MissingPropertyException', 'No such property: x for class: Template');
    expect(messagesAgree(err(g.type, 'No such property: x for class: Script1'), g)).toBe(true);
    expect(messagesAgree(err(g.type, 'No such property: y for class: Script1'), g)).toBe(false);
    const mme = err('groovy.lang.MissingMethodException', 'No signature of method: a()\nPossible solutions: b()');
    expect(messagesAgree(err(mme.type, 'No signature of method: a()'), mme)).toBe(true);
  });
});

describe('report helpers', () => {
  it('reduces a Groovy compile error to its located line', () => {
    const m = 'startup failed:\nTemplate.groovy: 1: unexpected token: * @ line 1, column 6.\n   x\n     ^\n\n1 error\n';
    expect(compactCompileMessage(m)).toBe('1: unexpected token: * @ line 1, column 6.');
    expect(describeOutcome(err('org.codehaus.groovy.control.MultipleCompilationErrorsException', m))).toContain(
      'unexpected token',
    );
    expect(describeOutcome(ok('x'))).toBe('ok "x"');
  });
});
