/**
 * The scenario file format (`*.scenario.yaml`): given a LeanIX tenant and an EIC connection package, run named steps
 * (imports, provisioning, clock, faults, raw HTTP) and check expectations. Validated with zod; the JSON Schema shipped
 * in scenarios/scenario.schema.json is generated from this file (`npm run schema`).
 */
import { z } from 'zod';
import { RateLimitSettings } from '../../mocks/leanix/ratelimit.ts';
import { TASK_TYPES } from '../eic/types.ts';

/** A duration: milliseconds as a number, or text like `90s`, `5m`, `1h30m`, `250ms`. */
export const Duration = z.union([
  z.number().nonnegative(),
  z.string().regex(/^(\d+(ms|s|m|h|d))+$/, 'a duration like 250ms, 90s, 5m, 1h30m'),
]);

/** Any JSON object whose fields are matched partially (with matchers) against actual records. */
const Pattern = z.record(z.string(), z.unknown());

const LeanIXGiven = z.strictObject({
  tenant: z
    .union([
      z.literal('demo'),
      z.strictObject({
        seed: z.number().int().optional(),
        accounts: z.number().int().positive().optional(),
        workspaces: z.number().int().positive().optional(),
        users: z.number().int().nonnegative().optional(),
      }),
    ])
    .optional()
    .describe('A generated tenant: `demo`, or a seed and sizes.'),
  records: z
    .strictObject({
      accounts: z.array(Pattern).optional(),
      workspaces: z.array(Pattern).optional(),
      users: z.array(Pattern).optional(),
      permissions: z.array(Pattern).optional(),
      apiTokens: z.array(Pattern).optional(),
    })
    .optional()
    .describe('Plain records added to (or making up) the tenant.'),
  quirks: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Switchable behaviours of the fake (see mocks/leanix).'),
  rateLimit: RateLimitSettings.optional(),
  tenantFile: z
    .string()
    .optional()
    .describe(
      'A tenant JSON file (relative to this file), as `harness tenant from-har` and GET /__harness/state/export write it; instead of `tenant`, `records` add to it.',
    ),
});

const Account = z.strictObject({ id: z.string(), secret: z.string() });
const TokenServerGiven = z
  .strictObject({
    origin: z
      .string()
      .optional()
      .describe('Origin of the token server and its API (default https://tokens.example.test).'),
    tokenLifetimeSeconds: z.number().int().positive().optional(),
    refreshTokenLifetimeSeconds: z.number().int().positive().optional(),
    sessionLifetimeSeconds: z.number().int().positive().optional(),
    assertionLifetimeSeconds: z.number().int().positive().optional(),
    clients: z.array(Account).optional().describe('OAuth clients (client_id, client_secret).'),
    users: z.array(z.strictObject({ username: z.string(), password: z.string() })).optional(),
    basic: z.array(z.strictObject({ userName: z.string(), password: z.string() })).optional(),
    refreshTokens: z.array(z.string()).optional().describe('Refresh tokens valid at the start.'),
    staticKeys: z.array(z.string()).optional().describe('Keys the API accepts as they are.'),
    jwt: z
      .strictObject({ issuer: z.string(), audience: z.string(), publicKey: z.string(), secret: z.string() })
      .partial()
      .optional(),
    hmac: z.strictObject({ ikey: z.string(), skey: z.string(), skewSeconds: z.number() }).partial().optional(),
    signedHeaders: z
      .strictObject({ keyId: z.string(), publicKey: z.string(), skewSeconds: z.number() })
      .partial()
      .optional(),
    idp: z.strictObject({ clientId: z.string(), userId: z.string(), privateKey: z.string() }).partial().optional(),
  })
  .describe(
    'A generic token server and protected API (fixtures/token-server) for the auth flows LeanIX does not offer; `{}` uses its default accounts.',
  );

