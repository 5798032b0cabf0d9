import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../lib/diagnostic.ts';
import { parseAttribute } from './attribute.ts';
import { applyPatches, parseJsonPath, parsePatchDocument, readPatchFile } from './patch.ts';
import type { PackageAttribute } from './types.ts';

const IMPORT = JSON.stringify(
  { accountParams: { call: { call1: { http: { url: 'https://.leanix.net/services/mtm/v1/workspaces//users' } } } } },
  null,
  2,
);
const ADD =
  '{\n  "call": [{"name": "Permission", "url": "https://.leanix.net/x", "httpParams": "{\\"ws\\": \\"\\"}"}]\n}';

function attrs(): Record<string, PackageAttribute> {
  return {
    ImportAccountEntJSON: parseAttribute('ImportAccountEntJSON', IMPORT, 'i.json'),
    AddAccessJSON: parseAttribute('AddAccessJSON', ADD, 'a.json'),
  };
}

function caught(f: () => unknown): HarnessError {
  try {
    f();
  } catch (e) {
    if (e instanceof HarnessError) return e;
    throw e;
  }
  throw new Error('expected HarnessError');
}

describe('parseJsonPath', () => {
  it('reads dotted paths, indexes and quoted keys', () => {
    expect(parseJsonPath('call[0].url')).toEqual(['call', 0, 'url']);
    expect(parseJsonPath("a['b.c'].d")).toEqual(['a', 'b.c', 'd']);
  });
});

describe('applyPatches', () => {
  it('replaces in string values of every attribute and keeps the rest of the text', () => {
    const a = attrs();
    const diags = applyPatches(a, [{ find: 'https://.leanix.net', with: 'https://acme.leanix.net' }]);
    expect(diags).toMatchObject([{ code: 'patch.applied', message: expect.stringMatching(/changed 2 values/) }]);
    expect(a.AddAccessJSON.text).toContain('"name": "Permission"');
    expect((a.AddAccessJSON.json as { call: { url: string }[] }).call[0].url).toBe('https://acme.leanix.net/x');
  });

  it('matches decoded values, so quotes inside httpParams are written plainly', () => {
    const a = attrs();
    applyPatches(a, [{ find: '"ws": ""', with: '"ws": "W1"', attribute: 'AddAccessJSON' }]);
    expect((a.AddAccessJSON.json as { call: { httpParams: string }[] }).call[0].httpParams).toBe('{"ws": "W1"}');
  });

  it('limits a replacement to the attributes named', () => {
    const a = attrs();
    applyPatches(a, [{ find: '//users', with: '/W1/users', attribute: 'AddAccessJSON' }]);
    expect(a.ImportAccountEntJSON.text).toBe(IMPORT);
  });

  it('sets a value at a JSON path', () => {
    const a = attrs();
    const d = applyPatches(a, [
      { attribute: 'ImportAccountEntJSON', path: 'accountParams.call.call1.http.url', value: 'https://h/u' },
    ]);
    expect(d[0].code).toBe('patch.applied');
    expect(a.ImportAccountEntJSON.json).toEqual({
      accountParams: { call: { call1: { http: { url: 'https://h/u' } } } },
    });
  });

  it('reports patches that matched nothing, with the reason', () => {
    const a = attrs();
    const d = applyPatches(a, [
      { find: 'nowhere', with: 'x' },
      { attribute: 'ImportAccountEntJSON', path: 'accountParams.nope.url', value: 1 },
      { attribute: 'CreateAccountJSON', path: 'call[0].url', value: 1 },
    ]);
    expect(d.map((x) => [x.code, x.severity])).toEqual([
      ['patch.unmatched', 'warning'],
      ['patch.unmatched', 'warning'],
      ['patch.unmatched', 'warning'],
    ]);
    expect(d[1].message).toMatch(/parent.*does not exist/);
    expect(d[2].message).toMatch(/absent/);
  });
});

describe('patch file validation', () => {
  it('names the path and what was expected', () => {
    const e = caught(() =>
      parsePatchDocument({ set: [{ attribute: 'AddAccessJSON', path: 'call[0].url' }] }, 'p.yaml'),
    );
    expect(e.code).toBe('patch.invalid');
    expect(e.location).toMatchObject({ file: 'p.yaml', path: ['set', 0, 'value'] });
    expect(e.message).toMatch(/expected a value/);
  });

  it('suggests the attribute name meant', () => {
    const e = caught(() =>
      parsePatchDocument({ replace: [{ find: 'a', with: 'b', attribute: 'AddAcessJSON' }] }, 'p.yaml'),
    );
    expect(e.message).toMatch(/did you mean AddAccessJSON/);
  });

  it('rejects unknown top-level keys', () => {
    expect(caught(() => parsePatchDocument({ replaces: [] }, 'p.yaml')).location.path).toEqual([]);
  });

  it('reads YAML and reports YAML syntax errors with a line', async () => {
    const d = mkdtempSync(join(tmpdir(), 'harness-patch-'));
    writeFileSync(
      join(d, 'ok.yaml'),
      "set:\n  - attribute: AddAccessJSON\n    path: call[0].url\n    value: 'https://h'\n",
    );
    expect(await readPatchFile(join(d, 'ok.yaml'))).toEqual([
      { attribute: 'AddAccessJSON', path: 'call[0].url', value: 'https://h' },
    ]);
    writeFileSync(join(d, 'bad.yaml'), 'replace:\n  - find: [unclosed\n');
    await expect(readPatchFile(join(d, 'bad.yaml'))).rejects.toMatchObject({
      code: 'patch.syntax',
      location: { line: expect.any(Number) },
    });
  });
});
