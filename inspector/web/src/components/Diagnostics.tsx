/** A table of diagnostics (severity, code, message, where, hint) and the "N errors, N warnings, N info" line. */
import { where } from '../format.ts';
import type { Diagnostic } from '../types.ts';
import { DataTable } from './DataTable.tsx';

/** Props of Diagnostics. */
export interface DiagnosticsProps {
  caption: string;
  diagnostics: Diagnostic[];
}

/** The diagnostics table. */
export function Diagnostics({ caption, diagnostics }: DiagnosticsProps) {
  return (
    <DataTable
      caption={caption}
      rows={diagnostics}
      rowKey={(d) => `${diagnostics.indexOf(d)}`}
      rowClass={(d) => `sev-${d.severity}`}
      empty="No diagnostics."
      columns={[
        { label: 'Severity', render: (d) => <span class={`badge sev-${d.severity}`}>{d.severity}</span> },
        { label: 'Code', render: (d) => <code>{d.code}</code> },
        { label: 'Message', render: (d) => d.message, className: 'wrap' },
        { label: 'Where', render: (d) => <code>{where(d.location)}</code>, className: 'wrap' },
        { label: 'Hint', render: (d) => d.hint ?? '', className: 'wrap' },
      ]}
    />
  );
}

/** One diagnostic as a short block (for a run's or a task's error). */
export function DiagnosticBlock({ diagnostic }: { diagnostic: Diagnostic }) {
  const loc = where(diagnostic.location);
  return (
    <div class={`diagnostic sev-${diagnostic.severity}`}>
      <p>
        <span class={`badge sev-${diagnostic.severity}`}>{diagnostic.severity}</span> <code>{diagnostic.code}</code>{' '}
        {diagnostic.message}
      </p>
      {loc && (
        <p class="muted">
          at <code>{loc}</code>
        </p>
      )}
      {diagnostic.hint && <p class="muted">hint: {diagnostic.hint}</p>}
    </div>
  );
}
