/**
 * Scenarios view: the project's scenarios (what `harness run` would run where `harness serve` started) and uploaded
 * ones, a row per variant of a scenario with variants; runs (live through `run` events), a run's steps and failures.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { DiagnosticBlock } from '../components/Diagnostics.tsx';
import { ExchangeList } from '../components/Exchange.tsx';
import { Pre } from '../components/Json.tsx';
import { ErrorNote } from '../components/Notice.tsx';
import { count, iso, ms } from '../format.ts';
import { navigate, useResource, useServerEvent } from '../hooks.ts';
import type { RunInfo, RunStep, Scenario, SourceInfo, VariantEntry } from '../types.ts';

/** Starts a run of a scenario (of one variant when given); resolves with the queued run. */
export async function startRun(scenarioId: string, variant?: string): Promise<RunInfo> {
  const query = variant === undefined ? '' : `?variant=${encodeURIComponent(variant)}`;
  const out = await api<{ run: RunInfo }>(
    `/__harness/scenarios/${scenarioId.split('/').map(encodeURIComponent).join('/')}/run${query}`,
    { method: 'POST' },
  );
  return out.run;
}

/** A row of the Scenarios table: a scenario, or one variant of a scenario with variants. */
interface ScenarioRow {
  key: string;
  scenario: Scenario;
  variant?: VariantEntry;
  /** `name [variant]`, as runs and reports name it. */
  title: string;
}

/** One row per scenario, or per variant of a scenario with variants. */
export function scenarioRows(list: Scenario[]): ScenarioRow[] {
  return list.flatMap((scenario) =>
    scenario.variants && scenario.variants.length > 0
      ? scenario.variants.map((variant) => ({
          key: `${scenario.id}#${variant.name}`,
          scenario,
          variant,
          title: `${scenario.name} [${variant.name}]`,
        }))
      : [{ key: scenario.id, scenario, title: scenario.name }],
  );
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
  const scenarios = useResource<{ scenarios: Scenario[]; source?: SourceInfo }>(
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

  const run = async (row: ScenarioRow) => {
    setError(null);
    try {
      const r = await startRun(row.scenario.id, row.variant?.name);
      setOverlay((m) => (m.has(r.id) ? m : new Map(m).set(r.id, r)));
      navigate('scenarios', { run: r.id });
    } catch (e) {
      setError(e as Error);
    }
  };

  const rows = scenarioRows(scenarios.data?.scenarios ?? []);
  const source = scenarios.data?.source;
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
      {source && <SourceNote source={source} />}
      <DataTable
        caption="Scenarios"
        rows={rows}
        rowKey={(r) => r.key}
        empty={scenarios.loading ? 'Loading…' : 'No scenarios.'}
        columns={[
          {
            label: 'Name',
            render: ({ scenario: s, variant, title }) => {
              const description = variant ? variant.description : s.description;
              return (
                <>
                  <strong>{title}</strong>
                  {description && (
                    <div class="muted clamp" title={description}>
                      {description}
                    </div>
                  )}
                  {s.error && <DiagnosticBlock diagnostic={s.error} />}
                </>
              );
            },
            className: 'wrap',
          },
          {
            label: 'Tags',
            render: ({ scenario: s, variant }) => [
              ...(variant
                ? [
                    <span key="variant" class="tag" title="a variant: runs as a scenario of its own">
                      variant {variant.name}
                    </span>,
                  ]
                : []),
              ...s.tags.map((t) => (
                <span key={t} class="tag">
                  {t}
                </span>
              )),
            ],
          },
          { label: 'Source', render: (r) => <span title={r.scenario.file}>{r.scenario.source}</span> },
          { label: 'Steps', render: (r) => (r.variant ?? r.scenario).steps.length, className: 'num' },
          {
            label: 'Run',
            render: (r) => (
              <button type="button" aria-label={`Run ${r.title}`} disabled={!!r.scenario.error} onClick={() => run(r)}>
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

/** Where the project's scenarios come from, and why there are none if so. */
function SourceNote({ source }: { source: SourceInfo }) {
  return (
    <p class="muted">
      Project scenarios: <code>{source.paths.join(' ')}</code> in <code>{source.cwd}</code>
      {source.problem && (
        <>
          {' '}
          (none: {source.problem.message}). Start <code>harness serve</code> in your project's folder, or pass{' '}
          <code>--scenarios &lt;path&gt;</code>; or upload a scenario file under Support.
        </>
      )}
    </p>
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
