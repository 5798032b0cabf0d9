// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { summarize } from '../../lib/diagnostic.ts';
import { packageOf } from './testing.ts';
import { validatePackage } from './validate.ts';

const CONN = {
  authentications: { acctAuth: { authType: 'oauth2', url: 'https://acme.leanix.net/services/mtm/v1/oauth2/token' } },
};
const IMPORT = {
  accountParams: {
    connection: 'acctAuth',
    call: {
      call1: {
        callOrder: 0,
        http: { url: 'https://acme.leanix.net/users', httpMethod: 'GET' },
        listField: 'data',
        keyField: 'accountID',
        colsToPropsMap: { accountID: 'id~#~char', name: 'userName~#~char' },
      },
    },
  },
  entitlementParams: {
    connection: 'acctAuth',
    entTypes: {
      Permission: {
        call: {
          call1: {
            http: { url: 'https://acme.leanix.net/permissions', httpMethod: 'GET' },
            colsToPropsMap: { entitlementID: 'role~#~char', entitlement_value: 'role~#~char' },
            pagination: { nextUrl: { nextUrlPath: 'next' } },
          },
        },
      },
    },
  },
};
const addCall = (over: Record<string, unknown> = {}) => ({
  name: 'Permission',
  connection: 'acctAuth',
  url: 'https://acme.leanix.net/permissions',
  httpMethod: 'POST',
  httpParams: '{"role": "ADMIN"}',
  httpContentType: 'application/json',
  successResponses: { statusCode: [200] },
  ...over,
});

