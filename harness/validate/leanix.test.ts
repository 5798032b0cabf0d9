// Runs the validator on Saviynt's real LeanIX package (reference/packages/LeanIX) and on the cleaned example
// (reference/leanix-example). Each expectation cites the connector reference (saviynt-rest-connector.md) section
// that documents the defect.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../../lib/reference.ts';
import { loadPackage } from '../package/load.ts';
import { validatePackage } from './validate.ts';

const EXPORT = 'Connection_2023-08-03_07-10-36(UTC).json';

describe.skipIf(!hasReference)(`validate the real LeanIX export ${hasReference ? '' : NO_REFERENCE}`, () => {
  const load = async () => validatePackage(await loadPackage(referencePath('packages', 'LeanIX', EXPORT)));
  const of = (d: Diagnostic[], code: string, attribute?: string) =>
    d.filter((x) => x.code === code && (!attribute || x.location?.attribute === attribute));

  it('loads the export and the zip alike, with the encrypted ConnectionJSON flagged, not fatal', async () => {
    const fromZip = await loadPackage(referencePath('packages', 'LeanIX', 'LeanIX.zip'));
    const fromExport = await loadPackage(referencePath('packages', 'LeanIX', EXPORT));
    expect(fromZip.connectionEncrypted).toBe(true);
    expect(Object.keys(fromZip.attributes)).toEqual(Object.keys(fromExport.attributes));
    expect(fromZip.diagnostics.map((d) => d.code)).toContain('package.connection-encrypted');
  });

  it('§5/§8: the RemoveAccessJSON body renders to invalid JSON ({"role": "VIEWER" }","user":...)', async () => {
    const f = of(await load(), 'body.invalid-json', 'RemoveAccessJSON');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', location: { path: ['call', 0, 'httpParams'], offset: 19 } });
    expect(f[0].location?.file).toMatch(/#EXTERNAL_ATTR\[9\]$/);
  });

  it('§3.1/§8: "SuccessResponses" in Enable/RemoveAccountJSON is ignored by EIC (keys are case-sensitive)', async () => {
    const d = await load();
    for (const attr of ['EnableAccountJSON', 'RemoveAccountJSON']) {
      const f = of(d, 'schema.unknown-key', attr);
      expect(f.map((x) => x.location?.path)).toEqual([['call', 0, 'SuccessResponses']]);
      expect(f[0].message).toMatch(/Did you mean "successResponses"/);
    }
  });

  it('§5/§8: the stray space in "scimManaged ~#~char"', async () => {
    const f = of(await load(), 'mapping.whitespace', 'ImportAccountEntJSON');
    expect(f.map((x) => x.location?.path)).toEqual([
      ['accountParams', 'call', 'call1', 'colsToPropsMap', 'customproperty9'],
    ]);
    // line/column point at the space inside the value in the attribute's own text
    const text = (await loadPackage(referencePath('packages', 'LeanIX', EXPORT))).attributes.ImportAccountEntJSON!.text;
    const line = text.split('\n')[f[0].location!.line! - 1];
    expect(line.slice(f[0].location!.column! - 1 - 'scimManaged'.length, f[0].location!.column!)).toBe('scimManaged ');
  });

  it('§8: blank hosts and blank workspaces in URLs of every attribute', async () => {
    const d = await load();
    const blankHost = of(d, 'url.blank-host');
    expect(new Set(blankHost.map((x) => x.location?.attribute))).toEqual(
      new Set([
        'ImportAccountEntJSON',
        'CreateAccountJSON',
        'EnableAccountJSON',
        'AddAccessJSON',
        'RemoveAccessJSON',
        'RemoveAccountJSON',
      ]),
    );
    expect(of(d, 'url.empty-segment', 'ImportAccountEntJSON').map((x) => x.location?.path?.[0])).toEqual([
      'accountParams',
      'entitlementParams',
      'acctEntParams',
    ]);
  });

  it('§8: the URLs with a space ("https:// .leanix.net", and the trailing space in acctEntParams)', async () => {
    const f = of(await load(), 'url.whitespace', 'ImportAccountEntJSON');
    expect(f.map((x) => x.location?.path?.[0])).toEqual(['entitlementParams', 'acctEntParams']);
    const raw = JSON.parse(readFileSync(referencePath('packages', 'LeanIX', EXPORT), 'utf8'));
    expect(raw.LeanIX.EXTERNAL_ATTR[2].encryptedattributevalue).toContain('/permissions "');
  });

  it('§5/§8: the entitlement pagination at entType level, where EIC does not read it', async () => {
    const f = of(await load(), 'pagination.misplaced', 'ImportAccountEntJSON');
    expect(f).toMatchObject([
      { severity: 'error', location: { path: ['entitlementParams', 'entTypes', 'Permission', 'pagination'] } },
    ]);
    expect(f[0].hint).toMatch(/call\.call1\.pagination/);
  });
});

describe.skipIf(!hasReference)(`patch the real LeanIX export ${hasReference ? '' : NO_REFERENCE}`, () => {
  it('fills blank hosts and workspaces (README patch example) and leaves only the real defects', async () => {
    const patches = [
      { find: 'https://.leanix.net', with: 'https://acme.leanix.net' },
      { find: 'https:// .leanix.net', with: 'https://acme.leanix.net' },
      { find: '/workspaces//', with: '/workspaces/5f1a2b3c-0000-4000-8000-000000000001/' },
    ];
    const d = validatePackage(await loadPackage(referencePath('packages', 'LeanIX', 'LeanIX.zip'), { patches }));
    const problems = d
      .filter((x) => x.severity !== 'info')
      .map((x) => `${x.location?.attribute} ${x.code}`)
      .sort();
    expect(problems).toEqual([
      'ConnectionJSON package.connection-encrypted',
      'EnableAccountJSON body.null-text', // "role": "${account.customproperty6}" before the account's first import
      'EnableAccountJSON schema.unknown-key',
      'ImportAccountEntJSON mapping.whitespace',
      'ImportAccountEntJSON pagination.misplaced',
      'ImportAccountEntJSON url.whitespace', // the trailing space of the acctEntParams URL (§8)
      'RemoveAccessJSON body.invalid-json',
      'RemoveAccountJSON body.null-text',
      'RemoveAccountJSON schema.unknown-key',
    ]);
  });
});

describe.skipIf(!hasReference)(`validate the cleaned LeanIX example ${hasReference ? '' : NO_REFERENCE}`, () => {
  // The example uses <host>, <workspaceId>, <accountId> placeholders (reference/leanix-example/README.md).
  const patches = [
    { find: '<host>', with: 'acme' },
    { find: '<workspaceId>', with: '5f1a2b3c-0000-4000-8000-000000000001' },
    { find: '<accountId>', with: '9e8d7c6b-0000-4000-8000-000000000002' },
    { find: '<base64(apitoken:API_TOKEN)>', with: 'YXBpdG9rZW46c2VjcmV0' },
  ];

  it("gives no errors once placeholders are patched; warns where it keeps the package's bare role binding", async () => {
    const pkg = await loadPackage(referencePath('leanix-example'), { patches });
    const d = validatePackage(pkg);
    // the example keeps the real package's "role": "${account.customproperty6}" (its README: "real package values"),
    // which sends "role": "null" for an account EIC created until the next import; the corrected package defaults it
    expect(d.filter((x) => x.severity !== 'info').map((x) => `${x.location?.attribute} ${x.code}`)).toEqual([
      'DisableAccountJSON body.null-text',
      'EnableAccountJSON body.null-text',
      'RemoveAccountJSON body.null-text',
      'UpdateAccountJSON body.null-text',
    ]);
    expect(Object.keys(pkg.attributes)).toHaveLength(9);
  });

  it('reports the unpatched placeholders as such', async () => {
    const d = validatePackage(await loadPackage(referencePath('leanix-example')));
    expect(new Set(d.filter((x) => x.severity === 'error').map((x) => x.code))).toEqual(new Set(['url.placeholder']));
  });
});
