// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
// Issue 14: each defect class found in real public package files. Corpus files are read from ../shared/reference
// (lib/reference.ts; skipped when absent, files read inside the tests). Classes the corpus has no example of are
// shown on short excerpts quoted verbatim (CRLF → LF) from saviynt/saviynt-connectors @e79bd77615, named per test.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../../lib/reference.ts';
import { parseAttribute } from '../package/attribute.ts';
import { loadPackage } from '../package/load.ts';
import { packageOf } from './testing.ts';
import { validatePackage } from './validate.ts';

const corpus = async (...files: string[]) => {
  const out: Diagnostic[] = [];
  for (const f of files) out.push(...validatePackage(await loadPackage(referencePath('corpus', f))));
  return out;
};
const only = (d: Diagnostic[], code: string) => d.filter((x) => x.code === code);
const at = (d: Diagnostic[]) =>
  d.map((x) => `${x.location?.file?.replace(/^.*\//, '')} ${JSON.stringify(x.location?.path)}`);

describe.skipIf(!hasReference)(`issue 14 classes in the corpus ${hasReference ? '' : NO_REFERENCE}`, () => {
  it('1. digicert, ironclad, medallia, thales CreateAccountJSON map firstname/lastname as account columns', async () => {
    const files = ['digicert', 'ironclad', 'medallia', 'thales'].map((a) => `${a}-CreateAccountJSON.json`);
    const f = only(await corpus(...files), 'mapping.unknown-column');
    expect(f).toHaveLength(8);
    expect(new Set(f.map((x) => x.location?.path?.join('.')))).toEqual(
      new Set(['responseColsToPropsMap.firstname', 'responseColsToPropsMap.lastname']),
    );
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });

  it('6. onetrust UpdateAccountJSON reads ${user.custompropertry6} (and four more misspellings) of EIC Users', async () => {
    const f = only(await corpus('onetrust-UpdateAccountJSON.json'), 'binding.unknown-column');
    expect(f.map((x) => x.message.match(/^"user\.([^"]+)"/)?.[1])).toEqual([
      'custompropertry6',
      'custompropertry',
      'custompropertry10',
      'custompropertry9',
      'custompropertry5',
    ]);
    expect(f[0].hint).toBe('Did you mean ${user.customproperty6}?');
  });

  it('3. placeholders beyond url: google-analytics and cornerstone-hr nextUrlPath, blackline token body', async () => {
    const ga = only(await corpus('google-analytics-ImportAccountEntJSON.json'), 'url.placeholder').filter(
      (x) => x.location?.path?.at(-1) === 'nextUrlPath',
    );
    expect(ga.map((x) => x.message.match(/placeholder (.+?) \(/)?.[1])).toEqual(['< ACC ID>', '@URL@', '@HOSTURL@']);
    const cs = only(await corpus('cornerstone-hr-ImportUserJSON.json'), 'url.placeholder');
    expect(at(cs)).toEqual(['cornerstone-hr-ImportUserJSON.json ["pagination","nextUrl","nextUrlPath"]']);
    const bl = only(await corpus('blackline-ConnectionJSON.json'), 'value.placeholder');
    expect(bl.find((x) => x.location?.path?.at(-1) === 'client_secret')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/@@CLIENT_SECRET@@/),
    });
  });

  it('4. opsramp ConnectionJSON and CreateAccountJSON call https://hostname/...', async () => {
    const f = only(
      await corpus('opsramp-ConnectionJSON.json', 'opsramp-CreateAccountJSON.json'),
      'url.unreachable-host',
    );
    expect(f.map((x) => [x.severity, x.location?.attribute])).toEqual([
      ['warning', 'ConnectionJSON'],
      ['warning', 'CreateAccountJSON'],
    ]);
    expect(f[0].message).toMatch(/"hostname" is a single-label name/);
  });

  it('5. rippling-hr and sap-btp cap the import with a literal totalCountPath; paychex pages a URL with offset=5', async () => {
    const caps = only(
      await corpus(
        'rippling-hr-ImportAccountEntJSON.json',
        'sap-business-technology-platform-sap-btp-ImportAccountEntJSON.json',
      ),
      'pagination.count-cap',
    );
    expect(caps.map((x) => x.message.match(/number (\d+)/)?.[1])).toEqual(['1000', '5000', '5000']);
    const px = only(await corpus('paychex-flex-hr-ImportAccountEntJSON.json'), 'pagination.param-in-url');
    expect(px.map((x) => x.message.match(/sets (\S+),/)?.[1])).toEqual(['offset=5', 'limit=5']);
  });

  it('5. cloudflare and thales write "page" directly in the call: an error, like the LeanIX entType-level one', async () => {
    const f = only(
      await corpus('cloudflare-ImportAccountEntJSON.json', 'thales-ImportAccountEntJSON.json'),
      'pagination.misplaced',
    );
    expect(f.map((x) => x.severity)).toEqual(['error', 'error', 'error']);
  });

  it('7. the LeanIX CreateAccountJSON has no padded value; padding one of its values is found', async () => {
    const real = (await loadPackage(referencePath('corpus', 'leanix-CreateAccountJSON.json'))).attributes
      .CreateAccountJSON!;
    expect(only(validatePackage(packageOf({ CreateAccountJSON: real.text })), 'body.padded-value')).toEqual([]);
    const padded = real.text.replace('\\"${user.firstname}\\"', '\\" ${user.firstname}\\"');
    expect(padded).not.toBe(real.text);
    const f = only(validatePackage(packageOf({ CreateAccountJSON: padded })), 'body.padded-value');
    expect(f.map((x) => [x.severity, x.location?.path])).toEqual([['warning', ['call', 0, 'httpParams']]]);
  });

  it('7b. LeanIX Enable/RemoveAccountJSON send "role": "${account.customproperty6}", opsramp AddAccessJSON both names', async () => {
    const f = only(
      await corpus('leanix-EnableAccountJSON.json', 'leanix-RemoveAccountJSON.json', 'opsramp-AddAccessJSON.json'),
      'body.null-text',
    );
    expect(f.map((x) => `${x.location?.file?.replace(/^.*\//, '')} ${x.message.split(' ')[0]}`)).toEqual([
      'leanix-EnableAccountJSON.json ${account.customproperty6}',
      'leanix-RemoveAccountJSON.json ${account.customproperty6}',
      'opsramp-AddAccessJSON.json ${account.customproperty2}',
      'opsramp-AddAccessJSON.json ${account.customproperty1}',
    ]);
    // the corrected package's ternary is not a bare column
    const fixed = await loadPackage(new URL('../../fixtures/packages/leanix', import.meta.url).pathname);
    expect(only(validatePackage(fixed), 'body.null-text')).toEqual([]);
  });

  it('8. xero and cornerstone-hr ImportUserJSON calls in the multiCall form are accepted and still checked', async () => {
    const xero = JSON.parse(await readCorpus('xero-ImportUserJSON.json'));
    const cs = JSON.parse(await readCorpus('cornerstone-hr-ImportUserJSON.json'));
    const d = validatePackage(packageOf({ ImportUserJSON: { type: 'multiCall', call: [xero, cs] } }));
    expect(d.filter((x) => x.code.startsWith('schema.') || x.code === 'import.form')).toEqual([]);
    expect(only(d, 'url.placeholder').map((x) => x.location?.path)).toEqual([
      ['call', 0, 'url'],
      ['call', 1, 'pagination', 'nextUrl', 'nextUrlPath'],
    ]);
    expect(only(d, 'url.invalid').map((x) => x.location?.path)).toEqual([['call', 1, 'url']]);
  });

  it('8. aa360 CreateAccountJSON "call.message.id~#~char ": a warning, not an error', async () => {
    const f = only(await corpus('aa360-CreateAccountJSON.json'), 'mapping.whitespace');
    expect(f.map((x) => [x.severity, x.location?.path])).toEqual([
      ['warning', ['responseColsToPropsMap', 'customproperty12']],
    ]);
  });

  it('9. signal-sciences AddAccessJSON and qualtrics AddAccessJSON are quoted as written, positions in the template', async () => {
    const ss = only(await corpus('signal-sciences-AddAccessJSON.json'), 'url.placeholder')[0];
    expect(ss.message).toContain('${entitlementValue.entitlementID}');
    expect(ss.message).not.toContain('/sites/ADMIN/');
    const q = only(await corpus('qualtrics-AddAccessJSON.json'), 'body.invalid-json')[0];
    const body = '{"userId":["${account.accountID}"]}}';
    expect(q.location?.offset).toBe(body.length - 1);
    expect(q.message).toContain('"${account.accountID}"]}⟨here⟩}');
    expect(q.message).not.toMatch(/3f2b6c1e/);
  });
});

