// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVERGENCES, findDivergence, KNOWN_OPEN_BUGS, knownOpenBug } from './differential-divergences.ts';

const security = { ok: false as const, type: 'harness.Security', message: "'binding' is refused" };

describe('documented divergences', () => {
  it('D1 matches only a sandbox refusal of the script binding where Groovy succeeded', () => {
    const c = {
      template: "${binding.variables.containsKey('user')}",
      bindingsId: 'x',
      engine: security,
      groovy: { ok: true as const, value: 'true' },
    };
    expect(findDivergence(c)?.id).toBe('D1');
    expect(findDivergence({ ...c, template: '${user.binding}' })).toBeUndefined();
    expect(
      findDivergence({ ...c, engine: { ok: false, type: 'java.lang.NullPointerException', message: 'm' } }),
    ).toBeUndefined();
    expect(findDivergence({ ...c, groovy: { ok: false, type: 'X', message: 'm' } })).toBeUndefined();
  });

  it('D2 matches only a literal int shifted by a literal long where both succeed', () => {
    const c = {
      template: '${1 << 33L}',
      bindingsId: 'x',
      engine: { ok: true as const, value: '2' },
      groovy: { ok: true as const, value: '8589934592' },
    };
    expect(findDivergence(c)?.id).toBe('D2');
    expect(findDivergence({ ...c, template: '${x.a << x.b}' })).toBeUndefined();
    expect(findDivergence({ ...c, template: '${1 << 33}' })).toBeUndefined();
    expect(findDivergence({ ...c, template: '${1.5 << 3L}' })).toBeUndefined();
    expect(findDivergence({ ...c, engine: { ok: false, type: 'X', message: 'm' } })).toBeUndefined();
  });

  it('every divergence and open bug id has a section or row in DIVERGENCES.md', () => {
    const doc = readFileSync(new URL('./DIVERGENCES.md', import.meta.url), 'utf8');
    for (const d of DIVERGENCES) expect(doc).toMatch(new RegExp(`^## ${d.id}:`, 'm'));
    for (const b of KNOWN_OPEN_BUGS) expect(doc).toMatch(new RegExp(`^\\| ${b.id} \\|`, 'm'));
  });

  it('knownOpenBug matches exact templates only', () => {
    const bugs = [{ id: 'B99', templates: ['${5.intdiv(null)}'] }];
    expect(knownOpenBug('${5.intdiv(null)}', bugs)).toBe('B99');
    expect(knownOpenBug('${6.intdiv(null)}', bugs)).toBeUndefined();
  });

  it('fixed bugs (B14-B17, now recorded in semantics.cases.ts) are no longer excused', () => {
    expect(knownOpenBug('${5.intdiv(null)}')).toBeUndefined();
    expect(knownOpenBug("${[a: 1, b: 2].keySet() + ['a', 'c']}")).toBeUndefined();
  });
});
