/**
 * The validator over real packages, per finding code: how many findings, and how many of a reviewed sample are real
 * defects (precision). Sources: every attribute file of ../shared/reference/corpus, Saviynt's published LeanIX export
 * (reference/packages/LeanIX), and the repo's LeanIX packages (published and corrected) with the demo-tenant patch.
 * Reviews are kept in corpus-review.json (one entry per reviewed finding, by key); the sample per code is the same
 * every run (evenly spread over the sorted findings), so the README numbers can be regenerated:
 *
 *   npm run validate:report                 # the table (markdown)
 *   npm run validate:report -- --unreviewed # also list sampled findings that have no review yet
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { formatPath } from '../../lib/diagnostic.ts';
import { hasReference, NO_REFERENCE, PROJECT_ROOT, referencePath } from '../../lib/reference.ts';
import { loadPackage } from '../package/load.ts';
import { validatePackage } from './validate.ts';

/** Findings per code sampled for review. */
export const SAMPLE_SIZE = 10;

/** One finding with a stable key: `<source> <attribute> <path> <code>`. */
export interface KeyedFinding {
  key: string;
  source: string;
  diagnostic: Diagnostic;
}

/** A reviewed finding: is it a real defect of the package, and why. */
export interface Review {
  real: boolean;
  note: string;
}

/** Per code: count, severities, the sampled keys and the review tally. */
export interface CodeRow {
  code: string;
  severities: string[];
  count: number;
  sample: string[];
  reviewed: number;
  real: number;
}

const PATCH = join(PROJECT_ROOT, 'fixtures', 'packages', 'leanix', 'demo-tenant.patch.yaml');

/** The packages the report runs over, by a short source name. */
export function reportSources(): { source: string; path: string; patches?: string }[] {
  const corpus = readdirSync(referencePath('corpus'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ source: `corpus/${f}`, path: referencePath('corpus', f) }));
  return [
    ...corpus,
    { source: 'reference/LeanIX.zip', path: referencePath('packages', 'LeanIX', 'LeanIX.zip') },
    {
      source: 'fixtures/leanix-published+patch',
      path: join(PROJECT_ROOT, 'fixtures', 'packages', 'leanix-published'),
      patches: PATCH,
    },
    { source: 'fixtures/leanix+patch', path: join(PROJECT_ROOT, 'fixtures', 'packages', 'leanix'), patches: PATCH },
  ];
}

/** Every finding over every source, keyed (package-level infos such as patch.applied included). */
export async function collectFindings(): Promise<KeyedFinding[]> {
  const out: KeyedFinding[] = [];
  for (const s of reportSources()) {
    const pkg = await loadPackage(s.path, s.patches ? { patches: s.patches } : {});
    for (const d of validatePackage(pkg)) {
      const loc = d.location;
      const key = `${s.source} ${loc?.attribute ?? '-'} ${loc?.path ? formatPath(loc.path) : '-'} ${d.code}`;
      out.push({ key, source: s.source, diagnostic: d });
    }
  }
  return out;
}

/** The reviews recorded so far. */
export function readReviews(
  file = join(PROJECT_ROOT, 'harness', 'validate', 'corpus-review.json'),
): Record<string, Review> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Review>;
}

/** The evenly spread sample of `n` keys out of the sorted keys. */
export function sampleOf(keys: readonly string[], n = SAMPLE_SIZE): string[] {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length <= n) return sorted;
  return Array.from({ length: n }, (_, i) => sorted[Math.floor((i * sorted.length) / n)]);
}

/** Rows per code, most frequent first. */
export function rowsByCode(findings: readonly KeyedFinding[], reviews: Record<string, Review>): CodeRow[] {
  const byCode = new Map<string, KeyedFinding[]>();
  for (const f of findings) byCode.set(f.diagnostic.code, [...(byCode.get(f.diagnostic.code) ?? []), f]);
  const rows: CodeRow[] = [];
  for (const [code, list] of byCode) {
    const sample = sampleOf(list.map((f) => f.key));
    const reviewed = sample.filter((k) => reviews[k] !== undefined);
    rows.push({
      code,
      severities: [...new Set(list.map((f) => f.diagnostic.severity))].sort(),
      count: list.length,
      sample,
      reviewed: reviewed.length,
      real: reviewed.filter((k) => reviews[k].real).length,
    });
  }
  return rows.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The markdown table of the README. Infos are counted; precision applies to errors and warnings. */
export function markdownTable(rows: readonly CodeRow[]): string {
  const lines = ['| code | severity | findings | reviewed | real | precision |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const info = r.severities.length === 1 && r.severities[0] === 'info';
    const precision = info || r.reviewed === 0 ? '—' : `${Math.round((100 * r.real) / r.reviewed)}%`;
    lines.push(
      `| \`${r.code}\` | ${r.severities.join(', ')} | ${r.count} | ${info ? '—' : r.reviewed} | ${info ? '—' : r.real} | ${precision} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  if (!hasReference) throw new Error(NO_REFERENCE.replace(/^skipped: /, ''));
  const findings = await collectFindings();
  const reviews = readReviews();
  const rows = rowsByCode(findings, reviews);
  const n = reportSources().length;
  process.stdout.write(`${findings.length} findings over ${n} sources\n\n${markdownTable(rows)}\n`);
  if (argv.includes('--unreviewed')) {
    const byKey = new Map(findings.map((f) => [f.key, f.diagnostic]));
    for (const r of rows) {
      if (r.severities.length === 1 && r.severities[0] === 'info') continue;
      for (const k of r.sample.filter((x) => reviews[x] === undefined)) {
        process.stdout.write(`\n${k}\n    ${byKey.get(k)?.message}\n`);
      }
    }
  }
}

if (process.argv[1] && /corpus-report\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`corpus-report: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
