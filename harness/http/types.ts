/** Records of the HTTP traffic the EIC emulator makes, kept with the task or job that made it (secrets redacted). */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP exchange made by the emulator. Everything in it is already redacted. */
export interface Exchange {
  /** Sequence number within the emulator instance (1-based). */
  seq: number;
  /** Emulator time (epoch ms) when the request was sent. */
  at: number;
  /** What made it: the call name (`call1`, `Permission`), `token` for the auth call, or a pagination label. */
  label: string;
  /** The task or job it belongs to. */
  owner?: { kind: 'task' | 'job'; id: string };
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Transport failure (timeout, connection dropped, invalid body) when there is no response. */
  error?: string;
  durationMs: number;
  /** The evaluated template values of this call, by JSON path (e.g. `url`, `httpParams`), redacted. */
  bindings?: Record<string, string>;
}

/** How the emulator reaches the network and time: real by default, injectable for tests and scenarios. */
export interface Transport {
  fetch: (input: Request) => Promise<Response>;
  /** Current time in epoch ms. */
  now(): number;
  /** Waits `ms` (fake time in scenarios). */
  sleep(ms: number): Promise<void>;
  /**
   * True when `fetch` answers from memory (the fake, a handler) and never reads `request.signal`: requests then carry
   * no AbortSignal, which costs 8–30 µs per request in undici's Request. The signal only frees a real socket after a
   * read timeout; the call times out the same either way. Default false.
   */
  inProcess?: boolean;
}

/** Additions to RecordedRequest (harness/http/send.ts): what the JSON asked for when the wire differs. */
export interface RecordedRequest {
  /** The EIC method when it differs from the wire method (`GETWITHBODY` → wire `GET`). */
  intendedMethod?: string;
  /** True when the JSON gave a body that the wire method cannot carry (GET): it is recorded but was not sent. */
  bodyNotSent?: boolean;
}

/**
 * Simulated link latency, passed on the transport's clock before a request reaches the target (scenarios set it to
 * show connectionTimeout and writeTimeout separately; an in-process target has no connect or upload phase of its own).
 */
export interface NetworkConditions {
  /** Time to establish the connection, ms. */
  connectMs?: number;
  /** Time to send a request body, ms (requests without a body skip it). */
  writeMs?: number;
}

/** Additions to Exchange (harness/http/send.ts, call.ts): timeouts and retries are visible in the journal. */
export interface Exchange {
  /** The phase whose limit was exceeded, when the exchange timed out. */
  timeout?: 'connect' | 'write' | 'read';
  /** 1-based try of the call this exchange belongs to (connectionTimeoutConfig retries), when above 1. */
  attempt?: number;
}
