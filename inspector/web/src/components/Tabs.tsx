/** Tabs following the ARIA tabs pattern: one tab stop, Left/Right/Home/End move and select. */
import { useRef } from 'preact/hooks';

/** One tab. */
export interface TabItem {
  id: string;
  label: string;
}

/** Props of Tabs; the panel is rendered by the caller with `panelId(idPrefix)` and `tabId(idPrefix, selected)`. */
export interface TabsProps {
  label: string;
  idPrefix: string;
  tabs: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  className?: string;
}

/** Id of a tab element. */
export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
/** Id of the tab panel. */
export const panelId = (prefix: string) => `${prefix}-panel`;

/** A tablist. */
export function Tabs({ label, idPrefix, tabs, selected, onSelect, className }: TabsProps) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    // From the focused tab, not `selected`: focus moves at once, the selection only on the next render, so a second
    // key pressed before it would otherwise start again from the old tab.
    const focused = (e.target as HTMLElement | null)?.id;
    let i = tabs.findIndex((t) => tabId(idPrefix, t.id) === focused);
    if (i < 0) i = tabs.findIndex((t) => t.id === selected);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next].id);
    list.current?.querySelector<HTMLElement>(`#${tabId(idPrefix, tabs[next].id)}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} class={className ?? 'tabs'} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(idPrefix, t.id)}
          aria-selected={t.id === selected}
          aria-controls={panelId(idPrefix)}
          tabIndex={t.id === selected ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
