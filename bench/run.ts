/**
 * `npm run bench [name...]`: runs the benchmark scripts in bench/ (every `bench/*.ts` but the tools, or the named ones),
 * each in its own child process so one's warm caches and heap never skew another's figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Scripts in bench/ that are tools, not benchmarks (cpu-profile.ts summarises a profile it is given). */
const TOOLS = new Set(['run.ts', 'cpu-profile.ts']);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !TOOLS.has(f) && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

/** The benches to run: the names given (validated), else all. */
function selected(args: string[]): string[] {
  if (args.length === 0) return available;
  const unknown = args.filter((a) => !available.includes(a));
  if (unknown.length) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    process.exit(2);
  }
  return args;
}

let failed = 0;
for (const name of selected(process.argv.slice(2))) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench/${name}.ts exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
