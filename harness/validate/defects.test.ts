// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
// Issue 14: the defect classes real packages ship with, each as a synthetic minimal case run through validatePackage
// (with the real binding engine). The same classes in real public files: defects-real.test.ts.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { packageOf } from './testing.ts';
import { MAX_DEPTH, validatePackage } from './validate.ts';

const call = (over: Record<string, unknown> = {}) => ({
  name: 'call1',
  connection: 'acctAuth',
  url: 'https://h.example.com/api/users',
  httpMethod: 'POST',
  httpParams: '{"email": "${user.email}"}',
  httpHeaders: { Authorization: '${access_token}' },
  httpContentType: 'application/json',
  successResponses: { statusCode: [200] },
  ...over,
});
const importCall = (over: Record<string, unknown> = {}) => ({
  callOrder: 0,
  http: {
    url: 'https://h.example.com/api/users',
    httpMethod: 'GET',
    httpHeaders: { Authorization: '${access_token}' },
  },
  listField: 'data',
  keyField: 'accountID',
  colsToPropsMap: { accountID: 'id~#~char', name: 'email~#~char' },
  ...over,
});
const only = (d: Diagnostic[], code: string) => d.filter((x) => x.code === code);
const codesAt = (d: Diagnostic[]) =>
  d.filter((x) => x.severity !== 'info').map((x) => [x.code, x.severity, x.location?.path]);

describe('1. responseColsToPropsMap targets must be account columns', () => {
  it('warns about identity attributes and "id" written as account columns', () => {
    const d = validatePackage(
      packageOf({
        CreateAccountJSON: {
          accountIdPath: 'call1.message.id',
          responseColsToPropsMap: {
            displayName: 'call1.message.name~#~char',
            firstname: 'call1.message.first~#~char',
            email: 'call1.message.email~#~char',
            id: 'call1.message.id~#~char',
            customproperty3: 'call1.message.kind~#~char',
          },
          call: [call()],
        },
      }),
    );
    const f = only(d, 'mapping.unknown-column');
    expect(f.map((x) => [x.severity, x.location?.path?.[1]])).toEqual([
      ['warning', 'firstname'],
      ['warning', 'email'],
      ['warning', 'id'],
    ]);
    expect(f[0].message).toMatch(/identity attribute/);
    expect(f[2].message).toMatch(/"accountID"/);
  });
});

describe('2. headers', () => {
  it('errs on an empty header name, warns on a blank value and a placeholder', () => {
    const headers = { '': '${access_token}', 'x-api-key': '', 'X-Tenant': '@TENANT@', 'Accept ': 'application/json' };
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [call({ httpHeaders: headers })] } }));
    expect(codesAt(d)).toEqual([
      ['header.empty-name', 'error', ['call', 0, 'httpHeaders', '']],
      ['header.blank-value', 'warning', ['call', 0, 'httpHeaders', 'x-api-key']],
      ['header.placeholder', 'error', ['call', 0, 'httpHeaders', 'X-Tenant']],
      ['header.invalid-name', 'warning', ['call', 0, 'httpHeaders', 'Accept ']],
    ]);
    expect(only(d, 'header.empty-name')[0].hint).toMatch(/"Authorization": "\$\{access_token\}"/);
  });

  it('checks the headers of ConnectionJSON token requests too', () => {
    const conn = {
      authentications: {
        acctAuth: { url: 'https://h.example.com/token', httpHeaders: { Authorization: 'Basic <apiTokenBasic>' } },
      },
    };
    const d = validatePackage(packageOf({ ConnectionJSON: conn }));
    expect(only(d, 'header.placeholder')[0]).toMatchObject({
      severity: 'warning',
      location: { path: ['authentications', 'acctAuth', 'httpHeaders', 'Authorization'] },
    });
  });
});

