/** The inspector page: header (world selector, live indicator, theme), view tabs, the selected view, token prompt. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  getStreamState,
  hasToken,
  isAuthNeeded,
  onAuthChange,
  onStreamState,
  type StreamState,
  setToken,
  startEventStream,
  takeTokenFromAddress,
} from './api.ts';
import { Dialog } from './components/Dialog.tsx';
import { Field } from './components/Notice.tsx';
import { panelId, Tabs, tabId } from './components/Tabs.tsx';
import { navigate, useResource, useRoute, useStoredState } from './hooks.ts';
import type { World } from './types.ts';
import { EicView } from './views/eic.tsx';
import { ScenariosView } from './views/scenarios.tsx';
import { SupportView } from './views/support.tsx';
import { TenantView } from './views/tenant.tsx';
import { TrafficView } from './views/traffic.tsx';

const VIEWS = [
  { id: 'tenant', label: 'Tenant' },
  { id: 'traffic', label: 'Traffic' },
  { id: 'eic', label: 'EIC' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'support', label: 'Support' },
];
const WORLD_KEY = 'harness-inspector.world';

function useStream(): StreamState {
  const [state, setState] = useState(getStreamState);
  useEffect(() => {
    const off = onStreamState(setState);
    const stop = startEventStream();
    return () => {
      off();
      stop();
    };
  }, []);
  return state;
}

function useAuthNeeded(): boolean {
  const [needed, setNeeded] = useState(isAuthNeeded);
  useEffect(() => onAuthChange(() => setNeeded(isAuthNeeded())), []);
  return needed;
}

function systemTheme(): 'light' | 'dark' {
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function App() {
  const route = useRoute();
  const stream = useStream();
  const authNeeded = useAuthNeeded();
  const [tokenDismissed, setTokenDismissed] = useState(false);
  const [theme, setTheme] = useStoredState<'' | 'light' | 'dark'>('harness-inspector.theme', '');
  const [world, setWorldState] = useState(() => sessionStorage.getItem(WORLD_KEY) ?? 'live');
  const worlds = useResource<{ worlds: World[] }>('/__harness/worlds', (n) => n === 'worlds' || n === 'hello');
  const list = worlds.data?.worlds ?? [];

  const setWorld = (id: string) => {
    setWorldState(id);
    sessionStorage.setItem(WORLD_KEY, id);
  };
  useEffect(() => {
    if (worlds.data && !list.some((w) => w.id === world)) setWorld('live');
  }, [worlds.data]);
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  }, [theme]);

  const view = VIEWS.some((v) => v.id === route.view) ? route.view : 'tenant';
  const options = list.length ? list : [{ id: world, label: world } as World];

  return (
    <>
      <header class="top">
        <h1>Harness inspector</h1>
        <div class="world">
          <label for="world-select">World</label>
          <select
            id="world-select"
            class="world-select"
            value={world}
            onChange={(e) => setWorld((e.target as HTMLSelectElement).value)}
          >
            {options.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <span role="status" class={`live-indicator ${stream}`} title="event stream">
          {stream === 'live' ? 'live' : stream === 'connecting' ? 'connecting…' : 'offline'}
        </span>
        <span class="spacer" />
        {authNeeded && tokenDismissed && (
          <button type="button" onClick={() => setTokenDismissed(false)}>
            Enter admin token
          </button>
        )}
        {hasToken() && !authNeeded && (
          <button type="button" onClick={() => setToken('')}>
            Forget token
          </button>
        )}
        <button
          type="button"
          onClick={() => setTheme((theme || systemTheme()) === 'dark' ? 'light' : 'dark')}
          aria-pressed={(theme || systemTheme()) === 'dark'}
        >
          Toggle theme
        </button>
      </header>
      <nav aria-label="Inspector">
        <Tabs
          label="Views"
          idPrefix="view"
          className="view-tabs"
          tabs={VIEWS}
          selected={view}
          onSelect={(id) => navigate(id)}
        />
      </nav>
      <main>
        <div id={panelId('view')} role="tabpanel" aria-labelledby={tabId('view', view)}>
          {view === 'tenant' && <TenantView key={world} world={world} />}
          {view === 'traffic' && (
            <TrafficView key={world} world={world} tokenServer={list.find((w) => w.id === world)?.tokenServer} />
          )}
          {view === 'eic' && <EicView key={world} world={world} />}
          {view === 'scenarios' && (
            <ScenariosView
              runId={route.params.get('run')}
              onInspect={(id) => {
                setWorld(id);
                navigate('traffic');
              }}
            />
          )}
          {view === 'support' && <SupportView key={world} world={world} />}
        </div>
      </main>
      {authNeeded && !tokenDismissed && <TokenDialog onClose={() => setTokenDismissed(true)} />}
    </>
  );
}

function TokenDialog({ onClose }: { onClose: () => void }) {
  const [value, setValue] = useState('');
  return (
    <Dialog title="Admin token needed" onClose={onClose}>
      <p>
        This server was started with <code>--admin-token</code>. Enter it to use the inspector; it is kept in this tab
        only (sessionStorage).
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value);
        }}
      >
        <Field label="Admin token">
          <input
            type="password"
            autoComplete="off"
            autoFocus
            required
            value={value}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit">Use token</button>
      </form>
    </Dialog>
  );
}

takeTokenFromAddress();
render(<App />, document.getElementById('app')!);
