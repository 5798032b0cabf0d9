/**
 * `createFakeLeanIX(options)`: the programmatic fake LeanIX. One router (core.ts) wrapped ONCE by faults and journal
 * (`handle = journal(faults(core.handle))`), exposed as a Request→Response function and a fetch-compatible function;
 * the HTTP server (http-server.ts) and the msw handlers (msw.ts: `createMswHandlers(fake.handle)`) serve the same
 * `handle`. The fake itself does not import msw, so the harness runs without it installed.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import { SecretSet } from '../../lib/redact.ts';
import type { Clock } from './clock.ts';
import { createFakeCore, type FakeCore, type FakeCoreOptions } from './core.ts';
import { errorBody, rawJsonResponse } from './envelope.ts';
import { createFaults, type DelayMode, type FaultRule, type Faults, type RequestHandler } from './faults.ts';
import { createJournal, DEFAULT_JOURNAL_SIZE, type Journal } from './journal.ts';
import type { TenantData } from './model.ts';
import { type Quirks, type QuirksInput, resolveQuirks } from './quirks.ts';
import type { Store, StoreCounts, StoreSnapshot } from './store.ts';

/** Options of the fake: everything the core takes, plus journal and fault settings. */
export interface FakeLeanIXOptions extends FakeCoreOptions {
  /** Journal ring-buffer capacity (default 10,000). */
  journalSize?: number;
  /** Bytes of each body the journal keeps (default 256 KiB). */
  journalBodyBytes?: number;
  /** Total body bytes the journal keeps (default 128 MiB); past it the oldest entries lose their bodies. */
  journalTotalBodyBytes?: number;
  /** Fault rules installed at start. */
  faults?: FaultRule[];
  /** Seed of the fault probability generator (default 1). */
  faultSeed?: number;
  /** How fault delays pass by default: 'advance' (in-process default), 'sleep' or 'wall' (HTTP server default). */
  delayMode?: DelayMode;
  /** Base URL `fetch` resolves relative URLs against (default https://app.leanix.net). */
  baseUrl?: string;
  /**
   * Secret values the journal blanks wherever they appear, besides every API token of the tenant and each exchange's
   * own credentials (a scenario shares one set between the fake and the emulator). Default: a set of its own.
   */
  secrets?: SecretSet;
}

/** A snapshot of the fake: the store's state and the quirks (the clock never goes back, so it is not part of it). */
export interface FakeSnapshot {
  store: StoreSnapshot;
  quirks: Quirks;
}

/** The fake LeanIX. */
export interface FakeLeanIX {
  core: FakeCore;
  store: Store;
  clock: Clock;
  /** The live quirks (mutable: changes apply to the next request). */
  readonly quirks: Quirks;
  faults: Faults;
  journal: Journal;
  /** The secret values the journal blanks (the tenant's API tokens are added as the journal is read). */
  secrets: SecretSet;
  /** `secrets` with the tenant's current API tokens added: what a redaction of the fake's own data should use. */
  knownSecrets(): SecretSet;
  /** The wrapped router: Request in, Response out; never throws (a dropped connection is `Response.error()`). */
  handle: RequestHandler;
  /** A fetch-compatible function over `handle`; a dropped connection rejects with TypeError('fetch failed'). */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Replaces the quirks (partial values merge with the defaults). */
  setQuirks(q: QuirksInput): Quirks;
  /** Back to the seeded state: store reset, faults and journal cleared, quirks and rate limit back to the start options. */
  reset(): void;
  snapshot(): FakeSnapshot;
  restore(s: FakeSnapshot): void;
  /** Replaces all data (validated by the store). */
  seed(data: TenantData): void;
  exportJson(): TenantData;
  counts(): StoreCounts;
}

/** Creates a fake LeanIX (async: the core generates its RSA signing key). */
export async function createFakeLeanIX(options: FakeLeanIXOptions = {}): Promise<FakeLeanIX> {
  const {
    journalSize,
    journalBodyBytes,
    journalTotalBodyBytes,
    faults: initialFaults,
    faultSeed,
    delayMode,
    baseUrl,
    secrets = new SecretSet(),
    ...coreOptions
  } = options;
  const core = await createFakeCore(coreOptions);
  const clock = core.clock;
  const faults = createFaults({ clock, seed: faultSeed, delayMode });
  for (const [i, rule] of (initialFaults ?? []).entries()) {
    try {
      faults.add(rule);
    } catch (e) {
      if (e instanceof HarnessError)
        throw new HarnessError(e.code, e.message, { path: ['faults', i, ...(e.location.path ?? [])] }, e.hint);
      throw e;
    }
  }
  const knownSecrets = () => {
    secrets.addAll(core.store.apiTokens().map((t) => t.token));
    return secrets;
  };
  const journal = createJournal({
    clock,
    size: journalSize ?? DEFAULT_JOURNAL_SIZE,
    maxBodyBytes: journalBodyBytes,
    maxTotalBodyBytes: journalTotalBodyBytes,
    secrets: knownSecrets,
  });
  const initialQuirks = structuredClone(core.quirks);
  const initialRateLimit = { ...core.rateLimit };
  const inner = journal.wrap(faults.wrap((req) => core.handle(req)));
  const handle: RequestHandler = async (req) => {
    try {
      return await inner(req);
    } catch (e) {
      // Last line of defence: the fake never crashes on a request.
      const msg = e instanceof Error ? e.message : String(e);
      return rawJsonResponse(500, errorBody(`Internal error in the fake: ${msg}`));
    }
  };
  const base = baseUrl ?? 'https://app.leanix.net';
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req =
      typeof input === 'string' && input.startsWith('/')
        ? new Request(new URL(input, base), init)
        : new Request(input, init);
    const res = await handle(req);
    if (res.type === 'error') throw new TypeError('fetch failed', { cause: new Error('connection dropped (fault)') });
    return res;
  };
  const setQuirks = (q: QuirksInput): Quirks => {
    const next = resolveQuirks(q);
    for (const k of Object.keys(core.quirks) as (keyof Quirks)[]) delete core.quirks[k];
    Object.assign(core.quirks, next);
    return core.quirks;
  };
  return {
    core,
    store: core.store,
    clock,
    get quirks() {
      return core.quirks;
    },
    faults,
    journal,
    secrets,
    knownSecrets,
    handle,
    fetch: fetchFn,
    setQuirks,
    reset() {
      core.store.reset();
      faults.clear();
      journal.clear();
      setQuirks(initialQuirks);
      Object.assign(core.rateLimit, initialRateLimit);
    },
    snapshot: () => ({ store: core.store.snapshot(), quirks: structuredClone(core.quirks) }),
    restore(s) {
      core.store.restore(s.store);
      setQuirks(s.quirks);
    },
    seed: (data) => core.store.seed(data),
    exportJson: () => core.store.exportJson(),
    counts: () => core.store.counts(),
  };
}