describe('3. placeholders and blanks anywhere', () => {
  it('finds placeholders in bodies, nextUrlPath and other URL fields, at their position', () => {
    const imp = {
      accountParams: {
        connection: 'acctAuth',
        call: {
          call1: importCall({
            pagination: {
              nextUrl: {
                nextUrlPath:
                  "${response?.completeResponseMap?.next==null?null:'@HOST_URL@/api/users?page='+response.completeResponseMap.next}",
              },
            },
          }),
        },
      },
    };
    const d = validatePackage(
      packageOf({
        ImportAccountEntJSON: imp,
        CreateAccountJSON: { call: [call({ httpParams: '{"org": "@ORG_ID@", "email": "${user.email}"}' })] },
      }),
    );
    const next = only(d, 'url.placeholder')[0];
    expect(next.location?.path?.slice(-1)).toEqual(['nextUrlPath']);
    expect(next.message).toMatch(/@HOST_URL@/);
    expect(only(d, 'value.placeholder')[0]).toMatchObject({
      severity: 'error',
      location: { path: ['call', 0, 'httpParams'] },
    });
  });

  it('checks literal URLs inside nextUrlPath for blanked segments', () => {
    const next = "${response?.objectList?.size()>0?'https://h.example.com/v2/orgs//users/'+n:null}";
    const d = validatePackage(
      packageOf({
        ImportAccountEntJSON: {
          accountParams: { call: { call1: importCall({ pagination: { nextUrl: { nextUrlPath: next } } }) } },
        },
      }),
    );
    const f = only(d, 'url.empty-segment');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/In a literal URL of the expression/);
  });

  it('flags a blanked last segment when the package blanks values elsewhere', () => {
    const d = validatePackage(
      packageOf({
        CreateAccountJSON: {
          call: [
            call({ url: 'https://h.example.com/v2/action/' }),
            call({ name: 'call2', url: 'https://h.example.com/v2/orgs//users' }),
          ],
        },
      }),
    );
    expect(only(d, 'url.blank-segment').map((x) => x.location?.path)).toEqual([['call', 0, 'url']]);
    const clean = validatePackage(
      packageOf({ CreateAccountJSON: { call: [call({ url: 'https://h.example.com/v2/action/' })] } }),
    );
    expect(only(clean, 'url.blank-segment')).toEqual([]);
  });
});

describe('4. hosts EIC cannot reach', () => {
  it('warns about localhost and private addresses in calls and token URLs', () => {
    const d = validatePackage(
      packageOf({
        ConnectionJSON: { authentications: { acctAuth: { url: 'http://127.0.0.1:8080/token' } } },
        AddAccessJSON: { call: [call({ name: 'Group', url: 'https://192.168.10.4/api/groups' })] },
      }),
    );
    expect(only(d, 'url.unreachable-host').map((x) => [x.severity, x.location?.attribute])).toEqual([
      ['warning', 'ConnectionJSON'],
      ['warning', 'AddAccessJSON'],
    ]);
  });
});

describe('5. pagination', () => {
  it('errs on pagination at the accountParams level, at the root and beside the call objects', () => {
    const imp = {
      pagination: { nextUrl: { nextUrlPath: 'next' } },
      accountParams: {
        pagination: { nextUrl: { nextUrlPath: 'next' } },
        call: { call1: importCall(), pagination: { nextUrl: { nextUrlPath: 'next' } } },
      },
    };
    const d = validatePackage(packageOf({ ImportAccountEntJSON: imp }));
    expect(only(d, 'pagination.misplaced').map((x) => [x.severity, x.location?.path])).toEqual([
      ['error', ['pagination']],
      ['error', ['accountParams', 'pagination']],
      ['error', ['accountParams', 'call', 'pagination']],
    ]);
    expect(only(d, 'pagination.misplaced')[1].hint).toMatch(/accountParams\.call\.call1\.pagination/);
    expect(only(d, 'schema.unknown-key')).toEqual([]);
  });

  it('warns about a literal totalCountPath and a page parameter already in the URL', () => {
    const c = importCall({
      http: { url: 'https://h.example.com/api/users?page=2&per_page=50', httpMethod: 'GET' },
      pagination: { page: { pageSizeParam: 'per_page', pageSize: 50, pageNumberParam: 'page', totalCountPath: '20' } },
    });
    const d = validatePackage(packageOf({ ImportAccountEntJSON: { accountParams: { call: { call1: c } } } }));
    expect(only(d, 'pagination.count-cap')[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/number 20/),
    });
    expect(only(d, 'pagination.param-in-url').map((x) => x.message.match(/sets (\S+)=/)?.[1])).toEqual([
      'page',
      'per_page',
    ]);
  });
});

