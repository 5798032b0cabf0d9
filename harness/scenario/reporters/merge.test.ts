import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../run.ts';
import { jsonReport } from './json.ts';
import { mergeJsonReports } from './merge.ts';
import { summarize } from './summary.ts';

const result = (file: string, status: ScenarioResult['status']): ScenarioResult => ({
  file,
  name: file.replace('.yaml', ''),
  status,
  durationMs: 5,
  steps: [
    { name: 's', action: 'import', status: status === 'passed' ? 'passed' : 'failed', durationMs: 5, requests: 2 },
  ],
});

describe('mergeJsonReports', () => {
  it('merges shard reports written by the JSON reporter, sorted by file, with the longest shard duration', () => {
    const a = [result('b.yaml', 'passed'), result('d.yaml', 'failed')];
    const b = [result('a.yaml', 'passed')];
    const merged = mergeJsonReports([
      { file: 'shard-1/report.json', text: jsonReport(a, summarize(a, 120)) },
      { file: 'shard-2/report.json', text: jsonReport(b, summarize(b, 300)) },
    ]);
    expect(merged.results.map((r) => r.file)).toEqual(['a.yaml', 'b.yaml', 'd.yaml']);
    expect(merged.summary).toEqual({ passed: 2, failed: 1, errors: 0, durationMs: 300 });
    expect(merged.results[2].steps[0].status).toBe('failed');
  });

  it('names the file that is not a report', () => {
    expect(() => mergeJsonReports([{ file: 'x.json', text: '{' }])).toThrow(/x\.json is not valid JSON/);
    expect(() => mergeJsonReports([{ file: 'y.json', text: '{"results": []}' }])).toThrow(
      /y\.json is not a harness JSON report/,
    );
    expect(() => mergeJsonReports([{ file: 'z.json', text: '{"scenarios": [{"file": 1}]}' }])).toThrow(
      /z\.json: scenarios\[0\] is not a scenario result/,
    );
  });
});