async function readCorpus(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(referencePath('corpus', file), 'utf8');
}

/** An attribute from text, as the loader builds it (so line/column point into this text). */
const attr = (name: string, text: string) => ({ [name]: parseAttribute(name, text, `${name}.json`).text });

// Lessonly, AddAccessJSON (saviynt/saviynt-connectors @e79bd77615 `Lessonly/src/Connection_2023-05-12_06-58-25(UTC).json`).
const LESSONLY_ADD_ACCESS = `{
  "call": [
    {
      "name": "Group",
      "connection": "acctAuth",
      "url": "@HOST_URL@/api/v1/users/\${account.accountID}/groups",
      "httpMethod": "POST",
      "httpParams": "{\\"type\\":\\"user_groups\\",\\"memberships\\":[{\\"id\\":\\"\${entitlementValue.entitlementID}\\",\\"name\\":\\"\${entitlementValue_entitlement_value}\\"}]}",
      "httpHeaders": {
        "": "\${access_token}",
        "Accept": "application/json"
      },
      "httpContentType": "application/json",
      "successResponses": {
        "statusCode": [
          200,
          201
        ]
      }
    }
  ]
}`;

// Adobe Creative Cloud, CreateAccountJSON (saviynt/saviynt-connectors @e79bd77615
// `Adobe Creative Cloud/src/Connection_2023-05-05_11-57-01(UTC).json`).
const ADOBE_CREATE_ACCOUNT = `{
  "accountIdPath": "call2.message.user.id",
  "call": [
    {
      "name": "call1",
      "connection": "acctAuth",
      "showResponse": true,
      "url": "https://usermanagement.adobe.io/v2/usermanagement/action/",
      "httpMethod": "POST",
      "httpParams": "[{\\"user\\":\\"\${(user.regioncode=='Employee')?user.email : user.email}\\",\\"requestID\\":\\"action_1\\",\\"do\\":[{\\"\${(user.regioncode=='Employee')?'createFederatedID' : 'addAdobeID'}\\":{\\"email\\":\\"\${user.email}\\",\\"country\\":\\"\${user.country}\\",\\"firstname\\":\\"\${user.firstname}\\",\\"lastname\\":\\"\${user.lastname}\\",\\"option\\":\\"ignoreIfAlreadyExists\\"}}]}]",
      "httpHeaders": {
        "Authorization": "\${access_token}",
        "Accept": "application/json",
        "x-api-key": ""
      },
      "httpContentType": "application/json",
      "successResponses": {
        "result": "success"
      }
    },
    {
      "name": "call2",
      "connection": "acctAuth",
      "showResponse": true,
      "url": "https://usermanagement.adobe.io/v2/usermanagement/organizations//users/\${user.email}",
      "httpMethod": "GET",
      "httpParams": "",
      "httpHeaders": {
        "Authorization": "\${access_token}",
        "Accept": "application/json",
        "x-api-key": ""
      },
      "httpContentType": "application/json",
      "successResponses": {
        "statusCode": [
          200,
          201
        ]
      }
    }
  ]
}`;

