/**
 * Shapes of the inspector API (inspector/README.md) as the page reads them: type-only imports of the server's and
 * the core's own definitions (erased from the bundle), so the page and the server cannot drift apart.
 */
import type { Account as EicAccountRecord, EntitlementValue } from '../../../harness/eic/types.ts';
import type { TenantData as FullTenantData } from '../../../mocks/leanix/model.ts';
import type { eicView } from '../../server/eic-views.ts';
import type { PackageValidation } from '../../server/packages.ts';
import type { RunInfo } from '../../server/runs.ts';

export type { AccountEntitlementLink as EicLink } from '../../../harness/eic/types.ts';
export type { Exchange } from '../../../harness/http/types.ts';
export type { ColumnChange, ImportReport } from '../../../harness/jobs/import/report.ts';
export type { JobReport } from '../../../harness/jobs/provision/wsretry.ts';
export type { Diagnostic, Location, Severity } from '../../../lib/diagnostic.ts';
export type { FaultRuleState } from '../../../mocks/leanix/faults.ts';
export type { JournalEntry, JournalMessage } from '../../../mocks/leanix/journal.ts';
export type {
  Permission as TenantPermission,
  User as TenantUser,
  Workspace as TenantWorkspace,
} from '../../../mocks/leanix/model.ts';
export type { ExchangeSummary, ExchangeView, TaskView } from '../../server/eic-views.ts';
export type { RunInfo, RunStep } from '../../server/runs.ts';
export type { ScenarioEntry as Scenario, SourceInfo, VariantEntry } from '../../server/scenarios.ts';
export type { PackageInfo, WorldSummary as World } from '../../server/worlds.ts';

/** An account in EIC. */
export type EicAccount = EicAccountRecord;
/** An entitlement value in EIC (status 1 active, 2 inactive). */
export type EicEntitlement = EntitlementValue;
/** `GET state/export` as the page uses it (API tokens are never shown). */
export type TenantData = Omit<FullTenantData, 'apiTokens'>;
/** `GET worlds/<id>/eic`: the emulator of a world. */
export type EicView = ReturnType<typeof eicView>;
/** A package validation (or load) answer. */
export type ValidateResult = PackageValidation;
/** Diagnostics counted by severity. */
export type Summary = PackageValidation['summary'];
/** Status of one step of a run. */
export type StepStatus = RunInfo['steps'][number]['status'];
/** Status of a run. */
export type RunStatus = RunInfo['status'];

/** The `error` object of an API error answer. */
export interface ApiErrorBody {
  code: string;
  message: string;
  path?: string;
  hint?: string;
  location?: import('../../../lib/diagnostic.ts').Location;
}

/** The fake clock (`GET clock`). */
export interface Clock {
  now: number;
  iso: string;
}
