/** Error and status messages. */
import { cloneElement, type VNode } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../api.ts';

/** An API error as an alert (nothing when there is none). */
export function ErrorNote({ error, prefix }: { error: ApiError | Error | undefined | null; prefix?: string }) {
  if (!error) return null;
  const e = error as ApiError;
  return (
    <div class="notice error" role="alert">
      {prefix ? `${prefix}: ` : ''}
      {e.error?.code && <code>{e.error.code}</code>} {error.message}
      {e.error?.hint && <span class="muted"> (hint: {e.error.hint})</span>}
    </div>
  );
}

/**
 * A labelled control: the label sits beside (not around) the control and points at it with `for`, so the control's
 * accessible name is exactly the label (a wrapping label would add a select's option texts to it).
 */
export function Field({ label, children }: { label: string; children: VNode<{ id?: string }> }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}

/** A select of "any" plus the given values, labelled. */
export function FilterSelect(props: {
  label: string;
  value: string;
  values: (string | { value: string; label: string })[];
  onChange: (v: string) => void;
}) {
  return (
    <Field label={props.label}>
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {props.values.map((v) => {
          const o = typeof v === 'string' ? { value: v, label: v } : v;
          return (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          );
        })}
      </select>
    </Field>
  );
}
