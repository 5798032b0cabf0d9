/**
 * Runs real Groovy 2.4 as the reference for the binding engine: ONE JVM per batch evaluates many templates
 * (oracle.groovy, JSON lines over stdin/stdout). Locates `groovy`, the JDK (JAVA_HOME) and the Jackson jars, and says
 * clearly what is missing. Never send sandbox probes or loops here: the oracle executes whatever it is given.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GroovyError } from '../types.ts';
import { toGStringSource } from './gstring-source.ts';

/** Path of the Groovy oracle script. */
export const ORACLE_SCRIPT = fileURLToPath(new URL('./oracle.groovy', import.meta.url));

const FAST_START = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1';
const JACKSON_JARS = ['jackson-databind.jar', 'jackson-core.jar', 'jackson-annotations.jar'];

/** How to start the oracle, or why it cannot be started. */
export type OracleSetup =
  | { ok: true; groovy: string; javaHome: string; classpath: string }
  | { ok: false; reason: string };

/** One template to evaluate (mode eval) or only compile (mode parse). */
export interface OracleRequest {
  id: string;
  template: string;
  bindings?: Record<string, unknown>;
  mode?: 'eval' | 'parse';
}

/** Real Groovy's answer for one request. */
export type OracleResult = { id: string } & ({ ok: true; value?: string } | { ok: false; error: GroovyError });

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** Finds groovy, a JDK and the Jackson jars (GROOVY_ORACLE_CLASSPATH / JAVA_HOME override the defaults). */
export function locateGroovy(): OracleSetup {
  const groovy = which('groovy');
  if (!groovy)
    return {
      ok: false,
      reason: 'groovy not found on PATH (install: apt-get install -y groovy libjackson2-databind-java)',
    };
  let javaHome = process.env.JAVA_HOME;
  if (!javaHome || !existsSync(join(javaHome, 'bin', 'java'))) {
    const java = which('java');
    if (!java) return { ok: false, reason: 'java not found on PATH and JAVA_HOME not set (install a JDK)' };
    javaHome = dirname(dirname(realpathSync(java)));
  }
  let classpath = process.env.GROOVY_ORACLE_CLASSPATH;
  if (!classpath) {
    const jars = JACKSON_JARS.map((j) => join('/usr/share/java', j));
    const missing = jars.filter((j) => !existsSync(j));
    if (missing.length > 0)
      return {
        ok: false,
        reason: `Jackson jars missing (${missing.join(', ')}); install libjackson2-databind-java or set GROOVY_ORACLE_CLASSPATH`,
      };
    classpath = jars.join(':');
  }
  return { ok: true, groovy, javaHome, classpath };
}

/** Checks once that the oracle really starts (groovy + JVM); cached. */
let probed: OracleSetup | undefined;
export function probeGroovy(): OracleSetup {
  if (probed) return probed;
  const setup = locateGroovy();
  if (!setup.ok) {
    probed = setup;
    return setup;
  }
  const r = spawnSync(setup.groovy, ['--version'], {
    env: { ...process.env, JAVA_HOME: setup.javaHome },
    encoding: 'utf8',
    timeout: 60_000,
  });
  probed =
    r.status === 0 && /Groovy Version/.test(r.stdout)
      ? setup
      : {
          ok: false,
          reason: `groovy --version failed: ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 300)}`,
        };
  return probed;
}

/**
 * Evaluates a batch in one JVM. Results come back in request order; a request the JVM never answered (it died or the
 * timeout hit) gets an `oracle.NoResult` error rather than a rejection. Rejects only when the oracle cannot start.
 */
export async function runOracle(
  requests: OracleRequest[],
  opts: {
    timeoutMs?: number /** Pins "now" (epoch ms) for every date API of the batch (see oracle.groovy). */;
    now?: number;
  } = {},
): Promise<OracleResult[]> {
  const setup = probeGroovy();
  if (!setup.ok) throw new Error(`Groovy oracle unavailable: ${setup.reason}`);
  const timeoutMs = opts.timeoutMs ?? 150_000;
  const child = spawn(setup.groovy, ['-cp', setup.classpath, ORACLE_SCRIPT], {
    // C1-only JIT and the serial GC halve the CPU time of a short batch of many small compilations.
    env: {
      ...process.env,
      JAVA_HOME: setup.javaHome,
      JAVA_OPTS: `${process.env.JAVA_OPTS ?? ''} ${FAST_START}`.trim(),
      ...(opts.now !== undefined ? { ORACLE_NOW: String(opts.now) } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const answers = new Map<string, OracleResult>();
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) {
        const r = JSON.parse(line) as OracleResult;
        answers.set(String(r.id), r);
      }
      nl = buffer.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  child.stdin.on('error', () => {}); // the JVM may die early; the missing answers say so
  for (const r of requests) {
    const line = JSON.stringify({
      id: r.id,
      mode: r.mode ?? 'eval',
      source: toGStringSource(r.template),
      bindings: r.bindings ?? {},
    });
    if (!child.stdin.write(`${line}\n`)) await new Promise((res) => child.stdin.once('drain', res));
  }
  child.stdin.end();
  const code = await done;
  clearTimeout(timer);
  return requests.map(
    (r) =>
      answers.get(r.id) ?? {
        id: r.id,
        ok: false,
        error: { type: 'oracle.NoResult', message: `no answer (exit ${code}); stderr: ${stderr.trim().slice(0, 500)}` },
      },
  );
}
