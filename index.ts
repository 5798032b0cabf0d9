/**
 * The public API of `leanix-eic-harness` (the package root). Everything exported here is kept stable; every other
 * module is internal and may move. `leanix-eic-harness/vitest` (harness/vitest.ts) is the vitest bridge and
 * `leanix-eic-harness/msw` (mocks/leanix/msw-entry.ts) the fake as msw handlers.
 *
 *   const fake = await createFakeLeanIX({ tenant: generateTenant() });     // the demo tenant
 *   const { id: workspaceId, accountId } = fake.exportJson().workspaces[0];
 *   const values = { host: 'demo', workspaceId, accountId, apiToken: DEMO_API_TOKEN };
 *   const pkg = await loadPackage('connector', { patches: leanixPatches(values) });  // fills <host>, <workspaceId>, ...
 *   const emu = createEmulator({ package: pkg, transport: { fetch: fake.fetch, now: fake.clock.now, inProcess: true } });
 *   const report = await emu.runAccountImport();
 *
 * What is here: the fake SAP LeanIX MTM API (createFakeLeanIX, in-process or with startFakeServer over HTTP); tenants
 * (generateTenant and the demo tenant, tenant files, tenantFromHar from captured traffic); the generic token server for
 * the auth flows LeanIX does not offer; connection packages (loadPackage, patch files, the bundled LeanIX packages) and
 * the validator; the EIC emulator (imports, provisioning, WSRETRY, `emu.testConnection()`) and the dry run of a task
 * (`harness explain`); scenarios (defineScenario, loadScenario, runScenarios, variants, sweepFaults) and the reporters;
 * the one Diagnostic shape of every finding and failure.
 */

export type { LeanixTenantValues } from './fixtures/packages/leanix/index.ts';
export { LEANIX_PACKAGE_DIR, leanixPatches, loadLeanixPackage } from './fixtures/packages/leanix/index.ts';
export { LEANIX_PUBLISHED_DIR } from './fixtures/packages/leanix-published/index.ts';
export { readTenantFile, tenantFileText } from './fixtures/tenant/file.ts';
export type { CaptureTenant } from './fixtures/tenant/from-har.ts';
export { tenantFromCapture as tenantFromHar } from './fixtures/tenant/from-har.ts';
export type { BuildOptions, TenantBuild } from './fixtures/tenant/from-responses.ts';
export type { TenantSpec } from './fixtures/tenant/generate.ts';
export { DEMO_API_TOKEN, DEMO_TENANT_SPEC, generateTenant } from './fixtures/tenant/generate.ts';
export type { TokenServer, TokenServerEvent, TokenServerOptions } from './fixtures/token-server/index.ts';
export { createTokenServer, TOKEN_SERVER_ORIGIN } from './fixtures/token-server/index.ts';
export type { DryRunOptions, DryRunResult } from './harness/dry-run.ts';
export { dryRunTask, formatExplain } from './harness/dry-run.ts';
export type { Identity, SecuritySystemSettings, Task, TaskType } from './harness/eic/types.ts';
export type { Emulator, EmulatorOptions } from './harness/emulator.ts';
export { createEmulator } from './harness/emulator.ts';
export type { TestConnectionResult } from './harness/http/test-connection.ts';
export type { Exchange, Transport } from './harness/http/types.ts';
export type { ImportReport } from './harness/jobs/import/index.ts';
export type { JobReport } from './harness/jobs/provision/index.ts';
export { loadPackage, readPatchFile } from './harness/package/index.ts';
export type { LoadOptions } from './harness/package/load.ts';
export type { Patch } from './harness/package/patch.ts';
export type { AttributeName, ConnectionPackage, PackageAttribute } from './harness/package/types.ts';
export { defineScenario } from './harness/scenario/define.ts';
export type { LoadedScenario } from './harness/scenario/load.ts';
export { loadScenario } from './harness/scenario/load.ts';
export { htmlReport } from './harness/scenario/reporters/html.ts';
export { jsonReport } from './harness/scenario/reporters/json.ts';
export { junitReport } from './harness/scenario/reporters/junit.ts';
export { mergeJsonReports } from './harness/scenario/reporters/merge.ts';
export { prettyReport } from './harness/scenario/reporters/pretty.ts';
export type { RunSummary } from './harness/scenario/reporters/summary.ts';
export { summarize, summaryLine } from './harness/scenario/reporters/summary.ts';
export type { RunOptions, ScenarioResult, StepResult } from './harness/scenario/run.ts';
export { runLoadedScenario, runScenarioVariants } from './harness/scenario/run.ts';
export type { RunScenariosOptions, ScenariosRun } from './harness/scenario/run-scenarios.ts';
export { runScenarios } from './harness/scenario/run-scenarios.ts';
export type { Scenario } from './harness/scenario/schema.ts';
export type { FaultKind, SweepOptions, SweepReport } from './harness/scenario/sweep.ts';
export { FAULT_KINDS, formatSweep, sweepFaults } from './harness/scenario/sweep.ts';
export { expandVariants } from './harness/scenario/variants.ts';
export { validatePackage } from './harness/validate/index.ts';
export type { Diagnostic, Location, Severity } from './lib/diagnostic.ts';
export { formatDiagnostic, HarnessError, isHarnessError } from './lib/diagnostic.ts';
export type {
  Account,
  ApiToken,
  Clock,
  FakeLeanIX,
  FakeLeanIXOptions,
  FakeServer,
  FakeServerOptions,
  FaultRule,
  Har,
  JournalEntry,
  Permission,
  Quirks,
  QuirksInput,
  TenantData,
  User,
  Workspace,
} from './mocks/leanix/index.ts';
export { createFakeLeanIX, startFakeServer } from './mocks/leanix/index.ts';
