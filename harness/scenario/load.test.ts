import { describe, expect, it } from 'vitest';
import { parseScenario } from './load.ts';
import { durationMs, scenarioJsonSchema } from './schema.ts';

const good = `
name: create account gives the mandatory VIEWER permission
given:
  leanix:
    tenant: demo
  eic:
    package: ../fixtures/packages/leanix
    identities:
      - { username: jdoe, firstname: Jane, email: jane@example.com }
steps:
  - name: create the account
    provision: { task: NEWACCOUNT, identity: jdoe }
    expect:
      leanix:
        permissions: [{ role: VIEWER }]
  - name: an hour later
    clock: { advance: 1h }
`;

describe('scenario files', () => {
  it('accepts a well-formed scenario and fills defaults', () => {
    const r = parseScenario(good, 'a.scenario.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.steps).toHaveLength(2);
      expect(r.scenario.steps[0].provision?.run).toBe('wsretry');
    }
  });

  it('names the line and the unknown key', () => {
    const bad = good.replace(
      '    provision: { task: NEWACCOUNT, identity: jdoe }',
      '    provison: { task: NEWACCOUNT }',
    );
    const r = parseScenario(bad, 'b.scenario.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const unknown = r.diagnostics.find((d) => d.message.includes("'provison'"));
      expect(unknown?.location?.file).toBe('b.scenario.yaml');
      expect(unknown?.location?.line).toBe(12);
      expect(r.diagnostics.some((d) => d.message.includes('exactly one action'))).toBe(true);
    }
  });

  it('rejects an unknown task type at its line', () => {
    const r = parseScenario(good.replace('NEWACCOUNT', 'NEWACCT'), 'c.scenario.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].location).toMatchObject({ line: 12, path: ['steps', 0, 'provision', 'task'] });
  });

  it('reports YAML syntax errors with a position', () => {
    const r = parseScenario('name: x\nsteps: [\n', 'd.scenario.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'scenario.yaml', location: { file: 'd.scenario.yaml' } });
  });

  it('parses durations', () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs(42)).toBe(42);
  });

  it('exports a JSON Schema that lists the step actions', () => {
    const schema = JSON.stringify(scenarioJsonSchema());
    for (const k of ['provision', 'wsretry', 'clock', 'faults']) expect(schema).toContain(`"${k}"`);
  });
});

describe('shipped JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { SCHEMA_FILE, schemaText } = await import('./write-schema.ts');
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });
});
