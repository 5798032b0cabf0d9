/**
 * `harness serve` stops with its starter (harness/cli/parent-watch.ts): a wrapper process (standing in for npx, which
 * does not pass SIGTERM on) starts it and is killed with SIGKILL; the orphaned server must notice, close its port and
 * exit. Also: its piped stdin ending, SIGHUP, and `--no-exit-with-parent` keeping it up. No timing thresholds: each
 * wait has a generous timeout, and the measured stop time is only printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/reference.ts';

const SERVE = ['bin/harness.js', 'serve', '--port', '0', '--no-inspector'];
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0))
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
});

/** Collects a process's output and resolves when `pattern` appears in it (rejects on timeout). */
function output(child: ChildProcess) {
  let text = '';
  const waiters: { re: RegExp; done: (m: RegExpExecArray) => void }[] = [];
  const feed = (d: Buffer) => {
    text += d;
    for (const w of [...waiters]) {
      const m = w.re.exec(text);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(m);
      }
    }
  };
  child.stdout?.on('data', feed);
  child.stderr?.on('data', feed);
  const ended = new Promise<void>((done) => child.stdout?.on('close', () => done()));
  return {
    text: () => text,
    /** Resolves once the process's stdout is closed by every process holding it (the wrapper and the server). */
    ended,
    waitFor(re: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const m = re.exec(text);
        if (m) return resolve(m);
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output:\n${text}`)), timeoutMs);
        waiters.push({
          re,
          done: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
        });
      });
    },
  };
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The parent pid of a process, read from /proc (Linux). */
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);

/** A wrapper process that starts `harness serve` with stdin from /dev/null (so only the parent pid can tell). */
function startWrapper(extra: string[] = []) {
  const script = `
    const { spawn } = require('node:child_process');
    const c = spawn(process.execPath, ${JSON.stringify([...SERVE, ...extra])}, { stdio: ['ignore', 'inherit', 'inherit'] });
    console.log('server pid ' + c.pid);
    setInterval(() => {}, 1000);`;
  const wrapper = spawn(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(wrapper.pid as number);
  return { wrapper, out: output(wrapper) };
}

async function serverOf(out: ReturnType<typeof output>) {
  const pid = Number((await out.waitFor(/server pid (\d+)/))[1]);
  started.push(pid);
  const port = Number((await out.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
  await out.waitFor(/Ctrl\+C/);
  return { pid, port };
}

describe('harness serve stops with its starter', () => {
  it('a wrapper killed with SIGKILL: the orphaned server closes its port and exits', async () => {
    const { wrapper, out } = startWrapper();
    const { port } = await serverOf(out);
    expect(await listening(port)).toBe(true);
    const t0 = performance.now();
    wrapper.kill('SIGKILL');
    await out.ended; // the server held the same stdout: it is closed once the server has exited
    console.log(`serve exited ${Math.round(performance.now() - t0)} ms after its parent was killed`);
    expect(out.text()).toContain('the process that started harness serve exited: stopping the fake LeanIX');
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it('--no-exit-with-parent keeps serving after the wrapper is gone', async () => {
    const { wrapper, out } = startWrapper(['--no-exit-with-parent']);
    const { pid, port } = await serverOf(out);
    const before = parentOf(pid);
    wrapper.kill('SIGKILL');
    while (parentOf(pid) === before) await sleep(50); // re-parented
    await sleep(1500); // six times the watch interval
    expect(await listening(port)).toBe(true);
    expect(out.text()).not.toContain('stopping');
    process.kill(pid, 'SIGTERM');
    await out.ended;
    expect(out.text()).toContain('SIGTERM: stopping the fake LeanIX');
  }, 60_000);

  it('its piped stdin ending stops it', async () => {
    const child = spawn(process.execPath, SERVE, { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    started.push(child.pid as number);
    const out = output(child);
    const port = Number((await out.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await out.waitFor(/Ctrl\+C/);
    child.stdin.write('anything written is ignored\n');
    await sleep(300);
    expect(await listening(port)).toBe(true);
    child.stdin.end();
    await out.ended;
    expect(out.text()).toContain('stdin closed (the process that started harness serve went away): stopping');
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it('SIGHUP (the terminal closed) stops it', async () => {
    const child = spawn(process.execPath, SERVE, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child.pid as number);
    const out = output(child);
    await out.waitFor(/Ctrl\+C/);
    child.kill('SIGHUP');
    // 'close', not 'exit': the last output may still be in the pipe when the process has exited
    const code = await new Promise((done) => child.on('close', (c) => done(c)));
    expect(out.text()).toContain('SIGHUP (terminal closed): stopping the fake LeanIX');
    expect(code).toBe(0);
  }, 60_000);
});
