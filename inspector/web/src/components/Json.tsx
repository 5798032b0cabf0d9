/** Pretty JSON (or plain text when a body is not JSON), lightly highlighted. */
import type { ComponentChildren } from 'preact';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const HIGHLIGHT_LIMIT = 100_000;

function highlight(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const i = m.index ?? 0;
    if (i > last) out.push(text.slice(last, i));
    const cls = m[1] ? (m[2] ? 'j-key' : 'j-str') : m[3] ? 'j-lit' : 'j-num';
    out.push(
      <span class={cls} key={i}>
        {m[1] ?? m[0]}
      </span>,
    );
    if (m[2]) out.push(m[2]);
    last = i + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Pretty text of a body: JSON re-indented, anything else as is. */
export function prettyBody(body: string): string {
  const t = body.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return body;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return body;
  }
}

/** Props of Json: a body text or a value. */
export interface JsonProps {
  text?: string;
  value?: unknown;
  label?: string;
}

/** A <pre> that scrolls past its max height, so it takes keyboard focus (arrow keys scroll it). */
export function Pre({
  class: className,
  label,
  children,
}: {
  class: string;
  label?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard
    <pre class={className} data-label={label} tabIndex={0}>
      {children}
    </pre>
  );
}

/** A <pre> with pretty JSON. */
export function Json({ text, value, label }: JsonProps) {
  const pretty = value !== undefined ? JSON.stringify(value, null, 2) : prettyBody(text ?? '');
  return (
    <Pre class="json" label={label}>
      {pretty.length <= HIGHLIGHT_LIMIT ? highlight(pretty) : pretty}
    </Pre>
  );
}
