import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CaseRecord, type DifferentialReport, figures, secretsOf, writeReport } from './differential-report.ts';

const rec = (over: Partial<CaseRecord>): CaseRecord => ({
  corpus: 'real',
  id: 't1',
  template: 'text',
  bindingsId: 'b',
  engine: { ok: true, value: 'a' },
  groovy: { ok: true, value: 'a' },
  agree: true,
  messageAgree: false,
  ...over,
});

describe('figures', () => {
  it('counts agreements, accepted divergences and message agreement over same-class failures', () => {
    const f = figures([
      rec({}),
      rec({ agree: false, divergence: 'D1' }),
      rec({ agree: false }),
      rec({
        engine: { ok: false, type: 'T', message: 'm' },
        groovy: { ok: false, type: 'T', message: 'm' },
        messageAgree: true,
      }),
    ]);
    expect(f).toEqual({ cases: 4, agree: 2, accepted: 1, rate: 0.75, messageRate: 1 });
  });
});

describe('writeReport', () => {
  it('redacts secret binding values from both outcomes and writes JSON and Markdown', () => {
    const secrets = secretsOf([
      { bindings: { access_token: 'Bearer s3cr3t-token', user: { password: 'pw-12345' }, x: 'plain' } },
    ]);
    expect(secrets).toContain('s3cr3t-token');
    expect(secrets).toContain('pw-12345');
    expect(secrets).not.toContain('plain');
    const leak = rec({
      agree: false,
      engine: { ok: true, value: 'Bearer s3cr3t-token' },
      groovy: { ok: false, type: 'T', message: 'pw-12345' },
    });
    const report: DifferentialReport = {
      generatedAt: 'now',
      groovy: 'g',
      seed: 1,
      real: figures([leak]),
      curated: figures([]),
      generated: figures([]),
      parse: { templates: 1, agree: 1 },
      parseDisagreements: [],
      disagreements: [leak],
      messageMismatches: [],
    };
    const dir = mkdtempSync(join(tmpdir(), 'diff-report-'));
    try {
      const md = writeReport(report, secrets, dir);
      const text = readFileSync(md, 'utf8') + readFileSync(join(dir, 'groovy-differential.json'), 'utf8');
      expect(text).not.toContain('s3cr3t-token');
      expect(text).not.toContain('pw-12345');
      expect(text).toContain('[REDACTED]');
      expect(readFileSync(md, 'utf8')).toContain('### real t1 (bindings `b`) BUG');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