describe('6. bindings', () => {
  it('warns about a variable EIC does not provide, with the name it meant', () => {
    const body = '{"id": "${entitlementValue.entitlementID}", "name": "${entitlementValue_entitlement_value}"}';
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [call({ name: 'Group', httpParams: body })] } }));
    const f = only(d, 'binding.unknown');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', hint: 'Did you mean ${entitlementValue.entitlement_value}?' });
    expect(f[0].location?.column).toBeDefined();
    // the body is still rendered and checked (the unknown name is bound to a sample), so no "could not render" info
    expect(only(d, 'template.sample-render')).toEqual([]);
  });

  it('accepts locals, closure parameters and the documented variables', () => {
    const url =
      'https://h.example.com/u/${String s = user.email; return s}/${[1,2].collect{ x -> x }.size()}/${requestAccessAttributes?.Role}';
    const d = validatePackage(packageOf({ UpdateAccountJSON: { call: [call({ url })] } }));
    expect(only(d, 'binding.unknown')).toEqual([]);
  });

  it('says that headers?.X-Current-Page is a subtraction, suggests the quoted name, and points at it', () => {
    const next =
      "${response?.objectList?.size()>0?'https://h.example.com/u?page='+Math.addExact(headers?.X-Current-Page,1):null}";
    const text = JSON.stringify(
      { accountParams: { call: { call1: importCall({ pagination: { nextUrl: { nextUrlPath: next } } }) } } },
      null,
      2,
    );
    const d = validatePackage(packageOf({ ImportAccountEntJSON: text }));
    const f = only(d, 'template.hyphenated-name');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', hint: "Quote the name: headers?.'X-Current-Page'." });
    expect(f[0].message).toMatch(/subtraction.*headers\?\.X - Current - Page/);
    const line = text.split('\n')[f[0].location!.line! - 1];
    expect(line.slice(f[0].location!.column! - 1).startsWith('X-Current-Page')).toBe(true);
    expect(only(d, 'binding.unknown')).toEqual([]); // "Current" is not reported a second time
  });
});

describe('6. fields EIC objects do not have', () => {
  it('warns about ${user.name} and ${user.id}, names the class and suggests the column meant', () => {
    const body = '{"n": "${user.name}", "f": "${user.firstname}", "e": "${entitlementValue.entitlementId}"}';
    const url = 'https://h.example.com/api/users/${user?.id}';
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [call({ name: 'Group', url, httpParams: body })] } }));
    const f = only(d, 'binding.unknown-column');
    expect(f.map((x) => [x.message.match(/^"([^"]+)"/)?.[1], x.severity, x.location?.path?.at(-1)])).toEqual([
      ['user.id', 'warning', 'url'],
      ['user.name', 'warning', 'httpParams'],
      ['entitlementValue.entitlementId', 'warning', 'httpParams'],
    ]);
    expect(f[0].message).toContain('No such property: id for class: com.saviynt.ecm.identitywarehouse.domain.Users');
    expect(f[2].hint).toBe('Did you mean ${entitlementValue.entitlementID}?');
  });

  it('accepts every column of the classes and the fields EIC records carry', () => {
    const body = '{"a": "${user.customproperty65}", "b": "${account.accountID}", "c": "${user.userkey}"}';
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [call({ name: 'Group', httpParams: body })] } }));
    expect(only(d, 'binding.unknown-column')).toEqual([]);
  });
});

describe('7. values padded with spaces in bodies', () => {
  it('warns about leading and trailing spaces around a placeholder, in string and object bodies', () => {
    const body =
      '{"employeeId": " ${user.employeeid}", "email": "${user.email}  ", "ok": "${user.firstname} ${user.lastname}"}';
    const d = validatePackage(
      packageOf({
        UpdateAccountJSON: {
          call: [
            call({ httpParams: body }),
            call({
              name: 'call2',
              httpParams: { mail: ' ${user.email}' },
              httpContentType: 'application/x-www-form-urlencoded',
            }),
          ],
        },
      }),
    );
    const f = only(d, 'body.padded-value');
    expect(f.map((x) => [x.severity, x.location?.path, x.message.match(/(leading|trailing)/)?.[1]])).toEqual([
      ['warning', ['call', 0, 'httpParams'], 'leading'],
      ['warning', ['call', 0, 'httpParams'], 'trailing'],
      ['warning', ['call', 1, 'httpParams', 'mail'], 'leading'],
    ]);
    expect(f[0].hint).toBe('Write "${user.employeeid}".');
  });
});

