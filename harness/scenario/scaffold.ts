/**
 * Scaffolds a scenario for a connection package, as `harness repro` writes it for a support case (and `harness init` as
 * a team's first scenario, with the differences noted at `ScaffoldPurpose`): the demo tenant,
 * the package with its patch file and placeholders filled, and one step per configured import and task type, in an
 * order that works on a correct package (validate, account import, access import, create, update, add and remove
 * access, change password, update user, disable, enable, remove). The validate step expects the findings the package
 * has, so it documents the customer's defects and passes as written; the other steps have no expectations yet (each
 * fails when its task or import fails), with a comment saying what to add. A support case runs every step even after
 * one fails (`keepGoing`), so its first run shows each import's and task's outcome; a team's first scenario stops at the
 * first failure, as a regression test does.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import type { TenantData } from '../../mocks/leanix/model.ts';
import type { TaskType } from '../eic/types.ts';
import { callsOf, TASK_ATTRIBUTE } from '../jobs/provision/calls.ts';
import type { ConnectionPackage } from '../package/types.ts';

/**
 * What the scenario is for: `repro` (a support case: the validate step expects the findings the package has, so it
 * documents the customer's defects and passes as written) or `init` (a team's first scenario: the validate step
 * expects no error, so a package with errors fails until they are fixed; warnings are left to the team).
 */
export type ScaffoldPurpose = 'repro' | 'init';

/** What the scaffold refers to (paths relative to the scenario file). */
export interface ScaffoldInput {
  pkg: ConnectionPackage;
  /** Default `repro`. */
  purpose?: ScaffoldPurpose;
  /** The package path as the scenario names it. */
  packagePath: string;
  /** The patch file, when there is one. */
  patchFile?: string;
  /** A plaintext ConnectionJSON file, when the export's is encrypted or missing. */
  connectionJson?: string;
  /** The validator's findings on the package as the scenario loads it (patched, placeholders filled). */
  findings: readonly Diagnostic[];
  /** The scenario JSON Schema for editors (yaml-language-server), relative to the scenario file. */
  schemaPath?: string;
  /** An account the tasks work on when the package cannot create one: from the tenant (name = email, accountID). */
  existingAccount?: { name: string; accountID: string };
}

/** The task types in the order the scaffold runs them. */
export const SCAFFOLD_TASK_ORDER: readonly TaskType[] = [
  'NEWACCOUNT',
  'UPDATEACCOUNT',
  'ADDACCESS',
  'REMOVEACCESS',
  'CHANGEPASSWORD',
  'UPDATEUSER',
  'DISABLEACCOUNT',
  'ENABLEACCOUNT',
  'REMOVEACCOUNT',
];

