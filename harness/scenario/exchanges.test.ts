import { describe, expect, it } from 'vitest';
import type { Exchange } from '../http/types.ts';
import { focusOf, formatStepExchanges, summarizeLines } from './exchanges.ts';

/** A 100-page import: the 401 of the stored token, the token request, then pages; page 57 answers 500. */
function pages(): Exchange[] {
  const list: Exchange[] = [];
  const add = (label: string, url: string, status: number) =>
    list.push({
      seq: list.length + 1,
      at: 0,
      label,
      request: { method: url.includes('token') ? 'POST' : 'GET', url, headers: {} },
      response: { status, headers: {}, body: status >= 400 ? '{"status":"ERROR"}' : '{"data":[]}' },
      durationMs: 1,
    });
  add('account call1 page 1', 'https://demo.leanix.net/services/mtm/v1/workspaces/w/users?page=1', 401);
  add('token', 'https://demo.leanix.net/services/mtm/v1/oauth2/token', 200);
  for (let p = 1; p <= 101; p++)
    add(
      `account call1 page ${p}`,
      `https://demo.leanix.net/services/mtm/v1/workspaces/w/users?page=${p}`,
      p === 57 ? 500 : 200,
    );
  return list;
}

describe('formatStepExchanges', () => {
  it('shows the failing exchanges and their neighbours in full, the rest in one line per run of alike ones', () => {
    const list = pages();
    expect(focusOf(list)).toEqual([0, 1, 57, 58, 59]);
    const text = formatStepExchanges(list);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'HTTP exchanges of this step (103; the failing one and its neighbours, the others in one line each, all with --verbose):',
    );
    expect(text).toContain(
      '  #59 account call1 page 57 GET https://demo.leanix.net/services/mtm/v1/workspaces/w/users?page=57 → 500',
    );
    expect(text).toContain('      response: {"status":"ERROR"}');
    expect(text).toContain('  the other 98:');
    // pages 1-55 differ only in their page number (#3-#57), then pages 59-101 (#61-#103)
    expect(lines.filter((l) => l.includes('alike'))).toEqual([
      '    #3–#57 account call1 page … GET https://demo.leanix.net/services/mtm/v1/workspaces/w/users?… → 200 (55 alike)',
      '    #61–#103 account call1 page … GET https://demo.leanix.net/services/mtm/v1/workspaces/w/users?… → 200 (43 alike)',
    ]);
    expect(lines.length).toBeLessThan(30);
  });

  it('shows everything with verbose, and few exchanges always in full', () => {
    const list = pages();
    expect(
      formatStepExchanges(list, true)
        .split('\n')
        .filter((l) => /^ {2}#\d+ /.test(l)),
    ).toHaveLength(103);
    expect(formatStepExchanges(list.slice(0, 3))).toMatch(/^HTTP exchanges of this step \(3\):\n {2}#1 /);
    expect(formatStepExchanges([])).toBe('');
  });

  it('focuses on the last exchange when none failed', () => {
    const ok = pages().map((e) => ({ ...e, response: { status: 200, headers: {}, body: '' } }));
    expect(focusOf(ok)).toEqual([101, 102]);
  });

  it('folds runs of three or more alike lines', () => {
    expect(summarizeLines(['GET /a → 200', 'GET /a?x=1 → 200', 'GET /a?x=2 → 200', 'GET /b → 500'], '')).toEqual([
      'GET /a → 200 (3 alike)',
      'GET /b → 500',
    ]);
  });
});
