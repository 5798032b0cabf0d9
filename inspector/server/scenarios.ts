/**
 * The inspector's scenario catalog: the project's scenario files (what `harness run` would run from the folder
 * `harness serve` started in: `scenarios/**\/*.scenario.yaml` below the current directory, or the paths given with
 * `--scenarios`) and uploaded ones. A scenario with `variants:` lists each variant (each runs as a scenario of its own,
 * harness/scenario/variants.ts).
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DEFAULT_SCENARIO_GLOB, findScenarioFiles, globBase } from '../../harness/scenario/discover.ts';
import { type LoadedScenario, loadScenario, parseScenario } from '../../harness/scenario/load.ts';
import { type Scenario, STEP_ACTIONS } from '../../harness/scenario/schema.ts';
import { scenarioForVariant, variantNames } from '../../harness/scenario/variants.ts';
import { type Diagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { readRegularFileSync } from '../../lib/files.ts';
import { LIMITS } from '../../lib/limits.ts';
import { apiError } from './respond.ts';

/** Where the catalog finds scenario files: paths as `harness run` takes them (files, folders, globs), from `cwd`. */
export interface ScenarioSource {
  paths: readonly string[];
  cwd: string;
}

/** The scenarios `harness run` would use from `cwd` (default the current directory): `scenarios/**\/*.scenario.yaml`. */
export function defaultScenarioSource(cwd = process.cwd()): ScenarioSource {
  return { paths: [DEFAULT_SCENARIO_GLOB], cwd };
}

/** A step as the catalog lists it. */
export interface StepEntry {
  name: string;
  action: string;
}

/** One variant of a scenario with `variants:`: its name, its description and the steps it runs. */
export interface VariantEntry {
  name: string;
  description?: string;
  steps: StepEntry[];
}

/** A scenario as the catalog lists it. */
export interface ScenarioEntry {
  id: string;
  name: string;
  description?: string;
  tags: string[];
  /** A project file: its path relative to the directory `harness serve` started in; uploaded: the upload name. */
  file: string;
  source: 'project' | 'uploaded';
  /** Every step of the file (a variant runs those its `variants:` key allows, see `variants`). */
  steps: StepEntry[];
  /** The variants, each run as a scenario of its own (absent when the scenario has none). */
  variants?: VariantEntry[];
  /** Why the file cannot run (its first problem). */
  error?: Diagnostic;
}

/** What `GET /__harness/scenarios` says about where the project's scenarios come from. */
export interface SourceInfo {
  /** The directory the paths are relative to (where `harness serve` started). */
  cwd: string;
  paths: string[];
  /** Why no project scenario is listed (no file matches), if so. */
  problem?: Diagnostic;
}

interface Cached {
  mtimeMs: number;
  abs: string;
  entry: ScenarioEntry;
}

const stepsOf = (steps: Scenario['steps']): StepEntry[] =>
  steps.map((step) => ({ name: step.name, action: STEP_ACTIONS.find((k) => k in step) ?? 'unknown' }));

const toPosix = (p: string) => p.split(sep).join('/');

function entryOf(
  id: string,
  file: string,
  source: ScenarioEntry['source'],
  parsed: ReturnType<typeof parseScenario>,
): ScenarioEntry {
  if (!parsed.ok) return { id, name: id, tags: [], file, source, steps: [], error: parsed.diagnostics[0] };
  const s = parsed.scenario;
  const names = variantNames(s);
  return {
    id,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags ?? [],
    file,
    source,
    steps: stepsOf(s.steps),
    ...(names.length > 0
      ? {
          variants: names.map((name) => {
            const v = scenarioForVariant(s, name);
            return { name, ...(v.description ? { description: v.description } : {}), steps: stepsOf(v.steps) };
          }),
        }
      : {}),
  };
}

/**
 * The folder ids are relative to: the one folder (or a glob's folder before its first wildcard) when the source is a
 * single path, else `cwd`. The default gives ids below `scenarios/` (`create-account-viewer`).
 */
function rootOf(source: ScenarioSource): string {
  if (source.paths.length !== 1) return source.cwd;
  const p = source.paths[0];
  const abs = resolve(source.cwd, p);
  if (/[*?]/.test(p)) return resolve(globBase(toPosix(abs)));
  return statSync(abs, { throwIfNoEntry: false })?.isFile() ? dirname(abs) : abs;
}

