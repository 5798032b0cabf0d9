/**
 * The request journal of the fake LeanIX: every exchange (as the client saw it, faults included) in a bounded ring
 * buffer, redacted at record time (Authorization headers, API tokens, JWTs, `password`-like fields), queryable by
 * method, path, status and time. HAR export lives in har.ts.
 */
import { HarnessError } from '../../lib/diagnostic.ts';
import {
  credentialsOf,
  isSecretKey,
  REDACTED,
  redactBody,
  redactHeaders,
  redactText,
  SecretSet,
} from '../../lib/redact.ts';
import type { Clock } from './clock.ts';
import { builtBodyOf, readBodyOf } from './envelope.ts';
import { compilePathPattern, droppedByRule, FAULT_HEADER, type RequestHandler, relativePath } from './faults.ts';

/** One side of an exchange, redacted. */
export interface JournalMessage {
  headers: Record<string, string>;
  /** The body text (redacted, cut to the journal's `maxBodyBytes`); absent when there was none. */
  body?: string;
  /** Body size in bytes as sent. */
  bodySize: number;
  /** True when `body` was cut to `maxBodyBytes`. */
  truncated?: boolean;
}

/** One recorded exchange. */
export interface JournalEntry {
  /** Sequence number, from 1, never reused (survives ring-buffer eviction). */
  id: number;
  /** Fake-clock time the request arrived (epoch ms). */
  at: number;
  /** Wall-clock time the request arrived (epoch ms). */
  wallAt: number;
  /** Wall-clock duration in ms. */
  durationMs: number;
  method: string;
  /** The full URL, with secret query parameters redacted. */
  url: string;
  /** The URL's path. */
  path: string;
  request: JournalMessage;
  response: JournalMessage & { status: number; statusText: string };
  /** Id of the fault rule that produced or changed the answer. */
  fault?: string;
  /** Set when there was no HTTP answer (dropped connection). */
  error?: string;
  /** Set when the journal's byte budget took this entry's bodies (sizes stay). */
  bodiesDropped?: true;
}

/** A journal query; every given field must match. */
export interface JournalQuery {
  /** Method(s), case-insensitive. */
  method?: string | string[];
  /** Path pattern as in fault rules (`/workspaces/:id/users`, globs), relative to `/services/mtm/v1` or absolute. */
  path?: string;
  /** An exact status, a class like `4xx`, or a list of either. */
  status?: number | string | (number | string)[];
  /** Fake-clock time range, inclusive (epoch ms or ISO string). */
  from?: number | string;
  to?: number | string;
  /** Only entries with an id greater than this (for polling). */
  sinceId?: number;
  /** Only entries a fault rule touched (true), or untouched (false). */
  fault?: boolean;
  /** At most this many entries: the newest ones, still in chronological order. */
  limit?: number;
}

/** Options of a journal. */
export interface JournalOptions {
  clock: Clock;
  /** Ring-buffer capacity (default 10,000). */
  size?: number;
  /** Bytes of each body kept (default 256 KiB); longer bodies are cut and flagged. */
  maxBodyBytes?: number;
  /** Total body bytes the journal keeps (default 128 MiB); past it the oldest entries lose their bodies. */
  maxTotalBodyBytes?: number;
  /**
   * The secret values to blank wherever they appear, asked once per read (the fake adds its tenant's API tokens
   * then); entries read before a secret was added are redacted again with it. Default: none beyond the exchange's own
   * credentials.
   */
  secrets?: () => SecretSet;
}

/** The journal. */
export interface Journal {
  /** Capacity of the ring buffer. */
  readonly capacity: number;
  /** Entries currently held. */
  readonly size: number;
  /** Exchanges recorded since creation or the last clear (including evicted ones). */
  readonly recorded: number;
  /** The id of the entry recorded last, 0 when none is held (cheap: nothing is materialised or redacted). */
  readonly newestId: number;
  /** Entries matching a query, oldest first. */
  query(q?: JournalQuery): JournalEntry[];
  /** All entries held, oldest first. */
  entries(): JournalEntry[];
  /** Forgets every entry. */
  clear(): void;
  /** Wraps a handler so every exchange through it is recorded. */
  wrap(next: RequestHandler): RequestHandler;
}

/** Default ring-buffer capacity. */
export const DEFAULT_JOURNAL_SIZE = 10_000;
const DEFAULT_MAX_BODY = 256 * 1024;
const DEFAULT_MAX_TOTAL = 128 * 1024 * 1024;
const decoder = new TextDecoder();

