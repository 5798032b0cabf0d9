/**
 * `tsx bench/cpu-profile.ts <file.cpuprofile> [n]`: summarises a V8 CPU profile (from `node --cpu-prof`, e.g.
 * BENCH_CPU_PROF of bench/http.ts) as two tables: the n (default 25) functions with the most self time, and the n
 * with the most total time (self + callees, each function counted once per stack), with their share of all samples.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../lib/reference.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "name file:line" of a frame, with project paths relative and node_modules shortened. */
function label(f: ProfileNode['callFrame']): string {
  let where = f.url.replace(/^file:\/\//, '');
  if (where.startsWith(PROJECT_ROOT)) where = relative(PROJECT_ROOT, where);
  where = where.replace(/^.*node_modules\//, '~/');
  return `${f.functionName || '(anonymous)'} ${where ? `${where}:${f.lineNumber + 1}` : ''}`.trim();
}

function summarise(profile: Profile, n: number): string {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    all += dt;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const table = (title: string, m: Map<string, number>) =>
    [
      `${title} (of ${(all / 1000).toFixed(0)} ms busy)`,
      ...[...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`),
    ].join('\n');
  return `${table('self time', self)}\n\n${table('total time', total)}\n`;
}

const [file, count] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tsx bench/cpu-profile.ts <file.cpuprofile> [n]\n');
  process.exit(2);
}
process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(count ?? 25)));
