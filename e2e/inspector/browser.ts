/**
 * Debian's Chromium for the inspector's end-to-end tests, driven by playwright-core (no browser downloads).
 * The binary is `$HARNESS_CHROMIUM`, else `/usr/bin/chromium` (`apt-get install -y chromium`). Without it the suites
 * skip locally and fail in CI (`CI` set), where `.ci/run` installs it.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/reference.ts';

/** The Chromium binary the tests launch. */
export const CHROMIUM_PATH = process.env.HARNESS_CHROMIUM || '/usr/bin/chromium';

/** Flags for a quiet, headless, offline-friendly Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the Chromium binary is there and executable, and if not, why. */
export function probeChromium(path = CHROMIUM_PATH): { ok: true } | { ok: false; reason: string } {
  try {
    accessSync(path, constants.X_OK);
    return { ok: true };
  } catch {
    const how = process.env.HARNESS_CHROMIUM ? 'HARNESS_CHROMIUM points at' : 'no Chromium at';
    return { ok: false, reason: `${how} ${path} (apt-get install -y chromium, or set HARNESS_CHROMIUM)` };
  }
}

/** The probe result for this process, and the suffix a suite name gets when it skips. */
export const chromiumProbe = probeChromium();
export const CHROMIUM_SKIP = chromiumProbe.ok ? '' : ` (skipped: ${chromiumProbe.reason})`;

/**
 * Launches the Chromium. Playwright gives every `launch` a fresh temporary user-data-dir (it refuses
 * `--user-data-dir` in args) and deletes it on close, so no profile survives between runs.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumProbe.ok) throw new Error(`cannot launch Chromium: ${chromiumProbe.reason}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context and page at laptop size (1280x800), isolated from the other tests' storage. */
export async function newPage(
  browser: Browser,
  opts: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Folder for screenshots (reports/ is gitignored). */
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'reports', 'inspector');

/** Saves a full-page screenshot as `reports/inspector/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-').replace(/^-|-$/g, '')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
