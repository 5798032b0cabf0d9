/** Public API of scenarios: load or define, run, report. */
export { defineScenario } from './define.ts';
export { DEFAULT_SCENARIO_GLOB, findScenarioFiles } from './discover.ts';
export { type LoadedScenario, loadScenario, parseScenario } from './load.ts';
export { formatMismatches, type Mismatch, matchValue } from './match.ts';
export { checkMutations, type MutationReport, type Survivor } from './mutate.ts';
export { htmlReport } from './reporters/html.ts';
export { jsonReport } from './reporters/json.ts';
export { junitReport } from './reporters/junit.ts';
export { mergeJsonReports, type ReportText } from './reporters/merge.ts';
export { prettyReport } from './reporters/pretty.ts';
export { type RunSummary, summarize, summaryLine } from './reporters/summary.ts';
export {
  type RunOptions,
  runLoadedScenario,
  runScenarioFile,
  runScenarioVariants,
  type ScenarioResult,
  type StepResult,
} from './run.ts';
export { durationMs, Scenario, type ScenarioExpect, type ScenarioStep, scenarioJsonSchema } from './schema.ts';
export type { StepReport } from './step-report.ts';
export {
  FAULT_KINDS,
  type FaultKind,
  faultRule,
  formatSweep,
  type SweepCase,
  type SweepOptions,
  type SweepReport,
  type SweepVerdict,
  sweepFaults,
} from './sweep.ts';
export { expandVariants, runTitle } from './variants.ts';