const EicGiven = z.strictObject({
  package: z
    .string()
    .optional()
    .describe(
      'Connection package: a folder, an EIC export JSON or a transport zip (relative to this file); required here or in every variant.',
    ),
  patches: z
    .union([z.string(), z.array(Pattern)])
    .optional()
    .describe('Patch file or inline patches applied on load.'),
  connectionJson: z.string().optional().describe('Plaintext ConnectionJSON file when the export has it encrypted.'),
  host: z.string().optional().describe('LeanIX host (sub-domain before .leanix.net) for {{host}}; default `demo`.'),
  workspace: z
    .string()
    .optional()
    .describe('Name of the LeanIX workspace the package works on ({{workspaceId}}); default the first one.'),
  apiToken: z.string().optional().describe("API token for {{apiToken}}; default the workspace's first valid one."),
  fillPlaceholders: z
    .boolean()
    .optional()
    .describe('Fill <host>, <workspaceId>, <accountId>, <apiTokenBasic> in the package from the tenant.'),
  connectorFiles: z
    .string()
    .optional()
    .describe(
      "EIC's Connector Files folder (SignedHeaders key files), relative to this file; default the package folder.",
    ),
  identities: z.array(z.looseObject({ username: z.string() })).optional(),
  accounts: z.array(z.looseObject({ name: z.string() })).optional(),
  entitlements: z
    .array(z.looseObject({ type: z.string(), entitlementID: z.string() }))
    .optional()
    .describe('Entitlement values EIC already knows (as an access import would have made them).'),
  correlation: z.strictObject({ identityColumn: z.string(), accountColumn: z.string() }).optional(),
  securitySystem: z
    .strictObject({
      provisioningTries: z.number().int().min(1).max(20).optional(),
      instantProvisioning: z.boolean().optional(),
    })
    .optional(),
  options: z
    .strictObject({
      urlWhitespace: z.enum(['trim', 'reject']).optional().describe('Leading/trailing URL whitespace (default trim).'),
      retryBackoff: z
        .enum(['fixed', 'exponential'])
        .optional()
        .describe('connectionTimeoutConfig retry waits (default: exponential with retryWaitMaxValue, else fixed).'),
      onTriesExhausted: z
        .enum(['COMPLETE', 'PROVFAILED', 'ERROR'])
        .optional()
        .describe('Task status when its last try fails (default COMPLETE, S22 td-p/27611).'),
      onUnsuccessfulResponse: z
        .enum(['ERROR', 'retry'])
        .optional()
        .describe('An answer matched by unsuccessResponses: ERROR at once (default) or retried.'),
      newAccountStatus: z
        .string()
        .optional()
        .describe(
          'Status of an account NEWACCOUNT created until an import confirms it (default Manually Provisioned).',
        ),
      missingEntitlementCall: z.enum(['error', 'no-op']).optional(),
      callOrdering: z
        .enum(['stage-then-order', 'order'])
        .optional()
        .describe('Import call order (default stageNumber, then callOrder).'),
      retryAfter: z
        .enum(['ignore', 'honour'])
        .optional()
        .describe(
          'A Retry-After header on an answer connectionTimeoutConfig retries: ignored (default) or the wait is at least that long.',
        ),
      onFailedReadKeeping: z
        .enum(['change-nothing', 'apply-read'])
        .optional()
        .describe('A failed import read with doNotChangeIfFailed: true (default change-nothing).'),
    })
    .optional()
    .describe('Emulator behaviours where the sources are silent (README: import and provisioning semantics).'),
  network: z
    .strictObject({ connect: Duration.optional(), write: Duration.optional() })
    .optional()
    .describe('Simulated link latency on the fake clock: time to connect and to send a request body.'),
});

const FaultRule = z.strictObject({
  method: z.string().optional(),
  path: z.string(),
  query: z.record(z.string(), z.string()).optional(),
  nth: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  delay: Duration.optional(),
  drop: z.boolean().optional(),
  truncate: z.boolean().optional(),
  invalidJson: z.boolean().optional(),
  times: z.union([z.number().int().positive(), z.literal('always')]).optional(),
  probability: z.number().min(0).max(1).optional(),
});

/** Requests seen by someone (the fake's journal, the token server, the emulator's exchanges) for a step. */
const Requests = z.strictObject({
  count: z.number().int().nonnegative().optional(),
  requests: z.array(Pattern).optional(),
  inOrder: z.boolean().optional(),
});

