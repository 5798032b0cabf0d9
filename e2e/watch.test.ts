/**
 * `harness run --watch` end to end: the CLI started on a temporary team folder (a package and a scenario), a package
 * file edited, the rerun and its result read from the output, then Ctrl+C. No timing thresholds: each wait is for a
 * line of output, with a generous timeout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

/** The child's output so far, and a wait for a pattern in what arrives after offset `from` (returns the match's end). */
function output(c: ChildProcess) {
  let text = '';
  let wake = () => {};
  const feed = (d: Buffer) => {
    text += d;
    wake();
  };
  c.stdout?.on('data', feed);
  c.stderr?.on('data', feed);
  c.on('exit', () => wake());
  return {
    text: () => text,
    async waitFor(re: RegExp, from = 0, timeoutMs = 60_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = re.exec(text.slice(from));
        if (m) return from + m.index + m[0].length;
        if (c.exitCode !== null || Date.now() > deadline)
          throw new Error(`${c.exitCode !== null ? `exited (${c.exitCode})` : 'timed out'} before ${re}:\n${text}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000);
        });
      }
    },
  };
}

describe('harness run --watch', () => {
  it('reruns the scenario when its package changes, prints the result, and stops on Ctrl+C', async () => {
    const team = mkdtempSync(join(tmpdir(), 'harness-watch-e2e-'));
    mkdirSync(join(team, 'connector'));
    for (const f of readdirSync(LEANIX_PACKAGE_DIR).filter((n) => n.endsWith('JSON.json')))
      copyFileSync(join(LEANIX_PACKAGE_DIR, f), join(team, 'connector', f));
    mkdirSync(join(team, 'scenarios'));
    writeFileSync(
      join(team, 'scenarios', 'create.scenario.yaml'),
      `name: create account
given:
  leanix: { tenant: demo }
  eic:
    package: ../connector
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create jane
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: VIEWER }] } }
`,
    );
    child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.js'), 'run', '--watch'], { cwd: team });
    const out = output(child);
    let at = await out.waitFor(/1 passed, 0 failed .*Ctrl\+C to stop\n/);

    const file = join(team, 'connector', 'CreateAccountJSON.json');
    const t0 = performance.now();
    writeFileSync(file, readFileSync(file, 'utf8').replace('\\"role\\": \\"VIEWER\\"', '\\"role\\": \\"ADMIN\\"'));
    at = await out.waitFor(/connector\/CreateAccountJSON\.json changed: 1 run\n/, at);
    at = await out.waitFor(/0 passed, 1 failed .*\n/, at);
    console.log(`the rerun's result arrived ${Math.round(performance.now() - t0)} ms after the save`);
    expect(out.text().slice(0, at)).toContain('- expected "VIEWER"');

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out.text()).toContain('stopping watch mode');
  }, 120_000);
});
