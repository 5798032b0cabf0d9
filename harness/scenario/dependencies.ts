/**
 * The files a scenario run depends on, worked out from the loaded scenario: the scenario file itself, and what its
 * `given` (the common one and each variant's, merged as variants.ts merges them) and its `use` steps reference: the
 * package (a folder, an export JSON or a transport zip), the patch file, the plaintext ConnectionJSON, EIC's connector
 * files folder and the LeanIX tenant file. Watch mode (watch.ts) reruns a scenario when one of them changes.
 */
import type { LoadedScenario } from './load.ts';
import { expandVariants } from './variants.ts';

/** What a dependency is to the scenario. */
export type DependencyKind = 'scenario' | 'package' | 'patch' | 'connectionJson' | 'connectorFiles' | 'tenant';

/** One file or folder a scenario depends on (absolute path). */
export interface Dependency {
  path: string;
  kind: DependencyKind;
}

/** Every file and folder the scenario's runs (each variant's) read, the scenario file first; without duplicates. */
export function scenarioDependencies(loaded: LoadedScenario): Dependency[] {
  const out = new Map<string, Dependency>();
  const add = (kind: DependencyKind, p: unknown) => {
    if (typeof p !== 'string' || p === '') return;
    const path = loaded.resolvePath(p);
    if (!out.has(path)) out.set(path, { path, kind });
  };
  add('scenario', loaded.file);
  for (const run of expandVariants(loaded)) {
    const { given, steps } = run.scenario;
    const eic = given.eic;
    add('package', eic?.package);
    add('patch', eic?.patches); // a patch file (inline patches are part of the scenario file)
    add('connectionJson', eic?.connectionJson);
    add('connectorFiles', eic?.connectorFiles);
    add('tenant', given.leanix?.tenantFile);
    for (const step of steps) {
      if (!step.use) continue;
      add('package', step.use.package);
      add('patch', step.use.patches);
      add('connectionJson', step.use.connectionJson);
    }
  }
  return [...out.values()];
}