// Adobe Creative Cloud, ImportAccountEntJSON accountParams.call.call1.pagination (same export), in a minimal import.
const ADOBE_NEXT_URL =
  "${response?.objectList?.size()>0?'https://usermanagement.adobe.io/v2/usermanagement/users//'+Math.addExact(headers?.X-Current-Page,1)+':null}";

describe('issue 14 classes in real files outside the corpus (quoted excerpts)', () => {
  it('2 and 6. Lessonly AddAccessJSON: ${access_token} under the header name "", ${entitlementValue_entitlement_value}', () => {
    const d = validatePackage(packageOf(attr('AddAccessJSON', LESSONLY_ADD_ACCESS)));
    expect(d.filter((x) => x.severity !== 'info').map((x) => [x.code, x.severity, x.location?.path])).toEqual([
      ['binding.unknown', 'warning', ['call', 0, 'httpParams']],
      ['url.placeholder', 'error', ['call', 0, 'url']],
      ['header.empty-name', 'error', ['call', 0, 'httpHeaders', '']],
    ]);
    const b = only(d, 'binding.unknown')[0];
    expect(b.hint).toBe('Did you mean ${entitlementValue.entitlement_value}?');
    expect(LESSONLY_ADD_ACCESS.split('\n')[b.location!.line! - 1].slice(b.location!.column! - 1)).toMatch(
      /^entitlementValue_entitlement_value/,
    );
  });

  it('2 and 3. Adobe CreateAccountJSON: blank x-api-key headers, action/ with its org id blanked, organizations//users', () => {
    const d = validatePackage(packageOf(attr('CreateAccountJSON', ADOBE_CREATE_ACCOUNT)));
    expect(d.filter((x) => x.severity !== 'info').map((x) => [x.code, x.severity, x.location?.path])).toEqual([
      ['url.blank-segment', 'warning', ['call', 0, 'url']],
      ['url.empty-segment', 'error', ['call', 1, 'url']],
      ['header.blank-value', 'warning', ['call', 0, 'httpHeaders', 'x-api-key']],
      ['header.blank-value', 'warning', ['call', 1, 'httpHeaders', 'x-api-key']],
    ]);
  });

  it('6. Adobe nextUrlPath: headers?.X-Current-Page is a subtraction; also its unbalanced quote and users//', () => {
    const imp = {
      accountParams: {
        connection: 'acctAuth',
        call: {
          call1: {
            http: { url: 'https://usermanagement.adobe.io/v2/usermanagement/users//0' },
            pagination: { nextUrl: { nextUrlPath: ADOBE_NEXT_URL } },
          },
        },
      },
    };
    const d = validatePackage(packageOf({ ImportAccountEntJSON: imp }));
    const next = d.filter((x) => x.location?.path?.at(-1) === 'nextUrlPath');
    expect(next.map((x) => [x.code, x.severity])).toEqual([
      ['template.syntax', 'error'],
      ['template.hyphenated-name', 'error'],
      ['url.empty-segment', 'error'],
    ]);
    expect(next[1].hint).toBe("Quote the name: headers?.'X-Current-Page'.");
  });
});
