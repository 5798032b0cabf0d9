import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_SPEC, generateTenant } from '../../fixtures/tenant/generate.ts';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { createFakeLeanIX } from '../../mocks/leanix/fake.ts';
import type { Notifier } from './events.ts';
import { type RunInfo, RunQueue } from './runs.ts';
import { defaultScenarioSource, ScenarioCatalog } from './scenarios.ts';
import { QUICK, VARIANTS } from './test-scenarios.ts';
import { WorldRegistry } from './worlds.ts';

async function setup(keepRuns = 10) {
  const live = await createFakeLeanIX({ tenant: generateTenant(DEMO_TENANT_SPEC) });
  const worlds = new WorldRegistry({ live, keepRuns });
  const sent: { event: string; data: unknown }[] = [];
  const events: Notifier = {
    send: (event, data) => sent.push({ event, data: structuredClone(data) }),
    notify: (world, topics) => sent.push({ event: 'change', data: { world, topics } }),
  };
  const catalog = new ScenarioCatalog(defaultScenarioSource(PROJECT_ROOT));
  const runs = new RunQueue({ catalog, worlds, events });
  return { worlds, catalog, runs, sent };
}

describe('run queue', () => {
  it('runs one at a time, in order, publishing each state change; run worlds past the limit are dropped', async () => {
    const { worlds, catalog, runs, sent } = await setup(1);
    catalog.upload('a.scenario.yaml', QUICK('a'));
    const [first] = runs.start('uploaded/a');
    const [second] = runs.start('uploaded/a');
    expect([first.id, second.id]).toEqual(['run-1', 'run-2']);
    expect(second.status).toBe('queued');
    await runs.idle();
    const order = sent
      .filter((e) => e.event === 'run')
      .map((e) => `${(e.data as RunInfo).id} ${(e.data as RunInfo).status}`)
      .filter((x, i, all) => all.indexOf(x) === i);
    expect(order).toEqual([
      'run-1 queued',
      'run-2 queued',
      'run-1 running',
      'run-1 passed',
      'run-2 running',
      'run-2 passed',
    ]);
    const last = sent.filter((e) => e.event === 'run' && (e.data as RunInfo).id === 'run-1').at(-1)?.data as RunInfo;
    expect(last.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
    // the step-by-step view: a step is running before it passes
    const steps = sent
      .filter((e) => e.event === 'run' && (e.data as RunInfo).id === 'run-1')
      .map((e) => (e.data as RunInfo).steps.map((s) => s.status).join(','));
    expect(steps).toContain('running,pending');
    expect(steps).toContain('passed,running');
    // keepRuns 1: run-1's world is gone and the run says so
    expect(worlds.list().map((w) => w.id)).toEqual(['live', 'run-2']);
    expect(runs.get('run-1')?.worldId).toBeUndefined();
    expect(runs.get('run-2')?.worldId).toBe('run-2');
    expect(runs.list().map((r) => r.id)).toEqual(['run-2', 'run-1']);
    // the run world's fake clock moved by the steps, the live one did not
    expect(worlds.get('run-2')!.fake.clock.now() - worlds.live.fake.clock.now()).toBe(25 * 3600_000);
  });

  it('reports a scenario that cannot start (bad package path) as error, without a world', async () => {
    const { catalog, runs, worlds } = await setup();
    catalog.upload('nopkg.yaml', QUICK('nopkg').replace('../fixtures/packages/leanix', './missing-package'));
    const [run] = runs.start('uploaded/nopkg');
    await runs.idle();
    expect(run.status).toBe('error');
    expect(run.error).toMatchObject({ code: 'package.not-found' });
    expect(run.worldId).toBeUndefined();
    expect(worlds.list()).toHaveLength(1);
  });

  it('runs every variant of a scenario with variants, one run each with its own steps, or the one asked for', async () => {
    const { catalog, runs } = await setup();
    catalog.upload('v.scenario.yaml', VARIANTS);
    const all = runs.start('uploaded/v');
    expect(all.map((r) => [r.name, r.variant, r.steps.map((s) => s.name)])).toEqual([
      ['two ways [a]', 'a', ['both']],
      ['two ways [b]', 'b', ['both', 'only b']],
    ]);
    const [b] = runs.start('uploaded/v', 'b');
    await runs.idle();
    expect(all.map((r) => r.status)).toEqual(['passed', 'passed']);
    expect(b).toMatchObject({ variant: 'b', status: 'passed' });
    expect(b.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
    expect(() => runs.start('uploaded/v', 'c')).toThrow(/has no variant "c"/);
    catalog.upload('q.scenario.yaml', QUICK('q'));
    expect(() => runs.start('uploaded/q', 'a')).toThrow(/has no variants/);
  });

  it('refuses to run a file that does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-runs-'));
    writeFileSync(join(dir, 'bad.scenario.yaml'), 'name: bad\nsteps:\n  - name: x\n    nope: 1\n');
    const runs = new RunQueue({
      catalog: new ScenarioCatalog({ paths: [dir], cwd: dir }),
      worlds: new WorldRegistry({ live: await createFakeLeanIX() }),
      events: { send() {}, notify() {} },
    });
    expect(() => runs.start('bad')).toThrow(/cannot run/);
  });
});
