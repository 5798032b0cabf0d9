/**
 * A table with a caption, at most `limit` rows ("showing N of M"), rows that open on click, Enter or Space.
 * Interactive rows are one tab stop (roving tabindex): Up/Down/Home/End move between them.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** One column. */
export interface Column<T> {
  label: string;
  render: (row: T) => ComponentChildren;
  className?: string;
}

/** Props of DataTable. */
export interface DataTableProps<T> {
  caption: ComponentChildren;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Makes rows focusable; called on click, Enter or Space. */
  onOpen?: (row: T) => void;
  /** Key of the highlighted row. */
  selected?: string;
  /** Rendered in a full-width row under a row when not null. */
  expansion?: (row: T) => ComponentChildren | null;
  rowClass?: (row: T) => string | undefined;
  /** Most rows rendered (default 500). */
  limit?: number;
  /** Text when there are no rows. */
  empty?: string;
  id?: string;
}

/** Rows rendered at most by default. */
export const ROW_LIMIT = 500;

/** A data table. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rows, rowKey, onOpen, selected, expansion, rowClass } = props;
  const limit = props.limit ?? ROW_LIMIT;
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const [active, setActive] = useState<string | null>(null);
  const keys = shown.map(rowKey);
  const tabStop = [active, selected].find((k) => k != null && keys.includes(k)) ?? keys[0];
  const onRowKey = (e: KeyboardEvent, row: T, index: number) => {
    if (e.target !== e.currentTarget || !onOpen) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(row);
      return;
    }
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: keys.length - 1 };
    const next = moves[e.key];
    if (next === undefined || next < 0 || next >= keys.length) return;
    e.preventDefault();
    const body = (e.currentTarget as HTMLElement).parentElement;
    body?.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(keys[next])}"]`)?.focus();
  };
  return (
    <div class="table-wrap">
      <table id={props.id} class={onOpen ? 'data interactive' : 'data'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length} class="empty">
                {props.empty ?? 'Nothing to show.'}
              </td>
            </tr>
          )}
          {shown.map((row, index) => {
            const key = keys[index];
            const extra = expansion?.(row) ?? null;
            const cls = [rowClass?.(row), key === selected ? 'selected' : undefined].filter(Boolean).join(' ');
            return [
              <tr
                key={key}
                class={cls || undefined}
                data-key={key}
                tabIndex={onOpen ? (key === tabStop ? 0 : -1) : undefined}
                aria-current={key === selected ? 'true' : undefined}
                onClick={onOpen ? () => onOpen(row) : undefined}
                onFocus={onOpen ? () => setActive(key) : undefined}
                onKeyDown={onOpen ? (e) => onRowKey(e, row, index) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.label} class={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>,
              extra !== null && (
                <tr key={`${key}-x`} class="expansion">
                  <td colSpan={columns.length}>{extra}</td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      {rows.length > limit && (
        <p class="note">
          showing {limit} of {rows.length}
        </p>
      )}
    </div>
  );
}
