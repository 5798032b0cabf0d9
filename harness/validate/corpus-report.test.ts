// The per-code report over the corpus and the LeanIX packages (README, "Validator findings over real packages"):
// its reviews must match current findings, cover every sampled error and warning, and the corrected package stays clean.
import { describe, expect, it } from 'vitest';
import { hasReference, NO_REFERENCE } from '../../lib/reference.ts';
import { collectFindings, markdownTable, readReviews, rowsByCode, sampleOf } from './corpus-report.ts';

describe('sampleOf', () => {
  it('spreads the sample evenly over the sorted keys and keeps small sets whole', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    expect(sampleOf(keys, 4)).toEqual(['k00', 'k10', 'k20', 'k30']);
    expect(sampleOf(['b', 'a', 'a'], 4)).toEqual(['a', 'b']);
  });
});

describe.skipIf(!hasReference)(`corpus report ${hasReference ? '' : NO_REFERENCE}`, () => {
  let cached: ReturnType<typeof collectFindings> | undefined;
  const all = () => {
    cached ??= collectFindings(); // first called inside a test, never in the describe body
    return cached;
  };

  it('has a review for every sampled error and warning, and no review of a finding that no longer exists', async () => {
    const findings = await all();
    const reviews = readReviews();
    const keys = new Set(findings.map((f) => f.key));
    expect(Object.keys(reviews).filter((k) => !keys.has(k))).toEqual([]);
    const rows = rowsByCode(findings, reviews);
    const unreviewed = rows
      .filter((r) => r.severities.some((s) => s !== 'info'))
      .flatMap((r) => r.sample.filter((k) => reviews[k] === undefined));
    expect(unreviewed).toEqual([]);
    expect(markdownTable(rows).split('\n')).toHaveLength(rows.length + 2);
  });

  it('finds no error and no warning in the corrected LeanIX package with its demo-tenant patch', async () => {
    const findings = (await all()).filter((f) => f.source === 'fixtures/leanix+patch');
    expect(findings.map((f) => f.diagnostic.code)).toEqual([
      'patch.applied',
      'patch.applied',
      'patch.applied',
      'patch.applied',
    ]);
  });
});
