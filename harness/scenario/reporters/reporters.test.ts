import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../run.ts';
import { htmlReport } from './html.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { prettyReport } from './pretty.ts';
import { summarize, summaryLine } from './summary.ts';

const results: ScenarioResult[] = [
  {
    file: '/x/scenarios/ok.scenario.yaml',
    name: 'ok <one>',
    status: 'passed',
    durationMs: 12,
    steps: [{ name: 'a & b', action: 'clock', status: 'passed', durationMs: 1, requests: 0 }],
  },
  {
    file: '/x/scenarios/bad.scenario.yaml',
    name: 'bad',
    status: 'failed',
    durationMs: 30,
    har: { log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [] } } as never,
    steps: [
      {
        name: 'create',
        action: 'provision',
        status: 'failed',
        durationMs: 20,
        requests: 1,
        failure: 'step "create" (provision) failed:\nleanix.permissions[0]: differs\n  at $.role <x>',
        exchanges: [
          {
            seq: 1,
            at: 0,
            label: 'call1',
            request: { method: 'POST', url: 'https://h/users', headers: {} },
            response: { status: 500, headers: {}, body: '{}' },
            durationMs: 1,
          },
        ],
      },
      { name: 'next', action: 'wsretry', status: 'skipped', durationMs: 0, requests: 0 },
    ],
  },
];
const summary = summarize(results, 42);

describe('reporters', () => {
  it('sum up and end with "N passed, M failed"', () => {
    expect(summaryLine(summary)).toBe('1 passed, 1 failed');
    const text = prettyReport(results, summary, '/x');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^1 passed, 1 failed \(42 ms\)$/);
    expect(text).toContain('✗ create');
    expect(text).toContain('- next (skipped)');
  });

  it('write JUnit with one suite per file, one case per step, the failure and the exchanges, escaped', () => {
    const xml = junitReport(results, summary, '/x');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('<testsuite name="scenarios/bad.scenario.yaml" tests="2" failures="1"');
    expect(xml).toContain('<testcase name="a &amp; b" classname="ok &lt;one&gt;"');
    expect(xml).toContain('<failure message="leanix.permissions[0]: differs">');
    expect(xml).toContain('at $.role &lt;x&gt;');
    expect(xml).toContain('<system-out>');
    expect(xml).toContain('<skipped message="an earlier step failed"/>');
    expect(xml).not.toMatch(/<[^>]*<[^/!?]/); // no raw "<" inside a tag
  });

  it('write JSON without the HAR and a self-contained HTML page', () => {
    const doc = JSON.parse(jsonReport(results, summary));
    expect(doc.summary).toEqual({ passed: 1, failed: 1, errors: 0, durationMs: 42 });
    expect(doc.scenarios[1].har).toBeUndefined();
    expect(doc.scenarios[1].steps[0].exchanges).toHaveLength(1);
    const html = htmlReport(results, summary, '/x');
    expect(html).toContain('ok &lt;one&gt;');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<details open><summary class="failed">bad');
  });

  it('show a row per variant and each step report (counts, changed records, warnings) in every format', () => {
    const text =
      'account import of leanix: completed\n  accounts: 0 created, 1 updated\n  updated:\n    ~ sam@x: customproperty9 null → "true"';
    const withReport: ScenarioResult[] = [
      {
        file: '/x/scenarios/v.scenario.yaml',
        name: 'scim',
        variant: 'published',
        status: 'passed',
        durationMs: 3,
        steps: [
          {
            name: 'import',
            action: 'import',
            status: 'passed',
            durationMs: 1,
            requests: 3,
            report: { kind: 'import', text, data: { counts: { accountsUpdated: 1 } } },
          },
        ],
      },
      {
        file: '/x/scenarios/v.scenario.yaml',
        name: 'scim',
        variant: 'corrected',
        status: 'passed',
        durationMs: 3,
        steps: [],
      },
    ];
    const sum = summarize(withReport, 6);
    const pretty = prettyReport(withReport, sum, '/x');
    expect(pretty).toContain('✓ scim [published]  (scenarios/v.scenario.yaml');
    expect(pretty).toContain('✓ scim [corrected]');
    expect(pretty).toContain('        account import of leanix: completed\n          accounts: 0 created, 1 updated');
    expect(pretty).toContain('            ~ sam@x: customproperty9 null → "true"');
    const xml = junitReport(withReport, sum, '/x');
    expect(xml).toContain('<testsuite name="scenarios/v.scenario.yaml [published]"');
    expect(xml).toContain('<testcase name="import" classname="scim [published]"');
    expect(xml).toContain('<system-out>account import of leanix: completed');
    expect(xml).toContain('~ sam@x: customproperty9 null → &quot;true&quot;</system-out>');
    expect(JSON.parse(jsonReport(withReport, sum)).scenarios[0]).toMatchObject({
      variant: 'published',
      steps: [{ report: { kind: 'import', data: { counts: { accountsUpdated: 1 } } } }],
    });
    const html = htmlReport(withReport, sum, '/x');
    expect(html).toContain('<summary class="passed">scim [published]');
    expect(html).toContain('<pre class="report">account import of leanix: completed');
  });
});
