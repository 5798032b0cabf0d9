import { describe, expect, it } from 'vitest';
import { parseExport } from './export.ts';

const CIPHER = 'F094T0v6WHOpHcSzOqzN/G0EOXMVamwB8u2E9ttQNJNH/uqcgtvsw9t4/JqDJeCqQsdihkRCJpZn9bLHAwEt1khfhJ57qiyR';

/** An export shaped like the real one in reference/packages/LeanIX: `{ "<name>": { ..., EXTERNAL_ATTR: [...] } }`. */
function exportText(entries: unknown[], wrap = true): string {
  const conn = { connectionname: 'Acme', externalconnectiontype: 'REST', EXTERNAL_ATTR: entries };
  return JSON.stringify(wrap ? { Acme: conn } : conn, null, 2);
}

describe('parseExport', () => {
  it('reads encryptedattributevalue strings; empty values are absent', () => {
    const text = exportText([
      { attributename: 'ImportUserJSON', encryptedattributevalue: '' },
      { attributename: 'AddAccessJSON', encryptedattributevalue: '{"call":[]}' },
      { attributename: 'ConfigJSON', attributevalue: '{"showLogs":true}' },
    ]);
    const p = parseExport(text, 'Connection_x.json')!;
    expect(p.name).toBe('Acme');
    expect(Object.keys(p.attributes).sort()).toEqual(['AddAccessJSON', 'ConfigJSON']);
    expect(p.attributes.AddAccessJSON.json).toEqual({ call: [] });
    expect(p.attributes.AddAccessJSON.source).toBe('Connection_x.json#EXTERNAL_ATTR[1]');
    expect(p.diagnostics).toEqual([]);
  });

  it('accepts EXTERNAL_ATTR at the root too', () => {
    const p = parseExport(
      exportText([{ attributename: 'ConfigJSON', encryptedattributevalue: '{}' }], false),
      'e.json',
    );
    expect(p?.attributes.ConfigJSON?.json).toEqual({});
  });

  it('marks an encrypted ConnectionJSON without failing, and keeps the rest', () => {
    const p = parseExport(
      exportText([
        { attributename: 'ConnectionJSON', encryptedattributevalue: CIPHER },
        { attributename: 'AddAccessJSON', encryptedattributevalue: '{"call":[]}' },
      ]),
      'e.json',
    )!;
    expect(p.connectionEncrypted).toBe(true);
    expect(p.attributes.ConnectionJSON).toBeUndefined();
    expect(p.attributes.AddAccessJSON).toBeDefined();
  });

  it('keeps an attribute whose JSON is broken, with its syntax error located in its own text', () => {
    const p = parseExport(
      exportText([{ attributename: 'AddAccessJSON', encryptedattributevalue: '{\r\n "call": [\r\n }' }]),
      'e.json',
    )!;
    expect(p.attributes.AddAccessJSON.parseError).toMatchObject({ code: 'json.syntax', location: { line: 3 } });
  });

  it('skips malformed entries with a warning', () => {
    const p = parseExport(
      exportText([42, { encryptedattributevalue: '{}' }, { attributename: 'X', encryptedattributevalue: 7 }]),
      'e.json',
    )!;
    expect(p.diagnostics.map((d) => d.code)).toEqual([
      'package.export-entry',
      'package.export-entry',
      'package.export-entry',
    ]);
  });

  it('recovers the attributes before a truncation point and reports the export syntax error', () => {
    const full = exportText([
      { attributename: 'ConfigJSON', encryptedattributevalue: '{}' },
      { attributename: 'AddAccessJSON', encryptedattributevalue: '{"call":[]}' },
    ]);
    const cut = full.slice(0, full.indexOf('AddAccessJSON') - 20);
    const p = parseExport(cut, 'e.json')!;
    expect(p.attributes.ConfigJSON).toBeDefined();
    expect(p.diagnostics[0]).toMatchObject({ code: 'package.export-syntax', severity: 'error' });
  });

  it('returns undefined for JSON that is not an export', () => {
    expect(parseExport('{"call": []}', 'x.json')).toBeUndefined();
    expect(parseExport('[1,2]', 'x.json')).toBeUndefined();
  });
});
