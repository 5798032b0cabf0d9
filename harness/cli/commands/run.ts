/**
 * `harness run [paths or globs...] [--grep text] [--reporter pretty|junit|json|html] [--out dir] [--bail]
 * [--shard i/n]`: runs scenarios (default `scenarios/**\/*.scenario.yaml`), each in its own fresh fake LeanIX and
 * EIC emulator, continues past failures and ends with `N passed, M failed` on its own line.
 * Exit codes: 0 all passed, 1 a scenario failed, 2 usage or file errors (a bad scenario file, a missing package).
 * `--sweep-faults` instead reruns each scenario under injected faults (harness/scenario/sweep.ts); exit 1 when any
 * faulted run corrupted state. `--mutate` instead checks that every expectation can fail (harness/scenario/mutate.ts).
 * Scenarios with variants run once per variant (a row each); `--verbose` shows every exchange of a failed step;
 * `--keep-going` runs the steps after a failed one too.
 * `--watch` runs them, then reruns those whose files change (harness/scenario/watch.ts) until Ctrl+C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type Diagnostic, formatDiagnostic, HarnessError, isHarnessError } from '../../../lib/diagnostic.ts';
import { LIMITS } from '../../../lib/limits.ts';
import { findScenarioFiles } from '../../scenario/discover.ts';
import { type LoadedScenario, loadScenario } from '../../scenario/load.ts';
import { htmlReport } from '../../scenario/reporters/html.ts';
import { jsonReport } from '../../scenario/reporters/json.ts';
import { junitReport } from '../../scenario/reporters/junit.ts';
import { prettyReport } from '../../scenario/reporters/pretty.ts';
import { summarize, summaryLine } from '../../scenario/reporters/summary.ts';
import type { RunOptions, ScenarioResult } from '../../scenario/run.ts';
import { selectRuns, tagList } from '../../scenario/select.ts';

/** Options of `harness run`. */
export interface RunCliOptions {
  grep?: string;
  reporter?: string;
  out?: string;
  bail?: boolean;
  shard?: string;
  /** Comma-separated tags whose scenarios are left out (e.g. `slow`). */
  excludeTag?: string;
  /** Rerun each given scenario with every fault kind at every call position (see harness/scenario/sweep.ts). */
  sweepFaults?: boolean;
  /** Comma-separated fault kinds for --sweep-faults (default all). */
  faultKinds?: string;
  /** Show every HTTP exchange of a failed step in full. */
  verbose?: boolean;
  /** Run the steps after a failed one in every scenario (as `keepGoing: true` in the file). */
  keepGoing?: boolean;
  /** Check that every expectation can fail (harness/scenario/mutate.ts) instead of reporting the run. */
  mutate?: boolean;
  /** Run, then rerun the scenarios whose files change until Ctrl+C (harness/scenario/watch.ts). */
  watch?: boolean;
}

const REPORTERS = ['pretty', 'junit', 'json', 'html'] as const;
type Reporter = (typeof REPORTERS)[number];
const REPORT_FILE: Record<Reporter, string> = {
  pretty: 'report.txt',
  junit: 'junit.xml',
  json: 'report.json',
  html: 'report.html',
};

/** Parses `--shard i/n` (1-based); throws HarnessError on bad input. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : 0;
  const count = m ? Number(m[2]) : 0;
  if (!m || count < 1 || index < 1 || index > count)
    throw new HarnessError('run.usage', `--shard: expected i/n with 1 ≤ i ≤ n, got ${JSON.stringify(text)}`);
  return { index, count };
}

/** A file-safe name for a scenario's HAR file (with its variant). */
function harName(r: ScenarioResult): string {
  const variant = r.variant === undefined ? '' : `.${r.variant}`;
  return `${basename(r.file).replace(/\.scenario\.ya?ml$/, '')}${variant}.har`;
}

/** The runs `--grep` (name, file, variant or tag) and `--exclude-tag` keep (harness/scenario/run-scenarios.ts). */
const selected = (runs: LoadedScenario[], opts: RunCliOptions) =>
  selectRuns(runs, { grep: opts.grep, excludeTags: tagList(opts.excludeTag) });

/** What the command's options ask of each scenario run. */
const runOptions = (opts: RunCliOptions): RunOptions => ({ verbose: opts.verbose, keepGoing: opts.keepGoing });