/** The scenario catalog: project files (re-read when they change) and uploads (kept in memory). */
export class ScenarioCatalog {
  private readonly cache = new Map<string, Cached>();
  private readonly uploaded = new Map<string, { entry: ScenarioEntry; loaded: LoadedScenario }>();
  /** The folder ids are relative to, and that uploaded scenarios' relative paths resolve against. */
  readonly root: string;
  private problem: Diagnostic | undefined;

  /**
   * @param source where the project's scenario files are (default: `harness run`'s default from the current directory)
   * @param uploads files uploaded to this server, which uploaded scenarios may name (`package: customer.zip`)
   */
  constructor(
    readonly source: ScenarioSource = defaultScenarioSource(),
    private readonly uploads?: { resolve(name: string): string | undefined },
  ) {
    this.root = rootOf(source);
  }

  /** Where the project's scenarios come from, and why none is listed if so. */
  info(): SourceInfo {
    this.project();
    return {
      cwd: this.source.cwd,
      paths: [...this.source.paths],
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  private project(): Cached[] {
    let files: string[];
    try {
      files = findScenarioFiles(this.source.paths, this.source.cwd);
      this.problem = undefined;
    } catch (e) {
      this.problem = isHarnessError(e)
        ? e.toDiagnostic()
        : { code: 'scenario.read', severity: 'error', message: String(e) };
      return [];
    }
    const out: Cached[] = [];
    for (const abs of files) {
      const mtimeMs = statSync(abs, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      const hit = this.cache.get(abs);
      if (hit && hit.mtimeMs === mtimeMs) {
        out.push(hit);
        continue;
      }
      const id = toPosix(relative(this.root, abs)).replace(/\.scenario\.ya?ml$/, '');
      const file = toPosix(relative(this.source.cwd, abs));
      let parsed: ReturnType<typeof parseScenario>;
      try {
        parsed = parseScenario(
          readRegularFileSync(abs, { max: LIMITS.scenarioBytes, what: 'scenario file' }).toString('utf8'),
          file,
        );
      } catch (e) {
        const d: Diagnostic = isHarnessError(e)
          ? e.toDiagnostic()
          : { code: 'scenario.read', severity: 'error', message: `cannot read scenario file ${file}` };
        parsed = { ok: false, diagnostics: [{ ...d, location: { ...d.location, file } }] };
      }
      const cached = { mtimeMs, abs, entry: entryOf(id, file, 'project', parsed) };
      this.cache.set(abs, cached);
      out.push(cached);
    }
    return out;
  }

  /** Every scenario: project ones (sorted by file), then uploaded ones in upload order. */
  list(): ScenarioEntry[] {
    return [...this.project().map((c) => c.entry), ...[...this.uploaded.values()].map((u) => u.entry)];
  }

  /** The scenario with this id. */
  get(id: string): ScenarioEntry | undefined {
    return this.uploaded.get(id)?.entry ?? this.project().find((c) => c.entry.id === id)?.entry;
  }

  /**
   * Adds (or replaces) an uploaded scenario. Returns it, or the problems found (each with line and column). A
   * relative path in it names a file uploaded to this server when one has that name, else resolves against the
   * catalog's root (the project's `scenarios/` folder by default), like a project scenario's.
   */
  upload(name: string, text: string): { ok: true; scenario: ScenarioEntry } | { ok: false; diagnostics: Diagnostic[] } {
    const parsed = parseScenario(text, name);
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
    const id = `uploaded/${name.replace(/\.(scenario\.)?ya?ml$/i, '')}`;
    const entry = entryOf(id, name, 'uploaded', parsed);
    const base = this.root;
    const loaded: LoadedScenario = {
      file: name,
      scenario: parsed.scenario,
      resolvePath: (p) => (isAbsolute(p) ? p : (this.uploads?.resolve(p) ?? resolve(base, p))),
    };
    this.uploaded.delete(id);
    this.uploaded.set(id, { entry, loaded });
    return { ok: true, scenario: entry };
  }

  /** The scenario ready to run: uploaded as stored, a project file read afresh. Throws HarnessError for a bad file. */
  async load(id: string): Promise<LoadedScenario> {
    const up = this.uploaded.get(id);
    if (up) return up.loaded;
    const hit = this.project().find((c) => c.entry.id === id);
    if (!hit) throw apiError(404, 'inspector.scenario', `no scenario with id ${JSON.stringify(id)}`);
    return loadScenario(hit.abs);
  }
}
