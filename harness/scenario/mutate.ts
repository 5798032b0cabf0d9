/**
 * The mutation check: proves that every expectation of a scenario can fail. Each expectation is changed into one that
 * contradicts what passed (a text or number changed to one no record has, `{{any}}` made `$absent`, a regex that matches nothing, `$absent` flipped,
 * a `$count` raised, `[]` made non-empty, an element dropped from an exact or strict list, an `inOrder` list reversed),
 * and the changed step must then fail. The scenario runs once: after each step, every mutation of that step is
 * checked against the same outcome and world (checks only read the world, so this equals rerunning the scenario with
 * the one changed expectation). Leaves inside a negated pattern (`$absent: true`, `$count: 0`) are covered by the
 * mutation of the pattern's quantifier, not changed one by one (changing them keeps a negation true).
 */
import type { LoadedScenario } from './load.ts';
import { isExactMarker, isMatcher, quantifierOf } from './match.ts';
import { runLoadedScenario, type ScenarioResult } from './run.ts';
import type { ScenarioStep } from './schema.ts';

type Path = (string | number)[];

/** One changed expectation. */
export interface Mutation {
  /** Where in the step the change is (`['expect', 'report', 'counts', 'pages']`). */
  path: Path;
  /** What was changed, for people. */
  description: string;
  /** The value at `path` after the change (`DROP` removes it from its list). */
  value: unknown;
  /** The expectation paths this mutation proves can fail (a path covers everything below it). */
  covers: Path[];
  /** Mutations of one group prove their expectation together: one of them failing is enough (dropped elements). */
  group?: string;
}

/** A mutation that survived: the changed step still passed. */
export interface Survivor {
  step: string;
  path: string;
  description: string;
}

/** The result of checking one scenario run (one variant). */
export interface MutationReport {
  file: string;
  variant?: string;
  /** The unchanged run (it must pass for the check to mean anything). */
  result: ScenarioResult;
  /** Mutations checked. */
  mutations: number;
  survivors: Survivor[];
  /** Expectation paths by step name with the paths a mutation covered, for coverage across variants. */
  leaves: { step: string; path: string; covered: boolean }[];
}

/** Marks a list element to be dropped. */
export const DROP = Symbol('drop');

