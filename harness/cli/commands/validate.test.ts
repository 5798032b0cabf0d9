import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasReference, NO_REFERENCE, referencePath } from '../../../lib/reference.ts';
import { runCaptured as run } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-cli-validate-'));
const good = join(dir, 'good');
const bad = join(dir, 'bad');
for (const d of [good, bad]) {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(d);
}
const call = { name: 'Group', connection: 'a', url: 'https://h.example.com/g', httpMethod: 'POST' };
writeFileSync(join(good, 'AddAccessJSON.json'), JSON.stringify({ call: [{ ...call, Showresponse: true }] }));
writeFileSync(join(bad, 'AddAccessJSON.json'), JSON.stringify({ call: [{ ...call, url: 'https://.example.com/g' }] }));

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness validate', () => {
  it('exits 0 with warnings only, printing them grouped by attribute', async () => {
    const r = await run(['validate', good]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/AddAccessJSON {2}\(.*AddAccessJSON\.json\)/);
    expect(r.out).toMatch(/warning schema\.unknown-key/);
    expect(r.out).toMatch(/0 errors, 1 warning/);
  });

  it('exits 1 when there are errors; --json prints package, diagnostics and summary', async () => {
    const r = await run(['validate', bad, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.package).toMatchObject({ kind: 'folder', attributes: ['AddAccessJSON'] });
    expect(doc.summary).toEqual({ errors: 1, warnings: 0, infos: 2 }); // infos: connection and access names unchecked
    expect(doc.diagnostics.map((d: { code: string }) => d.code)).toContain('url.blank-host');
  });

  it('exits 2 with a one-line message on a file error, and on a bad patch file', async () => {
    const r = await run(['validate', join(dir, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/package\.not-found/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    writeFileSync(join(dir, 'p.yaml'), 'replace:\n  - find: x\n');
    const p = await run(['validate', bad, '--patch', join(dir, 'p.yaml')]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/patch\.invalid.*replace\[0\]\.with/);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['validate'])).code).toBe(2);
  });

  it('with --json, prints usage, file and too-deep errors as a JSON error document on stdout (exit 2)', async () => {
    const usage = await run(['validate', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.out)).toEqual({
      error: { code: 'cli.usage', message: "missing required argument 'package'" },
    });
    const unknown = await run(['validate', bad, '--json', '--bogus']);
    expect(JSON.parse(unknown.out).error).toMatchObject({ code: 'cli.usage', message: "unknown option '--bogus'" });
    const missing = await run(['validate', join(dir, 'missing'), '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.out).error).toMatchObject({
      code: 'package.not-found',
      location: { file: join(dir, 'missing') },
    });
    const n = 5000;
    writeFileSync(
      join(dir, 'deep-AddAccessJSON.json'),
      `{"call":[{"url":"https://h.example.com/","x":${'['.repeat(n)}${']'.repeat(n)}}]}`,
    );
    // Whether the package loader manages to parse it depends on the stack size of the process: either loading fails
    // (exit 2, an error document) or the validator reports json.too-deep (exit 1); never a stack overflow.
    const deep = await run(['validate', join(dir, 'deep-AddAccessJSON.json'), '--json']);
    const doc = JSON.parse(deep.out);
    const codes: string[] = doc.error ? [doc.error.code] : doc.diagnostics.map((d: { code: string }) => d.code);
    expect(codes.filter((c) => /too-deep|depth/.test(c))).toHaveLength(1);
    expect(deep.code).toBe(doc.error ? 2 : 1);
    expect(deep.out + deep.err).not.toMatch(/Maximum call stack/);
  });

  it('fills blanks with --patch, turning the errors into a clean bill', async () => {
    writeFileSync(
      join(dir, 'fix.yaml'),
      "replace:\n  - { find: 'https://.example.com', with: 'https://acme.example.com' }\n",
    );
    const r = await run(['validate', bad, '--patch', join(dir, 'fix.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/patch\.applied/);
  });
});

describe.skipIf(!hasReference)(`harness validate on the real LeanIX zip ${hasReference ? '' : NO_REFERENCE}`, () => {
  it('exits 1 and names the encrypted ConnectionJSON and the defects (reference §5/§8)', async () => {
    const r = await run(['validate', referencePath('packages', 'LeanIX', 'LeanIX.zip'), '--json']);
    expect(r.code).toBe(1);
    const codes = new Set(JSON.parse(r.out).diagnostics.map((d: { code: string }) => d.code));
    for (const c of [
      'package.connection-encrypted',
      'body.invalid-json',
      'mapping.whitespace',
      'pagination.misplaced',
      'url.blank-host',
    ]) {
      expect(codes).toContain(c);
    }
  });
});

describe.skipIf(!hasReference)(`harness validate --connection ${hasReference ? '' : NO_REFERENCE}`, () => {
  it('uses the plaintext ConnectionJSON given, so connection names get checked', async () => {
    const conn = referencePath('leanix-example', 'ConnectionJSON.json');
    const r = await run([
      'validate',
      referencePath('packages', 'LeanIX', 'LeanIX.zip'),
      '--connection',
      conn,
      '--json',
    ]);
    const doc = JSON.parse(r.out);
    const codes = doc.diagnostics.map((d: { code: string }) => d.code);
    expect(doc.package.connectionEncrypted).toBe(false);
    expect(codes).toContain('package.connection-replaced');
    expect(codes).not.toContain('connection.unchecked');
    expect(codes).not.toContain('connection.unknown'); // every call names acctAuth, which the example defines
  });
});
