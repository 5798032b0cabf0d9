/**
 * Benchmark of the binding engine (`npm run bench:groovy`):
 * 1. evaluations per second of a typical binding, `${user.firstname == null ? '' : user.firstname.toLowerCase()}`, once
 *    compiled (target >= 500,000/s), median of several runs, with the ratio against a plain JS function doing the same
 *    thing measured in the same process;
 * 2. time to parse every expression of the reference corpus (fixtures/groovy/corpus-templates.json) with a cold cache
 *    (target < 200 ms): each run is a fresh child process, so the engine's AST cache starts empty.
 * Prints a table and writes .harness-out/bench-groovy.json.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../fixtures/groovy/extract.ts';
import { checkTemplate, renderTemplate } from '../harness/groovy/index.ts';
import { PROJECT_ROOT } from '../lib/reference.ts';
import { median } from './lib/stats.ts';

const TEMPLATE = "${user.firstname == null ? '' : user.firstname.toLowerCase()}";
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITER = Number(process.env.BENCH_ITER ?? 200_000);

/** Operations per second of fn over ITER calls, median of RUNS runs (after a warm-up run). */
function opsPerSecond(fn: (k: number) => unknown): { median: number; runs: number[] } {
  let sink = 0;
  for (let k = 0; k < Math.min(ITER, 20_000); k++) sink += fn(k) ? 1 : 0;
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < ITER; k++) sink += fn(k) ? 1 : 0;
    const ns = Number(process.hrtime.bigint() - t0);
    runs.push(ITER / (ns / 1e9));
  }
  if (sink < 0) console.log(sink);
  return { median: median(runs), runs };
}

/** Child-process mode: parse the whole corpus once with a cold cache and print the elapsed milliseconds. */
function parseCorpusOnce(): void {
  const templates = loadCorpus().map((t) => t.template);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let diags = 0;
  for (const t of templates) diags += checkTemplate(t).length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, templates: templates.length, diags }));
}

function main(): void {
  const bindingSets = [
    { user: { firstname: 'Ada', lastname: 'Lovelace' } },
    { user: { firstname: null, lastname: 'Lovelace' } },
    { user: { firstname: 'GRACE', lastname: 'Hopper' } },
  ];
  const check = renderTemplate(TEMPLATE, bindingSets[0]);
  if (!check.ok || check.value !== 'ada') throw new Error(`engine gives ${JSON.stringify(check)} for ${TEMPLATE}`);

  const engine = opsPerSecond((k) => renderTemplate(TEMPLATE, bindingSets[k % 3]));
  const baselineFn = (b: { user: { firstname: string | null } }) =>
    b.user.firstname == null ? '' : b.user.firstname.toLowerCase();
  const baseline = opsPerSecond((k) => baselineFn(bindingSets[k % 3]));

  const self = fileURLToPath(import.meta.url);
  const parseRuns: number[] = [];
  const parseCpu: number[] = [];
  let templates = 0;
  for (let r = 0; r < 5; r++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--parse-once'], {
      encoding: 'utf8',
      cwd: PROJECT_ROOT,
    });
    if (child.status !== 0) throw new Error(`parse run failed: ${child.stderr}`);
    const res = JSON.parse(child.stdout) as { ms: number; cpuMs: number; templates: number };
    parseRuns.push(res.ms);
    parseCpu.push(res.cpuMs);
    templates = res.templates;
  }

  const result = {
    template: TEMPLATE,
    evaluationsPerSecond: Math.round(engine.median),
    baselineJsPerSecond: Math.round(baseline.median),
    ratioEngineToJs: engine.median / baseline.median,
    parseCorpusMs: median(parseRuns),
    parseCorpusCpuMs: median(parseCpu),
    parseCorpusTemplates: templates,
    runs: {
      engine: engine.runs.map(Math.round),
      baseline: baseline.runs.map(Math.round),
      parseMs: parseRuns,
      parseCpuMs: parseCpu,
    },
    loadAverage: loadavg()[0],
    node: process.version,
  };
  const dir = join(PROJECT_ROOT, '.harness-out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-groovy.json'), `${JSON.stringify(result, null, 2)}\n`);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`binding engine benchmark (median of ${RUNS} runs x ${fmt(ITER)} evaluations; node ${process.version})`);
  console.log(`  template                 ${TEMPLATE}`);
  console.log(`  engine                   ${fmt(engine.median)} evaluations/s   (target >= 500,000)`);
  console.log(`  plain JS baseline        ${fmt(baseline.median)} evaluations/s`);
  console.log(
    `  engine / baseline        ${(result.ratioEngineToJs * 100).toFixed(2)}%  (1 : ${(1 / result.ratioEngineToJs).toFixed(1)})`,
  );
  console.log(
    `  parse corpus, cold cache ${result.parseCorpusMs.toFixed(1)} ms wall, ${result.parseCorpusCpuMs.toFixed(1)} ms CPU for ${templates} templates (median of 5 fresh processes; target < 200 ms)`,
  );
  console.log(
    `  1-min load average       ${result.loadAverage.toFixed(2)} (on a busy machine these figures are pessimistic)`,
  );
}

if (process.argv.includes('--parse-once')) parseCorpusOnce();
else main();