/**
 * `--watch`: runs the scenarios, then reruns the affected ones on every change (harness/scenario/watch.ts) until
 * SIGINT or SIGTERM; a second Ctrl+C during a long run stops at once. Exit code 0 (2 for usage errors).
 */
async function runWatch(paths: string[], opts: RunCliOptions): Promise<number> {
  const clash = (
    [
      ['--mutate', opts.mutate],
      ['--sweep-faults', opts.sweepFaults],
      ['--shard', opts.shard],
      ['--out', opts.out],
      ['--bail', opts.bail],
      ['--reporter', opts.reporter && opts.reporter !== 'pretty'],
    ] as const
  ).find(([, on]) => on);
  if (clash) throw new HarnessError('run.usage', `--watch cannot be combined with ${clash[0]}`);
  // a path that does not exist is a usage error, as without --watch; one that matches no file yet is watched
  try {
    findScenarioFiles(paths);
  } catch (e) {
    if (!isHarnessError(e) || e.code !== 'run.no-scenarios') throw e;
  }
  const { watchScenarios } = await import('../../scenario/watch.ts');
  const { runLoadedScenario } = await import('../../scenario/run.ts');
  const ac = new AbortController();
  const onSignal = () => {
    if (ac.signal.aborted) process.exit(130); // a second Ctrl+C: do not wait for the run in progress
    process.stdout.write('\nstopping watch mode (after the run in progress)\n');
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await watchScenarios({
      paths,
      signal: ac.signal,
      select: (runs) => selected(runs, opts),
      run: (l) => runLoadedScenario(l, runOptions(opts)),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}

/** Runs the command; returns the exit code. */
export async function runRun(paths: string[], opts: RunCliOptions): Promise<number> {
  const reporter = (opts.reporter ?? 'pretty') as Reporter;
  if (!REPORTERS.includes(reporter))
    throw new HarnessError('run.usage', `--reporter: expected one of ${REPORTERS.join(', ')}, got ${reporter}`);
  if (opts.watch) return runWatch(paths, opts);
  let files = findScenarioFiles(paths);
  if (opts.shard) {
    const { index, count } = parseShard(opts.shard);
    files = files.filter((_, i) => i % count === index - 1);
  }
  // Every file is checked before anything runs: a bad file is a usage error (exit 2), reported with file:line.
  const loaded: LoadedScenario[] = [];
  const problems: Diagnostic[] = [];
  for (const f of files) {
    try {
      loaded.push(await loadScenario(f));
    } catch (e) {
      if (!isHarnessError(e)) throw e;
      problems.push(e.toDiagnostic());
    }
  }
  if (problems.length > 0) {
    for (const d of problems) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return 2;
  }
  // Loaded on demand so that `harness --help` and other commands start fast.
  const { expandVariants } = await import('../../scenario/variants.ts');
  const runs = loaded.flatMap(expandVariants);
  if (opts.sweepFaults) return runSweep(runs, opts);
  const { runLoadedScenario } = await import('../../scenario/run.ts');
  const chosen = selected(runs, opts);
  if (opts.mutate) return runMutate(chosen);
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const l of chosen) {
    const r = await runLoadedScenario(l, runOptions(opts));
    results.push(r);
    if (opts.bail && r.status !== 'passed') break;
  }
  const summary = summarize(results, performance.now() - started);
  const text = render(reporter, results, summary);
  if (opts.out) {
    const out = resolve(opts.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, REPORT_FILE[reporter]), text);
    const used = new Set<string>();
    for (const r of results) {
      if (!r.har) continue;
      let name = harName(r);
      for (let i = 2; used.has(name); i++) name = harName(r).replace(/\.har$/, `-${i}.har`);
      used.add(name);
      writeFileSync(join(out, name), `${JSON.stringify(r.har, null, 2)}\n`);
    }
    if (reporter !== 'pretty') process.stdout.write(prettyReport(results, summary));
    else process.stdout.write(text);
  } else {
    process.stdout.write(text);
    // Machine-readable output stays clean on stdout; the summary line then goes to stderr.
    if (reporter !== 'pretty') process.stderr.write(`${summaryLine(summary)}\n`);
  }
  if (summary.errors > 0) return 2;
  return summary.failed > 0 ? 1 : 0;
}

/** `--sweep-faults`: sweeps each loaded scenario; exit 1 when any faulted run corrupted state, 2 on usage errors. */
async function runSweep(loaded: LoadedScenario[], opts: RunCliOptions): Promise<number> {
  const { FAULT_KINDS, formatSweep, sweepFaults } = await import('../../scenario/sweep.ts');
  const kinds = opts.faultKinds ? opts.faultKinds.split(',').map((k) => k.trim()) : [...FAULT_KINDS];
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new HarnessError(
      'run.usage',
      `--fault-kinds: unknown kind ${unknown.join(', ')}; expected a comma-separated list of ${FAULT_KINDS.join(', ')}`,
    );
  if (loaded.length === 0) throw new HarnessError('run.usage', '--sweep-faults: no scenario file given');
  if (opts.reporter && opts.reporter !== 'pretty' && opts.reporter !== 'json')
    throw new HarnessError('run.usage', '--sweep-faults reports as pretty or json only');
  const reports = [];
  let corrupted = 0;
  for (const l of loaded) {
    const r = await sweepFaults(l, { kinds: kinds as (typeof FAULT_KINDS)[number][] });
    corrupted += r.counts.corrupted;
    reports.push(r);
    if (opts.reporter !== 'json') process.stdout.write(formatSweep(r));
  }
  if (opts.reporter === 'json') process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  if (opts.out) {
    mkdirSync(resolve(opts.out), { recursive: true });
    writeFileSync(join(resolve(opts.out), 'sweep.json'), `${JSON.stringify(reports, null, 2)}\n`);
  }
  return corrupted > 0 ? 1 : 0;
}

/**
 * `--mutate`: every expectation of each scenario is changed into one that contradicts it and must then fail; exit 1
 * when one still passes, is not reached by any mutation, or the scenario itself fails.
 */
async function runMutate(runs: LoadedScenario[]): Promise<number> {
  const { checkMutations } = await import('../../scenario/mutate.ts');
  const { runTitle } = await import('../../scenario/variants.ts');
  let bad = 0;
  let total = 0;
  const uncovered = new Map<string, boolean>();
  for (const l of runs) {
    const r = await checkMutations(l);
    total += r.mutations;
    const title = runTitle({ name: l.scenario.name, variant: l.variant });
    const problems = [
      ...(r.result.status === 'passed' ? [] : ['the scenario does not pass unchanged: run it without --mutate']),
      ...r.survivors.map((s) => `step "${s.step}" ${s.path}: ${s.description}, and the scenario still passes`),
    ];
    for (const leaf of r.leaves) {
      const key = `${l.file}\u0000step "${leaf.step}" ${leaf.path}`;
      uncovered.set(key, (uncovered.get(key) ?? true) && !leaf.covered);
    }
    bad += problems.length;
    process.stdout.write(`${problems.length === 0 ? '✓' : '✗'} ${title}: ${r.mutations} mutation(s)\n`);
    for (const p of problems) process.stdout.write(`    ${p}\n`);
  }
  for (const [key, u] of uncovered)
    if (u) {
      bad++;
      const [file, what] = key.split('\u0000');
      process.stdout.write(`✗ ${file}: ${what} is not reached by any mutation (an expectation that cannot fail)\n`);
    }
  process.stdout.write(`\n${total} mutation(s), ${bad} expectation(s) that cannot fail\n`);
  return bad > 0 ? 1 : 0;
}

/** Renders results with a reporter. */
function render(reporter: Reporter, results: ScenarioResult[], summary: ReturnType<typeof summarize>): string {
  if (reporter === 'junit') return junitReport(results, summary);
  if (reporter === 'json') return jsonReport(results, summary);
  if (reporter === 'html') return htmlReport(results, summary);
  return prettyReport(results, summary);
}

/** `harness merge-reports <report.json...>`: merges the JSON reports of shards and renders them; returns the exit code. */
export async function runMergeReports(files: string[], opts: { reporter?: string; out?: string }): Promise<number> {
  const reporter = (opts.reporter ?? 'pretty') as Reporter;
  if (!REPORTERS.includes(reporter))
    throw new HarnessError('run.usage', `--reporter: expected one of ${REPORTERS.join(', ')}, got ${reporter}`);
  if (files.length === 0)
    throw new HarnessError('run.usage', 'merge-reports: give the report.json files of the shards');
  const { readRegularFileSync } = await import('../../../lib/files.ts');
  const { mergeJsonReports } = await import('../../scenario/reporters/merge.ts');
  const texts = files.map((file) => {
    try {
      return { file, text: readRegularFileSync(file, { max: LIMITS.fileBytes, what: 'report' }).toString('utf8') };
    } catch (e) {
      if (isHarnessError(e)) throw e;
      throw new HarnessError('merge.report', `Cannot read report ${file}`, { file });
    }
  });
  const { results, summary } = mergeJsonReports(texts);
  const text = render(reporter, results, summary);
  if (opts.out) {
    const out = resolve(opts.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, REPORT_FILE[reporter]), text);
    process.stdout.write(`${summaryLine(summary)}\n`);
  } else {
    process.stdout.write(text);
    if (reporter !== 'pretty') process.stderr.write(`${summaryLine(summary)}\n`);
  }
  if (summary.errors > 0) return 2;
  return summary.failed > 0 ? 1 : 0;
}

