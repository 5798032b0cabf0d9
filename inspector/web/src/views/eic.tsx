/** EIC view: the emulator of the selected world: jobs, accounts, entitlements, links, tasks and the last import. */
import { useState } from 'preact/hooks';
import { api, jsonBody, worldPath } from '../api.ts';
import { DataTable, ROW_LIMIT } from '../components/DataTable.tsx';
import { DiagnosticBlock } from '../components/Diagnostics.tsx';
import { ExchangeList } from '../components/Exchange.tsx';
import { Pre } from '../components/Json.tsx';
import { ErrorNote } from '../components/Notice.tsx';
import { importDiff } from '../diff.ts';
import { cell, count, iso } from '../format.ts';
import { changeOf, useResource } from '../hooks.ts';
import type { EicView as EicData, ImportReport, JobReport, TaskView } from '../types.ts';
import { EicForms } from './eic-forms.tsx';

const ACCOUNT_STATUS_NAMES: Record<string, string> = { '1': 'Active', '2': 'Inactive' };

/** The EIC view. */
export function EicView({ world }: { world: string }) {
  const res = useResource<EicData>(worldPath(world, 'eic'), changeOf(world, ['eic']));
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const eic = res.data;
  const noPackage = !eic?.package;

  const run = async (label: string, path: string, body?: unknown) => {
    setBusy(label);
    setError(null);
    setMessage(null);
    try {
      const out = await api<{ report: ImportReport | JobReport }>(worldPath(world, path), jsonBody('POST', body ?? {}));
      const r = out.report;
      setMessage(
        'kind' in r
          ? `${label}: ${r.outcome}${r.applied ? ', applied' : ', nothing changed'}`
          : `${label}: ${r.attempts.length} tasks tried, ${r.completed} completed, ${r.retryable} to retry, ${r.failed} failed`,
      );
      res.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <section aria-labelledby="eic-h">
      <div class="view-head">
        <h2 id="eic-h">EIC</h2>
        {eic?.package ? (
          <p class="muted">
            Package <strong>{eic.package.name}</strong>
            {eic.package.kind && ` (${eic.package.kind})`} · {count(eic.exchanges, 'exchange')}
          </p>
        ) : (
          eic && <p class="muted">No connection package in this world.</p>
        )}
      </div>
      <ErrorNote error={res.error} prefix="Cannot load the emulator" />
      <div class="toolbar">
        <button
          type="button"
          disabled={noPackage || busy !== null}
          aria-describedby={noPackage ? 'eic-why' : undefined}
          onClick={() => run('Account import', 'eic/import', { kind: 'accounts' })}
        >
          Run account import
        </button>
        <button
          type="button"
          disabled={noPackage || busy !== null}
          aria-describedby={noPackage ? 'eic-why' : undefined}
          onClick={() => run('Access import', 'eic/import', { kind: 'access' })}
        >
          Run access import
        </button>
        <button
          type="button"
          disabled={noPackage || busy !== null}
          aria-describedby={noPackage ? 'eic-why' : undefined}
          onClick={() => run('Provisioning job', 'eic/wsretry')}
        >
          Run provisioning job
        </button>
        {noPackage && (
          <span id="eic-why" class="muted">
            This world has no connection package: load one into the live world on the Support tab.
          </span>
        )}
      </div>
      <div aria-live="polite" class="status-line">
        {busy ? `${busy}: running…` : message}
      </div>
      <ErrorNote error={error} />
      {eic && (
        <>
          {!noPackage && (
            <EicForms
              world={world}
              eic={eic}
              onDone={(m) => {
                setMessage(m);
                res.reload();
              }}
            />
          )}
          <section aria-labelledby="last-import-h">
            <h3 id="last-import-h">Last import</h3>
            {eic.lastImport ? <ImportReportView report={eic.lastImport} /> : <p class="muted">No import has run.</p>}
            {eic.lastJob && <JobReportView report={eic.lastJob} />}
          </section>
          <DataTable
            caption={`Accounts`}
            rows={eic.accounts}
            rowKey={(a) => `${a.name}\0${a.accountID}`}
            empty="No accounts."
            columns={[
              { label: 'Name', render: (a) => a.name },
              { label: 'Account ID', render: (a) => <code>{a.accountID ?? ''}</code> },
              {
                label: 'Status',
                render: (a) => (
                  <span class={`badge st-${a.status === '1' ? 'active' : 'other'}`}>
                    {ACCOUNT_STATUS_NAMES[a.status] ? `${ACCOUNT_STATUS_NAMES[a.status]} (${a.status})` : a.status}
                  </span>
                ),
              },
              { label: 'Owner', render: (a) => a.owner ?? '' },
              { label: 'Display name', render: (a) => a.displayname ?? '' },
              { label: 'Last logon', render: (a) => cell(a.lastlogondate), className: 'time' },
            ]}
          />
          <DataTable
            caption="Entitlements"
            rows={eic.entitlements}
            rowKey={(e) => `${e.type}\0${e.entitlementID}`}
            empty="No entitlements."
            columns={[
              { label: 'Type', render: (e) => e.type },
              { label: 'Entitlement ID', render: (e) => <code>{e.entitlementID}</code> },
              { label: 'Value', render: (e) => e.entitlement_value },
              {
                label: 'Status',
                render: (e) => (e.status === 1 ? 'active (1)' : e.status === 2 ? 'inactive (2)' : e.status),
              },
            ]}
          />
          <DataTable
            caption="Links"
            rows={eic.links}
            rowKey={(l) => `${l.accountName}\0${l.entitlementType}\0${l.entitlementID}`}
            empty="No links."
            columns={[
              { label: 'Account', render: (l) => l.accountName },
              { label: 'Entitlement type', render: (l) => l.entitlementType },
              { label: 'Entitlement ID', render: (l) => <code>{l.entitlementID}</code> },
            ]}
          />
          <DataTable
            caption="Tasks"
            rows={eic.tasks}
            rowKey={(t) => t.id}
            empty="No tasks."
            expansion={(t) => (open.has(t.id) ? <TaskDetails task={t} /> : null)}
            rowClass={(t) => (t.lastError ? 'failed' : undefined)}
            columns={[
              {
                label: 'Task',
                render: (t) => (
                  <button
                    type="button"
                    class="link"
                    aria-expanded={open.has(t.id)}
                    aria-label={`Task ${t.id} exchanges`}
                    onClick={() => toggle(t.id)}
                  >
                    {open.has(t.id) ? '▾' : '▸'} {t.id}
                  </button>
                ),
              },
              { label: 'Type', render: (t) => t.typeName ?? t.type },
              { label: 'Status', render: (t) => `${t.statusName ?? ''} (${t.status})` },
              { label: 'Tries', render: (t) => t.tries, className: 'num' },
              { label: 'Identity', render: (t) => t.identity ?? '' },
              { label: 'Account', render: (t) => t.accountName ?? '' },
              {
                label: 'Entitlement',
                render: (t) => (t.entitlement ? `${t.entitlement.type} ${t.entitlement.entitlementID}` : ''),
              },
              { label: 'Exchanges', render: (t) => t.exchanges.length, className: 'num' },
              { label: 'Updated', render: (t) => iso(t.updatedAt), className: 'time' },
            ]}
          />
        </>
      )}
    </section>
  );
}

function TaskDetails({ task }: { task: TaskView }) {
  return (
    <div class="task-details">
      {task.lastError && <DiagnosticBlock diagnostic={task.lastError} />}
      {task.attributes && Object.keys(task.attributes).length > 0 && (
        <p>
          Attributes: <code>{JSON.stringify(task.attributes)}</code>
        </p>
      )}
      <ExchangeList exchanges={task.exchanges} />
    </div>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const lines = importDiff(report);
  const c = report.counts;
  return (
    <div class="report">
      <p>
        <strong>{report.kind === 'account' ? 'Account' : 'Access'} import</strong> of {report.connection}:{' '}
        <span class={`badge out-${report.outcome}`}>{report.outcome}</span>
        {report.applied ? ' (applied)' : ' (nothing changed)'} · {iso(report.startedAt)} → {iso(report.finishedAt)} ·{' '}
        {c.recordsRead ?? 0} records read in {c.calls ?? 0} calls
      </p>
      {report.error && <DiagnosticBlock diagnostic={report.error} />}
      {report.partialRead && <PartialReadNote partial={report.partialRead} />}
      {lines.length === 0 ? (
        <p class="muted">No changes.</p>
      ) : (
        <p class="muted">
          {lines.filter((l) => l.sign === '+').length} created or added, {lines.filter((l) => l.sign === '~').length}{' '}
          updated, {lines.filter((l) => l.sign === '−').length} removed or inactivated
          {lines.length > ROW_LIMIT && ` (showing the first ${ROW_LIMIT} of ${lines.length} lines)`}
        </p>
      )}
      {lines.length > 0 && (
        <Pre class="diff">
          {lines.slice(0, ROW_LIMIT).map((l, i) => (
            <span key={i} class={l.sign === '+' ? 'add' : l.sign === '~' ? 'upd' : 'del'}>
              {l.sign} {l.text}
              {'\n'}
            </span>
          ))}
        </Pre>
      )}
      {report.accounts.skipped.length > 0 && (
        <p class="muted">
          Skipped: {report.accounts.skipped.map((s) => `${s.name ?? s.accountID ?? '?'} (${s.reason})`).join('; ')}
        </p>
      )}
      {(report.unknownAccounts?.length ?? 0) > 0 && (
        <p class="muted">Unknown accounts: {report.unknownAccounts!.map((u) => u.key).join(', ')}</p>
      )}
      {(report.warnings ?? []).map((w, i) => (
        <DiagnosticBlock key={i} diagnostic={w} />
      ))}
    </div>
  );
}

function JobReportView({ report }: { report: JobReport }) {
  return (
    <p>
      <strong>Last provisioning job</strong> {report.jobId}: {report.attempts.length} tasks tried, {report.completed}{' '}
      completed, {report.retryable} to retry, {report.failed} failed · {iso(report.finishedAt)}
    </p>
  );
}

/** What a partial read applied: a call failed and EIC reconciled what it had read (doNotChangeIfFailed off). */
function PartialReadNote({ partial }: { partial: NonNullable<ImportReport['partialRead']> }) {
  const c = partial.changes;
  return (
    <p class="note">
      <strong>Partial read applied:</strong> a call failed and EIC reconciled what it had read
      {partial.doNotChangeIfFailed ? '' : ' (doNotChangeIfFailed is off)'}: {count(c.accountsSuspended, 'account')}{' '}
      suspended, {count(c.accountsInactivated, 'account')} inactivated,{' '}
      {count(c.entitlementsInactivated, 'entitlement')} inactivated, {count(c.linksRemoved, 'link')} removed because of
      it (marked "partial read" below).
    </p>
  );
}
