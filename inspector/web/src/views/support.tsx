/** Support view: validate and load a connection package, upload a scenario, faults, clock and reset of the world. */
import { useState } from 'preact/hooks';
import { ApiError, api, jsonBody, worldPath } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Diagnostics } from '../components/Diagnostics.tsx';
import { ErrorNote, Field } from '../components/Notice.tsx';
import { count, iso, summarize, summaryText } from '../format.ts';
import { changeOf, navigate, useResource } from '../hooks.ts';
import type { Clock, Diagnostic, FaultRuleState, Scenario, ValidateResult } from '../types.ts';
import { startRun } from './scenarios.tsx';

/** The Support view. */
export function SupportView({ world }: { world: string }) {
  return (
    <section aria-labelledby="support-h">
      <div class="view-head">
        <h2 id="support-h">Support</h2>
        <p class="muted">
          Faults, clock and reset act on the selected world (<strong>{world}</strong>).
        </p>
      </div>
      <div class="grid">
        <PackagePanel />
        <ScenarioPanel />
        <ClockPanel world={world} />
        <FaultsPanel world={world} />
      </div>
    </section>
  );
}

interface Picked {
  name: string;
  bytes: ArrayBuffer;
  type: string;
}

function contentType(name: string): string {
  return /\.zip$/i.test(name) ? 'application/zip' : 'application/json';
}

function PackagePanel() {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [result, setResult] = useState<ValidateResult | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    setResult(null);
    setLoaded(null);
    setError(null);
    if (!file) return;
    const p = { name: file.name, bytes: await file.arrayBuffer(), type: contentType(file.name) };
    setPicked(p);
    setBusy(true);
    try {
      setResult(
        await api<ValidateResult>(`/__harness/packages/validate?name=${encodeURIComponent(p.name)}`, {
          method: 'POST',
          headers: { 'content-type': p.type },
          body: p.bytes,
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    if (!picked) return;
    setError(null);
    setLoaded(null);
    setBusy(true);
    try {
      const out = await api<ValidateResult>(
        `${worldPath('live', 'eic/package')}?name=${encodeURIComponent(picked.name)}`,
        { method: 'PUT', headers: { 'content-type': picked.type }, body: picked.bytes },
      );
      setResult(out);
      setLoaded(out.package?.name ?? picked.name);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const giveConnection = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const out = await api<ValidateResult>(
        `${worldPath('live', 'eic/connection')}?name=${encodeURIComponent(file.name)}`,
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: await file.text() },
      );
      setResult(out);
      setLoaded(`${out.package?.name ?? 'the package'} with the ConnectionJSON of ${file.name}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const summary = result?.summary ?? null;
  return (
    <section class="card wide" aria-labelledby="pkg-h">
      <h3 id="pkg-h">Connection package</h3>
      <p class="muted">
        Choosing a file validates it. Loading it into the live world fills the placeholders (host, workspace, account,
        API token) from the live tenant and replaces the live world's emulator. EIC exports hold the ConnectionJSON
        encrypted: give a plaintext one after loading so the calls can run.
      </p>
      <form onSubmit={(e) => e.preventDefault()}>
        <Field label="Connection package (zip or export JSON)">
          <input
            type="file"
            accept=".zip,.json,application/zip,application/json"
            onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])}
          />
        </Field>
        <button type="button" disabled={!picked || busy} onClick={load}>
          Load into live world
        </button>
        {loaded && (
          <Field label="Plaintext ConnectionJSON (replaces the package's)">
            <input
              type="file"
              accept=".json,application/json"
              onChange={(e) => giveConnection((e.target as HTMLInputElement).files?.[0])}
            />
          </Field>
        )}
      </form>
      <div aria-live="polite" class="status-line">
        {busy ? 'Working…' : loaded ? `Loaded ${loaded} into the live world.` : ''}
      </div>
      <ErrorNote error={error} />
      {result && summary && (
        <>
          <p>
            {result.package && (
              <>
                <strong>{result.package.name}</strong>
                {result.package.kind && ` (${result.package.kind})`} · {result.package.attributes.length} attributes
                {result.package.connectionEncrypted && ' · connection encrypted'} ·{' '}
              </>
            )}
            <span class="summary">{summaryText(summary)}</span>
          </p>
          <Diagnostics caption="Diagnostics" diagnostics={result.diagnostics} />
        </>
      )}
    </section>
  );
}

function ScenarioPanel() {
  const [added, setAdded] = useState<Scenario | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[] | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const choose = async (file: File | undefined) => {
    setAdded(null);
    setDiagnostics(null);
    setError(null);
    if (!file) return;
    try {
      const out = await api<{ scenario: Scenario }>(`/__harness/scenarios?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/yaml' },
        body: await file.text(),
      });
      setAdded(out.scenario);
    } catch (e) {
      const diags = e instanceof ApiError ? (e.body as { diagnostics?: Diagnostic[] } | null)?.diagnostics : undefined;
      if (diags?.length) setDiagnostics(diags);
      setError(e as Error);
    }
  };

  const run = async () => {
    if (!added) return;
    try {
      const r = await startRun(added.id);
      navigate('scenarios', { run: r.id });
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <section class="card" aria-labelledby="scn-h">
      <h3 id="scn-h">Scenario file</h3>
      <p class="muted">
        Adds (or replaces) an uploaded scenario. A path in it may name a package uploaded here (by its file name); other
        relative paths resolve against the project's scenarios/ folder.
      </p>
      <form onSubmit={(e) => e.preventDefault()}>
        <Field label="Scenario file (.scenario.yaml)">
          <input
            type="file"
            accept=".yaml,.yml,text/yaml"
            onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])}
          />
        </Field>
      </form>
      <div aria-live="polite" class="status-line">
        {added && (
          <>
            Added {added.name}{' '}
            <button type="button" onClick={run}>
              Run {added.name}
            </button>
          </>
        )}
      </div>
      <ErrorNote error={error} prefix="Scenario not added" />
      {diagnostics && (
        <>
          <p class="summary">{summaryText(summarize(diagnostics))}</p>
          <Diagnostics caption="Scenario diagnostics" diagnostics={diagnostics} />
        </>
      )}
    </section>
  );
}