/** Registers `harness run` and `harness merge-reports`. */
export function register(program: Command): void {
  program
    .command('merge-reports')
    .description('Merge the JSON reports of sharded runs (--shard i/n --reporter json) into one report')
    .argument('<reports...>', 'report.json files of the shards')
    .option('-r, --reporter <name>', `report format: ${REPORTERS.join(', ')}`, 'pretty')
    .option('-o, --out <dir>', 'write the merged report into this folder')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 all passed, 1 a scenario failed, 2 usage or file errors.',
        'Example:',
        '  harness run --shard 1/2 --reporter json --out shard-1   # on machine 1 (2/2 and shard-2 on machine 2)',
        '  harness merge-reports shard-*/report.json --reporter junit --out reports/',
      ].join('\n'),
    )
    .action(async (reports: string[], opts: { reporter?: string; out?: string }) => {
      process.exitCode = await runMergeReports(reports, opts);
    });
  program
    .command('run')
    .description('Run scenario files against a fresh fake LeanIX and EIC emulator each; summary at the end')
    .argument('[paths...]', 'scenario files, folders or globs (default: scenarios/**/*.scenario.yaml)')
    .option('-g, --grep <text>', 'only scenarios whose name or file contains the text (or with that tag or variant)')
    .option('-r, --reporter <name>', `report format: ${REPORTERS.join(', ')}`, 'pretty')
    .option('-o, --out <dir>', 'write the report and a HAR file per failed scenario into this folder')
    .option('-x, --exclude-tag <tags>', 'leave out scenarios with any of these comma-separated tags (e.g. slow)')
    .option('--bail', 'stop after the first failed scenario')
    .option(
      '-v, --verbose',
      'show every HTTP exchange of a failed step in full (default: the failing one, its neighbours, one line for each other)',
    )
    .option(
      '-k, --keep-going',
      "run the steps after a failed one too, each reported on its own (the scenario's keepGoing)",
    )
    .option('--shard <i/n>', 'run only the i-th of n slices of the (sorted) scenario files')
    .option(
      '--sweep-faults',
      'rerun each given import/provisioning scenario with each fault kind at each call position; exit 1 on corrupted state',
    )
    .option('--fault-kinds <list>', 'with --sweep-faults: 401-expiry,429-retry-after,500,timeout,truncated-json')
    .option(
      '--mutate',
      'check that every expectation can fail: each one is changed into a contradiction that must fail',
    )
    .option(
      '-w, --watch',
      'run, then rerun the scenarios whose scenario file, package, patch, ConnectionJSON or tenant file changes, until Ctrl+C',
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 all passed, 1 a scenario failed, 2 usage or file errors.',
        'Examples:',
        '  harness run                                   # the bundled suite',
        '  harness run --exclude-tag slow                # without the 10,000-user import',
        '  harness run scenarios/create-account-viewer.scenario.yaml',
        "  harness run 'scenarios/**/*.scenario.yaml' --reporter junit --out reports/",
        '  harness run --sweep-faults scenarios/create-account-viewer.scenario.yaml',
        '  harness run --mutate my-scenarios/              # every expectation can fail',
        '  harness run --watch scenarios/                  # rerun what an edit affects, on every save',
      ].join('\n'),
    )
    .action(async (paths: string[], opts: RunCliOptions) => {
      process.exitCode = await runRun(paths, opts);
    });
}
