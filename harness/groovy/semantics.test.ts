import { describe, expect, it } from 'vitest';
import { renderTemplate } from './index.ts';
import { GROOVY_CASES } from './semantics.cases.ts';

// Every expectation in GROOVY_CASES was produced by real Groovy 2.4.21 on this machine (see semantics.cases.ts).
describe('renderTemplate agrees with Groovy 2.4.21 on the recorded semantics table', () => {
  it.each(GROOVY_CASES.map(([t, b, e], i) => [i, t, b, e] as const))('#%i %s', (_i, template, bindings, exp) => {
    const r = renderTemplate(template, JSON.parse(bindings));
    if ('value' in exp) {
      expect(r.ok ? r.value : `${r.error.type}: ${r.error.message}`).toBe(exp.value);
    } else {
      expect(r.ok, r.ok ? `rendered ${r.value}` : '').toBe(false);
      if (!r.ok) {
        expect(r.error.type).toBe(exp.error);
        expect(r.error.message.split('\n')[0]).toBe(exp.message);
      }
    }
  });
});
