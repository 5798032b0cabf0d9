/** Hooks shared by the views: server events, fetched resources that refresh on events, the hash route. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  api,
  type EventListener,
  type EventName,
  getTokenVersion,
  onAuthChange,
  onServerEvent,
} from './api.ts';

/** Calls `fn` on every server event while the component is mounted (always the latest `fn`). */
export function useServerEvent(fn: EventListener): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => onServerEvent((name, data) => ref.current(name, data)), []);
}

/** A counter bumped whenever the admin token changes, so fetches rerun. */
export function useAuthEpoch(): number {
  const [epoch, setEpoch] = useState(getTokenVersion);
  useEffect(() => onAuthChange(() => setEpoch(getTokenVersion())), []);
  return epoch;
}

/** A fetched resource. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Which server events make a resource refetch. */
export type RefreshRule = (name: EventName, data: unknown) => boolean;

/** A `change` event of `world` touching one of `topics`; also a reconnect (`hello`). */
export function changeOf(world: string, topics: string[]): RefreshRule {
  return (name, data) => {
    if (name === 'hello') return true;
    if (name !== 'change') return false;
    const d = data as { world?: string; topics?: string[] };
    return d.world === world && (d.topics ?? []).some((t) => topics.includes(t));
  };
}

/**
 * GETs `path` (null: nothing) and keeps the last good answer while refetching; refetches when `refresh` says so.
 * Events that arrive during a fetch cause one more fetch after it, so a burst costs at most two requests.
 */
export function useResource<T>(path: string | null, refresh?: RefreshRule): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({
    loading: path !== null,
    path,
  });
  const [tick, setTick] = useState(0);
  const epoch = useAuthEpoch();
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const reload = useCallback(() => {
    if (inFlight.current) dirty.current = true;
    else setTick((n) => n + 1);
  }, []);

  useEffect(() => {
    if (path === null) {
      setState({ loading: false, path });
      return;
    }
    const ctl = new AbortController();
    inFlight.current = true;
    dirty.current = false;
    setState((s) => (s.path === path ? { ...s, loading: true } : { loading: true, path }));
    api<T>(path, { signal: ctl.signal })
      .then(
        (data) => setState({ data, loading: false, path }),
        (error) => {
          if (ctl.signal.aborted) return;
          setState((s) => ({ ...s, error: error instanceof ApiError ? error : undefined, loading: false }));
        },
      )
      .finally(() => {
        if (ctl.signal.aborted) return;
        inFlight.current = false;
        if (dirty.current) {
          dirty.current = false;
          setTick((n) => n + 1);
        }
      });
    return () => {
      ctl.abort();
      inFlight.current = false;
    };
  }, [path, tick, epoch]);

  useServerEvent((name, data) => {
    if (refresh?.(name, data)) reload();
  });

  const same = state.path === path;
  return {
    data: same ? state.data : undefined,
    error: same ? state.error : undefined,
    loading: state.loading || !same,
    reload,
  };
}

/** The current route: view name and query parameters of `#/<view>?a=b`. */
export interface Route {
  view: string;
  params: URLSearchParams;
}

function readRoute(): Route {
  const m = /^#\/([\w-]*)(?:\?(.*))?$/.exec(location.hash);
  return { view: m?.[1] || 'tenant', params: new URLSearchParams(m?.[2] ?? '') };
}

/** The hash route, updated on `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Navigates to `#/<view>` with optional parameters. */
export function navigate(view: string, params?: Record<string, string>): void {
  const q = params ? new URLSearchParams(params).toString() : '';
  location.hash = `#/${view}${q ? `?${q}` : ''}`;
}

/** A value stored in localStorage under `key`. */
export function useStoredState<T extends string>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      return (localStorage.getItem(key) as T | null) ?? initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        localStorage.setItem(key, v);
      } catch {
        // not persisted
      }
    },
    [key],
  );
  return [value, set];
}
