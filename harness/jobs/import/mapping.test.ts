// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates are written with ${...} on purpose
import { describe, expect, it } from 'vitest';
import type { RenderResult } from '../../groovy/types.ts';
import type { MappingWarning } from './mapping.ts';
import { convertValue, mapRecord, parseColsToPropsMap, parseColumnSpec, readSegments } from './mapping.ts';

/** A stand-in renderer for templates used here (the real engine is covered by harness/groovy's own tests). */
const render = (template: string, b: Record<string, unknown>): RenderResult => {
  const r = b.response as Record<string, unknown>;
  if (template === '${return response.name;}') return { ok: true, value: String(r.name), raw: r.name };
  if (template === "${LOGONNAME + '@x'}") return { ok: true, value: `${b.LOGONNAME}@x`, raw: `${b.LOGONNAME}@x` };
  if (template === '${boom}')
    return { ok: false, error: { type: 'groovy.lang.MissingPropertyException', message: 'No such property: boom' } };
  throw new Error(`unexpected template ${template}`);
};

const item = {
  id: 'u1',
  userName: 'ann@x.com',
  name: { givenName: 'Ann' },
  emails: [{ value: 'ann@x.com', primary: true }],
  'odata.type': 'user',
  schemas: ['urn:a', 'urn:b'],
  meta: { created: '2024-01-02T03:04:05' },
  lastLogin: 1735689600000,
  active: true,
  scimManaged: false,
  LOGONNAME: 'ann',
};

describe('colsToPropsMap', () => {
  it('maps dotted paths, array indexes, ~dot# keys and stores objects/arrays as JSON', () => {
    const { specs, warnings } = parseColsToPropsMap({
      accountID: 'id~#~char',
      customproperty1: 'name.givenName~#~char',
      customproperty2: 'emails[0].value~#~char',
      customproperty3: 'odata~dot#type~#~char',
      customproperty4: 'schemas~#~char',
      customproperty5: 'emails[0]~#~char',
      customproperty6: 'active~#~char',
      customproperty7: 'nothere.deep~#~char',
    });
    expect(warnings).toEqual([]);
    expect(mapRecord(item, specs, { render })).toEqual({
      accountID: 'u1',
      customproperty1: 'Ann',
      customproperty2: 'ann@x.com',
      customproperty3: 'user',
      customproperty4: '["urn:a","urn:b"]',
      customproperty5: '{"value":"ann@x.com","primary":true}',
      customproperty6: 'true',
      customproperty7: null,
    });
  });

  it('reads the stray-space path "scimManaged " as an unknown key (null), like "emails[0].value~"', () => {
    const { specs } = parseColsToPropsMap({
      customproperty9: 'scimManaged ~#~char',
      customproperty4: 'emails[0].value~~#~char',
    });
    expect(mapRecord(item, specs, { render })).toEqual({ customproperty9: null, customproperty4: null });
    // without the space the same column is filled: the difference is the space alone
    expect(mapRecord(item, parseColsToPropsMap({ customproperty9: 'scimManaged~#~char' }).specs, { render })).toEqual({
      customproperty9: 'false',
    });
  });

  it('converts date, epochdate and bool, warning (not failing) on values that do not parse', () => {
    const { specs } = parseColsToPropsMap({
      created_on: 'meta.created~#~date',
      lastlogondate: 'lastLogin~#~epochdate',
      customproperty1: 'active~#~bool',
      customproperty2: 'userName~#~epochdate',
    });
    const warnings: MappingWarning[] = [];
    const out = mapRecord(item, specs, { render, dateFormat: "yyyy-MM-dd'T'HH:mm:ss" }, warnings);
    expect(out).toEqual({
      created_on: '2024-01-02 03:04:05',
      lastlogondate: '2025-01-01 00:00:00',
      customproperty1: 'true',
      customproperty2: null,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'import.map.epochdate', column: 'customproperty2' });
  });

  it('evaluates #CONST# templates with response bound to the item and bare item fields', () => {
    const { specs } = parseColsToPropsMap({
      customproperty1: '#CONST#${return response.name;}~#~char',
      customproperty2: "${LOGONNAME + '@x'}~#~char",
      customproperty3: '#CONST#fixed~#~char',
      customproperty4: '#CONST#${boom}~#~char',
    });
    const warnings: MappingWarning[] = [];
    expect(mapRecord(item, specs, { render }, warnings)).toEqual({
      customproperty1: '{"givenName":"Ann"}',
      customproperty2: 'ann@x',
      customproperty3: 'fixed',
      customproperty4: null,
    });
    expect(warnings.map((w) => w.code)).toEqual(['import.map.groovy']);
  });

  it('splits at the last ~#~, defaults to char, and warns on unknown types and non-string specs', () => {
    expect(parseColumnSpec('c', 'a.b').spec).toMatchObject({ type: 'char', kind: 'path', segments: ['a', 'b'] });
    expect(parseColumnSpec('c', 'x~#~number').warning?.code).toBe('import.map.type');
    expect(parseColumnSpec('c', 'STORE#ACC#ENT#MAPPINGINFO~#~char').spec.kind).toBe('store');
    expect(parseColsToPropsMap({ c: 5 }).warnings[0].code).toBe('import.map.spec');
  });

  it('bool follows Boolean.parseBoolean and keeps null', () => {
    expect(convertValue('TRUE', 'bool', undefined).value).toBe('true');
    expect(convertValue('yes', 'bool', undefined).value).toBe('false');
    expect(convertValue(null, 'bool', undefined).value).toBeNull();
    expect(convertValue('2024-01-02T03:04:05Z', 'date', undefined).value).toBe('2024-01-02 03:04:05');
  });
});

describe('readSegments', () => {
  it('reads own properties and array indexes only', () => {
    const v = JSON.parse('{"a":{"toString":1,"list":[10,20]},"b":{},"p":{"__proto__":{"x":1}}}');
    expect(readSegments(v, ['a', 'toString'])).toBe(1);
    expect(readSegments(v, ['a', 'list', 1])).toBe(20);
    expect(readSegments(v, ['b', 'toString'])).toBeUndefined();
    expect(readSegments(v, ['b', 'constructor'])).toBeUndefined();
    expect(readSegments(v, ['b', '__proto__'])).toBeUndefined();
    expect(readSegments(v, ['p', '__proto__', 'x'])).toBe(1);
    expect(readSegments(v, ['a', 'list', 'length'])).toBeUndefined();
    expect(readSegments(v, ['a', 0])).toBeUndefined();
    expect(readSegments(v, ['a', 'toString', 'x'])).toBeUndefined();
    expect(readSegments('text', ['length'])).toBeUndefined();
    expect(readSegments(v, [])).toBe(v);
  });
});
