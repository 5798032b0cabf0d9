/** `harness explain` on the corrected LeanIX package (its AddAccessJSON / CreateAccountJSON are the expectation source). */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../../fixtures/packages/leanix/index.ts';
import { LEANIX_PUBLISHED_DIR } from '../../../fixtures/packages/leanix-published/index.ts';
import { TOKEN_SERVER_DIR } from '../../../fixtures/token-server/index.ts';
import { runCaptured as cli } from '../testing.ts';

const PATCH = `${LEANIX_PACKAGE_DIR}/demo-tenant.patch.yaml`;

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness explain', () => {
  it('prints the requests of a NEWACCOUNT with the identity bound, the token redacted', async () => {
    const r = await cli(['explain', LEANIX_PACKAGE_DIR, 'newaccount', '-p', PATCH, '-u', 'email=jane@example.com']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. call1: POST https://demo.leanix.net/services/mtm/v1/users');
    expect(r.out).toContain('"email": "jane@example.com"');
    expect(r.out).toContain('"user": {"id": "dry-run-id"}'); // call2 reads call1's (stubbed) response
    expect(r.out).toContain('Bearer [REDACTED]');
    expect(r.out).toContain('NEWACCOUNT would send 2 request(s)');
  });

  it('binds the entitlement of an ADDACCESS', async () => {
    const r = await cli(['explain', LEANIX_PACKAGE_DIR, 'ADDACCESS', '-p', PATCH, '-e', 'Permission:ADMIN', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.exchanges).toHaveLength(1);
    expect(JSON.parse(doc.exchanges[0].request.body)).toMatchObject({ role: 'ADMIN', user: { id: 'dry-run-id' } });
  });

  it('sets the entitlement value attributes with --ent-attr, and warns about a value rendered as "null"', async () => {
    const args = [
      'explain',
      LEANIX_PACKAGE_DIR,
      'ADDACCESS',
      '-p',
      PATCH,
      '-u',
      'email=jane@example.com',
      '-e',
      'Permission:ADMIN',
    ];
    const bare = await cli(args);
    expect(bare.code).toBe(0);
    expect(bare.out).toContain('"workspace": {"id": "null"}');
    expect(bare.out).toContain('warning [explain.null-string] AddAccessJSON $.call[0].httpParams:');
    expect(bare.out).toContain('$.workspace.id is the string "null"');
    expect(bare.out).toContain('ADDACCESS would send 1 request(s); 1 value(s) rendered as the text "null"');
    const set = await cli([...args, '--ent-attr', 'customproperty5=7d033da9-af91-40b5-830b-7d53fcf0518b']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('"workspace": {"id": "7d033da9-af91-40b5-830b-7d53fcf0518b"}');
    expect(set.out).not.toContain('explain.null-string');
    expect((await cli(['explain', LEANIX_PACKAGE_DIR, 'ADDACCESS', '--ent-attr', 'x=1'])).code).toBe(2);
    expect((await cli([...args, '--ent-attr', 'customproperty5'])).code).toBe(2);
  });

  it('reports a body that is not valid JSON as an error with its position and exits 1, never as simply "would be sent"', async () => {
    const r = await cli(['explain', LEANIX_PUBLISHED_DIR, 'REMOVEACCESS', '-p', PATCH, '-e', 'Permission:ADMIN']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'error [explain.body-invalid] RemoveAccessJSON $.call[0].httpParams: the request body of call "Permission"',
    );
    expect(r.out).toContain('line 1, column 20 of the rendered body (offset 19): {"role": "VIEWER" }⟨here⟩","user"');
    expect(r.out).toContain(
      'REMOVEACCESS would send 1 request(s), but 1 of them has a body that is not valid for its content type and would be rejected',
    );
    const json = await cli([
      'explain',
      LEANIX_PUBLISHED_DIR,
      'REMOVEACCESS',
      '-p',
      PATCH,
      '-e',
      'Permission:ADMIN',
      '--json',
    ]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).findings[0]).toMatchObject({ code: 'explain.body-invalid', severity: 'error' });
    expect(json.err).toContain('explain.body-invalid');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['explain', LEANIX_PACKAGE_DIR, 'FLY'])).code).toBe(2);
    expect((await cli(['explain', LEANIX_PACKAGE_DIR, 'ADDACCESS', '-e', 'ADMIN'])).code).toBe(2);
    expect((await cli(['explain', '/nonexistent/pkg', 'NEWACCOUNT'])).code).toBe(2);
  });

  it('shows the rendered token request of the connection first, redacted', async () => {
    const r = await cli(['explain', LEANIX_PACKAGE_DIR, 'newaccount', '-p', PATCH, '-u', 'email=jane@example.com']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Connection acctAuth \(oauth2\): token request, sent when a call is rejected \(the stored accessToken is tried first\):\n {3}token: POST https:\/\/demo\.leanix\.net\/services\/mtm\/v1\/oauth2\/token\n {5}Authorization: Basic \[REDACTED\]\n/,
    );
    expect(r.out).toContain('     body: grant_type=client_credentials\n');
    const json = JSON.parse((await cli(['explain', LEANIX_PACKAGE_DIR, 'NEWACCOUNT', '-p', PATCH, '--json'])).out);
    expect(json.tokenRequests[0]).toMatchObject({
      connection: 'acctAuth',
      authType: 'oauth2',
      requests: [{ label: 'token' }],
    });
  });

  it('shows each flow: Jwt assertion and refreshTokenCall redacted, no request for static keys and signatures', async () => {
    const pkg = join(TOKEN_SERVER_DIR, 'package');
    const conn = (f: string) => join(TOKEN_SERVER_DIR, 'connections', f);
    const jwt = await cli(['explain', pkg, 'NEWACCOUNT', '-c', conn('jwt-assertion.json')]);
    expect(jwt.out).toContain('Connection acctAuth (Jwt): token request');
    expect(jwt.out).toContain('assertion=%5BREDACTED%5D');
    const call = await cli(['explain', pkg, 'NEWACCOUNT', '-c', conn('oauth2-refresh-token-call.json')]);
    expect(call.out).toContain('   refresh-token: POST https://tokens.example.test/oauth/idp');
    expect(call.out).toContain('private_key=[REDACTED]');
    const statik = await cli(['explain', pkg, 'NEWACCOUNT', '-c', conn('static-key.json')]);
    expect(statik.out).toContain('Connection acctAuth (oauth2): no token request: static key (tokenResponsePath "")');
    const hmac = await cli(['explain', pkg, 'NEWACCOUNT', '-c', conn('basic-with-hmac.json')]);
    expect(hmac.out).toContain('no token request: BasicWithHmac signs each request');
    expect(hmac.out).toMatch(/Date: Wed, 01 Jan 2025 00:00:00 -0000/);
  });

  it('exits 1 when a token request cannot be rendered (a Jwt without a usable key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explain-jwt-'));
    const block = JSON.parse(readFileSync(join(TOKEN_SERVER_DIR, 'connections', 'jwt-assertion.json'), 'utf8'));
    block.authentications.acctAuth.jwtConfig.key = 'not a key';
    writeFileSync(join(dir, 'ConnectionJSON.json'), JSON.stringify(block));
    const r = await cli([
      'explain',
      join(TOKEN_SERVER_DIR, 'package'),
      'NEWACCOUNT',
      '-c',
      join(dir, 'ConnectionJSON.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Connection acctAuth: the token request cannot be rendered:');
    expect(r.err).toContain('[auth.jwt-key]');
  });
});
