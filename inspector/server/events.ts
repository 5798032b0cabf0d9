/**
 * The inspector's server-sent events (`GET /__harness/events`): `hello` on connect, `change` when a world's fake
 * changed (found by comparing version counters every 250 ms, so a burst of traffic gives a few events), `worlds`,
 * `scenarios` and `run` when told, and a comment heartbeat every 15 s. Timers are unref'd and stop with `close()`.
 */
import type { FakeLeanIX } from '../../mocks/leanix/fake.ts';

/** What changed in a world. */
export type Topic = 'tenant' | 'journal' | 'faults' | 'clock' | 'eic';

/** Where the API and the run queue report what happened. */
export interface Notifier {
  /** Sends one event to every client. */
  send(event: string, data: unknown): void;
  /** Reports a change in a world: `topics` plus whatever its fake's counters show, sent at once in one event. */
  notify(world: string, topics: Topic[]): void;
}

/** Options of the hub. */
export interface EventHubOptions {
  /** The worlds to watch, asked at every poll. */
  worlds: () => { id: string; fake: FakeLeanIX }[];
  /** Poll interval in ms (default 250). */
  pollMs?: number;
  /** Heartbeat interval in ms (default 15 s). */
  heartbeatMs?: number;
  /** Events a client may leave unread before it is dropped (default 1,000): a stalled tab cannot grow memory. */
  maxBacklog?: number;
}

type Versions = Record<Exclude<Topic, 'eic'>, string>;

/** The version counters of a fake, one per topic. */
export function versionsOf(fake: FakeLeanIX): Versions {
  return {
    tenant: `${fake.store.version}`,
    journal: `${fake.journal.recorded}:${fake.journal.size}`,
    faults: JSON.stringify(fake.faults.list()),
    clock: `${fake.clock.now()}`,
  };
}

const encoder = new TextEncoder();

/** Formats one server-sent event. */
export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The SSE hub: one stream per client, a poll of version counters while any client is connected. */
export class EventHub implements Notifier {
  private readonly clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private readonly versions = new Map<string, Versions>();
  private poll: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: EventHubOptions) {}

  /** Number of connected clients. */
  get size(): number {
    return this.clients.size;
  }

  /** True while the poll and heartbeat timers run (only while a client is connected). */
  get polling(): boolean {
    return this.poll !== undefined;
  }

  /** A new client: an event-stream response starting with `hello`. */
  connect(): Response {
    let me: ReadableStreamDefaultController<Uint8Array> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        me = controller;
        if (this.closed) {
          controller.close();
          return;
        }
        // Versions are only kept up to date while someone listens: the first client starts from now.
        const fresh = this.clients.size === 0;
        this.clients.add(controller);
        const worlds = this.options.worlds();
        for (const w of worlds) if (fresh || !this.versions.has(w.id)) this.versions.set(w.id, versionsOf(w.fake));
        controller.enqueue(encoder.encode(formatEvent('hello', { worlds: worlds.map((w) => w.id) })));
        this.startTimers();
      },
      cancel: () => {
        if (me) this.drop(me);
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Sends one event to every client. */
  send(event: string, data: unknown): void {
    this.write(formatEvent(event, data));
  }

  /** Sends `change` for a world: `topics` plus the counters that moved (taken as seen, so the poll does not repeat them). */
  notify(world: string, topics: Topic[]): void {
    const w = this.options.worlds().find((x) => x.id === world);
    const moved = w ? this.diff(w.id, w.fake) : [];
    const all = [...new Set<Topic>([...moved, ...topics])];
    if (all.length > 0) this.send('change', { world, topics: all });
  }

  /** Compares every world's versions with the last seen ones and sends `change` for the differences. */
  check(): void {
    const seen = new Set<string>();
    for (const w of this.options.worlds()) {
      seen.add(w.id);
      const topics = this.diff(w.id, w.fake);
      if (topics.length > 0) this.send('change', { world: w.id, topics });
    }
    for (const id of [...this.versions.keys()]) if (!seen.has(id)) this.versions.delete(id);
  }

  /** The topics whose counters moved since last seen (none for a world seen for the first time); takes them as seen. */
  private diff(id: string, fake: FakeLeanIX): Topic[] {
    const now = versionsOf(fake);
    const before = this.versions.get(id);
    this.versions.set(id, now);
    if (!before) return [];
    return (Object.keys(now) as (keyof Versions)[]).filter((k) => now[k] !== before[k]);
  }

  /** Ends every stream and stops the timers; later clients get an empty stream. */
  close(): void {
    this.closed = true;
    for (const c of this.clients) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
    this.clients.clear();
    this.stopTimers();
  }

  private write(text: string): void {
    if (this.clients.size === 0) return;
    const bytes = encoder.encode(text);
    const backlog = this.options.maxBacklog ?? 1000;
    for (const c of [...this.clients]) {
      try {
        // desiredSize counts queued, unread chunks below zero; a client this far behind reconnects when it wakes.
        if ((c.desiredSize ?? 0) < -backlog) {
          c.close();
          this.drop(c);
        } else c.enqueue(bytes);
      } catch {
        this.drop(c);
      }
    }
  }

  private drop(c: ReadableStreamDefaultController<Uint8Array>): void {
    this.clients.delete(c);
    if (this.clients.size === 0) this.stopTimers();
  }

  private startTimers(): void {
    if (this.poll) return;
    this.poll = setInterval(() => this.check(), this.options.pollMs ?? 250);
    this.poll.unref();
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  private stopTimers(): void {
    clearInterval(this.poll);
    clearInterval(this.heartbeat);
    this.poll = undefined;
    this.heartbeat = undefined;
  }
}
