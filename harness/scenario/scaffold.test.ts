import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { parseAttribute } from '../package/attribute.ts';
import { loadPackage } from '../package/index.ts';
import { parseScenario } from './load.ts';
import {
  configuredImports,
  configuredTasks,
  entitlementType,
  existingAccountIn,
  flow,
  scaffoldScenario,
} from './scaffold.ts';

describe('flow', () => {
  it('writes YAML flow values that read back as the same data', async () => {
    const { parse } = await import('yaml');
    const v = { a: 'plain text', b: '{{workspaceId}}', c: 'true', d: [1, null, 'x: y'], 'e-f': { $count: 0 } };
    expect(flow(v)).toBe(
      '{ a: plain text, b: "{{workspaceId}}", c: "true", d: [1, null, "x: y"], "e-f": { $count: 0 } }',
    );
    expect(parse(flow(v))).toEqual(v);
  });
});

describe('scaffoldScenario', () => {
  it('one step per configured import and task type, valid per the schema, the findings as the validate step expects', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    pkg.attributes.ChangePassJSON = parseAttribute(
      'ChangePassJSON',
      '{"call": [{"name": "call1", "connection": "acctAuth", "url": "https://x.example/p", "httpMethod": "PUT"}]}',
      'inline',
    );
    pkg.attributes.DisableAccountJSON = parseAttribute('DisableAccountJSON', '{"call": []}', 'inline'); // no call: not configured
    expect(configuredImports(pkg)).toEqual(['accounts', 'access']);
    expect(configuredTasks(pkg)).toEqual([
      'NEWACCOUNT',
      'UPDATEACCOUNT',
      'ADDACCESS',
      'REMOVEACCESS',
      'CHANGEPASSWORD',
      'ENABLEACCOUNT',
      'REMOVEACCOUNT',
    ]);
    expect(entitlementType(pkg)).toBe('Permission');
    const text = scaffoldScenario({
      pkg,
      packagePath: 'pkg',
      patchFile: 'customer.patch.yaml',
      findings: [
        {
          code: 'url.whitespace',
          severity: 'error',
          message: 'x',
          location: { attribute: 'AddAccessJSON', path: ['call', 0, 'url'] },
        },
        {
          code: 'url.whitespace',
          severity: 'error',
          message: 'y',
          location: { attribute: 'AddAccessJSON', path: ['call', 0, 'url'] },
        },
        { code: 'patch.applied', severity: 'info', message: 'z' },
      ],
    });
    const parsed = parseScenario(text, 'case.scenario.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const steps = parsed.scenario.steps;
    expect(steps[0].expect?.diagnostics).toEqual([
      { code: 'url.whitespace', location: { attribute: 'AddAccessJSON', path: ['call', 0, 'url'] }, $count: 2 },
      { severity: 'error', $count: 2 },
      { severity: 'warning', $count: 0 },
    ]);
    expect(steps.find((s) => s.provision?.task === 'CHANGEPASSWORD')?.provision).toMatchObject({
      account: 'repro.user@example.com',
      password: 'Repro-Passw0rd!',
    });
    expect(steps.find((s) => s.provision?.task === 'ADDACCESS')?.provision?.entitlement).toEqual({
      type: 'Permission',
      id: 'ADMIN',
    });
    expect(parsed.scenario.given.eic).toMatchObject({
      package: 'pkg',
      patches: 'customer.patch.yaml',
      fillPlaceholders: true,
    });
    expect(parsed.scenario.given.eic?.connectionJson).toBeUndefined();
    // a support case runs every step; a team's first scenario stops at the first failure, as a regression test does
    expect(parsed.scenario.keepGoing).toBe(true);
    const init = parseScenario(scaffoldScenario({ pkg, packagePath: 'pkg', findings: [], purpose: 'init' }), 'x.yaml');
    expect(init.ok).toBe(true);
    expect(init.ok ? init.scenario.keepGoing : 'not parsed').toBeUndefined();
  });

  it('works on an existing account when the package cannot create one', async () => {
    const pkg = await loadPackage(LEANIX_PACKAGE_DIR);
    delete pkg.attributes.CreateAccountJSON;
    const text = scaffoldScenario({
      pkg,
      packagePath: 'p',
      findings: [],
      existingAccount: { name: 'ann@x.io', accountID: 'u-1' },
    });
    const parsed = parseScenario(text, 'c.scenario.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    expect(parsed.scenario.given.eic?.accounts).toEqual([{ name: 'ann@x.io', accountID: 'u-1', status: '1' }]);
    expect(parsed.scenario.steps.find((s) => s.provision?.task === 'ADDACCESS')?.provision?.account).toBe('ann@x.io');
  });
});

describe('existingAccountIn', () => {
  it('names a human of the tenant with an active permission in its first workspace, or none', async () => {
    const { generateTenant } = await import('../../fixtures/tenant/generate.ts');
    const data = generateTenant();
    const found = existingAccountIn(data);
    const user = data.users.find((u) => u.id === found?.accountID);
    expect(user?.technicalUser).toBe(false);
    expect(found?.name).toBe(user?.email);
    expect(
      data.permissions.some(
        (p) => p.userId === user?.id && p.workspaceId === data.workspaces[0].id && p.status === 'ACTIVE',
      ),
    ).toBe(true);
    expect(existingAccountIn({ ...data, permissions: [] })).toBeUndefined();
  });
});
