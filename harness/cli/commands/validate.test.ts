import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { DEMO_API_TOKEN, DEMO_TENANT_SPEC, generateTenant } from '../../../fixtures/tenant/generate.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../../../lib/reference.ts';
import { runCaptured as run } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-cli-validate-'));
const good = join(dir, 'good');
const bad = join(dir, 'bad');
for (const d of [good, bad]) mkdirSync(d);
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

describe('harness validate --fill-placeholders', () => {
  const demo = generateTenant(DEMO_TENANT_SPEC);
  const acme = demo.workspaces[0];

  it('without it, the bundled LeanIX package has placeholder errors whose hints name --fill-placeholders and --patch', async () => {
    const r = await run(['validate', LEANIX_PACKAGE_DIR, '--json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out).diagnostics.filter((d: { code: string }) => /placeholder$/.test(d.code));
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(d.hint).toMatch(/`--fill-placeholders`.*`--patch <file>`/);
  });

  it("fills them with the demo tenant's values (as a scenario does): clean, and says where the values came from", async () => {
    const r = await run(['validate', LEANIX_PACKAGE_DIR, '--fill-placeholders']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'placeholders filled with the values of the built-in demo tenant, workspace acme (--fill-placeholders)',
    );
    expect(r.out).toMatch(/0 errors, 0 warnings, 4 info/);
    const json = JSON.parse((await run(['validate', LEANIX_PACKAGE_DIR, '--fill-placeholders', '--json'])).out);
    expect(json.summary.errors).toBe(0);
    expect(json.diagnostics.map((d: { message: string }) => d.message)).toEqual([
      'patch 1 (replace "<host>") changed 13 values',
      'patch 2 (replace "<workspaceId>") changed 5 values',
      'patch 3 (replace "<accountId>") changed 5 values',
      'patch 4 (replace "<apiTokenBasic>") changed 1 value',
    ]);
  });

  it('fills the same values as the hand-written demo-tenant patch file', async () => {
    const { loadPackage } = await import('../../package/index.ts');
    const { fillPlaceholders } = await import('../../package/placeholders.ts');
    const { tenantValuesOf } = await import('../../scenario/tenant-values.ts');
    const byPatch = await loadPackage(LEANIX_PACKAGE_DIR, {
      patches: join(LEANIX_PACKAGE_DIR, 'demo-tenant.patch.yaml'),
    });
    const filled = await loadPackage(LEANIX_PACKAGE_DIR);
    fillPlaceholders(filled, (await tenantValuesOf()).vars, 'fill');
    expect(Object.keys(filled.attributes).length).toBeGreaterThan(5);
    for (const [name, attr] of Object.entries(filled.attributes))
      expect(attr?.text, name).toBe(byPatch.attributes[name as keyof typeof byPatch.attributes]?.text);
  });

  it('--tenant, --seed and --workspace choose the values; bad ones are usage or file errors (exit 2)', async () => {
    const file = join(dir, 'tenant.json');
    writeFileSync(file, JSON.stringify(demo));
    const r = await run(['validate', LEANIX_PACKAGE_DIR, '--tenant', file, '--workspace', 'acme-sandbox', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).note).toBe(
      `placeholders filled with the values of tenant file ${file}, workspace acme-sandbox (--fill-placeholders)`,
    );
    const seeded = await run(['validate', LEANIX_PACKAGE_DIR, '--seed', '7']);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('the tenant generated from seed 7');
    const nope = await run(['validate', LEANIX_PACKAGE_DIR, '--fill-placeholders', '--workspace', 'nope']);
    expect(nope.code).toBe(2);
    expect(nope.err).toContain('no workspace "nope" in the built-in demo tenant');
    expect(nope.err).toContain(`known: ${acme.name}, acme-sandbox`);
    expect((await run(['validate', LEANIX_PACKAGE_DIR, '--workspace', 'acme'])).code).toBe(2);
    expect((await run(['validate', LEANIX_PACKAGE_DIR, '--seed', '1', '--tenant', file])).code).toBe(2);
    expect((await run(['validate', LEANIX_PACKAGE_DIR, '--seed', 'x'])).code).toBe(2);
  });

  it('prints no API token, not even the demo one', async () => {
    const pkg = join(dir, 'quoting');
    mkdirSync(pkg);
    // a finding that quotes the URL (trailing whitespace) would show the filled credential
    const url = 'https://<host>.leanix.net/services/mtm/v1/users?key=<apiTokenBasic> ';
    writeFileSync(join(pkg, 'AddAccessJSON.json'), JSON.stringify({ call: [{ ...call, url }] }));
    const r = await run(['validate', pkg, '--fill-placeholders', '--json']);
    expect(r.out).toContain('url.whitespace');
    expect(r.out).not.toContain(DEMO_API_TOKEN);
    expect(r.out).not.toContain(Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64'));
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
