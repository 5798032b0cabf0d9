/**
 * The JUnit XML reporter: one <testsuite> per scenario file (and variant), one <testcase> per step (classname =
 * scenario name, with the variant), the failure text (diff) in <failure>, in <system-out> the step's import or WSRETRY
 * report and, for a failed step, its HTTP exchanges. Everything in a result is already redacted by the runner.
 */
import { relative } from 'node:path';
import { formatDiagnostic } from '../../../lib/diagnostic.ts';
import type { ScenarioResult } from '../run.ts';
import { runTitle } from '../variants.ts';
import type { RunSummary } from './summary.ts';

/** Escapes text for XML attribute and element content (and drops characters XML 1.0 forbids). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const sec = (ms: number) => (ms / 1000).toFixed(3);

/** The JUnit XML document of a run. */
export function junitReport(results: readonly ScenarioResult[], summary: RunSummary, cwd = process.cwd()): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = results.reduce((n, r) => n + Math.max(r.steps.length, 1), 0);
  const failures = results.reduce((n, r) => n + r.steps.filter((s) => s.status === 'failed').length, 0);
  out.push(
    `<testsuites name="harness run" tests="${tests}" failures="${failures}" errors="${summary.errors}" time="${sec(summary.durationMs)}">`,
  );
  for (const r of results) {
    const file = relative(cwd, r.file);
    const suite = r.variant === undefined ? file : `${file} [${r.variant}]`;
    const classname = xmlEscape(runTitle(r));
    const f = r.steps.filter((s) => s.status === 'failed').length;
    const skipped = r.steps.filter((s) => s.status === 'skipped').length;
    out.push(
      `  <testsuite name="${xmlEscape(suite)}" tests="${Math.max(r.steps.length, 1)}" failures="${f}" errors="${r.error ? 1 : 0}" skipped="${skipped}" time="${sec(r.durationMs)}">`,
    );
    if (r.error)
      out.push(
        `    <testcase name="given" classname="${classname}" file="${xmlEscape(file)}"><error message="${xmlEscape(r.error.message)}">${xmlEscape(formatDiagnostic(r.error))}</error></testcase>`,
      );
    for (const s of r.steps) {
      const open = `    <testcase name="${xmlEscape(s.name)}" classname="${classname}" file="${xmlEscape(file)}" time="${sec(s.durationMs)}"`;
      const systemOut = [s.report?.text, s.exchanges?.length ? JSON.stringify(s.exchanges, null, 2) : undefined]
        .filter((x) => x !== undefined)
        .join('\n\n');
      const sysOut = systemOut ? `      <system-out>${xmlEscape(systemOut)}</system-out>` : undefined;
      if (s.status === 'skipped') out.push(`${open}><skipped message="an earlier step failed"/></testcase>`);
      else if (s.status === 'passed') out.push(sysOut ? `${open}>\n${sysOut}\n    </testcase>` : `${open}/>`);
      else {
        const first = (s.failure ?? '').split('\n')[1] ?? 'step failed';
        out.push(`${open}>`);
        out.push(`      <failure message="${xmlEscape(first)}">${xmlEscape(s.failure ?? '')}</failure>`);
        if (sysOut) out.push(sysOut);
        out.push('    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
