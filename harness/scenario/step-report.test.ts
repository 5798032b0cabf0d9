import { describe, expect, it } from 'vitest';
import { TASK_STATUS } from '../eic/types.ts';
import { emptyReport } from '../jobs/import/report.ts';
import { REPORT_RECORDS, stepReport, TEXT_RECORDS } from './step-report.ts';

describe('stepReport', () => {
  it('renders an import report: counts, then changed records with old → new, then warnings with their hints', () => {
    const r = emptyReport('account', 'leanix', 0);
    r.counts.recordsRead = 2;
    r.counts.accountsUpdated = 1;
    r.accounts.updated.push({
      name: 'sam@x',
      accountID: '1',
      changes: [{ column: 'customproperty9', from: null, to: 'true' }],
    });
    r.warnings.push({
      code: 'import.partial-read',
      severity: 'warning',
      message: 'a call failed',
      hint: 'set "doNotChangeIfFailed": true',
    });
    const s = stepReport(r);
    expect(s?.kind).toBe('import');
    const lines = s?.text.split('\n') ?? [];
    expect(lines[1]).toContain('read 2 records');
    expect(lines).toContain('    ~ sam@x: customproperty9 null → "true"');
    expect(s?.text).toMatch(
      /warning \[import\.partial-read\]: a call failed\n\s+hint: set "doNotChangeIfFailed": true/,
    );
  });

  it('cuts long record lists in the data (saying how many were left out) and in the text', () => {
    const r = emptyReport('account', 'leanix', 0);
    for (let i = 0; i < 120; i++) r.accounts.created.push({ name: `u${i}@x`, accountID: String(i), status: 'ACTIVE' });
    r.counts.accountsCreated = 120;
    const s = stepReport(r);
    const data = s?.data as { accounts: { created: unknown[] }; counts: { accountsCreated: number }; omitted: object };
    expect(data.accounts.created).toHaveLength(REPORT_RECORDS);
    expect(data.counts.accountsCreated).toBe(120);
    expect(data.omitted).toEqual({ 'accounts.created': 120 - REPORT_RECORDS });
    expect(s?.text).toContain(`… ${120 - TEXT_RECORDS} more`);
  });

  it('renders a WSRETRY job report with status names, and ignores other reports', () => {
    const s = stepReport({
      jobId: 'WSRETRY-2',
      startedAt: 0,
      finishedAt: 0,
      attempts: [
        {
          taskId: '2',
          type: 'REMOVEACCOUNT',
          from: TASK_STATUS.NEW,
          to: TASK_STATUS.COMPLETE,
          tries: 2,
          reason: 'used up',
          error: 'HTTP 500',
        },
      ],
      completed: 0,
      retryable: 0,
      failed: 1,
    });
    expect(s?.text).toBe(
      'WSRETRY-2: 1 task attempt(s): 0 completed, 0 to retry, 1 failed\n  task 2 REMOVEACCOUNT: NEW → COMPLETE, try 2: used up\n    error: HTTP 500',
    );
    expect(stepReport({ status: 'success', connections: [] })).toBeUndefined();
    expect(stepReport(undefined)).toBeUndefined();
  });
});