const MUTATED = '~mutated';
const NUMBER_OFFSET = 1000;
const show = (v: unknown) => JSON.stringify(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const pathText = (p: Path) =>
  p
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .slice(1);

/** Mutations of a value that must match (positive context). */
function valueMutations(v: unknown, path: Path): Mutation[] {
  const one = (value: unknown, description: string): Mutation[] => [{ path, value, description, covers: [path] }];
  if (v === '{{any}}') return one({ $absent: true }, '"{{any}}" → $absent: true');
  if (typeof v === 'string') return one(`${v}${MUTATED}`, `${show(v)} → ${show(v + MUTATED)}`);
  // far off, so that a changed element does not match another one (a 400 changed to 401 may be the 401 before it)
  if (typeof v === 'number') return one(v + NUMBER_OFFSET, `${v} → ${v + NUMBER_OFFSET}`);
  if (typeof v === 'boolean') return one(!v, `${v} → ${!v}`);
  if (v === null) return one(MUTATED, `null → ${show(MUTATED)}`);
  if (Array.isArray(v)) return listMutations(v, path);
  if (!isObject(v)) return [];
  if (isMatcher(v)) {
    if (typeof v.$count === 'number')
      return one({ ...v, $count: v.$count + 1 }, `$count ${v.$count} → ${v.$count + 1}`);
    if (v.$absent === true) return one({ $absent: false }, '$absent: true → false');
    if (v.$absent === false) return one({ $absent: true }, '$absent: false → true');
    if (typeof v.$type === 'string') {
      const other = v.$type === 'string' ? 'number' : 'string';
      return one({ ...v, $type: other }, `$type ${v.$type} → ${other}`);
    }
    if (typeof v.$regex === 'string')
      return one({ ...v, $regex: '(?!)' }, `$regex ${show(v.$regex)} → a regex that matches nothing`);
    return [];
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return one({ $absent: true }, '{} → $absent: true');
  return keys.flatMap((k) => valueMutations(v[k], [...path, k]));
}

/** Mutations of a list pattern (values or records): `[]`, `$exact`, quantifiers, elements. */
function listMutations(list: readonly unknown[], path: Path, strictFlag?: Path, records = false): Mutation[] {
  if (list.length === 0)
    return [{ path, value: [records ? {} : '{{any}}'], description: '[] → a list with one element', covers: [path] }];
  const out: Mutation[] = [];
  const exact = list.some(isExactMarker);
  list.forEach((e, i) => {
    if (isExactMarker(e)) return;
    const q = quantifierOf(e);
    const at = [...path, i];
    if (q?.absent) {
      out.push({ path: [...at, '$absent'], value: DROP, description: 'dropped $absent: true', covers: [at] });
      return;
    }
    if (q?.count !== undefined) {
      out.push({
        path: [...at, '$count'],
        value: q.count + 1,
        description: `$count ${q.count} → ${q.count + 1}`,
        covers: q.count === 0 ? [at] : [[...at, '$count']],
      });
      if (q.count === 0 || Object.keys(q.pattern).length === 0) return;
    }
    out.push(...valueMutations(q ? q.pattern : e, at));
  });
  // exact or strict: the list must hold no other element, so dropping one of them must fail (one is enough: two
  // patterns may match the same record)
  const elements = list.flatMap((e, i) => (isExactMarker(e) || quantifierOf(e) ? [] : [i]));
  if (exact || strictFlag)
    for (const i of elements)
      out.push({
        path: [...path, i],
        value: DROP,
        description: `dropped element ${i} of an ${exact ? '$exact' : 'strict'} list`,
        covers: exact ? [[...path, list.findIndex(isExactMarker)]] : [strictFlag as Path],
        group: `${pathText(path)} drop`,
      });
  return out;
}

/** Mutations of a requests expectation (`count`, `requests`, `inOrder`). */
function requestsMutations(spec: Record<string, unknown>, path: Path): Mutation[] {
  const out: Mutation[] = [];
  if (typeof spec.count === 'number') out.push(...valueMutations(spec.count, [...path, 'count']));
  if (Array.isArray(spec.requests)) {
    out.push(...listMutations(spec.requests, [...path, 'requests'], undefined, true));
    const plain = spec.requests.filter((r) => !isExactMarker(r));
    const reversed = [...plain].reverse();
    if (spec.inOrder === true && JSON.stringify(reversed) !== JSON.stringify(plain))
      out.push({
        path: [...path, 'requests'],
        value: reversed,
        description: 'inOrder list reversed',
        covers: [[...path, 'inOrder']],
      });
  }
  return out;
}

/** Every mutation of one expectation object (`expect` or `expectFor.<variant>`) at `path`. */
export function expectMutations(exp: Record<string, unknown>, path: Path): Mutation[] {
  const out: Mutation[] = [];
  for (const [key, v] of Object.entries(exp)) {
    const at = [...path, key];
    if ((key === 'leanix' || key === 'eic') && isObject(v)) {
      const strict = v.strict === true ? [...at, 'strict'] : undefined;
      for (const [kind, list] of Object.entries(v))
        if (Array.isArray(list)) out.push(...listMutations(list, [...at, kind], strict, true));
    } else if ((key === 'journal' || key === 'tokenServer' || key === 'exchanges') && isObject(v))
      out.push(...requestsMutations(v, at));
    else if (key === 'diagnostics' && Array.isArray(v)) out.push(...listMutations(v, at, undefined, true));
    else out.push(...valueMutations(v, at));
  }
  return out;
}

/** The expectations of a step in one variant: `expect` (without an `error` the variant replaces) and `expectFor.<variant>`. */
export function stepMutations(step: ScenarioStep, variant: string | undefined): Mutation[] {
  const own = variant === undefined ? undefined : step.expectFor?.[variant];
  const common: Record<string, unknown> = { ...(step.expect ?? {}) };
  if (own && 'error' in own) delete common.error;
  return [
    ...expectMutations(common, ['expect']),
    ...(own ? expectMutations(own as Record<string, unknown>, ['expectFor', variant as string]) : []),
  ];
}

/** The leaf paths of the expectations `stepMutations` looks at (scalars, matchers, empty lists and objects). */
export function expectationLeaves(step: ScenarioStep, variant: string | undefined): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path) => {
    if (Array.isArray(v) ? v.length === 0 : !isObject(v) || isMatcher(v) || Object.keys(v).length === 0) {
      out.push(path);
      return;
    }
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, [...path, k]);
  };
  const own = variant === undefined ? undefined : step.expectFor?.[variant];
  const common: Record<string, unknown> = { ...(step.expect ?? {}) };
  if (own && 'error' in own) delete common.error;
  walk(common, ['expect']);
  if (own) walk(own, ['expectFor', variant as string]);
  return out.filter((p) => p.length > 1);
}

/** The step with one mutation applied (a deep copy). */
export function applyMutation(step: ScenarioStep, m: Mutation): ScenarioStep {
  const copy = structuredClone(step) as unknown as Record<string, unknown>;
  let node: unknown = copy;
  for (const k of m.path.slice(0, -1)) node = (node as Record<string | number, unknown>)[k];
  const last = m.path[m.path.length - 1];
  if (m.value === DROP) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string | number, unknown>)[last];
  } else (node as Record<string | number, unknown>)[last] = structuredClone(m.value);
  return copy as unknown as ScenarioStep;
}

const covers = (c: Path, leaf: Path) => c.length <= leaf.length && c.every((k, i) => k === leaf[i]);

/** Runs one (expanded) scenario once and checks every mutation of its expectations; see the module comment. */
export async function checkMutations(loaded: LoadedScenario): Promise<MutationReport> {
  const steps = loaded.scenario.steps;
  const survivors: Survivor[] = [];
  const leaves: MutationReport['leaves'] = [];
  let mutations = 0;
  const result = await runLoadedScenario(loaded, {
    onStepChecked: (index, recheck) => {
      const step = steps[index];
      const ms = stepMutations(step, loaded.variant);
      const groups = new Map<string, Mutation[]>();
      for (const m of ms) {
        mutations++;
        if (recheck(applyMutation(step, m)).length > 0) {
          if (m.group) groups.set(m.group, []);
          continue;
        }
        if (!m.group) survivors.push({ step: step.name, path: pathText(m.path), description: m.description });
        else if (groups.get(m.group)?.length !== 0) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
      }
      for (const [group, left] of groups)
        if (left.length > 0)
          survivors.push({
            step: step.name,
            path: group.replace(/ drop$/, ''),
            description: `dropping any one element (${left.length}) still passes`,
          });
      for (const leaf of expectationLeaves(step, loaded.variant))
        leaves.push({
          step: step.name,
          path: pathText(leaf),
          covered: ms.some((m) => m.covers.some((c) => covers(c, leaf))),
        });
    },
  });
  return { file: loaded.file, variant: loaded.variant, result, mutations, survivors, leaves };
}
