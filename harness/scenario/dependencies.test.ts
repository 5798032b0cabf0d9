import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDependencies } from './dependencies.ts';
import { parseScenario } from './load.ts';

const FILE = '/team/scenarios/story.scenario.yaml';
const loaded = (text: string) => {
  const parsed = parseScenario(text, FILE);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0].message);
  return { file: FILE, scenario: parsed.scenario, resolvePath: (p: string) => resolve(dirname(FILE), p) };
};

describe('scenarioDependencies', () => {
  it('lists the scenario file, then what given, every variant and every use step reference', () => {
    const deps = scenarioDependencies(
      loaded(`name: story
given:
  leanix: { tenantFile: ../tenants/acme.json }
  eic:
    package: ../connector
    patches: ../connector/tenant.patch.yaml
    connectionJson: ../secrets/ConnectionJSON.json
    connectorFiles: ../keys
variants:
  published: { given: { eic: { package: ../published/Connection_LeanIX.json, patches: [{ find: a, with: b }] } } }
  corrected: {}
steps:
  - name: the fix
    use: { package: ../fixed.zip, patches: ../fixed.patch.yaml, connectionJson: ../fixed/ConnectionJSON.json }
  - name: import
    import: accounts
`),
    );
    expect(deps.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'scenario /team/scenarios/story.scenario.yaml',
      'package /team/published/Connection_LeanIX.json',
      'connectionJson /team/secrets/ConnectionJSON.json',
      'connectorFiles /team/keys',
      'tenant /team/tenants/acme.json',
      'package /team/fixed.zip',
      'patch /team/fixed.patch.yaml',
      'connectionJson /team/fixed/ConnectionJSON.json',
      'package /team/connector',
      'patch /team/connector/tenant.patch.yaml',
    ]);
  });

  it('a scenario without files besides its own (a generated tenant, no package) depends on itself only', () => {
    const deps = scenarioDependencies(
      loaded('name: bare\ngiven: { leanix: { tenant: demo } }\nsteps: [{ name: later, clock: { advance: 1h } }]\n'),
    );
    expect(deps).toEqual([{ kind: 'scenario', path: FILE }]);
  });
});
