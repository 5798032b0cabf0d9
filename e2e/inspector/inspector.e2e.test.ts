/**
 * The inspector end to end in Debian's Chromium (playwright-core, no downloads): `startServe({ port: 0 })` in-process
 * (fake LeanIX, inspector API, page built on demand), one browser for the file, a fresh context and page per test,
 * a screenshot per test in reports/inspector/. Selectors are the page's accessible names from the UI contract
 * (title, tab names, table captions, labels); expected values come from the inspector API (inspector/README.md), so
 * the page is checked against what a curl would see. Tests run in order on one server: the live world gets a package
 * only in the "Load into live world" test, after the test that checks the EIC buttons are disabled without one.
 * Skips without Chromium locally; fails in CI, where .ci/run installs it.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../fixtures/tenant/generate.ts';
import { type Serving, startServe } from '../../harness/cli/commands/serve.ts';
import { hasReference, NO_REFERENCE, PROJECT_ROOT, referencePath } from '../../lib/reference.ts';
import { CHROMIUM_SKIP, chromiumProbe, launchChromium, newPage, screenshot } from './browser.ts';
import {
  accessToken,
  api,
  axeViolations,
  backgroundLuminance,
  bodyRows,
  eventually,
  pageContent,
  pageText,
  setField,
} from './helpers.ts';

interface ScenarioInfo {
  id: string;
  name: string;
  source: 'project' | 'uploaded';
  steps: { name: string; action: string }[];
  variants?: { name: string; steps: { name: string; action: string }[] }[];
}
interface RunInfo {
  id: string;
  scenarioId: string;
  variant?: string;
  name: string;
  status: string;
  worldId?: string;
  steps: { name: string; status: string; failure?: string }[];
}
interface TenantExport {
  workspaces: { id: string; name: string }[];
  users: { id: string; email: string; technicalUser: boolean }[];
  permissions: { userId: string; workspaceId: string }[];
}

const POLL = { timeout: 15_000, interval: 100 };
/** The published package's export (reference packages/LeanIX); its defects are pinned by harness/validate/leanix.test.ts. */
const PUBLISHED_EXPORT = 'Connection_2023-08-03_07-10-36(UTC).json';
/** The corrected package as an EIC export (placeholders filled from the live tenant on load). */
const CORRECTED_EXPORT = join(PROJECT_ROOT, 'fixtures', 'packages', 'leanix', 'export', 'Connection_leanix.json');

describe.runIf(process.env.CI && !chromiumProbe.ok)('Chromium in CI', () => {
  it('is installed (.ci/run installs Debian chromium)', () => {
    expect.fail(`the inspector's browser tests need Chromium in CI: ${chromiumProbe.ok ? '' : chromiumProbe.reason}`);
  });
});

