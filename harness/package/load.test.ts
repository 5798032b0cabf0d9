import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../lib/diagnostic.ts';
import { loadPackage } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-load-'));
const CIPHER = 'F094T0v6WHOpHcSzOqzN/G0EOXMVamwB8u2E9ttQNJNH/uqcgtvsw9t4/JqDJeCqQsdihkRCJpZn9bLHAwEt1khfhJ57qiyR';
const EXPORT = JSON.stringify({
  Acme: {
    connectionname: 'Acme',
    EXTERNAL_ATTR: [
      { attributename: 'ConnectionJSON', encryptedattributevalue: CIPHER },
      {
        attributename: 'AddAccessJSON',
        encryptedattributevalue: '{"call":[{"name":"Group","url":"https://.x.net/a"}]}',
      },
    ],
  },
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isHarnessError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a HarnessError');
}

describe('loadPackage', () => {
  it('loads an export and asks for a plaintext ConnectionJSON when it is encrypted', async () => {
    const pkg = await loadPackage(file('Connection_1.json', EXPORT));
    expect(pkg).toMatchObject({ name: 'Acme', kind: 'export', connectionEncrypted: true });
    const d = pkg.diagnostics.find((x) => x.code === 'package.connection-encrypted');
    expect(d?.hint).toMatch(/--connection/);
  });

  it('replaces the encrypted ConnectionJSON with the plaintext file given', async () => {
    const conn = file('conn.json', '{"authentications":{"acctAuth":{"authType":"oauth2"}}}');
    const pkg = await loadPackage(file('Connection_2.json', EXPORT), { connectionJson: conn });
    expect(pkg.connectionEncrypted).toBe(false);
    expect(pkg.attributes.ConnectionJSON?.json).toEqual({ authentications: { acctAuth: { authType: 'oauth2' } } });
    expect(pkg.diagnostics.map((x) => x.code)).toContain('package.connection-replaced');
  });

  it('finds the export inside a transport zip', async () => {
    const zip = zipSync({
      'Connection_2023.json': strToU8(EXPORT),
      'ObjectSummary_2023.json': strToU8('{"Objects":{}}'),
    });
    const pkg = await loadPackage(file('t.zip', zip));
    expect(pkg.kind).toBe('zip');
    expect(pkg.attributes.AddAccessJSON?.source).toMatch(/t\.zip!Connection_2023\.json#EXTERNAL_ATTR\[1\]$/);
  });

  it('fails clearly on a zip with no export inside, and on a file that is not a zip', async () => {
    const zip = zipSync({ 'ObjectSummary.json': strToU8('{"Objects":{}}'), 'readme.txt': strToU8('hi') });
    const e = await errorOf(loadPackage(file('empty.zip', zip)));
    expect(e.code).toBe('package.no-export');
    expect(e.message).toMatch(/ObjectSummary\.json/);
    expect((await errorOf(loadPackage(file('bad.zip', 'not a zip')))).code).toBe('package.bad-zip');
  });

  it('loads a folder of <Attribute>.json files; other JSON files are listed as ignored', async () => {
    const d = mkdtempSync(join(tmpdir(), 'harness-folder-'));
    writeFileSync(join(d, 'AddAccessJSON.json'), '{"call":[]}');
    writeFileSync(join(d, 'DisableAccountJSON.json'), '');
    writeFileSync(join(d, 'notes.json'), '{}');
    writeFileSync(join(d, 'README.md'), '# x');
    const pkg = await loadPackage(d);
    expect(pkg.kind).toBe('folder');
    expect(Object.keys(pkg.attributes)).toEqual(['AddAccessJSON']);
    expect(pkg.diagnostics.map((x) => x.code)).toEqual(['package.unknown-file']);
  });

  it('loads the export of a customer folder that holds one', async () => {
    const d = mkdtempSync(join(tmpdir(), 'harness-customer-'));
    writeFileSync(join(d, 'Connection_9.json'), EXPORT);
    expect((await loadPackage(d)).kind).toBe('export');
  });

  it('refuses a folder of app-prefixed single attributes, pointing at the naming rule', async () => {
    const d = mkdtempSync(join(tmpdir(), 'harness-corpus-'));
    writeFileSync(join(d, 'aa360-AddAccessJSON.json'), '{}');
    const e = await errorOf(loadPackage(d));
    expect(e.code).toBe('package.empty-folder');
    expect(e.message).toMatch(/aa360-AddAccessJSON\.json/);
  });

  it('loads a single attribute file by its name suffix, even when its JSON is broken', async () => {
    const pkg = await loadPackage(file('app-RemoveAccessJSON.json', '{"call": ['));
    expect(pkg.kind).toBe('file');
    expect(pkg.attributes.RemoveAccessJSON?.parseError?.code).toBe('json.syntax');
  });

  it('refuses a JSON file that is neither an export nor an attribute', async () => {
    const e = await errorOf(loadPackage(file('random.json', '{"a":1}')));
    expect(e.code).toBe('package.unknown-file');
    expect(e.message).toMatch(/random\.json/);
  });

  it('reports a missing path', async () => {
    expect((await errorOf(loadPackage(join(dir, 'nope')))).code).toBe('package.not-found');
  });

  it('applies a patch file on load', async () => {
    const patch = file('p.yaml', "replace:\n  - find: 'https://.x.net'\n    with: 'https://acme.x.net'\n");
    const pkg = await loadPackage(file('Connection_3.json', EXPORT), { patches: patch });
    const json = pkg.attributes.AddAccessJSON!.json as { call: { url: string }[] };
    expect(json.call[0].url).toBe('https://acme.x.net/a');
  });
});
