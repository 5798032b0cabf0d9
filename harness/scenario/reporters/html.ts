/** The HTML reporter: one self-contained file (inline CSS, no scripts, no external resources) a person can read. */
import { relative } from 'node:path';
import { formatDiagnostic } from '../../../lib/diagnostic.ts';
import type { ScenarioResult } from '../run.ts';
import { runTitle } from '../variants.ts';
import { type RunSummary, summaryLine } from './summary.ts';

/** Escapes text for HTML. */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}
details{border:1px solid #ddd;border-radius:4px;margin:.5em 0;padding:.3em .8em}
summary{cursor:pointer;font-weight:600}.passed{color:#17803d}.failed,.error{color:#b42318}.skipped{color:#888}
pre{background:#f6f6f6;padding:.6em;overflow:auto;white-space:pre-wrap}li{margin:.2em 0}pre.report{background:#f3f7fb}`;

/** The HTML report document of a run. */
export function htmlReport(results: readonly ScenarioResult[], summary: RunSummary, cwd = process.cwd()): string {
  const body = results
    .map((r) => {
      const steps = r.steps
        .map(
          (s) =>
            `<li class="${s.status}">${s.status === 'passed' ? '✓' : s.status === 'failed' ? '✗' : '-'} ${htmlEscape(s.name)} <small>(${Math.round(s.durationMs)} ms)</small>${
              s.report ? `<pre class="report">${htmlEscape(s.report.text)}</pre>` : ''
            }${s.failure ? `<pre>${htmlEscape(s.failure)}</pre>` : ''}</li>`,
        )
        .join('');
      const err = r.error ? `<pre>${htmlEscape(formatDiagnostic(r.error))}</pre>` : '';
      return `<details${r.status === 'passed' ? '' : ' open'}><summary class="${r.status}">${htmlEscape(runTitle(r))} <small>${htmlEscape(relative(cwd, r.file))}</small></summary>${
        r.description ? `<p>${htmlEscape(r.description)}</p>` : ''
      }${err}<ul>${steps}</ul></details>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness run: ${htmlEscape(summaryLine(summary))}</title><style>${CSS}</style></head><body><h1>harness run: ${htmlEscape(summaryLine(summary))}</h1>\n${body}\n</body></html>\n`;
}