const identityOf = (purpose: ScaffoldPurpose) => {
  const [first, last] = purpose === 'init' ? ['Test', 'User'] : ['Repro', 'User'];
  const email = `${first.toLowerCase()}.${last.toLowerCase()}@example.com`;
  return {
    username: `${first}.${last}`.toLowerCase(),
    firstname: first,
    lastname: last,
    email,
    customproperty1: email,
  };
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A YAML flow rendering of plain JSON data: bare keys and simple strings, JSON quoting for the rest. */
export function flow(v: unknown): string {
  if (typeof v === 'string')
    return /^[A-Za-z]([\w./@ -]*[\w.])?$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(v)
      ? v
      : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (isObj(v))
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[$A-Za-z_][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${flow(x)}`)
      .join(', ')} }`;
  return JSON.stringify(v ?? null);
}

/**
 * An account the tasks can work on when the package cannot create one: a human of the tenant holding an active
 * permission in its first workspace (name = email, accountID = user id), as `existingAccount`.
 */
export function existingAccountIn(data: TenantData): { name: string; accountID: string } | undefined {
  const ws = data.workspaces[0];
  const held = new Set(
    data.permissions.filter((p) => p.workspaceId === ws?.id && p.status === 'ACTIVE').map((p) => p.userId),
  );
  const someone = data.users.find((u) => !u.technicalUser && held.has(u.id));
  return someone && { name: someone.email, accountID: someone.id };
}

/** The task types the package configures (its JSON has at least one call). */
export function configuredTasks(pkg: ConnectionPackage): TaskType[] {
  return SCAFFOLD_TASK_ORDER.filter((t) => callsOf(pkg.attributes[TASK_ATTRIBUTE[t]]?.json).length > 0);
}

/** The imports the package configures: accounts (accountParams), access (entitlementParams or acctEntParams). */
export function configuredImports(pkg: ConnectionPackage): ('accounts' | 'access')[] {
  const j = pkg.attributes.ImportAccountEntJSON?.json;
  if (!isObj(j)) return [];
  return [
    ...(isObj(j.accountParams) ? (['accounts'] as const) : []),
    ...(isObj(j.entitlementParams) || isObj(j.acctEntParams) ? (['access'] as const) : []),
  ];
}

/** The entitlement type access tasks use: AddAccessJSON's call name, else the first imported type, else Permission. */
export function entitlementType(pkg: ConnectionPackage): string {
  const named = callsOf(pkg.attributes.AddAccessJSON?.json).find((c) => !/^call\d+$/.test(c.name))?.name;
  if (named) return named;
  const j = pkg.attributes.ImportAccountEntJSON?.json;
  const types =
    isObj(j) && isObj(j.entitlementParams) && isObj(j.entitlementParams.entTypes) ? j.entitlementParams.entTypes : {};
  return Object.keys(types)[0] ?? 'Permission';
}

/** The `expect.diagnostics` of the validate step: each error and warning by code, attribute and path, then counts. */
function findingPatterns(findings: readonly Diagnostic[]): Obj[] {
  const shown = findings.filter((d) => d.severity !== 'info');
  const groups = new Map<string, { pattern: Obj; n: number }>();
  for (const d of shown) {
    const location: Obj = {};
    if (d.location?.attribute) location.attribute = d.location.attribute;
    if (d.location?.path?.length) location.path = d.location.path;
    const pattern: Obj = { code: d.code, ...(Object.keys(location).length ? { location } : {}) };
    const key = JSON.stringify(pattern);
    const g = groups.get(key) ?? { pattern, n: 0 };
    g.n++;
    groups.set(key, g);
  }
  const count = (severity: string) => shown.filter((d) => d.severity === severity).length;
  return [
    ...[...groups.values()].map((g) => ({ ...g.pattern, $count: g.n })),
    { severity: 'error', $count: count('error') },
    { severity: 'warning', $count: count('warning') },
  ];
}

/** The scenario text (YAML, with comments) for a support case on `input.pkg`. */
export function scaffoldScenario(input: ScaffoldInput): string {
  const { pkg } = input;
  const tasks = configuredTasks(pkg);
  const imports = configuredImports(pkg);
  const type = entitlementType(pkg);
  const purpose = input.purpose ?? 'repro';
  const identity = identityOf(purpose);
  const account = tasks.includes('NEWACCOUNT') ? identity.email : input.existingAccount?.name;
  const source = pkg.origin.split(/[\\/]/).pop();
  const intro =
    purpose === 'init'
      ? [
          `name: ${flow(`${pkg.name}: imports and tasks against the demo tenant`)}`,
          'description: >',
          `  Scaffolded by harness init from ${source}: the package validates without errors, then each configured import`,
          '  and task type runs once against the fake LeanIX (a step fails when its import or task fails). Give each step',
          '  the expectation that matters (README: "Writing a scenario").',
          'given:',
          "  # the demo tenant; for your tenant's own users and permissions: tenantFile: tenant.json (harness tenant from-har)",
        ]
      : [
          `name: ${flow(`customer case: ${pkg.name}`)}`,
          'description: >',
          `  Scaffolded by harness repro from ${source}. Say what the customer reports and what they expected,`,
          '  then give each step the expectation that shows it (README: "Reproducing a customer issue step by step").',
          'tags: [repro]',
          "# every step runs even after one fails, so the first run shows each import's and task's own outcome",
          'keepGoing: true',
          'given:',
          "  # the demo tenant; for the customer's own users and permissions: tenantFile: tenant.json (harness tenant from-har)",
        ];
  const out: string[] = [
    ...(input.schemaPath ? [`# yaml-language-server: $schema=${input.schemaPath}`] : []),
    ...intro,
    '  leanix: { tenant: demo }',
    '  eic:',
    `    package: ${flow(input.packagePath)}`,
  ];
  if (input.connectionJson)
    out.push(
      "    # the export holds ConnectionJSON encrypted: this plaintext one (the corrected package's) stands in for it",
      `    connectionJson: ${flow(input.connectionJson)}`,
    );
  if (input.patchFile)
    out.push(
      purpose === 'init'
        ? "    # your tenant values for the package's other placeholders; see the file"
        : '    # fills what the export blanked (host, workspace, account); see the file',
      `    patches: ${flow(input.patchFile)}`,
    );
  out.push(
    '    # <host>, <workspaceId>, <accountId>, <apiTokenBasic> from the tenant',
    '    fillPlaceholders: true',
    `    identities: [${flow(identity)}]`,
  );
  if (!tasks.includes('NEWACCOUNT') && input.existingAccount)
    out.push(`    accounts: [${flow({ ...input.existingAccount, status: '1' })}]`);
  if (tasks.includes('ADDACCESS') || tasks.includes('REMOVEACCESS'))
    out.push(
      '    # customproperty5 holds the workspace id of a LeanIX Permission',
      `    entitlements: [${flow({ type, entitlementID: 'ADMIN', customproperty5: '{{workspaceId}}' })}]`,
    );
  out.push('steps:', '  - name: validate the package', '    validate: null', '    expect:', '      diagnostics:');
  const patterns = purpose === 'init' ? [{ severity: 'error', $count: 0 }] : findingPatterns(input.findings);
  for (const p of patterns) out.push(`        - ${flow(p)}`);
  const step = (name: string, action: string) =>
    out.push(
      `  - name: ${flow(name)}`,
      `    ${action}`,
      `    # expect: { report: ..., leanix: ..., eic: ..., journal: ... }  <- ${purpose === 'init' ? 'what should happen' : 'what the customer sees'}`,
    );
  for (const kind of imports) step(`${kind === 'accounts' ? 'account' : 'access'} import`, `import: ${kind}`);
  const entitlement = { type, id: 'ADMIN' };
  for (const t of tasks) {
    const p: Obj = { task: t };
    if (t === 'NEWACCOUNT' || t === 'UPDATEUSER') p.identity = identity.username;
    if (t !== 'UPDATEUSER' && account) p.account = account;
    if (t === 'ADDACCESS' || t === 'REMOVEACCESS') p.entitlement = entitlement;
    if (t === 'CHANGEPASSWORD') p.password = `${identity.firstname}-Passw0rd!`;
    step(t, `provision: ${flow(p)}`);
  }
  return `${out.join('\n')}\n`;
}
