/**
 * Writes the differential report: `.harness-out/groovy-differential.json` (every disagreement, machine-readable) and
 * `.harness-out/groovy-differential.md` (the same for people), plus the agreement figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialsOf, isSecretKey, redactText } from '../../lib/redact.ts';
import { PROJECT_ROOT } from '../../lib/reference.ts';
import { describeOutcome, type Outcome } from './differential-compare.ts';

/** One evaluated case of the differential run. */
export interface CaseRecord {
  corpus: 'real' | 'curated' | 'generated';
  /** Template id (real corpus) or index (generated). */
  id: string;
  template: string;
  bindingsId: string;
  engine: Outcome;
  groovy: Outcome;
  agree: boolean;
  messageAgree: boolean;
  /** Id of the documented divergence that accepts this disagreement. */
  divergence?: string;
  /** Id of the already-reported open engine bug this case reproduces (curated corpus only). */
  knownBug?: string;
}

/** A parse-acceptance disagreement (real corpus). */
export interface ParseRecord {
  id: string;
  template: string;
  engineAccepts: boolean;
  groovyAccepts: boolean;
  engineDiagnostics: string[];
  groovyError?: string;
}

/** Agreement figures of one corpus. */
export interface CorpusFigures {
  cases: number;
  agree: number;
  accepted: number;
  /** (agree + accepted) / cases. */
  rate: number;
  /** Same failure class and same first message line, over all cases where both failed with the same class. */
  messageRate: number;
}

/** Computes the figures of a set of records. */
export function figures(records: CaseRecord[]): CorpusFigures {
  const agree = records.filter((r) => r.agree).length;
  const accepted = records.filter((r) => !r.agree && r.divergence).length;
  const sameClassFailures = records.filter((r) => r.agree && !r.groovy.ok);
  const sameMessage = sameClassFailures.filter((r) => r.messageAgree).length;
  return {
    cases: records.length,
    agree,
    accepted,
    rate: records.length === 0 ? 1 : (agree + accepted) / records.length,
    messageRate: sameClassFailures.length === 0 ? 1 : sameMessage / sameClassFailures.length,
  };
}

/** The whole report. */
export interface DifferentialReport {
  generatedAt: string;
  groovy: string;
  seed: number;
  real: CorpusFigures;
  curated: CorpusFigures;
  generated: CorpusFigures;
  parse: { templates: number; agree: number };
  parseDisagreements: ParseRecord[];
  disagreements: CaseRecord[];
  /** Same class, different message (informational). */
  messageMismatches: CaseRecord[];
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Renders the report as Markdown. */
export function reportMarkdown(r: DifferentialReport): string {
  const lines = [
    '# Binding engine vs real Groovy: differential report',
    '',
    `Generated ${r.generatedAt} against ${r.groovy}; generated-corpus seed ${r.seed}.`,
    '',
    '| corpus | cases | agree | accepted divergences | rate | same message first line (when same failure class) |',
    '|---|---|---|---|---|---|',
    `| real | ${r.real.cases} | ${r.real.agree} | ${r.real.accepted} | ${pct(r.real.rate)} | ${pct(r.real.messageRate)} |`,
    `| curated | ${r.curated.cases} | ${r.curated.agree} | ${r.curated.accepted} | ${pct(r.curated.rate)} | ${pct(r.curated.messageRate)} |`,
    `| generated | ${r.generated.cases} | ${r.generated.agree} | ${r.generated.accepted} | ${pct(r.generated.rate)} | ${pct(r.generated.messageRate)} |`,
    '',
    `Parse acceptance on real templates: ${r.parse.agree}/${r.parse.templates} agree.`,
    '',
  ];
  if (r.parseDisagreements.length > 0) {
    lines.push('## Parse-acceptance disagreements', '');
    for (const p of r.parseDisagreements) {
      lines.push(
        `- \`${p.id}\` engine ${p.engineAccepts ? 'accepts' : 'rejects'}, Groovy ${p.groovyAccepts ? 'accepts' : 'rejects'}`,
      );
      lines.push(`  - template: \`${p.template}\``);
      if (p.engineDiagnostics.length) lines.push(`  - engine: ${p.engineDiagnostics.join('; ')}`);
      if (p.groovyError) lines.push(`  - groovy: ${p.groovyError}`);
    }
    lines.push('');
  }
  lines.push('## Disagreements', '');
  if (r.disagreements.length === 0) lines.push('None.', '');
  for (const d of r.disagreements) {
    lines.push(
      `### ${d.corpus} ${d.id} (bindings \`${d.bindingsId}\`)${d.divergence ? ` accepted: ${d.divergence}` : ' BUG'}`,
    );
    lines.push('', '```groovy', d.template, '```', '');
    lines.push(`- Groovy: ${describeOutcome(d.groovy)}`, `- engine: ${describeOutcome(d.engine)}`, '');
  }
  if (r.messageMismatches.length > 0) {
    lines.push('## Same failure class, different message (informational)', '');
    for (const d of r.messageMismatches.slice(0, 200)) {
      lines.push(`- \`${d.template}\` (${d.bindingsId})`);
      lines.push(`  - Groovy: ${describeOutcome(d.groovy)}`, `  - engine: ${describeOutcome(d.engine)}`);
    }
    if (r.messageMismatches.length > 200)
      lines.push(`- ... and ${r.messageMismatches.length - 200} more (see the JSON)`);
  }
  return `${lines.join('\n')}\n`;
}

/** The secret values held by binding sets (values of secret-named keys, and the credentials inside them). */
export function secretsOf(bindings: unknown, out: string[] = []): string[] {
  if (Array.isArray(bindings)) for (const v of bindings) secretsOf(v, out);
  else if (bindings !== null && typeof bindings === 'object')
    for (const [k, v] of Object.entries(bindings)) {
      if (isSecretKey(k) && typeof v === 'string' && v) out.push(v, ...credentialsOf(v));
      else secretsOf(v, out);
    }
  return out;
}

function redactOutcome(o: Outcome, secrets: string[]): Outcome {
  return o.ok ? { ok: true, value: redactText(o.value, secrets) } : { ...o, message: redactText(o.message, secrets) };
}

function redactRecord(r: CaseRecord, secrets: string[]): CaseRecord {
  return { ...r, engine: redactOutcome(r.engine, secrets), groovy: redactOutcome(r.groovy, secrets) };
}

/** Writes the JSON and Markdown report (secret binding values redacted); returns the Markdown path. */
export function writeReport(
  report: DifferentialReport,
  secrets: string[] = [],
  dir = join(PROJECT_ROOT, '.harness-out'),
): string {
  const r: DifferentialReport = {
    ...report,
    disagreements: report.disagreements.map((d) => redactRecord(d, secrets)),
    messageMismatches: report.messageMismatches.map((d) => redactRecord(d, secrets)),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'groovy-differential.json'), `${JSON.stringify(r, null, 2)}\n`);
  const md = join(dir, 'groovy-differential.md');
  writeFileSync(md, reportMarkdown(r));
  return md;
}
