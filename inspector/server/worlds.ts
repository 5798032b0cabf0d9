/**
 * The registry of worlds the inspector shows: `live` (the fake `harness serve` serves, plus an emulator once a package
 * is loaded) and `run-<n>` (the world of a scenario run, kept after the run; the newest `keepRuns` are kept). Each
 * world has its own control API under `/__harness/worlds/<id>/`; the live world's is the one served at `/__harness/`.
 */
import type { Emulator } from '../../harness/emulator.ts';
import type { ImportReport } from '../../harness/jobs/import/index.ts';
import type { JobReport } from '../../harness/jobs/provision/index.ts';
import type { ConnectionPackage } from '../../harness/package/types.ts';
import type { World } from '../../harness/scenario/world.ts';
import { CONTROL_PREFIX, createControlApi } from '../../mocks/leanix/control.ts';
import type { FakeLeanIX } from '../../mocks/leanix/fake.ts';
import type { RequestHandler } from '../../mocks/leanix/faults.ts';
import type { Journal } from '../../mocks/leanix/journal.ts';

/** What the inspector says about a loaded package. */
export interface PackageInfo {
  name: string;
  origin: string;
  kind: ConnectionPackage['kind'];
  connectionEncrypted: boolean;
  attributes: string[];
}

/** One world: a fake LeanIX, optionally an emulator wired to it, and what the inspector remembers about them. */
export interface InspectorWorld {
  id: string;
  label: string;
  kind: 'live' | 'run';
  runId?: string;
  /** The scenario id of a run world. */
  scenario?: string;
  /** Wall-clock ISO time the world was created. */
  createdAt: string;
  fake: FakeLeanIX;
  /** The journal of the scenario's token server (`given.tokenServer`), when the world has one. */
  tokenJournal?: Journal;
  emu: Emulator | null;
  package: PackageInfo | null;
  /** The control API of this world (answers under `/__harness/worlds/<id>/`, or `/__harness/` for live). */
  control: RequestHandler;
  /** The path prefix `control` answers under. */
  controlPrefix: string;
  lastImport: ImportReport | null;
  lastJob: JobReport | null;
}

/** The JSON summary of a world in `GET /__harness/worlds`. */
export type WorldSummary = Pick<InspectorWorld, 'id' | 'label' | 'kind' | 'runId' | 'scenario' | 'createdAt'> & {
  eic: { package: string | null };
  /** True when the world has a token server, whose traffic `token-server/journal` lists. */
  tokenServer: boolean;
};

/** The summary a package gets in the inspector's answers. */
export function packageInfo(pkg: ConnectionPackage): PackageInfo {
  return {
    name: pkg.name,
    origin: pkg.origin,
    kind: pkg.kind,
    connectionEncrypted: pkg.connectionEncrypted,
    attributes: Object.keys(pkg.attributes),
  };
}

/**
 * Wraps the emulator's import and provisioning job functions so every report (from the API or a scenario step) is
 * kept as the world's `lastImport` / `lastJob`.
 */
export function attachEmulator(world: InspectorWorld, emu: Emulator, pkg: ConnectionPackage): void {
  const keepImport =
    (run: Emulator['runAccountImport']): Emulator['runAccountImport'] =>
    async (o) => {
      const report = await run(o);
      world.lastImport = report;
      return report;
    };
  const runJob = emu.runProvisioningJob;
  emu.runAccountImport = keepImport(emu.runAccountImport);
  emu.runAccessImport = keepImport(emu.runAccessImport);
  emu.runProvisioningJob = async () => {
    const report = await runJob();
    world.lastJob = report;
    return report;
  };
  world.emu = emu;
  world.package = packageInfo(pkg);
  world.lastImport = null;
  world.lastJob = null;
}

/** Options of the registry. */
export interface WorldRegistryOptions {
  /** The fake `harness serve` serves. */
  live: FakeLeanIX;
  /** The live fake's control API (served at `/__harness/`); created here when absent. */
  liveControl?: RequestHandler;
  adminToken?: string;
  /** Run worlds kept (default 10). */
  keepRuns?: number;
}

/** The worlds: live first, then run worlds newest first. */
export class WorldRegistry {
  readonly live: InspectorWorld;
  private readonly runs: InspectorWorld[] = [];
  private readonly keepRuns: number;

  constructor(private readonly options: WorldRegistryOptions) {
    this.keepRuns = options.keepRuns ?? 10;
    this.live = {
      id: 'live',
      label: 'live (served)',
      kind: 'live',
      createdAt: new Date().toISOString(),
      fake: options.live,
      emu: null,
      package: null,
      control: options.liveControl ?? createControlApi(options.live, { adminToken: options.adminToken }),
      controlPrefix: CONTROL_PREFIX,
      lastImport: null,
      lastJob: null,
    };
  }

  /** The world with this id. */
  get(id: string): InspectorWorld | undefined {
    return id === 'live' ? this.live : this.runs.find((w) => w.id === id);
  }

  /** Every world, live first, then runs newest first. */
  list(): InspectorWorld[] {
    return [this.live, ...this.runs];
  }

  /** Keeps the world of a run (id = the run id); returns the run worlds dropped to stay within `keepRuns`. */
  addRun(runId: string, scenarioId: string, scenarioName: string, world: World): InspectorWorld[] {
    const prefix = `${CONTROL_PREFIX}/worlds/${runId}`;
    const entry: InspectorWorld = {
      id: runId,
      label: `${runId}: ${scenarioName}`,
      kind: 'run',
      runId,
      scenario: scenarioId,
      createdAt: new Date().toISOString(),
      fake: world.fake,
      ...(world.tokenTraffic ? { tokenJournal: world.tokenTraffic.journal } : {}),
      emu: null,
      package: null,
      control: createControlApi(world.fake, { prefix, adminToken: this.options.adminToken }),
      controlPrefix: prefix,
      lastImport: null,
      lastJob: null,
    };
    attachEmulator(entry, world.emu, world.emu.package);
    this.runs.unshift(entry);
    return this.runs.splice(this.keepRuns);
  }

  /** The JSON summary of a world. */
  summary(w: InspectorWorld): WorldSummary {
    return {
      id: w.id,
      label: w.label,
      kind: w.kind,
      ...(w.runId ? { runId: w.runId } : {}),
      ...(w.scenario ? { scenario: w.scenario } : {}),
      createdAt: w.createdAt,
      eic: { package: w.package?.name ?? null },
      tokenServer: w.tokenJournal !== undefined,
    };
  }
}
