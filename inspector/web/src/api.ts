/**
 * The page's only door to the server: fetch with the admin token (kept in sessionStorage, asked for on the first 401,
 * or taken once from `#token=` in the address), JSON errors as ApiError, and the event stream read with fetch so the
 * Bearer header can be sent, reconnecting with backoff.
 */
import type { ApiErrorBody } from './types.ts';

const TOKEN_KEY = 'harness-inspector.admin-token';

let token: string | null = readStoredToken();
let tokenVersion = 0;
let authNeeded = false;
const authListeners = new Set<() => void>();

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function notifyAuth(): void {
  for (const fn of authListeners) fn();
}

/** Moves `token=<t>` from the address's fragment into sessionStorage and removes it from the address bar. */
export function takeTokenFromAddress(): void {
  const hash = location.hash;
  const m = /(^#|[?&])token=([^&]*)/.exec(hash);
  if (!m) return;
  setToken(decodeURIComponent(m[2]));
  let rest = hash.slice(0, m.index) + (m[1] === '#' ? '#' : m[1]) + hash.slice(m.index + m[0].length);
  rest = rest.replace(/[?&]$/, '').replace(/^#&/, '#');
  if (rest === '#' || rest === '') rest = '#/tenant';
  history.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
}

/** Stores the admin token for this tab (empty clears it) and tells waiting requests and views. */
export function setToken(value: string): void {
  token = value.trim() || null;
  tokenVersion++;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: the token lives in memory only
  }
  authNeeded = false;
  notifyAuth();
}

/** Whether the server asked for a (different) admin token. */
export function isAuthNeeded(): boolean {
  return authNeeded;
}

/** Bumped each time the token is set or cleared. */
export function getTokenVersion(): number {
  return tokenVersion;
}

/** Whether a token is held. */
export function hasToken(): boolean {
  return token !== null;
}

/** Subscribes to token changes and 401s; returns the unsubscribe function. */
export function onAuthChange(fn: () => void): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiErrorBody,
    readonly body: unknown,
  ) {
    super(error.message);
  }
}

/** fetch with the admin token; a 401 marks the token as needed. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 && !authNeeded) {
    authNeeded = true;
    notifyAuth();
  }
  return res;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Calls the API and returns its JSON; throws ApiError with the server's `{error}` on a non-2xx answer. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await request(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', message: `cannot reach the server (${String(e)})` }, null);
  }
  const text = await res.text();
  const body = text ? parse(text) : null;
  if (!res.ok) {
    const err = (body as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      res.status,
      err && typeof err === 'object' ? err : { code: `http.${res.status}`, message: text || res.statusText },
      body,
    );
  }
  return body as T;
}

/** JSON request options for `api`. */
export function jsonBody(method: string, value: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** The path of a world's route: `/__harness/worlds/<id>/<rest>`. */
export function worldPath(world: string, rest: string): string {
  return `/__harness/worlds/${encodeURIComponent(world)}/${rest}`;
}

/** Downloads a file the API serves (fetched with the token, then saved from a blob URL). */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await request(path);
  if (!res.ok) {
    const body = parse(await res.text()) as { error?: ApiErrorBody };
    throw new ApiError(res.status, body?.error ?? { code: `http.${res.status}`, message: res.statusText }, body);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- server-sent events ----

/** Names of the server's events. */
export type EventName = 'hello' | 'change' | 'worlds' | 'scenarios' | 'run';
/** A server event handler. */
export type EventListener = (name: EventName, data: unknown) => void;
/** Connection state of the event stream. */
export type StreamState = 'connecting' | 'live' | 'offline';

const eventListeners = new Set<EventListener>();
const stateListeners = new Set<(s: StreamState) => void>();
let streamState: StreamState = 'connecting';

/** Subscribes to server events; returns the unsubscribe function. */
export function onServerEvent(fn: EventListener): () => void {
  eventListeners.add(fn);
  return () => eventListeners.delete(fn);
}

/** Subscribes to the stream's connection state. */
export function onStreamState(fn: (s: StreamState) => void): () => void {
  stateListeners.add(fn);
  return () => stateListeners.delete(fn);
}

/** The stream's connection state now. */
export function getStreamState(): StreamState {
  return streamState;
}

function setStreamState(s: StreamState): void {
  if (s === streamState) return;
  streamState = s;
  for (const fn of stateListeners) fn(s);
}

function dispatch(name: string, data: string): void {
  let value: unknown = data;
  try {
    value = data ? JSON.parse(data) : {};
  } catch {
    // keep the text
  }
  for (const fn of eventListeners) fn(name as EventName, value);
}

/** Parses one SSE block (lines up to a blank line) and dispatches it. */
export function parseEventBlock(block: string): { name: string; data: string } | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return data.length || name !== 'message' ? { name, data: data.join('\n') } : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function waitForAuth(): Promise<void> {
  return new Promise((resolve) => {
    const off = onAuthChange(() => {
      if (!authNeeded) {
        off();
        resolve();
      }
    });
  });
}

/** Connects to `/__harness/events` and keeps reconnecting (1 s doubling to 30 s) until the returned stop is called. */
export function startEventStream(): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  const run = async () => {
    let backoff = 1000;
    while (!stopped) {
      controller = new AbortController();
      const ctl = controller;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => ctl.abort(), 45_000); // heartbeats come every 15 s
      };
      try {
        setStreamState('connecting');
        const res = await request('/__harness/events', {
          headers: { accept: 'text/event-stream' },
          signal: ctl.signal,
          cache: 'no-store',
        });
        if (res.status === 401) {
          setStreamState('offline');
          await waitForAuth();
          continue;
        }
        if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
        setStreamState('live');
        backoff = 1000;
        arm();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm();
          buffer += value;
          const blocks = buffer.split(/\r?\n\r?\n/);
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const ev = parseEventBlock(block);
            if (ev) dispatch(ev.name, ev.data);
          }
        }
      } catch {
        // reconnect below
      } finally {
        clearTimeout(watchdog);
      }
      if (stopped) break;
      setStreamState('offline');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