const Expect = z.strictObject({
  leanix: z
    .strictObject({
      users: z.array(Pattern).optional(),
      workspaces: z.array(Pattern).optional(),
      permissions: z.array(Pattern).optional(),
      strict: z.boolean().optional(),
    })
    .optional()
    .describe(
      'LeanIX records matched by natural keys: users by email/userName, workspaces by name, permissions by user + workspace.',
    ),
  eic: z
    .strictObject({
      accounts: z.array(Pattern).optional(),
      entitlements: z.array(Pattern).optional(),
      links: z.array(Pattern).optional(),
      tasks: z.array(Pattern).optional(),
      strict: z.boolean().optional(),
    })
    .optional(),
  report: Pattern.optional(),
  journal: Requests.optional(),
  tokenServer: Requests.optional().describe(
    'Requests the token server saw in this step: method, path, endpoint, grant, credential, status, outcome (issued/accepted/rejected), reason, detail.',
  ),
  exchanges: Requests.optional().describe(
    "The emulator's own exchanges in this step (redacted): label, method, url, path, status, request {headers, body}, response {headers, body}, error.",
  ),
  diagnostics: z.array(Pattern).optional(),
  response: Pattern.optional(),
  error: z.union([z.string(), Pattern]).optional().describe('The step is expected to fail with this error.'),
});
/** Expect with an id, so the JSON Schema holds it once (`expect`, `expectFor`). */
const ExpectRef = Expect.meta({ id: 'Expect' });

/** The keys that name what a step does; exactly one per step. */
export const STEP_ACTIONS = [
  'import',
  'use',
  'explain',
  'provision',
  'wsretry',
  'clock',
  'faults',
  'http',
  'snapshot',
  'validate',
  'identity',
  'testConnection',
  'tokenServer',
] as const;

/** A `use` step: what changes from now on (the EIC state, LeanIX's data and the clock stay). */
const Use = z
  .strictObject({
    package: z.string().optional().describe('Another package (folder, export JSON or zip), relative to this file.'),
    patches: EicGiven.shape.patches.describe('Patch file or inline patches, instead of the ones used so far.'),
    connectionJson: EicGiven.shape.connectionJson,
    fillPlaceholders: EicGiven.shape.fillPlaceholders,
    options: EicGiven.shape.options.describe('Emulator options, merged into the ones used so far.'),
    securitySystem: EicGiven.shape.securitySystem,
    quirks: LeanIXGiven.shape.quirks.describe("The fake's quirks, merged into the current ones."),
    rateLimit: LeanIXGiven.shape.rateLimit,
  })
  .describe(
    'Changes the package, patches, emulator options or security system settings (the emulator is rebuilt around the same EIC state: accounts, entitlements, links, tasks), or the quirks or rate limit of the fake LeanIX, from this step on.',
  );

/** Task input of `provision` and `explain` steps. */
const TaskFields = {
  task: z.enum(TASK_TYPES),
  identity: z.string().optional(),
  account: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  password: z.string().optional(),
};

/** An `explain` step: the requests one task would send, rendered against a stub (no tenant is called). */
const Explain = z
  .strictObject({
    ...TaskFields,
    entitlement: z
      .strictObject({
        type: z.string(),
        id: z.string(),
        attributes: z
          .record(z.string(), z.string())
          .optional()
          .describe('Other attributes of the entitlement value (customproperty5 ...), when EIC does not know it yet.'),
      })
      .optional(),
  })
  .describe(
    "Dry run of one task (like `harness explain`): every request answers 200, the step's exchanges are the rendered requests; a body that is not valid for its content type fails the step (explain.body-invalid).",
  );

