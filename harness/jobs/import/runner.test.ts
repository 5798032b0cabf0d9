import { describe, expect, it } from 'vitest';
import { ExchangeRecorder } from '../../http/recorder.ts';
import { ImportJournal } from './runner.ts';

const draft = (status: number, body: string) => ({
  at: 0,
  label: 'account call1 page 1',
  request: { method: 'GET', url: 'https://h/u', headers: { Authorization: 'Bearer secret-token-1234' } },
  response: { status, headers: {}, body },
  durationMs: 1,
});

describe('import journal', () => {
  it('records big successful pages as a placeholder in the emulator journal, and everything else whole', () => {
    const inner = new ExchangeRecorder();
    const j = new ImportJournal(inner, 20);
    j.addSecret('Bearer secret-token-1234');
    const big = `{"data":[${'1,'.repeat(20)}1]}`;
    j.record(draft(200, big));
    j.record(draft(200, '{"data":[]}'));
    j.record(draft(500, `{"error":"${'x'.repeat(30)}"}`));
    const list = inner.list();
    expect(j.size).toBe(3);
    expect(j.list()).toEqual(list);
    expect(list.map((e) => e.response?.body)).toEqual([
      `[${big.length} characters of import page not kept by the journal]`,
      '{"data":[]}',
      `{"error":"${'x'.repeat(30)}"}`,
    ]);
    expect(list[0].request.headers.Authorization).toBe('Bearer [REDACTED]');
    expect(j.redact('a secret-token-1234 b')).toBe('a [REDACTED] b');
  });
});