describe('7b. account columns that may be empty, inside a JSON string', () => {
  it('warns about a bare ${account.<column>} in a string, not about a default, an unquoted value, name or accountID', () => {
    const body =
      '{"role": "${account.customproperty6}", "id": "${account.accountID}", "n": "${account.name}", ' +
      '"r2": "${account.customproperty6 ?: \'ACCOUNTUSER\'}", "raw": ${account.customproperty7}, "u": "${user.email}"}';
    const pkg = packageOf({
      EnableAccountJSON: {
        call: [
          call({ httpParams: body }),
          call({ name: 'call2', httpParams: { last: '${account?.customproperty2}', first: '${account.name}' } }),
        ],
      },
    });
    const f = only(validatePackage(pkg), 'body.null-text');
    expect(f.map((x) => [x.severity, x.location?.path, x.message.split(' ')[0]])).toEqual([
      ['warning', ['call', 0, 'httpParams'], '${account.customproperty6}'],
      ['warning', ['call', 1, 'httpParams', 'last'], '${account?.customproperty2}'],
    ]);
    expect(f[0].message).toContain('the target receives "null"');
    expect(f[0].hint).toContain("${account.customproperty6 ?: '<default>'}");
    // it points at the placeholder in the attribute's text
    const { line = 0, column = 0 } = f[0].location ?? {};
    const text = pkg.attributes.EnableAccountJSON!.text.split('\n')[line - 1] ?? '';
    expect(text.slice(column - 1)).toMatch(/^\$\{account\.customproperty6\}/);
  });
});

describe('8. formats EIC accepts', () => {
  it('accepts ImportUserJSON multiCall and checks each of its calls', () => {
    const imp = {
      type: 'multiCall',
      connection: 'userAuth',
      call: [
        {
          url: 'https://h.example.com/api/employees',
          httpMethod: 'GET',
          userResponsePath: 'data',
          colsToPropsMap: { username: 'id~#~char' },
        },
        { url: 'https://.example.com/api/contractors', httpMethod: 'GET', colsToPropsMap: { username: 'id~#~char ' } },
      ],
    };
    const d = validatePackage(packageOf({ ImportUserJSON: imp }));
    expect(codesAt(d)).toEqual([
      ['url.blank-host', 'error', ['call', 1, 'url']],
      ['mapping.whitespace', 'warning', ['call', 1, 'colsToPropsMap', 'username']],
    ]);
  });

  it('warns when type and call do not go together', () => {
    const d = validatePackage(packageOf({ ImportUserJSON: { call: [{ url: 'https://h.example.com/x' }] } }));
    expect(only(d, 'import.form')[0]).toMatchObject({ severity: 'warning', hint: 'Add "type": "multiCall".' });
  });

  it('makes a trailing space in a mapping type a warning, not an error', () => {
    const d = validatePackage(
      packageOf({
        ImportAccountEntJSON: {
          accountParams: { call: { call1: importCall({ colsToPropsMap: { accountID: 'id~#~char ' } }) } },
        },
      }),
    );
    expect(only(d, 'mapping.whitespace')[0].severity).toBe('warning');
  });
});

describe('9. messages', () => {
  it('gives no "could not render" info on a value that has a syntax error', () => {
    const d = validatePackage(
      packageOf({ AddAccessJSON: { call: [call({ name: 'Group', httpParams: '{"a": "${user.email ?}"}' })] } }),
    );
    expect(only(d, 'template.syntax')).toHaveLength(1);
    expect(only(d, 'template.sample-render')).toEqual([]);
  });

  it('reports JSON nested beyond the limit as json.too-deep instead of overflowing the stack', () => {
    const n = 5000;
    const text = `{"call":[{"name":"x","url":"https://h.example.com/","httpParams":${'['.repeat(n)}${']'.repeat(n)}}]}`;
    const pkg = packageOf({});
    pkg.attributes.AddAccessJSON = {
      name: 'AddAccessJSON',
      text,
      json: JSON.parse(text),
      source: 'AddAccessJSON.json',
    };
    const d = validatePackage(pkg);
    const f = d.filter((x) => x.severity !== 'info');
    expect(f.map((x) => x.code)).toEqual(['json.too-deep']);
    expect(f[0].message).toMatch(/nests 5003 levels/);
  });

  it('still checks an attribute nested just under the limit', () => {
    const n = MAX_DEPTH - 5;
    const text = `{"call":[{"name":"x","url":"https://.example.com/","httpParams":${'['.repeat(n)}${']'.repeat(n)}}]}`;
    const pkg = packageOf({});
    pkg.attributes.AddAccessJSON = {
      name: 'AddAccessJSON',
      text,
      json: JSON.parse(text),
      source: 'AddAccessJSON.json',
    };
    expect(validatePackage(pkg).map((x) => x.code)).toContain('url.blank-host');
  });
});
