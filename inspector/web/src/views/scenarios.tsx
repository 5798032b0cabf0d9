/** Scenarios view: bundled and uploaded scenarios, runs (live through `run` events), a run's steps and failures. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { DiagnosticBlock } from '../components/Diagnostics.tsx';
import { ExchangeList } from '../components/Exchange.tsx';
import { Pre } from '../components/Json.tsx';
import { ErrorNote } from '../components/Notice.tsx';
import { count, iso, ms } from '../format.ts';
import { navigate, useResource, useServerEvent } from '../hooks.ts';
import type { RunInfo, RunStep, Scenario } from '../types.ts';

/** Starts a run of a scenario; resolves with the queued run. */
export async function startRun(scenarioId: string): Promise<RunInfo> {
  const out = await api<{ run: RunInfo }>(
    `/__harness/scenarios/${scenarioId.split('/').map(encodeURIComponent).join('/')}/run`,
    { method: 'POST' },
  );
  return out.run;
}

/** Props of the Scenarios view. */
export interface ScenariosProps {
  /** The run shown (from the address: #/scenarios?run=<id>). */
  runId: string | null;
  /** Selects a world (the "Inspect world" button). */
  onInspect: (worldId: string) => void;
}

/** The Scenarios view. */
export function ScenariosView({ runId, onInspect }: ScenariosProps) {
  const scenarios = useResource<{ scenarios: Scenario[] }>(
    '/__harness/scenarios',
    (n) => n === 'scenarios' || n === 'hello',
  );
  const runsRes = useResource<{ runs: RunInfo[] }>('/__harness/runs', (n) => n === 'hello');
  const [overlay, setOverlay] = useState<Map<string, RunInfo>>(new Map());
  const [error, setError] = useState<Error | null>(null);

  useServerEvent((name, data) => {
    if (name === 'hello') setOverlay(new Map());
    if (name !== 'run') return;
    const run = data as RunInfo;
    setOverlay((m) => new Map(m).set(run.id, run));
  });

  const runs = useMemo(() => {
    const byId = new Map<string, RunInfo>();
    for (const r of runsRes.data?.runs ?? []) byId.set(r.id, r);
    for (const [id, r] of overlay) byId.set(id, r);
    return [...byId.values()].sort((a, b) => runNumber(b.id) - runNumber(a.id));
  }, [runsRes.data, overlay]);
  const current = runs.find((r) => r.id === runId) ?? null;

  const run = async (s: Scenario) => {
    setError(null);
    try {
      const r = await startRun(s.id);
      setOverlay((m) => (m.has(r.id) ? m : new Map(m).set(r.id, r)));
      navigate('scenarios', { run: r.id });
    } catch (e) {
      setError(e as Error);
    }
  };

  const list = scenarios.data?.scenarios ?? [];
  return (
    <section aria-labelledby="scenarios-h">
      <div class="view-head">
        <h2 id="scenarios-h">Scenarios</h2>
        <p class="muted">Each run gets its own world (a fresh fake and emulator), kept for inspection.</p>
      </div>
      <ErrorNote error={scenarios.error} prefix="Cannot list scenarios" />
      <ErrorNote error={error} prefix="Cannot start the run" />
      {current && <RunPanel run={current} onInspect={onInspect} />}
      {runId && !current && !runsRes.loading && <p class="muted">Run {runId} is no longer kept.</p>}
      <DataTable
        caption="Scenarios"
        rows={list}
        rowKey={(s) => s.id}
        empty={scenarios.loading ? 'Loading…' : 'No scenarios.'}
        columns={[
          {
            label: 'Name',
            render: (s) => (
              <>
                <strong>{s.name}</strong>
                {s.description && (
                  <div class="muted clamp" title={s.description}>
                    {s.description}
                  </div>
                )}
                {s.error && <DiagnosticBlock diagnostic={s.error} />}
              </>
            ),
            className: 'wrap',
          },
          {
            label: 'Tags',
            render: (s) =>
              s.tags.map((t) => (
                <span key={t} class="tag">
                  {t}
                </span>
              )),
          },
          { label: 'Source', render: (s) => s.source },
          { label: 'Steps', render: (s) => s.steps.length, className: 'num' },
          {
            label: 'Run',
            render: (s) => (
              <button type="button" aria-label={`Run ${s.name}`} disabled={!!s.error} onClick={() => run(s)}>
                Run
              </button>
            ),
          },
        ]}
      />
      <DataTable
        caption="Runs"
        rows={runs}
        rowKey={(r) => r.id}
        selected={runId ?? undefined}
        onOpen={(r) => navigate('scenarios', { run: r.id })}
        empty="No runs yet."
        columns={[
          { label: 'Run', render: (r) => r.id },
          { label: 'Scenario', render: (r) => r.name },
          { label: 'Status', render: (r) => <span class={`badge run-${r.status}`}>{r.status}</span> },
          { label: 'Started', render: (r) => iso(r.startedAt), className: 'time' },
          { label: 'Duration', render: (r) => ms(r.durationMs), className: 'num' },
        ]}
      />
    </section>
  );
}

function runNumber(id: string): number {
  const n = Number(/(\d+)$/.exec(id)?.[1]);
  return Number.isFinite(n) ? n : 0;
}

function RunPanel({ run, onInspect }: { run: RunInfo; onInspect: (worldId: string) => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest' }), [run.id]);
  return (
    <section class="run-panel" aria-label={`Run ${run.id}`} ref={ref}>
      <div class="view-head">
        <h3>
          {run.id}: {run.name}
        </h3>
        <span class={`badge big run-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        {run.worldId && (
          <button type="button" onClick={() => onInspect(run.worldId!)}>
            Inspect world
          </button>
        )}
      </div>
      <p class="muted">
        <code>{run.file}</code>
        {run.startedAt !== undefined && ` · started ${iso(run.startedAt)}`}
        {run.durationMs !== undefined && ` · ${ms(run.durationMs)}`}
        {run.worldId && ` · world ${run.worldId}`}
      </p>
      {run.error && <DiagnosticBlock diagnostic={run.error} />}
      <ol class="steps">
        {run.steps.map((s, i) => (
          <StepItem key={i} step={s} />
        ))}
      </ol>
    </section>
  );
}

function StepItem({ step }: { step: RunStep }) {
  const [open, setOpen] = useState(false);
  const hasFailure = step.status === 'failed' || !!step.failure || !!step.error;
  return (
    <li class={`step step-${step.status}`}>
      <div class="step-line">
        <span class={`badge run-${step.status}`}>{step.status}</span> <strong>{step.name}</strong>{' '}
        <code class="muted">{step.action}</code>
        <span class="muted">
          {step.durationMs !== undefined && ` ${ms(step.durationMs)}`}
          {step.requests !== undefined && ` · ${count(step.requests, 'request')}`}
        </span>
        {hasFailure && (
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide failure' : 'Show failure'}
          </button>
        )}
      </div>
      {open && (
        <div class="failure">
          {step.failure && <Pre class="diff failure-text">{step.failure}</Pre>}
          {step.error && <DiagnosticBlock diagnostic={step.error} />}
          <h4>Exchanges</h4>
          <ExchangeList exchanges={step.exchanges} />
        </div>
      )}
    </li>
  );
}
