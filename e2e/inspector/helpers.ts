/** Small helpers for the inspector's end-to-end tests: the HTTP API as a client sees it, and page utilities. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

export { accessToken } from '../../mocks/leanix/testing.ts';

/** Calls the inspector/control API of the server at `base`; throws with the body on a non-2xx answer. */
export async function api<T = unknown>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; adminToken?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.adminToken) headers.authorization = `Bearer ${init.adminToken}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`${base}/__harness/${path}`, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} /__harness/${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sets a form field whether it is a <select> (by value or label) or a text/number input. */
export async function setField(field: Locator, value: string): Promise<void> {
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select') await field.selectOption(value);
  else await field.fill(value);
}

/** The text of the whole page, hidden parts included. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

/** The page's markup, text and attributes (where a secret could leak into the page). */
export function pageContent(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/** Relative luminance (0 black .. 1 white) of the page background: body's, else the root element's. */
export function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    let rgba = parse(getComputedStyle(document.body).backgroundColor);
    if (rgba.length === 4 && rgba[3] === 0) rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
    // Both transparent: the canvas is white in light mode (Chromium paints dark only with color-scheme: dark).
    if (rgba.length === 4 && rgba[3] === 0)
      return getComputedStyle(document.documentElement).colorScheme === 'dark' ? 0 : 1;
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(rgba[0]) + 0.7152 * lin(rgba[1]) + 0.0722 * lin(rgba[2]);
  });
}

/**
 * Record rows of a table's body: not the header, and not full-width rows (a cell spanning the columns holds a
 * "nothing to show" note or a row's expansion, not a record).
 */
export function bodyRows(table: Locator): Locator {
  return table.locator('tbody > tr:not(:has(> td[colspan]))');
}

/** Polls `fn` until it returns something other than undefined (every 100 ms, up to `timeoutMs`); returns it. */
export async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One accessibility rule axe-core found broken on the page: its id, impact and the first element's selector. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
  first: string;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core's WCAG rules (contrast included) on the page as it is now; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above
    const axe = (window as any).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's result objects
    return res.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      first: v.nodes[0]?.target.join(' ') ?? '',
    }));
  });
}