/** Creates a journal bound to a fake clock. */
export function createJournal(options: JournalOptions): Journal {
  const capacity = options.size ?? DEFAULT_JOURNAL_SIZE;
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new HarnessError('journal.size', `journal size must be a positive integer, got ${capacity}`, {
      path: ['journalSize'],
    });
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxTotal = options.maxTotalBodyBytes ?? DEFAULT_MAX_TOTAL;
  let totalBody = 0;
  const { clock } = options;
  const none = new SecretSet();
  const secretsNow = options.secrets ?? (() => none);
  // The hot path only keeps references (bytes, headers, the exchange's credentials for later redaction); decoding and
  // redaction happen once, when an entry is first read, and the raw parts are dropped then. Nothing leaves the
  // journal unredacted.
  let ring: (Slot | undefined)[] = new Array(capacity);
  let head = 0; // next write position
  let count = 0;
  let recorded = 0;
  let nextId = 1;

  let droppedPrefix = 0; // the oldest `droppedPrefix` slots hold no bodies any more (byte budget)
  const push = (s: Slot) => {
    const evicted = count === capacity ? ring[head] : undefined;
    if (evicted) {
      totalBody -= slotBytes(evicted);
      droppedPrefix = Math.max(0, droppedPrefix - 1);
    }
    ring[head] = s;
    head = (head + 1) % capacity;
    if (count < capacity) count++;
    recorded++;
    totalBody += slotBytes(s);
    // Over the byte budget: the oldest entries give up their bodies (metadata stays queryable).
    while (totalBody > maxTotal && droppedPrefix < count - 1) {
      const old = ring[(head - count + droppedPrefix + capacity) % capacity]!;
      totalBody -= slotBytes(old);
      dropBodies(old);
      droppedPrefix++;
    }
  };

  const slots = (): Slot[] => {
    const out: Slot[] = [];
    const start = (head - count + capacity) % capacity;
    for (let i = 0; i < count; i++) out.push(ring[(start + i) % capacity]!);
    return out;
  };

  const journal: Journal = {
    capacity,
    get size() {
      return count;
    },
    get recorded() {
      return recorded;
    },
    get newestId() {
      return count === 0 ? 0 : ring[(head - 1 + capacity) % capacity]!.meta.id;
    },
    entries() {
      const secrets = secretsNow();
      return slots().map((s) => materialize(s, secrets));
    },
    query(q = {}) {
      const pred = compileQuery(q);
      const out = slots().filter((s) => pred(s.meta));
      const kept = q.limit !== undefined && out.length > q.limit ? out.slice(out.length - q.limit) : out;
      const secrets = secretsNow();
      return kept.map((s) => materialize(s, secrets));
    },
    clear() {
      ring = new Array(capacity);
      head = 0;
      count = 0;
      recorded = 0;
      totalBody = 0;
      droppedPrefix = 0;
    },
    wrap(next) {
      return async (req) => {
        const id = nextId++;
        const at = clock.now();
        const wallAt = Date.now();
        const t0 = performance.now();
        const read = readBodyOf(req);
        const reqBytes = read
          ? keep(read, maxBody)
          : req.body
            ? keep(new Uint8Array(await req.clone().arrayBuffer()), maxBody)
            : null;
        const res = await next(req);
        const meta: Meta = {
          id,
          at,
          wallAt,
          durationMs: 0,
          method: req.method,
          path: new URL(req.url).pathname,
          status: 0,
        };
        const raw: Raw = {
          url: req.url,
          reqHeaders: req.headers,
          reqBytes,
          resHeaders: null,
          resBytes: null,
          statusText: '',
        };
        if (res.type === 'error') {
          meta.durationMs = performance.now() - t0;
          const fault = droppedByRule(res);
          if (fault) meta.fault = fault;
          meta.error = 'connection dropped';
          push({ meta, raw });
          return res;
        }
        meta.status = res.status;
        const fault = res.headers.get(FAULT_HEADER);
        if (fault) meta.fault = fault;
        raw.resHeaders = res.headers;
        raw.statusText = res.statusText;
        // A body built from a string or bytes (the router's JSON) is taken as is: the response goes on unread.
        const built = builtBodyOf(res);
        const source = built ?? bodySourceOf(res);
        if (source !== undefined) {
          meta.durationMs = performance.now() - t0;
          // The router's own bytes (`built`) are immutable and kept as they are; other bytes are copied: they are the
          // Response's source, which reading the response later detaches.
          raw.resBytes =
            typeof source === 'string'
              ? keepText(source, maxBody)
              : source === built
                ? keep(built, maxBody)
                : keep(copyPrefix(source, maxBody), maxBody, source.length);
          push({ meta, raw });
          knownBodies.set(res, source);
          return res;
        }
        const resBytes = res.body ? new Uint8Array(await res.arrayBuffer()) : null;
        meta.durationMs = performance.now() - t0;
        raw.resBytes = resBytes ? keep(resBytes, maxBody) : null;
        push({ meta, raw });
        const out = new Response(resBytes, { status: res.status, statusText: res.statusText, headers: res.headers });
        if (resBytes) knownBodies.set(out, resBytes);
        return out;
      };
    },
  };
  return journal;
}

