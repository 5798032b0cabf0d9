import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../http/types.ts';
import { capRecordedBody } from './runner.ts';

const ex = (body: string): Exchange => ({
  seq: 1,
  at: 0,
  label: 'account call1 page 1',
  request: { method: 'GET', url: 'https://h/u', headers: {} },
  response: { status: 200, headers: {}, body },
  durationMs: 1,
});

describe('import journal bodies', () => {
  it('keeps the head of a long recorded body and says how much was cut', () => {
    const e = ex('x'.repeat(50));
    capRecordedBody(e, 20);
    expect(e.response?.body).toBe(`${'x'.repeat(20)}…[30 more characters not kept by the import journal]`);
  });
  it('leaves short bodies and exchanges without a response alone', () => {
    const e = ex('{"data":[]}');
    capRecordedBody(e, 20);
    expect(e.response?.body).toBe('{"data":[]}');
    const failed: Exchange = { ...ex(''), response: undefined, error: 'fetch failed' };
    capRecordedBody(failed, 20);
    expect(failed.response).toBeUndefined();
  });
});