const Step = z
  .strictObject({
    name: z.string().min(1),
    variants: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Run this step only in these variants (default: in every variant).'),
    use: Use.optional(),
    explain: Explain.optional(),
    import: z.enum(['accounts', 'access']).optional(),
    provision: z
      .strictObject({
        ...TaskFields,
        entitlement: z.strictObject({ type: z.string(), id: z.string() }).optional(),
        run: z.enum(['wsretry', 'instant', 'none']).default('wsretry'),
      })
      .optional(),
    wsretry: z.union([z.null(), z.strictObject({ runs: z.number().int().positive().optional() })]).optional(),
    clock: z.union([z.strictObject({ advance: Duration }), z.strictObject({ set: z.string() })]).optional(),
    faults: z.strictObject({ add: z.array(FaultRule).optional(), clear: z.boolean().optional() }).optional(),
    http: z
      .strictObject({
        method: z.string().default('GET'),
        path: z.string(),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        auth: z.boolean().default(true).describe('Send a Bearer access token for the API token (default true).'),
      })
      .optional(),
    snapshot: z.union([z.string(), z.strictObject({ restore: z.string() })]).optional(),
    validate: z.null().optional(),
    identity: z
      .looseObject({ username: z.string() })
      .optional()
      .describe('Creates or changes an identity in EIC (as an identity import would).'),
    tokenServer: z
      .strictObject({
        set: TokenServerGiven.optional().describe('Change accounts or keys from now on (a rotated secret, a new key).'),
        revokeAll: z.boolean().optional().describe('Revoke every access token, refresh token and session so far.'),
        revoke: z.array(z.string()).optional(),
      })
      .optional()
      .describe('Changes on the token server side between steps.'),
    testConnection: z
      .union([z.null(), z.strictObject({ connection: z.string().optional() })])
      .optional()
      .describe("EIC's Save & Test Connection (all auth blocks, or one); the report is the TestConnectionResult."),
    expect: ExpectRef.optional(),
    expectFor: z
      .record(z.string(), ExpectRef)
      .optional()
      .describe(
        'Expectations per variant, checked in addition to `expect` (an `error` here replaces the one of `expect`).',
      ),
  })
  .superRefine((step, ctx) => {
    const present = STEP_ACTIONS.filter((k) => k in step);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `a step needs exactly one action: one of ${STEP_ACTIONS.join(', ')}`
            : `a step has exactly one action, found ${present.join(' and ')}`,
      });
    }
  });

const Given = z
  .strictObject({
    leanix: LeanIXGiven.optional(),
    tokenServer: TokenServerGiven.optional(),
    eic: EicGiven.optional(),
  })
  .meta({ id: 'Given' });

/** A named variant: what it changes in `given` (merged: objects key by key, lists and values replaced). */
const Variant = z.strictObject({
  description: z.string().optional(),
  given: Given.optional(),
});

/** A whole scenario file. */
export const Scenario = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    given: Given,
    variants: z
      .record(z.string(), Variant)
      .optional()
      .describe(
        'Named variants: the scenario runs once per variant, with its `given` merged into the common one; steps can be limited to variants (`variants:`) and expect per variant (`expectFor:`).',
      ),
    keepGoing: z
      .boolean()
      .optional()
      .describe(
        "After a failed step, run the remaining steps anyway, each reported on its own (default false: they are skipped). The scenario still fails. For support cases and first runs, where every step's outcome matters; a later step may fail because an earlier one did.",
      ),
    steps: z.array(Step).min(1),
  })
  .superRefine((s, ctx) => {
    const names = Object.keys(s.variants ?? {});
    for (const name of names)
      if (!/^[A-Za-z0-9][\w.-]*$/.test(name))
        ctx.addIssue({
          code: 'custom',
          path: ['variants', name],
          message: `${JSON.stringify(name)} is not a variant name: letters, digits, _ . - (it names reports and files)`,
        });
    const known = (name: string, path: (string | number)[]) => {
      if (!names.includes(name))
        ctx.addIssue({
          code: 'custom',
          path,
          message:
            names.length === 0
              ? `no variant ${JSON.stringify(name)}: this scenario declares no variants`
              : `no variant ${JSON.stringify(name)}; the variants are ${names.join(', ')}`,
        });
    };
    s.steps.forEach((step, i) => {
      for (const [k, v] of (step.variants ?? []).entries()) known(v, ['steps', i, 'variants', k]);
      for (const v of Object.keys(step.expectFor ?? {})) known(v, ['steps', i, 'expectFor', v]);
    });
    if (names.length === 0) {
      if (s.given.eic && s.given.eic.package === undefined)
        ctx.addIssue({ code: 'custom', path: ['given', 'eic', 'package'], message: 'given.eic needs a package' });
      return;
    }
    for (const name of names) {
      const eic = { ...s.given.eic, ...s.variants?.[name].given?.eic };
      if ((s.given.eic || s.variants?.[name].given?.eic) && eic.package === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', name],
          message: `variant ${name} has no package: set given.eic.package for every variant, or in this variant's given`,
        });
    }
  });

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioStep = z.infer<typeof Step>;
export type ScenarioExpect = z.infer<typeof Expect>;
export type ScenarioUse = z.infer<typeof Use>;
export type ScenarioExplain = z.infer<typeof Explain>;

/** Parses a duration (`90s`, `1h30m`, or ms) to milliseconds. */
export function durationMs(d: z.infer<typeof Duration>): number {
  if (typeof d === 'number') return d;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** The JSON Schema of the scenario format, for editors (yaml-language-server) and other tools. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
}