/** What queries filter on (cheap, recorded eagerly). */
interface Meta {
  id: number;
  at: number;
  wallAt: number;
  durationMs: number;
  method: string;
  path: string;
  status: number;
  fault?: string;
  error?: string;
}

/** The unredacted parts of an exchange, private to the journal until first read. */
interface Raw {
  url: string;
  reqHeaders: Headers;
  reqBytes: Kept | null;
  resHeaders: Headers | null;
  resBytes: Kept | null;
  statusText: string;
}

/** A kept body: bytes (possibly cut) or the original string, with the full size in bytes. */
interface Kept {
  bytes?: Uint8Array;
  text?: string;
  size: number;
}

interface Slot {
  meta: Meta;
  raw?: Raw;
  entry?: JournalEntry;
  /** The SecretSet version `entry` was redacted with. */
  redactedAt?: number;
  /** Set when the byte budget took this entry's bodies. */
  bodiesDropped?: true;
}

/**
 * The first `max` bytes in a buffer of their own. Not `slice`: on a Node Buffer it is a view, which would keep the
 * whole body alive for as long as the journal keeps the entry (and, promoted with it, a page body dying in the old
 * generation is external memory that makes V8 mark the whole heap again).
 */
function copyPrefix(bytes: Uint8Array, max: number): Uint8Array {
  return bytes.length > max ? new Uint8Array(bytes.subarray(0, max)) : new Uint8Array(bytes);
}

/** Keeps at most `max` bytes of a body (copied when cut, so the rest can be freed), with its full size. */
export function keep(bytes: Uint8Array, max: number, size = bytes.length): Kept {
  return { bytes: bytes.length > max ? copyPrefix(bytes, max) : bytes, size };
}

/** Keeps a string body (cut to `max` bytes only when it is longer, into bytes of their own). */
export function keepText(text: string, max: number): Kept {
  const size = Buffer.byteLength(text);
  return size > max ? { bytes: copyPrefix(Buffer.from(text), max), size } : { text, size };
}

/** Bytes a slot holds in bodies (raw or materialized). */
function slotBytes(s: Slot): number {
  if (s.raw) return keptBytes(s.raw.reqBytes) + keptBytes(s.raw.resBytes);
  if (s.entry) return (s.entry.request.body?.length ?? 0) + (s.entry.response.body?.length ?? 0);
  return 0;
}

function keptBytes(k: Kept | null): number {
  if (!k) return 0;
  if (k.bytes) return k.bytes.length;
  return k.text !== undefined ? k.size : 0;
}

/** Drops a slot's bodies (byte budget): raw bodies are forgotten, a materialized entry loses its body texts. */
function dropBodies(s: Slot): void {
  s.bodiesDropped = true;
  if (s.raw) {
    s.raw.reqBytes = s.raw.reqBytes ? { size: s.raw.reqBytes.size } : null;
    s.raw.resBytes = s.raw.resBytes ? { size: s.raw.resBytes.size } : null;
  }
  if (s.entry) {
    delete s.entry.request.body;
    delete s.entry.response.body;
    s.entry.bodiesDropped = true;
  }
}

/** The `state` symbol of undici's Response, whose `body.source` is what a response was built from. */
const UNDICI_STATE = Object.getOwnPropertySymbols(new Response('')).find((sym) => sym.description === 'state');

/**
 * The string or bytes a Response was constructed from, without reading its stream (undefined when unknown: a stream
 * body, a consumed response, or a runtime whose Response keeps no such source). A pure optimisation: callers fall
 * back to reading the body.
 */
export function bodySourceOf(res: Response): string | Uint8Array | undefined {
  if (!UNDICI_STATE || res.bodyUsed) return undefined;
  const state = (res as unknown as Record<symbol, { body?: { source?: unknown } | null }>)[UNDICI_STATE];
  const source = state?.body?.source;
  if (typeof source === 'string' || source instanceof Uint8Array) return source;
  return undefined;
}

/**
 * The redacted entry of a slot, built on first read (the raw parts are dropped then); redacted again when secrets were
 * added since.
 */