function FaultsPanel({ world }: { world: string }) {
  const res = useResource<{ faults: FaultRuleState[] }>(worldPath(world, 'faults'), changeOf(world, ['faults']));
  const [method, setMethod] = useState('');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState('500');
  const [times, setTimes] = useState('1');
  const [error, setError] = useState<Error | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const rule: Record<string, unknown> = { path: path.trim() };
    if (method) rule.method = method;
    if (status.trim()) rule.status = Number(status);
    const t = times.trim();
    if (t) rule.times = t === 'always' ? 'always' : Number(t);
    try {
      await api(worldPath(world, 'faults'), jsonBody('POST', rule));
      setPath('');
      res.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await api(worldPath(world, `faults/${encodeURIComponent(id)}`), { method: 'DELETE' });
      res.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section class="card wide" aria-labelledby="faults-h">
      <h3 id="faults-h">Fault injection</h3>
      <form class="filters" aria-label="Add fault" onSubmit={add}>
        <Field label="Method">
          <select value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Path">
          <input
            type="text"
            required
            value={path}
            placeholder="/workspaces/*/users"
            onInput={(e) => setPath((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field label="Status">
          <input
            type="number"
            min={100}
            max={599}
            value={status}
            onInput={(e) => setStatus((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field label="Times">
          <input
            type="text"
            size={6}
            value={times}
            placeholder="1 or always"
            pattern="\d+|always"
            onInput={(e) => setTimes((e.target as HTMLInputElement).value)}
          />
        </Field>
        <div class="actions">
          <button type="submit">Add fault</button>
        </div>
      </form>
      <ErrorNote error={error ?? res.error} />
      <DataTable
        caption="Faults"
        rows={res.data?.faults ?? []}
        rowKey={(f) => f.id}
        empty="No fault rules."
        columns={[
          { label: 'Id', render: (f) => <code>{f.id}</code> },
          { label: 'Method', render: (f) => (Array.isArray(f.method) ? f.method.join(', ') : (f.method ?? 'any')) },
          { label: 'Path', render: (f) => <code>{f.path ?? '**'}</code> },
          {
            label: 'Answer',
            render: (f) =>
              f.drop
                ? 'drop'
                : [f.status, f.corrupt, f.delayMs ? `+${f.delayMs} ms` : '']
                    .filter((x) => x !== undefined && x !== '')
                    .join(' '),
          },
          { label: 'Times', render: (f) => String(f.times) },
          { label: 'Fired', render: (f) => `${f.fired}${f.exhausted ? ' (done)' : ''}`, className: 'num' },
          {
            label: 'Remove',
            render: (f) => (
              <button type="button" class="danger" onClick={() => remove(f.id)}>
                Remove
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}

function ClockPanel({ world }: { world: string }) {
  const clock = useResource<Clock>(worldPath(world, 'clock'), changeOf(world, ['clock']));
  const [seconds, setSeconds] = useState('60');
  const [error, setError] = useState<Error | null>(null);
  const [resetMsg, setResetMsg] = useState<string | null>(null);

  const advance = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api(worldPath(world, 'clock/advance'), jsonBody('POST', { seconds: Number(seconds) }));
      clock.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const reset = async () => {
    setError(null);
    setResetMsg(null);
    try {
      const out = await api<{ counts: Record<string, number> }>(worldPath(world, 'reset'), { method: 'POST' });
      setResetMsg(`Reset: ${count(out.counts.users ?? 0, 'user')}, ${count(out.counts.workspaces ?? 0, 'workspace')}.`);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section class="card" aria-labelledby="clock-h">
      <h3 id="clock-h">Clock</h3>
      <p>
        Fake time: <time class="clock">{clock.data ? iso(clock.data.now) : '…'}</time>
      </p>
      <form class="filters" aria-label="Advance clock" onSubmit={advance}>
        <Field label="Seconds">
          <input
            type="number"
            min={0}
            step="any"
            required
            value={seconds}
            onInput={(e) => setSeconds((e.target as HTMLInputElement).value)}
          />
        </Field>
        <div class="actions">
          <button type="submit">Advance clock</button>
        </div>
      </form>
      <h3>Reset</h3>
      <p class="muted">
        Restores the world's fake to its seed tenant and clears its faults, journal, quirks and rate limit.
      </p>
      <button type="button" class="danger" onClick={reset}>
        Reset fake
      </button>
      <div aria-live="polite" class="status-line">
        {resetMsg}
      </div>
      <ErrorNote error={error ?? clock.error} />
    </section>
  );
}
