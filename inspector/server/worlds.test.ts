import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/load.ts';
import { createWorld } from '../../harness/scenario/world.ts';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { createFakeLeanIX } from '../../mocks/leanix/fake.ts';
import { WorldRegistry } from './worlds.ts';

const TEXT = `name: import
given:
  leanix: { tenant: demo }
  eic: { package: ../fixtures/packages/leanix, fillPlaceholders: true }
steps:
  - name: import
    import: accounts
`;

async function world() {
  const parsed = parseScenario(TEXT, 'import.scenario.yaml');
  if (!parsed.ok) throw new Error('bad test scenario');
  return createWorld({
    file: 'import.scenario.yaml',
    scenario: parsed.scenario,
    resolvePath: (p) => resolve(PROJECT_ROOT, 'scenarios', p),
  });
}

describe('world registry', () => {
  it('keeps run worlds newest first, each with its own control API, and drops the oldest past the limit', async () => {
    const reg = new WorldRegistry({ live: await createFakeLeanIX(), keepRuns: 2 });
    const dropped = [
      reg.addRun('run-1', 's', 'first', await world()),
      reg.addRun('run-2', 's', 'second', await world()),
      reg.addRun('run-3', 's', 'third', await world()),
    ];
    expect(dropped.map((d) => d.map((w) => w.id))).toEqual([[], [], ['run-1']]);
    expect(reg.list().map((w) => w.id)).toEqual(['live', 'run-3', 'run-2']);
    expect(reg.get('run-1')).toBeUndefined();
    const w = reg.get('run-2')!;
    expect(reg.summary(w)).toMatchObject({
      id: 'run-2',
      kind: 'run',
      runId: 'run-2',
      scenario: 's',
      eic: { package: 'leanix' },
    });
    const res = await w.control(new Request('http://x/__harness/worlds/run-2/clock'));
    expect(((await res.json()) as { now: number }).now).toBe(w.fake.clock.now());
    expect(reg.summary(reg.live)).toMatchObject({ id: 'live', kind: 'live', eic: { package: null } });
  });

  it('keeps the last import and provisioning reports of a world, whoever runs the jobs', async () => {
    const reg = new WorldRegistry({ live: await createFakeLeanIX() });
    const wld = await world();
    reg.addRun('run-1', 's', 'import', wld);
    const entry = reg.get('run-1')!;
    expect(entry.lastImport).toBeNull();
    // a scenario step calls the world's emulator directly
    const report = await wld.emu.runAccountImport({ sleep: async (ms) => wld.fake.clock.advance(ms) });
    expect(entry.lastImport).toBe(report);
    expect(report.outcome).toBe('completed');
    const job = await wld.emu.runProvisioningJob();
    expect(entry.lastJob).toBe(job);
  });
});