function materialize(slot: Slot, secrets: SecretSet): JournalEntry {
  if (slot.entry) {
    if (slot.redactedAt !== secrets.version) {
      redactAgain(slot.entry, secrets);
      slot.redactedAt = secrets.version;
    }
    return slot.entry;
  }
  const raw = slot.raw!;
  const { meta } = slot;
  const own = credentialsOf(raw.reqHeaders.get('authorization'));
  const clean = (text: string) => secrets.redact(redactText(text, own));
  const entry: JournalEntry = {
    id: meta.id,
    at: meta.at,
    wallAt: meta.wallAt,
    durationMs: meta.durationMs,
    method: meta.method,
    url: clean(redactUrl(raw.url)),
    path: meta.path,
    request: message(raw.reqHeaders, raw.reqBytes, clean),
    response: raw.resHeaders
      ? { status: meta.status, statusText: raw.statusText, ...message(raw.resHeaders, raw.resBytes, clean) }
      : { status: 0, statusText: '', headers: {}, bodySize: 0 },
  };
  if (meta.fault) entry.fault = meta.fault;
  if (meta.error) entry.error = meta.error;
  if (slot.bodiesDropped) entry.bodiesDropped = true;
  slot.entry = entry;
  slot.redactedAt = secrets.version;
  slot.raw = undefined;
  return entry;
}

/** Applies newly added secrets to an entry redacted before them (its text is already free of the older ones). */
function redactAgain(e: JournalEntry, secrets: SecretSet): void {
  e.url = secrets.redact(e.url);
  for (const m of [e.request, e.response]) {
    for (const [k, v] of Object.entries(m.headers)) m.headers[k] = secrets.redact(v);
    if (m.body !== undefined) m.body = secrets.redact(m.body);
  }
}

/** Bodies of responses the journal handed on, so the HTTP adapter can write the bytes without re-reading a stream. */
const knownBodies = new WeakMap<Response, Uint8Array | string>();

/** The complete body (bytes or string) of a response returned by a journal-wrapped handler (else undefined). */
export function knownBody(res: Response): Uint8Array | string | undefined {
  return res.bodyUsed ? undefined : knownBodies.get(res);
}

function message(headers: Headers, kept: Kept | null, clean: (text: string) => string): JournalMessage {
  const plain: Record<string, string> = {};
  headers.forEach((v, k) => {
    plain[k] = v;
  });
  const named = redactHeaders(plain);
  for (const [k, v] of Object.entries(named)) named[k] = clean(v);
  const out: JournalMessage = { headers: named, bodySize: kept?.size ?? 0 };
  if (kept && kept.size > 0 && (kept.text !== undefined || kept.bytes)) {
    const text = kept.text ?? decoder.decode(kept.bytes);
    out.body = clean(redactBody(text, headers.get('content-type') ?? ''));
    if (kept.bytes && kept.bytes.length < kept.size) out.truncated = true;
  }
  return out;
}

/** Redacts secret-named query parameters and a password in a URL (echoed credentials: by the caller). */
function redactUrl(raw: string): string {
  const url = new URL(raw);
  let changed = false;
  for (const k of [...url.searchParams.keys()]) {
    if (isSecretKey(k)) {
      url.searchParams.set(k, REDACTED);
      changed = true;
    }
  }
  if (url.password) {
    url.password = REDACTED;
    changed = true;
  }
  return changed ? url.toString() : raw;
}

function toEpoch(v: number | string, field: string): number {
  if (typeof v === 'number') return v;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (Number.isNaN(n))
    throw new HarnessError(
      'journal.query',
      `"${field}" must be epoch ms or an ISO date-time, got ${JSON.stringify(v)}`,
      {
        path: [field],
      },
    );
  return n;
}

function compileQuery(q: JournalQuery): (e: Meta) => boolean {
  const methods = q.method
    ? new Set((Array.isArray(q.method) ? q.method : [q.method]).map((m) => m.toUpperCase()))
    : null;
  const path = q.path ? compilePathPattern(q.path) : null;
  const statuses = q.status === undefined ? null : (Array.isArray(q.status) ? q.status : [q.status]).map(statusTest);
  const from = q.from === undefined ? null : toEpoch(q.from, 'from');
  const to = q.to === undefined ? null : toEpoch(q.to, 'to');
  return (e) => {
    if (methods && !methods.has(e.method.toUpperCase())) return false;
    if (path && !path.test(relativePath(e.path))) return false;
    if (statuses && !statuses.some((t) => t(e.status))) return false;
    if (from !== null && e.at < from) return false;
    if (to !== null && e.at > to) return false;
    if (q.sinceId !== undefined && e.id <= q.sinceId) return false;
    if (q.fault !== undefined && (e.fault !== undefined) !== q.fault) return false;
    return true;
  };
}

function statusTest(s: number | string): (status: number) => boolean {
  if (typeof s === 'number') return (x) => x === s;
  const cls = /^([1-5])xx$/i.exec(s);
  if (cls) {
    const d = Number(cls[1]);
    return (x) => Math.floor(x / 100) === d;
  }
  if (/^\d{1,3}$/.test(s)) return (x) => x === Number(s);
  throw new HarnessError(
    'journal.query',
    `"status" must be a status like 404 or a class like 4xx, got ${JSON.stringify(s)}`,
    {
      path: ['status'],
    },
  );
}
