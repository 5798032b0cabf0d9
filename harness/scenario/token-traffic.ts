/**
 * The token server's traffic in a scenario world (`given.tokenServer`). The fake's journal never sees it, so it has a
 * journal of its own: redacted with the run's secrets, on the fake's clock. Each entry remembers the newest fake
 * journal entry at the moment it was sent, so the scenario's HAR (`scenarioHar`) shows both in the order they
 * happened: a 401 from the fake, then the refresh at the token server, then the retry. Fault rules (the fake's
 * format, `faults`) apply to it as to the fake, inside the journal, so the journal records the faulted answer.
 */
import type { TokenServer } from '../../fixtures/token-server/index.ts';
import type { SecretSet } from '../../lib/redact.ts';
import type { FakeLeanIX } from '../../mocks/leanix/fake.ts';
import { createFaults, type Faults } from '../../mocks/leanix/faults.ts';
import { type Har, type HarEntry, toHar, toHarEntry } from '../../mocks/leanix/har.ts';
import { createJournal, type Journal } from '../../mocks/leanix/journal.ts';

/** Entries the token server's journal holds (the oldest go first). */
const TOKEN_JOURNAL_SIZE = 1_000;

/** The token server behind a journal: what the world's transport sends token-server requests to. */
export interface TokenTraffic {
  readonly origin: string;
  /** The token server's fetch, faulted and journaled; a dropped connection rejects as fetch does. */
  fetch(request: Request): Promise<Response>;
  readonly journal: Journal;
  /** Fault rules for the token server (the fault sweep's), in the fake's format. */
  readonly faults: Faults;
  /** Token journal entry id → id of the newest fake journal entry when the request was sent (0: none yet). */
  readonly after: ReadonlyMap<number, number>;
}

/** Puts a journal in front of a scenario's token server. */
export function journalTokenTraffic(fake: FakeLeanIX, server: TokenServer, secrets: SecretSet): TokenTraffic {
  const journal = createJournal({ clock: fake.clock, size: TOKEN_JOURNAL_SIZE, secrets: () => secrets });
  const faults = createFaults({ clock: fake.clock });
  const handle = journal.wrap(faults.wrap((req) => server.fetch(req)));
  const after = new Map<number, number>();
  // The emulator sends one request at a time, so the nth request sent is the nth entry recorded (ids from 1).
  let sent = 0;
  return {
    origin: server.origin,
    journal,
    faults,
    after,
    fetch: async (req) => {
      after.set(++sent, fake.journal.newestId);
      const res = await handle(req);
      if (res.type === 'error') throw new TypeError('fetch failed', { cause: new Error('connection dropped (fault)') });
      return res;
    },
  };
}

/**
 * The HAR of a scenario run: the fake's journal and, when the world has a token server, its traffic, in the order
 * they happened. Token-server entries carry `_source: "token server"`; their `_id` counts in the token journal.
 */
export function scenarioHar(fake: FakeLeanIX, traffic: TokenTraffic | undefined, comment: string): Har {
  const har = toHar(fake.journal.entries(), comment);
  if (!traffic) return har;
  const tokens = traffic.journal.entries();
  const merged: HarEntry[] = [];
  let t = 0;
  const tokensUpTo = (fakeId: number) => {
    for (; t < tokens.length && (traffic.after.get(tokens[t].id) ?? 0) <= fakeId; t++)
      merged.push({ ...toHarEntry(tokens[t]), _source: 'token server' });
  };
  for (const e of har.log.entries) {
    tokensUpTo(e._id - 1);
    merged.push(e);
  }
  tokensUpTo(Number.POSITIVE_INFINITY);
  har.log.entries = merged;
  return har;
}
