/**
 * Watch mode in-process on a team-like folder: two scenarios on two copies of the LeanIX package. Each edit waits for
 * the round it causes (no timing thresholds: every wait is for an event, with the test's timeout as the only limit).
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { type WatchRound, watchScenarios } from './watch.ts';

const scenario = (name: string, pkg: string) => `name: ${name}
given:
  leanix: { tenant: demo }
  eic:
    package: ${pkg}
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create jane
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: VIEWER }] } }
`;

function teamFolder() {
  const root = mkdtempSync(join(tmpdir(), 'harness-watch-'));
  for (const pkg of ['connector-a', 'connector-b']) {
    mkdirSync(join(root, pkg));
    for (const f of readdirSync(LEANIX_PACKAGE_DIR).filter((n) => n.endsWith('JSON.json')))
      copyFileSync(join(LEANIX_PACKAGE_DIR, f), join(root, pkg, f));
  }
  mkdirSync(join(root, 'scenarios'));
  writeFileSync(join(root, 'scenarios', 'a.scenario.yaml'), scenario('scenario a', '../connector-a'));
  writeFileSync(join(root, 'scenarios', 'b.scenario.yaml'), scenario('scenario b', '../connector-b'));
  return root;
}

/** Starts watch mode on `root`; `next()` resolves with the next round. */
function start(root: string, paths = ['scenarios']) {
  const rounds: WatchRound[] = [];
  let waiting: ((r: WatchRound) => void) | undefined;
  let output = '';
  const ac = new AbortController();
  const done = watchScenarios({
    paths,
    cwd: root,
    signal: ac.signal,
    write: (t) => {
      output += t;
    },
    onRound: (r) => {
      rounds.push(r);
      waiting?.(r);
    },
  });
  let taken = 0;
  const next = () =>
    new Promise<WatchRound>((resolve) => {
      if (rounds.length > taken) return resolve(rounds[taken++]);
      waiting = (r) => {
        waiting = undefined;
        taken++;
        resolve(r);
      };
    });
  return { next, done, stop: () => ac.abort(), output: () => output };
}

const summary = (r: WatchRound) => r.results.map((x) => `${x.name}: ${x.status}`);

/**
 * The first round whose results read `want` (`name: status`). A slow machine may split one edit into two rounds: the
 * rounds before it may only rerun the same scenarios.
 */
async function until(w: ReturnType<typeof start>, want: string[]): Promise<WatchRound> {
  const names = want.map((x) => x.replace(/: \w+$/, ''));
  for (;;) {
    const r = await w.next();
    if (summary(r).join('\n') === want.join('\n')) return r;
    expect(r.results.map((x) => x.name)).toEqual(r.results.length > 0 ? names : []);
  }
}

describe('harness run --watch', () => {
  it('reruns only what an edit affects, survives bad edits, picks up new files and drops deleted ones', async () => {
    const root = teamFolder();
    const create = join(root, 'connector-a', 'CreateAccountJSON.json');
    const good = readFileSync(create, 'utf8');
    const w = start(root);
    try {
      const first = await w.next();
      expect(first.changed).toBeNull();
      expect(summary(first)).toEqual(['scenario a: passed', 'scenario b: passed']);

      // saves that leave the content as it was (connector-b's JSON, scenario b) are no change: no round runs scenario b
      const bCreate = join(root, 'connector-b', 'CreateAccountJSON.json');
      writeFileSync(bCreate, readFileSync(bCreate));
      const bFile = join(root, 'scenarios', 'b.scenario.yaml');
      writeFileSync(bFile, readFileSync(bFile));

      // an edit of connector-a's JSON reruns scenario a only, and its failure says why
      writeFileSync(create, good.replace('\\"role\\": \\"VIEWER\\"', '\\"role\\": \\"ADMIN\\"'));
      const edited = await until(w, ['scenario a: failed']);
      expect(edited.changed).toContain(create);
      expect(w.output()).toContain('connector-a/CreateAccountJSON.json changed: 1 run');
      expect(w.output()).toContain('- expected "VIEWER"');

      // an editor's save: a temporary file renamed over the original
      writeFileSync(`${create}.swp`, good);
      renameSync(`${create}.swp`, create);
      await until(w, ['scenario a: passed']);

      // invalid JSON fails the run with the package's typed error; the watcher goes on
      writeFileSync(create, '{ "call": [ ');
      await until(w, ['scenario a: failed']);
      expect(w.output()).toMatch(/CreateAccountJSON is not valid JSON/);
      writeFileSync(create, good);
      await until(w, ['scenario a: passed']);

      // invalid YAML in a scenario file: its typed error, no run, and the next save is read again
      const b = join(root, 'scenarios', 'b.scenario.yaml');
      writeFileSync(b, 'name: b\nsteps: [\n');
      let bad = await w.next();
      while (bad.problems.length === 0) bad = await w.next();
      expect(bad.results).toEqual([]);
      expect(bad.problems).toMatchObject([{ code: 'scenario.yaml', location: { file: b } }]);
      expect(w.output()).toContain('1 scenario file not loaded');
      writeFileSync(b, scenario('scenario b again', '../connector-b'));
      await until(w, ['scenario b again: passed']);

      // a package file deleted, then re-created
      rmSync(create);
      const gone = await until(w, ['scenario a: failed']);
      expect(gone.results[0].steps[0].failure).toContain('CreateAccountJSON');
      writeFileSync(create, good);
      await until(w, ['scenario a: passed']);

      // a new scenario file in a new sub-folder runs; a deleted one is dropped
      mkdirSync(join(root, 'scenarios', 'more'));
      writeFileSync(join(root, 'scenarios', 'more', 'c.scenario.yaml'), scenario('scenario c', '../../connector-b'));
      await until(w, ['scenario c: passed']); // (the new folder may be a round of its own, without runs)
      rmSync(b);
      let dropped = await w.next();
      while (dropped.removed.length === 0) dropped = await w.next();
      expect(dropped.removed).toEqual([b]);
      expect(dropped.results).toEqual([]);
    } finally {
      w.stop();
      await w.done;
    }
  }, 120_000);

  it('started where no scenarios folder exists yet, runs the first scenario written into a new one', async () => {
    const root = teamFolder();
    rmSync(join(root, 'scenarios'), { recursive: true });
    const w = start(root, []); // harness run's default: scenarios/**/*.scenario.yaml
    try {
      const first = await w.next();
      expect(first.results).toEqual([]);
      expect(w.output()).toContain('no *.scenario.yaml files match scenarios');
      mkdirSync(join(root, 'scenarios'));
      writeFileSync(join(root, 'scenarios', 'a.scenario.yaml'), scenario('scenario a', '../connector-a'));
      await until(w, ['scenario a: passed']);
    } finally {
      w.stop();
      await w.done;
    }
  }, 60_000);
});