describe.skipIf(!chromiumProbe.ok)(`inspector in Chromium${CHROMIUM_SKIP}`, { timeout: 60_000 }, () => {
  let serving: Serving;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    serving = await startServe({ port: 0 });
    base = serving.server.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
  });

  beforeEach(async () => {
    // The live fake back to its seed: no faults, empty journal (the EIC emulator and run worlds are not touched).
    await api(base, 'reset', { method: 'POST' });
    ({ context, page } = await newPage(browser));
  });

  afterEach(async ({ task }) => {
    if (page && !page.isClosed()) await screenshot(page, task.name).catch(() => undefined);
    await context?.close();
  });

  const views = () => page.getByRole('tablist', { name: 'Views' });
  const viewTab = (name: string) => views().getByRole('tab', { name, exact: true });
  const table = (caption: string | RegExp) => page.getByRole('table', { name: caption });

  /** Opens the page at a view and waits for the header and the live event stream. */
  async function open(hash = '#/tenant', at = base): Promise<void> {
    await page.goto(`${at}/${hash}`);
    await page.getByRole('heading', { level: 1, name: 'Harness inspector' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'live' }).first().waitFor();
  }

  /**
   * Clicks "Run <name>" (of a variant: "Run <name> [<variant>]") in the Scenarios view; returns the new run (from the
   * API) and its panel.
   */
  async function runScenario(
    id: string,
    variant?: string,
    at = base,
  ): Promise<{ scenario: ScenarioInfo; runId: string; panel: Locator }> {
    const { scenarios } = await api<{ scenarios: ScenarioInfo[] }>(at, 'scenarios');
    const scenario = scenarios.find((s) => s.id === id);
    if (!scenario) throw new Error(`no scenario ${id} in GET /__harness/scenarios`);
    const before = new Set((await api<{ runs: RunInfo[] }>(at, 'runs')).runs.map((r) => r.id));
    await viewTab('Scenarios').click();
    const title = variant === undefined ? scenario.name : `${scenario.name} [${variant}]`;
    await table('Scenarios')
      .getByRole('button', { name: `Run ${title}`, exact: true })
      .click();
    const runId = await eventually(
      async () =>
        (await api<{ runs: RunInfo[] }>(at, 'runs')).runs.find(
          (r) => r.scenarioId === id && r.variant === variant && !before.has(r.id),
        )?.id,
      `a run of ${id}${variant === undefined ? '' : ` [${variant}]`}`,
    );
    const panel = page.getByRole('region', { name: `Run ${runId}`, exact: true });
    await panel.waitFor();
    return { scenario, runId, panel };
  }

  const runStatus = (panel: Locator) => panel.getByTestId('run-status');
  const statusWords = (panel: Locator) =>
    panel.getByText(/^(pending|running|passed|failed|skipped)$/).allTextContents();

  it('shows the demo tenant: 41 users in workspace acme, search filters them, a row opens its details', async () => {
    const tenant = await api<TenantExport>(base, 'state/export');
    const acme = tenant.workspaces.find((w) => w.name === 'acme')!;
    const acmeUserIds = new Set(tenant.permissions.filter((p) => p.workspaceId === acme.id).map((p) => p.userId));
    // 41 = the figure the bundled scenario import-accounts-multipage checks straight against LeanIX.
    expect(acmeUserIds.size).toBe(41);
    const target = tenant.users.find((u) => acmeUserIds.has(u.id) && !u.technicalUser)!;

    await open('');
    await expect.poll(() => page.title(), POLL).toBe('Harness inspector');
    await expect.poll(() => viewTab('Tenant').getAttribute('aria-selected'), POLL).toBe('true');
    await page.getByRole('tablist', { name: 'Records' }).getByRole('tab', { name: 'Users', exact: true }).click();

    const workspace = page.getByLabel('Workspace', { exact: true });
    const acmeOption = await eventually(
      async () => (await workspace.locator('option').allTextContents()).find((t) => /^acme\b(?!-)/.test(t.trim())),
      'the acme option in the Workspace filter',
    );
    await workspace.selectOption({ label: acmeOption });
    const users = table(/^Users/);
    await expect.poll(() => bodyRows(users).count(), POLL).toBe(41);
    await expect.poll(() => users.locator('caption').textContent(), POLL).toMatch(/\b41\b/);

    const search = page.getByLabel('Search', { exact: true });
    await search.fill(target.email);
    await expect.poll(() => bodyRows(users).count(), POLL).toBe(1);
    expect(await bodyRows(users).first().textContent()).toContain(target.email);
    await bodyRows(users).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: target.email }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await search.fill('zz-no-such-user-in-the-demo-tenant');
    await expect.poll(() => bodyRows(users).count(), POLL).toBe(0);
    await expect.poll(() => users.locator('caption').textContent(), POLL).toMatch(/\b0\b/);
  });

  it('keyboard: arrow keys move between the view tabs, Enter opens a record, Escape closes it', async () => {
    await open('#/tenant');
    const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
    await viewTab('Tenant').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => isFocused(viewTab('Traffic')), POLL).toBe(true);
    await expect.poll(() => viewTab('Traffic').getAttribute('aria-selected'), POLL).toBe('true');
    await expect.poll(() => page.evaluate(() => location.hash), POLL).toBe('#/traffic');
    await table('Requests').waitFor();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => location.hash), POLL).toBe('#/tenant');
    await page.keyboard.press('ArrowLeft'); // ARIA tabs pattern: from the first tab to the last
    await expect.poll(() => isFocused(viewTab('Support')), POLL).toBe(true);
    await expect.poll(() => page.evaluate(() => location.hash), POLL).toBe('#/support');
    // two keys in a row, before the page re-renders: each moves on from the tab the last one focused
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => isFocused(viewTab('Traffic')), POLL).toBe(true);
    await expect.poll(() => page.evaluate(() => location.hash), POLL).toBe('#/traffic');

    await viewTab('Tenant').click();
    const row = bodyRows(table(/^Users/)).first();
    await row.waitFor();
    await row.focus();
    if (!(await row.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))))
      await row.locator('a, button, [tabindex]').first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('runs a bundled scenario from the Scenarios view and watches it pass', async () => {
    await open('#/scenarios');
    const { scenario, runId, panel } = await runScenario('create-account-viewer');
    expect(scenario.source).toBe('project'); // started in the harness's own folder: its scenarios/ are the project's
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    for (const step of scenario.steps) await panel.getByText(step.name, { exact: true }).first().waitFor();
    const words = await statusWords(panel);
    expect(words.filter((w) => w === 'passed').length).toBeGreaterThanOrEqual(scenario.steps.length);
    expect(words.filter((w) => w !== 'passed')).toEqual([]);
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    expect(run.status).toBe('passed');
    expect(run.steps.map((s) => s.status)).toEqual(scenario.steps.map(() => 'passed'));

    // The run's world in the EIC view: the completed NEWACCOUNT task expands to its exchanges with their bindings.
    await panel.getByRole('button', { name: 'Inspect world' }).click();
    await expect.poll(() => page.getByLabel('World', { exact: true }).inputValue(), POLL).toBe(run.worldId);
    await viewTab('EIC').click();
    const task = bodyRows(table('Tasks')).filter({ hasText: 'COMPLETE' });
    // A disclosure button in the row (ARIA aria-expanded) when there is one, else the row itself.
    await task.waitFor();
    const disclosure = task.getByRole('button', { expanded: false });
    await ((await disclosure.count()) > 0 ? disclosure.first() : task).click();
    const details = table('Tasks').locator('tbody > tr:has(> td[colspan])');
    await details.getByText('Bindings').first().waitFor();
    expect(await details.textContent()).toContain('/permissions');
    expect(await details.textContent()).toContain('jane.new@example.com');
    expect(await pageContent(page)).not.toContain(DEMO_API_TOKEN);
  });

  it('shows the EIC accounts a scenario imported (Inspect world); without a package the jobs are disabled', async () => {
    await open('#/scenarios');
    const { runId, panel } = await runScenario('import-accounts-multipage');
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    expect(run.worldId).toBeTruthy();
    const eic = await api<{ accounts: unknown[] }>(base, `worlds/${run.worldId}/eic`);
    expect(eic.accounts).toHaveLength(41);

    await panel.getByRole('button', { name: 'Inspect world' }).click();
    const world = page.getByLabel('World', { exact: true });
    await expect.poll(() => world.inputValue(), POLL).toBe(run.worldId);
    await viewTab('EIC').click();
    const accounts = table('Accounts');
    await expect.poll(() => bodyRows(accounts).count(), POLL).toBe(41);
    expect(await accounts.textContent()).toContain('saviynt-tech-user@acme.technical');
    for (const caption of ['Entitlements', 'Links', 'Tasks']) await table(caption).waitFor();
    const importButton = page.getByRole('button', { name: 'Run account import' });
    await expect.poll(() => importButton.isEnabled(), POLL).toBe(true);

    // Traffic of that world: each request the import job made names its EIC call (the API pairs the emulator's
    // exchanges with journal entries), and its details show the bindings EIC evaluated for it.
    const journal = await api<{ entries: unknown[] }>(base, `worlds/${run.worldId}/journal`);
    const calls = await api<{ exchanges: { journalId?: number }[] }>(
      base,
      `worlds/${run.worldId}/eic/exchanges?summary=true`,
    );
    const linked = calls.exchanges.filter((x) => x.journalId !== undefined).length;
    expect(linked).toBeGreaterThan(0);
    await viewTab('Traffic').click();
    const requests = table('Requests');
    await expect.poll(() => bodyRows(requests).count(), POLL).toBe(journal.entries.length);
    await expect
      .poll(
        () =>
          bodyRows(requests)
            .filter({ hasText: /· job import-\d/ })
            .count(),
        POLL,
      )
      .toBe(linked);
    await bodyRows(requests)
      .filter({ hasText: /call1.*· job import-\d/ })
      .first()
      .click();
    const call = page.getByRole('region', { name: 'EIC call' });
    await call.getByText('Bindings').waitFor();
    // the ConnectionJSON's `${access_token}` binding, evaluated and redacted
    expect(await call.textContent()).toContain('httpHeaders.Authorization = Bearer [REDACTED]');
    await page.getByRole('button', { name: 'Close details' }).click();
    await viewTab('EIC').click();

    await world.selectOption('live');
    await expect.poll(() => importButton.isDisabled(), POLL).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Run provisioning job' }).isDisabled(), POLL).toBe(true);
  });

  it("shows a scenario's token-server traffic in the Traffic view (Source), redacted; worlds without one have no Source", async () => {
    await open('#/scenarios');
    const { runId, panel } = await runScenario('auth-oauth2-client-credentials');
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    const tokenJournal = await api<{ entries: { path: string }[] }>(base, `worlds/${run.worldId}/token-server/journal`);
    expect(tokenJournal.entries.length).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Inspect world' }).click();
    const world = page.getByLabel('World', { exact: true });
    await expect.poll(() => world.inputValue(), POLL).toBe(run.worldId);
    await viewTab('Traffic').click();
    const source = page.getByLabel('Source', { exact: true });
    await source.selectOption({ label: 'token server' });
    const requests = table('Requests');
    await expect.poll(() => bodyRows(requests).count(), POLL).toBe(tokenJournal.entries.length);
    expect(await requests.textContent()).toContain('/oauth/token');
    await bodyRows(requests).filter({ hasText: '/oauth/token' }).first().click();
    await expect.poll(() => pageText(page), POLL).toContain('grant_type');
    expect(await pageText(page)).not.toContain('client-secret-0001-do-not-log');
    await world.selectOption('live');
    await expect.poll(() => source.count(), POLL).toBe(0);
  });

  it('shows a fault set in the Support view as a failing exchange in the Traffic timeline', async () => {
    await open('#/support');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add fault', exact: true }) });
    await setField(form.getByLabel('Method', { exact: true }), 'GET');
    await setField(form.getByLabel('Path', { exact: true }), '/users');
    await setField(form.getByLabel('Status', { exact: true }), '503');
    await setField(form.getByLabel('Times', { exact: true }), '1');
    await form.getByRole('button', { name: 'Add fault', exact: true }).click();
    await bodyRows(table('Faults')).filter({ hasText: '/users' }).filter({ hasText: '503' }).waitFor();
    const { faults } = await api<{ faults: Record<string, unknown>[] }>(base, 'faults');
    expect(faults).toMatchObject([{ method: 'GET', path: '/users', status: 503, times: 1 }]);

    // A client of the fake: a token, then the same list twice; the rule fires once.
    await viewTab('Traffic').click();
    const requests = table('Requests');
    await requests.waitFor();
    const token = await accessToken(base);
    const get = () => fetch(`${base}/services/mtm/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);

    // The timeline updates from the event stream, without a reload.
    const cell = (text: string) => page.getByRole('cell', { name: text, exact: true });
    const failing = bodyRows(requests)
      .filter({ hasText: '/users' })
      .filter({ has: cell('503') });
    await failing.waitFor();
    expect(await failing.textContent()).toContain('fault');
    const ok = bodyRows(requests)
      .filter({ hasText: '/users' })
      .filter({ has: cell('200') });
    await ok.waitFor();
    expect(await ok.textContent()).not.toContain('fault');

    await page.getByLabel('Faults only', { exact: true }).check();
    await expect.poll(() => bodyRows(requests).count(), POLL).toBe(1);
    await failing.click();
    await page.getByText('Request', { exact: true }).first().waitFor();
    await page.getByText('Response', { exact: true }).first().waitFor();
    await page
      .getByText(/Injected fault: HTTP 503/)
      .first()
      .waitFor();
    await page
      .getByText(/x-harness-fault/i)
      .first()
      .waitFor();
    await screenshot(page, 'traffic-failing-exchange'); // the end-of-test screenshot shows the cleared journal
    const content = await pageContent(page);
    expect(content).not.toContain(DEMO_API_TOKEN);
    expect(content).not.toContain(token);

    // Export HAR exports what the filters show: with "Faults only" just the fault, without it everything.
    const exportHar = page
      .getByRole('link', { name: 'Export HAR' })
      .or(page.getByRole('button', { name: 'Export HAR' }));
    const harStatuses = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), exportHar.click()]);
      expect(download.suggestedFilename()).toBe('leanix-fake.har');
      const har = JSON.parse(readFileSync(await download.path(), 'utf8'));
      return har.log.entries.map((e: { response: { status: number } }) => e.response.status) as number[];
    };
    expect(await harStatuses()).toEqual([503]);
    await page.getByLabel('Faults only', { exact: true }).uncheck();
    expect(await harStatuses()).toEqual(expect.arrayContaining([200, 503]));

    page.once('dialog', (d) => d.accept()); // in case clearing asks for confirmation
    await page.getByRole('button', { name: 'Clear journal' }).click();
    await expect.poll(() => bodyRows(requests).count(), POLL).toBe(0);
  });

  it('advances the fake clock, removes a fault and resets the fake from the Support view', async () => {
    await api(base, 'faults', { method: 'POST', body: { method: 'GET', path: '/workspaces', status: 500 } });
    const before = await api<{ now: number }>(base, 'clock');
    await open('#/support');
    await page.getByLabel('Seconds', { exact: true }).fill('3600');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await expect.poll(async () => (await api<{ now: number }>(base, 'clock')).now, POLL).toBe(before.now + 3_600_000);

    const { iso } = await api<{ iso: string }>(base, 'clock');
    await page.getByText(iso).first().waitFor();

    const rule = bodyRows(table('Faults')).filter({ hasText: '/workspaces' });
    await rule.getByRole('button', { name: 'Remove' }).click();
    await rule.waitFor({ state: 'detached' });
    expect((await api<{ faults: unknown[] }>(base, 'faults')).faults).toEqual([]);

    // "Reset fake": back to the seed tenant (a user added by a client disappears), faults cleared.
    const token = await accessToken(base);
    const account = (await api<{ accounts: { id: string }[] }>(base, 'state/export')).accounts[0];
    const email = 'e2e.reset@example.com';
    const user = { userName: email, email, firstName: 'E', lastName: 'R', role: 'ACCOUNTUSER', status: 'ACTIVE' };
    const created = await fetch(`${base}/services/mtm/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...user, account: { id: account.id } }),
    });
    expect(created.status).toBe(200);
    await api(base, 'faults', { method: 'POST', body: { method: 'GET', path: '/users', status: 500 } });
    await bodyRows(table('Faults')).filter({ hasText: '/users' }).waitFor();
    page.once('dialog', (d) => d.accept()); // in case resetting asks for confirmation
    await page.getByRole('button', { name: 'Reset fake' }).click();
    await bodyRows(table('Faults')).first().waitFor({ state: 'detached' });
    expect((await api<{ faults: unknown[] }>(base, 'faults')).faults).toEqual([]);
    const after = await api<TenantExport>(base, 'state/export');
    expect(after.users.map((u) => u.email)).not.toContain(email);
  });

  // Expected defects: the published package's, as pinned by harness/validate/leanix.test.ts on this same file
  // (connector reference §3.1, §5, §8) and listed in scenarios/published-validate-lists-defects.scenario.yaml.
  it.skipIf(!hasReference)(
    `lists the defects of the published LeanIX export uploaded in the Support view${hasReference ? '' : ` ${NO_REFERENCE}`}`,
    async () => {
      const file = referencePath('packages', 'LeanIX', PUBLISHED_EXPORT);
      const expected = await fetch(`${base}/__harness/packages/validate?name=${encodeURIComponent(PUBLISHED_EXPORT)}`, {
        method: 'POST',
        body: readFileSync(file),
      }).then(
        (r) =>
          r.json() as Promise<{ diagnostics: unknown[]; summary: { error: number; warning: number; info: number } }>,
      );

      await open('#/support');
      await page.getByLabel('Connection package (zip or export JSON)').setInputFiles(file);
      const diagnostics = table('Diagnostics');
      await expect.poll(() => bodyRows(diagnostics).count(), POLL).toBe(expected.diagnostics.length);
      const rows = bodyRows(diagnostics);
      for (const code of [
        'body.invalid-json',
        'schema.unknown-key',
        'mapping.whitespace',
        'url.whitespace',
        'url.blank-host',
        'url.empty-segment',
        'pagination.misplaced',
      ])
        await rows.filter({ hasText: code }).first().waitFor();
      expect(await rows.filter({ hasText: 'body.invalid-json' }).textContent()).toContain('RemoveAccessJSON');
      expect(await rows.filter({ hasText: 'mapping.whitespace' }).textContent()).toContain('ImportAccountEntJSON');
      const summary = await eventually(
        async () => (await pageText(page)).match(/(\d+) errors?, (\d+) warnings?, (\d+) info/),
        'the summary line',
      );
      const { error, warning, info } = expected.summary;
      expect(summary!.slice(1).map(Number)).toEqual([error, warning, info]);
      expect(error).toBeGreaterThan(0);

      // A support engineer's reproduction: load the export into the live world, give it a plaintext ConnectionJSON
      // (the export holds it encrypted; here the corrected package's), and run the account import from the EIC view:
      // it fails on the published blank host (url.blank-host above) as EIC would, before any request is sent.
      await page.getByRole('button', { name: 'Load into live world' }).click();
      await page
        .getByLabel("Plaintext ConnectionJSON (replaces the package's)")
        .setInputFiles(join(PROJECT_ROOT, 'fixtures/packages/leanix/ConnectionJSON.json'));
      await rows.filter({ hasText: 'package.connection-replaced' }).first().waitFor();
      expect(await pageText(page)).not.toContain('connection encrypted');
      await viewTab('EIC').click();
      await page.getByRole('button', { name: 'Run account import' }).click();
      const failure = page.getByText('call.bad-url').first();
      await failure.waitFor();
      expect(await pageText(page)).toContain('https://.leanix.net/');
    },
  );

  it('loads the corrected package into the live world and shows an account import as a diff', async () => {
    await open('#/support');
    await page.getByLabel('Connection package (zip or export JSON)').setInputFiles(CORRECTED_EXPORT);
    await table('Diagnostics').waitFor();
    await page.getByRole('button', { name: 'Load into live world' }).click();
    await eventually(
      async () => (await api<{ package: unknown }>(base, 'worlds/live/eic')).package ?? undefined,
      'a package in the live world',
    );

    await viewTab('EIC').click();
    await expect.poll(() => page.getByLabel('World', { exact: true }).inputValue(), POLL).toBe('live');
    const importButton = page.getByRole('button', { name: 'Run account import' });
    await expect.poll(() => importButton.isEnabled(), POLL).toBe(true);
    await importButton.click();
    const eic = await eventually(async () => {
      const e = await api<{ accounts: { name: string }[]; lastImport: unknown }>(base, 'worlds/live/eic');
      return e.lastImport && e.accounts.length > 0 ? e : undefined;
    }, 'the import in the live world');
    await expect.poll(() => bodyRows(table('Accounts')).count(), POLL).toBe(eic.accounts.length);
    // "Last import" as a diff: created accounts on lines starting with "+".
    const created = eic.accounts.map((a) => a.name).find((n) => n.includes('@'))!;
    await page
      .getByText(/^\s*\+/)
      .filter({ hasText: created })
      .first()
      .waitFor();
  });

  it('uploads a failing scenario, runs it and opens the failure: diff, exchanges, bindings', async () => {
    // Same shape as e2e/scenario-cli.test.ts's failing scenario: the corrected package creates a VIEWER, not an ADMIN.
    const yaml = `name: e2e wrong role expected
given:
  leanix: { tenant: demo }
  eic:
    package: ../fixtures/packages/leanix
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create jane
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: ADMIN }] } }
`;
    await open('#/support');
    const input = page.getByLabel('Scenario file (.scenario.yaml)');
    await input.setInputFiles({ name: 'wrong-role.scenario.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) });
    await page.getByText(/Added .*e2e wrong role expected/).waitFor();
    const { scenarios } = await api<{ scenarios: ScenarioInfo[] }>(base, 'scenarios');
    const uploaded = scenarios.find((s) => s.name === 'e2e wrong role expected');
    expect(uploaded?.source).toBe('uploaded');

    const { runId, panel } = await runScenario(uploaded!.id);
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('failed');
    await panel.getByText('failed', { exact: true }).first().waitFor();
    await panel.getByRole('button', { name: 'Show failure' }).click();
    const diff = panel.locator('pre').filter({ hasText: 'expected "ADMIN"' });
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/actual\s+"VIEWER"/);
    await panel.getByText('Bindings').first().waitFor();
    await panel
      .getByText(/httpParams/)
      .first()
      .waitFor();
    expect(await panel.textContent()).toContain('/permissions');
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    expect(run.steps[0]).toMatchObject({ name: 'create jane', status: 'failed' });
    expect(await pageContent(page)).not.toContain(DEMO_API_TOKEN);

    // A broken file: the diagnostics with line and column, nothing added.
    const broken = 'name: e2e broken\ngiven: { leanix: { tenant: demo } }\nsteps:\n  - name: s\n    frobnicate: true\n';
    const res = await fetch(`${base}/__harness/scenarios?name=broken.scenario.yaml`, { method: 'POST', body: broken });
    expect(res.status).toBe(400);
    const { diagnostics } = (await res.json()) as { diagnostics: { location?: { line?: number; column?: number } }[] };
    const where = diagnostics.find((d) => d.location?.line)?.location;
    expect(where?.line).toBeGreaterThan(0);
    await viewTab('Support').click();
    await input.setInputFiles({ name: 'broken.scenario.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    // "file:5:5" or "line 5, column 5", whichever way the page writes it.
    const { line, column } = where!;
    const lineCol = new RegExp(`broken\\.scenario\\.yaml:${line}:${column}\\b|line ${line},? column ${column}\\b`);
    await eventually(
      async () => (lineCol.test(await pageText(page)) ? true : undefined),
      `the diagnostics of the broken scenario with line ${line} and column ${column}`,
    );
    const { scenarios: after } = await api<{ scenarios: ScenarioInfo[] }>(base, 'scenarios');
    expect(after.map((s) => s.name)).not.toContain('e2e broken');
  });

  it('lists a row per variant of a scenario with variants, and runs the variant chosen', async () => {
    const { scenarios } = await api<{ scenarios: ScenarioInfo[] }>(base, 'scenarios');
    const withVariants = scenarios.find((s) => s.id === 'published-test-connection')!;
    expect(withVariants.variants?.map((v) => v.name)).toEqual(['published', 'corrected']);
    await open('#/scenarios');
    const rows = bodyRows(table('Scenarios')).filter({ hasText: withVariants.name });
    await expect.poll(() => rows.count(), POLL).toBe(2);
    for (const v of withVariants.variants!) {
      const row = rows.filter({ has: page.getByRole('button', { name: `Run ${withVariants.name} [${v.name}]` }) });
      await row.waitFor();
      expect(await row.textContent()).toContain(`variant ${v.name}`);
    }
    const { runId, panel } = await runScenario(withVariants.id, 'corrected');
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    expect(await panel.getByRole('heading').first().textContent()).toContain(`${withVariants.name} [corrected]`);
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    expect(run).toMatchObject({ variant: 'corrected', status: 'passed' });
    const corrected = withVariants.variants!.find((v) => v.name === 'corrected')!;
    expect(run.steps.map((st) => st.name)).toEqual(corrected.steps.map((st) => st.name));
  });

  it('shows an import that applied a partial read with its own badge, a note, and the removals it caused', async () => {
    // The outage story up to the import during the outage (the last import of the run's world is then partial).
    const story = readFileSync(join(PROJECT_ROOT, 'scenarios', 'import-outage-mass-suspension.scenario.yaml'), 'utf8');
    const upToOutage = story
      .slice(0, story.indexOf('  - name: LeanIX is back'))
      .replace(/^name: .*$/m, 'name: e2e outage');
    const added = await fetch(`${base}/__harness/scenarios?name=outage.scenario.yaml`, {
      method: 'POST',
      body: upToOutage,
    });
    expect(added.status).toBe(201);
    await open('#/scenarios');
    const { runId, panel } = await runScenario('uploaded/outage');
    await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    const { run } = await api<{ run: RunInfo }>(base, `runs/${runId}`);
    const eic = await api<{ lastImport: { outcome: string } }>(base, `worlds/${run.worldId}/eic`);
    expect(eic.lastImport.outcome).toBe('partial');

    await panel.getByRole('button', { name: 'Inspect world' }).click();
    await viewTab('EIC').click();
    const badge = page.locator('.report .badge').filter({ hasText: /^partial$/ });
    await badge.waitFor();
    // styled as a warning (the colours of a running run), not as a plain badge
    const colours = await badge.evaluate((el) => {
      const probe = (cls: string) => {
        const span = document.createElement('span');
        span.className = cls;
        el.parentElement!.append(span);
        const c = getComputedStyle(span).borderColor;
        span.remove();
        return c;
      };
      return { partial: getComputedStyle(el).borderColor, warn: probe('badge run-running'), plain: probe('badge') };
    });
    expect(colours.partial).toBe(colours.warn);
    expect(colours.partial).not.toBe(colours.plain);
    await page.getByText(/Partial read applied: a call failed/).waitFor();
    expect(await page.getByText(/31 accounts suspended/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/suspended, status: .*\(partial read\)/).count(), POLL).toBe(31);
  });

  it("started in a team's folder, lists that folder's scenarios (not the harness's own) and runs them", async () => {
    // A connector team's repository: its package and its scenarios/, `harness serve` started there.
    const team = mkdtempSync(join(tmpdir(), 'inspector-team-'));
    const pkgDir = join(PROJECT_ROOT, 'fixtures', 'packages', 'leanix');
    mkdirSync(join(team, 'connector'));
    for (const f of readdirSync(pkgDir).filter((n) => n.endsWith('JSON.json')))
      copyFileSync(join(pkgDir, f), join(team, 'connector', f));
    mkdirSync(join(team, 'scenarios'));
    const name = 'team: create account';
    writeFileSync(
      join(team, 'scenarios', 'create.scenario.yaml'),
      `name: "${name}"
given:
  leanix: { tenant: demo }
  eic:
    package: ../connector
    fillPlaceholders: true
    identities: [{ username: jnew, firstname: Jane, lastname: New, email: jane.new@example.com }]
steps:
  - name: create jane
    provision: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
    expect: { leanix: { permissions: [{ user: jane.new@example.com, role: VIEWER }] } }
`,
    );
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.js'), 'serve', '--port', '0'], {
      cwd: team,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      const at = await eventually(
        async () => (out.includes('Ctrl+C') ? /listening on (http:\/\/\S+)/.exec(out)?.[1] : undefined),
        `harness serve started in ${team}`,
        60_000,
      );
      expect(out).toContain(`scenarios:     1 file from scenarios/**/*.scenario.yaml in ${team}`);
      const listed = await api<{ scenarios: ScenarioInfo[] }>(at, 'scenarios');
      expect(listed.scenarios.map((x) => [x.id, x.source])).toEqual([['create', 'project']]);

      await open('#/scenarios', at);
      const rows = bodyRows(table('Scenarios'));
      await expect.poll(() => rows.count(), POLL).toBe(1);
      expect(await rows.first().textContent()).toContain(name);
      await page.getByText(`in ${team}`).first().waitFor();
      const { panel } = await runScenario('create', undefined, at);
      await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('passed');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('has no accessibility violations (axe-core, WCAG rules with contrast) in any view, light or dark', async () => {
    // A run with a failure, so the Scenarios view shows a failed step opened, and a world with EIC data.
    const bad = readFileSync(join(PROJECT_ROOT, 'scenarios', 'create-account-viewer.scenario.yaml'), 'utf8')
      .replace(/^name: .*$/m, 'name: a11y failing run')
      .replace(/role: VIEWER/g, 'role: ADMIN');
    const added = await fetch(`${base}/__harness/scenarios?name=a11y.scenario.yaml`, { method: 'POST', body: bad });
    expect(added.status).toBe(201);
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await context.close();
      ({ context, page } = await newPage(browser, { colorScheme }));
      for (const view of ['tenant', 'traffic', 'eic', 'scenarios', 'support']) {
        await open(`#/${view}`);
        if (view === 'scenarios' && colorScheme === 'light') {
          const { panel } = await runScenario('uploaded/a11y');
          await expect.poll(() => runStatus(panel).textContent(), POLL).toBe('failed');
          await panel.getByRole('button', { name: 'Show failure' }).click();
          await panel.getByText('Bindings').first().waitFor();
        }
        if (view === 'tenant') {
          await bodyRows(table(/^Users/))
            .first()
            .click();
          await page.getByRole('dialog').waitFor();
        }
        for (const v of await axeViolations(page))
          found.push(`${colorScheme} ${view}: ${v.impact} ${v.id} (${v.nodes}× e.g. ${v.first})`);
      }
    }
    expect(found).toEqual([]);
  });

  it('follows the system color scheme, and "Toggle theme" flips and remembers the choice', async () => {
    await open('#/tenant');
    await expect.poll(() => backgroundLuminance(page), POLL).toBeGreaterThan(0.5);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => backgroundLuminance(page), POLL).toBeLessThan(0.2);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => backgroundLuminance(page), POLL).toBeGreaterThan(0.5);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Harness inspector' }).waitFor();
    await expect.poll(() => backgroundLuminance(page), POLL).toBeGreaterThan(0.5);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => backgroundLuminance(page), POLL).toBeLessThan(0.2);
  });

  it('with an admin token the page asks for it, then works, and never shows it', async () => {
    const adminToken = 'e2e-admin-token-7f3c9a51d2b84e06';
    const guarded = await startServe({ port: 0, adminToken });
    try {
      const at = guarded.server.url;
      expect((await fetch(`${at}/__harness/worlds`)).status).toBe(401);
      await page.goto(`${at}/#/tenant`);
      const tokenInput = page.locator('input').and(page.getByLabel(/token/i));
      await tokenInput.fill(adminToken);
      await tokenInput.press('Enter');
      await page.getByRole('status').filter({ hasText: 'live' }).first().waitFor();
      await expect.poll(() => bodyRows(table(/^Users/)).count(), POLL).toBeGreaterThan(0);
      expect(await pageContent(page)).not.toContain(adminToken);
      expect(page.url()).not.toContain(adminToken);

      // #token=<token> in the address (a fresh context, nothing remembered): used, removed from the address bar.
      const fresh = await newPage(browser);
      const second = fresh.page;
      await second.goto(`${at}/#token=${adminToken}`);
      await expect.poll(() => bodyRows(second.getByRole('table', { name: /^Users/ })).count(), POLL).toBeGreaterThan(0);
      await expect.poll(() => second.url(), POLL).not.toContain(adminToken);
      expect(await pageContent(second)).not.toContain(adminToken);
      await fresh.context.close();
    } finally {
      await guarded.stop();
    }
  });
});