/** Sets a value at a path of a plain JSON object (test data only). */
function setAt(root: unknown, path: string[], value: unknown): void {
  let cur = root as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

const only = (d: Diagnostic[], code: string) => d.filter((x) => x.code === code);

describe('validatePackage', () => {
  it('gives a clean bill to a consistent package', () => {
    const d = validatePackage(
      packageOf({ ConnectionJSON: CONN, ImportAccountEntJSON: IMPORT, AddAccessJSON: { call: [addCall()] } }),
    );
    expect(d.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('reports JSON syntax errors with line and column and goes on with other attributes', () => {
    const d = validatePackage(
      packageOf({
        ConfigJSON: '{\n "showLogs": true,\n}',
        AddAccessJSON: { call: [addCall({ url: 'https://.x.net/a' })] },
      }),
    );
    expect(only(d, 'json.syntax')[0].location).toMatchObject({ attribute: 'ConfigJSON', line: 3, column: 1 });
    expect(only(d, 'url.blank-host')).toHaveLength(1);
  });

  it('reports template syntax errors found by the binding engine at the character, in the JSON text', () => {
    const text = '{\n  "call": [\n    {"name": "Permission", "url": "https://h.example.com/u/${user.a ?}"}\n  ]\n}';
    const f = validatePackage(packageOf({ AddAccessJSON: text })).filter((x) => x.code === 'template.syntax');
    expect(f).toHaveLength(1);
    expect(f[0].location).toMatchObject({ path: ['call', 0, 'url'], line: 3 });
    expect(text.split('\n')[2][f[0].location!.column! - 2]).toBe('?'); // the engine points just after the dangling '?'
  });

  it('renders ticketing bindings (§4: ${ticketID}) without a sample-render failure', () => {
    const d = validatePackage(
      packageOf({ TicketStatusJSON: { call: [addCall({ url: 'https://h.example.com/t/${ticketID}' })] } }),
    );
    expect(d.map((x) => x.code)).not.toContain('template.sample-render');
  });

  it('reports connection names missing from ConnectionJSON, with a suggestion', () => {
    const d = validatePackage(
      packageOf({ ConnectionJSON: CONN, AddAccessJSON: { call: [addCall({ connection: 'acctauth' })] } }),
    );
    expect(only(d, 'connection.unknown')).toMatchObject([
      { severity: 'error', location: { path: ['call', 0, 'connection'] }, hint: 'Did you mean "acctAuth"?' },
    ]);
  });

  it('inherits the section connection in import calls', () => {
    const bad = structuredClone(IMPORT);
    bad.entitlementParams.connection = 'entAuth';
    const d = validatePackage(packageOf({ ConnectionJSON: CONN, ImportAccountEntJSON: bad }));
    expect(only(d, 'connection.unknown')[0].location?.path).toEqual(['entitlementParams', 'connection']);
  });

  it('skips connection names with an info when ConnectionJSON is encrypted', () => {
    const d = validatePackage(
      packageOf({ AddAccessJSON: { call: [addCall({ connection: 'zzz' })] } }, { connectionEncrypted: true }),
    );
    expect(only(d, 'connection.unknown')).toEqual([]);
    expect(only(d, 'connection.unchecked')[0]).toMatchObject({
      severity: 'info',
      message: expect.stringMatching(/encrypted/),
    });
  });

  it('checks Add/RemoveAccess call names against entitlement types (reference §3.1)', () => {
    const d = validatePackage(
      packageOf({
        ImportAccountEntJSON: IMPORT,
        RemoveAccessJSON: { call: [addCall({ name: 'permission' }), addCall({ name: 'Role' })] },
      }),
    );
    const f = only(d, 'access.unknown-entitlement-type');
    expect(f.map((x) => x.location?.path)).toEqual([
      ['call', 0, 'name'],
      ['call', 1, 'name'],
    ]);
    expect(f[0].hint).toMatch(/Did you mean "Permission"/);
  });

  it('checks colsToPropsMap values and columns (reference §0, §2.3)', () => {
    const imp = structuredClone(IMPORT) as typeof IMPORT & Record<string, unknown>;
    imp.accountParams.call.call1.colsToPropsMap = {
      accountID: 'id~#~char',
      name: 'userName~#~string',
      customproperty9: 'scimManaged ~#~char',
      customproperty99: 'x~#~char',
      favouriteColour: 'c~#~char',
      displayName: 'dn',
      status: '#CONST#${response.active ? 1 : 2}~#~char',
    } as never;
    const d = validatePackage(packageOf({ ImportAccountEntJSON: imp }));
    const codes = d.filter((x) => x.code.startsWith('mapping.')).map((x) => [x.code, x.location?.path?.at(-1)]);
    expect(codes).toEqual([
      ['mapping.bad-type', 'name'],
      ['mapping.whitespace', 'customproperty9'],
      ['mapping.unknown-column', 'customproperty99'],
      ['mapping.unknown-column', 'favouriteColour'],
      ['mapping.bad-format', 'displayName'],
    ]);
  });

  it('flags pagination where EIC does not read it, and unknown pagination kinds', () => {
    const imp = structuredClone(IMPORT);
    setAt(imp, ['entitlementParams', 'entTypes', 'Permission', 'pagination'], { nextUrl: { nextUrlPath: 'x' } });
    setAt(imp, ['accountParams', 'call', 'call1', 'page'], { pageSize: 10 });
    setAt(imp, ['entitlementParams', 'entTypes', 'Permission', 'call', 'call1', 'pagination'], { cursor: {} });
    const d = validatePackage(packageOf({ ImportAccountEntJSON: imp }));
    expect(only(d, 'pagination.misplaced').map((x) => x.location?.path)).toEqual([
      ['accountParams', 'call', 'call1', 'page'],
      ['entitlementParams', 'entTypes', 'Permission', 'pagination'],
    ]);
    expect(only(d, 'pagination.unknown-kind')).toHaveLength(1);
    // the misplaced key is not reported a second time as an unknown key
    expect(only(d, 'schema.unknown-key')).toEqual([]);
  });

  it('reports a body that is not valid JSON with line, column and position in the template', () => {
    const d = validatePackage(
      packageOf({ AddAccessJSON: { call: [addCall({ httpParams: '{"role": "A" }","x": 1}' })] } }),
    );
    const f = only(d, 'body.invalid-json');
    expect(f).toHaveLength(1);
    expect(f[0].location?.offset).toBe('{"role": "A" }'.length);
    expect(f[0].message).toMatch(/line 1, column 15/);
  });

  it('does not check bodies sent as forms', () => {
    const d = validatePackage(
      packageOf({
        AddAccessJSON: {
          call: [addCall({ httpParams: 'a=1&b={', httpContentType: 'application/x-www-form-urlencoded' })],
        },
      }),
    );
    expect(only(d, 'body.invalid-json')).toEqual([]);
  });

  it('reports a top-level value that is not an object, and counts by severity', () => {
    const d = validatePackage(packageOf({ AddAccessJSON: '[1]', ConfigJSON: '"x"' }));
    expect(only(d, 'schema.type').length).toBeGreaterThanOrEqual(2);
    expect(summarize(d).errors).toBe(d.filter((x) => x.severity === 'error').length);
  });

  it('checks UpdateUserJSON actions and ConnectionJSON token URLs', () => {
    const d = validatePackage(
      packageOf({
        UpdateUserJSON: {
          actions: { Update: { call: [addCall({ url: 'https://h.example.com/u//x', connection: undefined })] } },
        },
        ConnectionJSON: { authentications: { a: { authType: 'oauth2', url: 'https://.x/token' } } },
      }),
    );
    expect(only(d, 'url.empty-segment')[0].location?.path).toEqual(['actions', 'Update', 'call', 0, 'url']);
    expect(only(d, 'url.blank-host')[0].location?.attribute).toBe('ConnectionJSON');
  });
});

describe('call rules', () => {
  it('flags unknown HTTP methods with the upper-case spelling (§2.2)', () => {
    const d = validatePackage(packageOf({ AddAccessJSON: { call: [addCall({ httpMethod: 'post' })] } }));
    expect(only(d, 'call.bad-method')[0].hint).toMatch(/"POST"/);
    const ok = validatePackage(packageOf({ AddAccessJSON: { call: [addCall({ httpMethod: 'GETWITHBODY' })] } }));
    expect(only(ok, 'call.bad-method')).toEqual([]);
  });

  it('flags "Bearer ${access_token}" when the auth block already has tokenType Bearer (§1.3)', () => {
    const conn = { authentications: { acctAuth: { ...CONN.authentications.acctAuth, tokenType: 'Bearer' } } };
    const headers = { Authorization: 'Bearer ${access_token}' };
    const d = validatePackage(
      packageOf({ ConnectionJSON: conn, AddAccessJSON: { call: [addCall({ httpHeaders: headers })] } }),
    );
    expect(only(d, 'header.double-token-type')[0].location?.path).toEqual(['call', 0, 'httpHeaders', 'Authorization']);
    const raw = { ...conn.authentications.acctAuth, tokenType: '' };
    const d2 = validatePackage(
      packageOf({
        ConnectionJSON: { authentications: { acctAuth: raw } },
        AddAccessJSON: { call: [addCall({ httpHeaders: headers })] },
      }),
    );
    expect(only(d2, 'header.double-token-type')).toEqual([]);
  });

  it('flags responses of calls that do not run earlier, accepting <name><k> for repeated names (§3.1)', () => {
    const calls = [
      addCall({ name: 'Role', httpParams: '{"a": "${response.Role2.message.id}"}' }),
      addCall({
        name: 'Role',
        httpParams: '{"a": "${response.Role1.message.id}", "b": "${response.call9.message.x}"}',
      }),
    ];
    const d = validatePackage(packageOf({ AddAccessJSON: { call: calls } }));
    expect(
      only(d, 'response.unknown-call').map((x) => [x.location?.path, x.message.match(/"(\w+)", which/)?.[1]]),
    ).toEqual([
      [['call', 0, 'httpParams'], 'Role2'],
      [['call', 1, 'httpParams'], 'call9'],
    ]);
  });

  it('checks accountIdPath and responseColsToPropsMap call names', () => {
    const d = validatePackage(
      packageOf({
        CreateAccountJSON: {
          accountIdPath: 'cal1.message.id',
          responseColsToPropsMap: { displayName: 'call1.message.name~#~char' },
          call: [addCall({ name: 'call1' })],
        },
      }),
    );
    expect(only(d, 'response.unknown-call').map((x) => x.location?.path)).toEqual([['accountIdPath']]);
    expect(only(d, 'response.unknown-call')[0].hint).toBe('Did you mean "call1"?');
  });

  it('warns about duplicate keys, whose first value JSON.parse drops', () => {
    const d = validatePackage(packageOf({ AddAccessJSON: '{"call": [], "call": []}' }));
    expect(only(d, 'json.duplicate-key')).toMatchObject([{ location: { path: ['call'], line: 1, column: 14 } }]);
  });
});

describe('secrets in findings', () => {
  const SECRET = 'SUPERSECRET123';

  it('never appear in messages, even when a template renders a connection value into a URL', () => {
    const conn = { authentications: { acctAuth: { ...CONN.authentications.acctAuth, apikey: SECRET } } };
    const url = 'https://.h.example.com/x?k=${connection.apikey}&apikey=' + SECRET;
    const d = validatePackage(packageOf({ ConnectionJSON: conn, AddAccessJSON: { call: [addCall({ url })] } }));
    expect(only(d, 'url.blank-host')).toHaveLength(1);
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });

  it('never appear in JSON syntax excerpts', () => {
    const text = `{"authentications": {"a": {"client_secret": "${SECRET}" "url": "https://h"}}}`;
    const d = validatePackage(packageOf({ ConnectionJSON: text }));
    expect(only(d, 'json.syntax')).toHaveLength(1);
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });
});
