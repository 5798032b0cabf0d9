/**
 * Traffic view: the fake's request journal as a timeline (newest first), filters, details, HAR export, clear. A
 * request the world's EIC emulator made is labelled with its call and owner, and its details show the bindings EIC
 * evaluated for it (the API links exchanges to journal entries). A run world whose scenario has a token server can show
 * that server's journal instead (Source).
 */
import { useMemo, useState } from 'preact/hooks';
import { api, download, worldPath } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Bindings, Headers } from '../components/Exchange.tsx';
import { Json } from '../components/Json.tsx';
import { ErrorNote, Field, FilterSelect } from '../components/Notice.tsx';
import { count, iso, ms } from '../format.ts';
import { changeOf, useResource } from '../hooks.ts';
import type { ExchangeSummary, ExchangeView, JournalEntry } from '../types.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A path with line-break opportunities after each "/" (the text stays the same). */
function breakable(path: string) {
  return path.split(/(?<=\/)/).map((part, i) => [i > 0 && <wbr key={i} />, part]);
}
/** Journal entries fetched at most (the newest ones). */
const FETCH_LIMIT = 500;

/** Query string of the server-side filters; a Path starting with "/" is a server pattern, else a substring. */
function journalQuery(method: string, path: string, status: string, faultsOnly: boolean, limit?: number): string {
  const q = new URLSearchParams();
  if (method) q.set('method', method);
  if (path.startsWith('/')) q.set('path', path);
  if (status.trim()) q.set('status', status.trim());
  if (faultsOnly) q.set('fault', 'true');
  if (limit) q.set('limit', String(limit));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Whose requests the view lists: the fake LeanIX's, or the scenario token server's. */
type Source = 'fake' | 'token-server';
const JOURNALS: Record<Source, { path: string; har: string; label: string }> = {
  fake: { path: 'journal', har: 'leanix-fake.har', label: 'LeanIX fake' },
  'token-server': { path: 'token-server/journal', har: 'token-server.har', label: 'token server' },
};

/** The Traffic view; `tokenServer` when the world has a token server whose journal it can show. */
export function TrafficView({ world, tokenServer = false }: { world: string; tokenServer?: boolean }) {
  const [source, setSource] = useState<Source>('fake');
  const journal = JOURNALS[source];
  const [method, setMethod] = useState('');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState('');
  const [faultsOnly, setFaultsOnly] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const query = journalQuery(method, path, status, faultsOnly, FETCH_LIMIT);
  const res = useResource<{ entries: JournalEntry[]; recorded: number }>(
    worldPath(world, `${journal.path}${query}`),
    changeOf(world, ['journal']),
  );
  const entries = useMemo(() => {
    const all = res.data?.entries ?? [];
    const needle = path.startsWith('/') ? '' : path.toLowerCase();
    return all.filter((e) => !needle || e.path.toLowerCase().includes(needle)).reverse();
  }, [res.data, path]);
  const current = entries.find((e) => e.id === selected) ?? null;
  // the emulator's exchanges are linked to the fake's journal entries only
  const calls = useResource<{ exchanges: ExchangeSummary[] }>(
    source === 'fake' ? worldPath(world, 'eic/exchanges?summary=true') : null,
    changeOf(world, ['eic', 'journal']),
  );
  const callOf = useMemo(() => {
    const byEntry = new Map<number, ExchangeSummary>();
    for (const x of calls.data?.exchanges ?? []) if (x.journalId !== undefined) byEntry.set(x.journalId, x);
    return byEntry;
  }, [calls.data]);

  const closeDetails = () => {
    const id = selected;
    setSelected(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#requests-table tr[data-key="${id}"]`)?.focus());
  };
  const exportHar = () => {
    setActionError(null);
    download(
      worldPath(world, `${journal.path}.har${journalQuery(method, path, status, faultsOnly)}`),
      journal.har,
    ).catch(setActionError);
  };
  const clear = () => {
    setActionError(null);
    api(worldPath(world, journal.path), { method: 'DELETE' }).then(() => {
      setSelected(null);
      res.reload();
    }, setActionError);
  };

  return (
    <section aria-labelledby="traffic-h">
      <div class="view-head">
        <h2 id="traffic-h">Traffic</h2>
        {res.data && (
          <p class="muted">
            {count(res.data.recorded, 'request')} recorded since start or the last clear; newest first
            {res.data.entries.length >= FETCH_LIMIT && `, showing the newest ${FETCH_LIMIT} matching the filters`}.
          </p>
        )}
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        {tokenServer && (
          <Field label="Source">
            <select
              value={source}
              onChange={(e) => {
                setSelected(null);
                setSource((e.target as HTMLSelectElement).value as Source);
              }}
            >
              {(Object.keys(JOURNALS) as Source[]).map((k) => (
                <option key={k} value={k}>
                  {JOURNALS[k].label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <FilterSelect label="Method" value={method} values={METHODS} onChange={setMethod} />
        <Field label="Path">
          <input
            type="search"
            value={path}
            placeholder="users or /workspaces/*/users"
            title="Text contained in the path, or a path pattern starting with / (* one segment, ** any)"
            onInput={(e) => setPath((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field label="Status">
          <input
            type="text"
            size={6}
            value={status}
            placeholder="4xx"
            onInput={(e) => setStatus((e.target as HTMLInputElement).value)}
          />
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={faultsOnly}
            onChange={(e) => setFaultsOnly((e.target as HTMLInputElement).checked)}
          />{' '}
          Faults only
        </label>
        <div class="actions">
          <button type="button" onClick={exportHar}>
            Export HAR
          </button>
          <button type="button" class="danger" onClick={clear}>
            Clear journal
          </button>
        </div>
      </form>
      <ErrorNote error={res.error} prefix="Cannot load the journal" />
      <ErrorNote error={actionError} />
      <div class={current ? 'split' : undefined}>
        <DataTable
          caption="Requests"
          id="requests-table"
          rows={entries}
          rowKey={(e) => String(e.id)}
          selected={current ? String(current.id) : undefined}
          onOpen={(e) => setSelected(e.id === selected ? null : e.id)}
          rowClass={(e) => (e.fault ? 'fault' : e.response.status >= 400 || e.error ? 'failed' : undefined)}
          empty={res.loading ? 'Loading…' : 'No requests.'}
          columns={[
            { label: '#', render: (e) => e.id, className: 'num' },
            { label: 'Time', render: (e) => iso(e.at), className: 'time' },
            { label: 'Method', render: (e) => <code>{e.method}</code> },
            {
              label: 'Path',
              render: (e) => <code title={e.url}>{breakable(e.path)}</code>,
              className: 'wrap path',
            },
            {
              label: 'Status',
              render: (e) => (e.error ? 'dropped' : e.response.status),
              className: 'num',
            },
            {
              label: 'Fault',
              render: (e) =>
                e.fault ? (
                  <span class="badge fault" title={`fault rule ${e.fault}`}>
                    fault <span class="muted">{e.fault}</span>
                  </span>
                ) : (
                  ''
                ),
            },
            { label: 'EIC call', render: (e) => callText(callOf.get(e.id)), className: 'wrap' },
            { label: 'Duration', render: (e) => ms(e.durationMs), className: 'num' },
          ]}
        />
        {current && (
          <EntryDetails entry={current} world={world} linked={callOf.has(current.id)} onClose={closeDetails} />
        )}
      </div>
    </section>
  );
}

/** "call1 · task 3": which call of the package made a request, and for which task or job. */
function callText(x: Pick<ExchangeSummary, 'label' | 'owner'> | undefined): string {
  if (!x) return '';
  return x.owner ? `${x.label} · ${x.owner.kind} ${x.owner.id}` : x.label;
}

interface EntryDetailsProps {
  entry: JournalEntry;
  world: string;
  /** True when the world's emulator made this request. */
  linked: boolean;
  onClose: () => void;
}

function EntryDetails({ entry, world, linked, onClose }: EntryDetailsProps) {
  const call = useResource<{ exchanges: ExchangeView[] }>(
    linked ? worldPath(world, `eic/exchanges?journal=${entry.id}`) : null,
  );
  const x = call.data?.exchanges[0];
  return (
    <aside
      class="details"
      aria-label={`Request ${entry.id}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="dialog-head">
        <h3>
          #{entry.id} <code>{entry.method}</code> <code class="url">{entry.url}</code>
        </h3>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </div>
      <p class="muted">
        {iso(entry.at)} (fake clock) · {ms(entry.durationMs)}
        {entry.fault && ` · fault rule ${entry.fault}`}
        {entry.bodiesDropped && ' · bodies dropped (journal byte budget)'}
      </p>
      {entry.error && <p class="error-text">No answer: {entry.error}</p>}
      {x && (
        <section aria-label="EIC call">
          <h4>
            EIC call {callText(x)}
            {x.request.intendedMethod && <span class="muted"> (JSON method {x.request.intendedMethod})</span>}
          </h4>
          <Bindings bindings={x.bindings} />
        </section>
      )}
      <section>
        <h4>Request</h4>
        <Headers headers={entry.request.headers} />
        <Body message={entry.request} label="Request body" />
      </section>
      <section>
        <h4>Response</h4>
        <p>
          <strong>
            {entry.response.status} {entry.response.statusText}
          </strong>
        </p>
        <Headers headers={entry.response.headers} />
        <Body message={entry.response} label="Response body" />
      </section>
    </aside>
  );
}

function Body({ message, label }: { message: JournalEntry['request']; label: string }) {
  if (message.body === undefined)
    return <p class="muted">{message.bodySize ? `${message.bodySize} bytes, not kept.` : 'No body.'}</p>;
  return (
    <>
      {message.truncated && <p class="muted">Cut to the journal's body limit ({message.bodySize} bytes sent).</p>}
      <Json text={message.body} label={label} />
    </>
  );
}
