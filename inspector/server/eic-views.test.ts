import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/http/types.ts';
import type { JournalEntry } from '../../mocks/leanix/journal.ts';
import { journalLinks } from './eic-views.ts';

const exchange = (seq: number, at: number, method: string, url: string): Exchange => ({
  seq,
  at,
  label: `call${seq}`,
  request: { method, url, headers: {} },
  durationMs: 1,
});
const entry = (id: number, at: number, method: string, target: string, status = 200) =>
  ({
    id,
    at,
    method,
    path: target.split('?')[0],
    url: `https://demo.leanix.net${target}`,
    response: { status },
  }) as JournalEntry;

describe('journalLinks', () => {
  it('pairs exchanges with journal entries of the same fake time, method, path and query, in order', () => {
    const links = journalLinks(
      [
        exchange(1, 1000, 'GET', 'https://demo.leanix.net/services/mtm/v1/users?page=2'),
        exchange(2, 1000, 'GET', 'https://demo.leanix.net/services/mtm/v1/users?page=1'),
        exchange(3, 2000, 'POST', 'https://demo.leanix.net/services/mtm/v1/users'),
        exchange(4, 3000, 'DELETE', 'https://demo.leanix.net/services/mtm/v1/users/1'),
      ],
      [
        entry(7, 1000, 'GET', '/services/mtm/v1/users?page=1'),
        entry(8, 1000, 'GET', '/services/mtm/v1/users?page=2'),
        entry(9, 2000, 'GET', '/services/mtm/v1/users'), // another client at the same time: not the POST
        entry(10, 2000, 'POST', '/services/mtm/v1/users'),
      ],
    );
    expect([...links]).toEqual([
      [1, 8],
      [2, 7],
      [3, 10],
    ]);
  });

  it('prefers the entry with the same status when two clients sent the same request at the same fake time', () => {
    const x = { ...exchange(1, 1000, 'GET', 'https://demo.leanix.net/services/mtm/v1/users'), response: undefined };
    const answered = { ...x, response: { status: 401, headers: {}, body: '' } };
    const entries = [
      entry(1, 1000, 'GET', '/services/mtm/v1/users', 200),
      entry(2, 1000, 'GET', '/services/mtm/v1/users', 401),
    ];
    expect(journalLinks([answered], entries).get(1)).toBe(2);
    expect(journalLinks([x], entries).get(1)).toBe(1); // no response (timeout): the first in order
  });
});
