/**
 * The dry run's checks of rendered requests. Expected values: JSON per RFC 8259 (a quote inside a string value must
 * be escaped), forms per the WHATWG urlencoded format (`%` starts a two-digit escape), and Groovy's rendering of null
 * in a GString as the text "null"; the package is the project's corrected LeanIX package.
 */
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR, loadLeanixPackage } from '../fixtures/packages/leanix/index.ts';
import { checkRenderedRequests, dryRunTask, parseEntitlement } from './dry-run.ts';
import type { Exchange } from './http/types.ts';
import { loadPackage } from './package/index.ts';

const exchange = (body: string, contentType = 'application/json', url = 'https://h/x'): Exchange => ({
  seq: 1,
  at: 0,
  label: 'Permission',
  request: { method: 'POST', url, headers: { 'Content-Type': contentType }, body },
  durationMs: 0,
});
const TENANT = { host: 'demo', workspaceId: 'ws-1', accountId: 'acc-1', apiToken: 'tok-123456' };

describe('checkRenderedRequests', () => {
  it('reports a body that is not JSON as an error with line, column and offset, and the call path', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    const [d] = checkRenderedRequests([exchange('{"role": "VIEWER" }","user": 1}')], pkg, 'ADDACCESS');
    expect(d).toMatchObject({
      code: 'explain.body-invalid',
      severity: 'error',
      location: { attribute: 'AddAccessJSON', path: ['call', 0, 'httpParams'] },
    });
    expect(d.message).toContain('at line 1, column 20 of the rendered body (offset 19)');
    expect(d.message).toContain('{"role": "VIEWER" }⟨here⟩","user": 1}');
    expect(checkRenderedRequests([exchange('{"a":\n  1,}')], pkg, 'ADDACCESS')[0].message).toContain('line 2');
  });

  it('checks forms for broken % escapes and leaves other content types alone', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    const form = 'application/x-www-form-urlencoded';
    expect(checkRenderedRequests([exchange('a=100%&b=2', form)], pkg, 'ADDACCESS')[0].message).toContain(
      '"%" without two hex digits at line 1, column 6',
    );
    expect(checkRenderedRequests([exchange('a=100%25', form)], pkg, 'ADDACCESS')).toEqual([]);
    expect(checkRenderedRequests([exchange('<x>', 'application/xml')], pkg, 'ADDACCESS')).toEqual([]);
    // no content type: JSON when it looks like JSON
    expect(checkRenderedRequests([exchange('{bad', '')], pkg, 'ADDACCESS')).toHaveLength(1);
    expect(checkRenderedRequests([exchange('plain text', '')], pkg, 'ADDACCESS')).toEqual([]);
  });

  it('warns about values rendered as the text "null" in bodies, forms and URLs', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    const found = checkRenderedRequests(
      [
        exchange('{"workspace": {"id": "null"}, "list": ["a", "null"], "real": null}'),
        exchange('x=null&y=1', 'application/x-www-form-urlencoded'),
        exchange('{}', 'application/json', 'https://h/users/null?q=1'),
      ],
      pkg,
      'ADDACCESS',
    );
    expect(found.map((d) => [d.code, d.severity])).toEqual([
      ['explain.null-string', 'warning'],
      ['explain.null-string', 'warning'],
      ['explain.null-string', 'warning'],
      ['explain.null-string', 'warning'],
    ]);
    expect(found.map((d) => d.message.replace(/^.*\): /, ''))).toEqual([
      '$.workspace.id is the string "null"',
      '$.list[1] is the string "null"',
      'form field x is the string "null"',
      'the URL of call "Permission" has the text "null" in it: https://h/users/null?q=1',
    ]);
    expect(found[0].hint).toContain('--ent-attr customproperty5=');
  });
});

describe('dryRunTask', () => {
  it('reports the body a first name with a quote breaks, and never calls a tenant', async () => {
    const pkg = await loadLeanixPackage(TENANT);
    const r = await dryRunTask({
      package: pkg,
      task: { type: 'NEWACCOUNT', identity: 'oq', accountName: 'o@example.com' },
      identities: [{ username: 'oq', firstname: 'Sha"Quille', lastname: 'O', email: 'o@example.com' }],
    });
    expect(r.exchanges[0].request.url).toBe('https://demo.leanix.net/services/mtm/v1/users');
    expect(r.findings[0]).toMatchObject({
      code: 'explain.body-invalid',
      location: { attribute: 'CreateAccountJSON', path: ['call', 0, 'httpParams'] },
    });
    expect(r.findings[0].message).toContain('"firstName": "Sha"⟨here⟩Quille"');
  });

  it('sets the entitlement value attributes it is given, so the workspace is no longer "null"', async () => {
    const pkg = await loadLeanixPackage(TENANT);
    const task = {
      type: 'ADDACCESS' as const,
      identity: 'u',
      accountName: 'u@x',
      entitlement: parseEntitlement('Permission:ADMIN'),
    };
    const bare = await dryRunTask({ package: pkg, task, identities: [{ username: 'u' }] });
    expect(JSON.parse(bare.exchanges[0].request.body ?? '')).toMatchObject({ workspace: { id: 'null' } });
    expect(bare.findings.map((d) => d.code)).toEqual(['explain.null-string']);
    const set = await dryRunTask({
      package: pkg,
      task,
      identities: [{ username: 'u' }],
      entitlementAttributes: { customproperty5: 'ws-1' },
    });
    expect(JSON.parse(set.exchanges[0].request.body ?? '')).toMatchObject({ role: 'ADMIN', workspace: { id: 'ws-1' } });
    expect(set.findings).toEqual([]);
    expect(() => parseEntitlement('ADMIN')).toThrow(/type:id/);
    expect(() => parseEntitlement('Permission:')).toThrow(/type:id/);
  });
});
