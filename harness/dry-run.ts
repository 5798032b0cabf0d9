/**
 * The dry run of one provisioning task (`harness explain`, the scenario `explain` step): the emulator runs the task
 * once against a stub that answers every request 200 with DRY_RUN_BODY, so the requests EIC would send are recorded
 * with their evaluated bindings (redacted) and no tenant is called. The rendered requests are then checked:
 * - a body that is not valid for its Content-Type (JSON: `application/json`, `*+json`, or no type and a body starting
 *   with `{` or `[`; forms: `%` escapes) is an error `explain.body-invalid` with the line, column and offset in the
 *   rendered body: EIC sends a template's text as it is (integration guide: httpParams is a template, not checked) and
 *   LeanIX answers malformed JSON with 400 (LeanIX reference, errors) [DOC; INF];
 * - a JSON value, form value, URL path segment or query value that is the text `null` is a warning
 *   `explain.null-string`: a binding without a value renders as "null" in Groovy string interpolation [INF].
 */
import { type Diagnostic, formatDiagnostic, HarnessError, isHarnessError } from '../lib/diagnostic.ts';
import type { EicSnapshot, TaskInput } from './eic/state.ts';
import type { Identity, Task } from './eic/types.ts';
import { createEmulator, type EmulatorOptions } from './emulator.ts';
import type { AuthManager, TokenRequestPreview } from './http/auth/index.ts';
import type { Exchange } from './http/types.ts';
import { callsOf, TASK_ATTRIBUTE } from './jobs/provision/calls.ts';
import type { ConnectionPackage } from './package/types.ts';

/** The stub's answer to every request: enough for token reads and `response.callN.message.data.id`. */
export const DRY_RUN_BODY = {
  access_token: 'dry-run-access-token',
  token_type: 'bearer',
  expires_in: 3600,
  data: { id: 'dry-run-id' },
};

/** A token request preview of an auth block, or why it cannot be rendered. */
export type TokenPreview = TokenRequestPreview | { connection: string; error: Diagnostic };

/** Options of a dry run. */
export interface DryRunOptions {
  package: ConnectionPackage;
  task: TaskInput;
  /** Identities EIC knows (besides those of `state`). */
  identities?: Identity[];
  /** The EIC state to start from (a scenario's); default empty. */
  state?: EicSnapshot;
  /** Attributes of the task's entitlement value (customproperty5 ...), added to what EIC knows of it. */
  entitlementAttributes?: Record<string, string>;
  /** Start time of the dry run's clock (epoch ms; default 2025-01-01). */
  now?: number;
  /** Further emulator options (connector files, provisioning and URL options, settings, secrets). */
  emulator?: Omit<EmulatorOptions, 'package' | 'transport' | 'identities'>;
}

/** What a dry run produced. */
export interface DryRunResult {
  task: Task;
  /** The requests EIC would send (redacted), each answered by the stub. */
  exchanges: Exchange[];
  /** Per auth block: the token request EIC would send when a call is rejected, or why it has none. */
  tokenRequests: TokenPreview[];
  /** Invalid bodies (errors) and values rendered as "null" (warnings) in the requests. */
  findings: Diagnostic[];
}

/** Runs one task against the stub (see the module comment); throws HarnessError on bad input. */
export async function dryRunTask(o: DryRunOptions): Promise<DryRunResult> {
  let now = o.now ?? Date.UTC(2025, 0, 1);
  const emu = createEmulator({
    ...o.emulator,
    package: o.package,
    transport: {
      fetch: async () =>
        new Response(JSON.stringify(DRY_RUN_BODY), { status: 200, headers: { 'content-type': 'application/json' } }),
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
    identities: o.identities ?? [],
  });
  if (o.state) {
    const identities = emu.state.listIdentities();
    emu.state.restore(o.state);
    for (const i of identities) emu.state.upsertIdentity(i);
  }
  const input = o.task;
  if (input.type !== 'NEWACCOUNT' && input.accountName && !emu.state.getAccount(input.accountName))
    emu.state.upsertAccount({
      name: input.accountName,
      accountID: 'dry-run-id',
      status: '1',
      owner: input.identity ?? null,
    });
  if (input.entitlement) {
    const known = emu.state
      .listEntitlementValues()
      .find((v) => v.type === input.entitlement?.type && v.entitlementID === input.entitlement.entitlementID);
    emu.state.upsertEntitlementValue({ ...known, ...input.entitlement, ...o.entitlementAttributes });
  }
  const task = await emu.runTask(input);
  const exchanges = emu.exchanges().filter((e) => e.owner?.kind === 'task' && e.owner.id === task.id);
  const tokenRequests = await previewTokenRequests(emu.auth);
  return { task, exchanges, tokenRequests, findings: checkRenderedRequests(exchanges, o.package, input.type) };
}

/** The token request preview of every auth block (or the error that stops one from being rendered). */
export async function previewTokenRequests(auth: AuthManager): Promise<TokenPreview[]> {
  const out: TokenPreview[] = [];
  for (const name of auth.names()) {
    try {
      out.push(await auth.previewTokenRequests(name));
    } catch (e) {
      if (!isHarnessError(e)) throw e;
      out.push({ connection: name, error: e.toDiagnostic() });
    }
  }
  return out;
}

/** Renders exchanges as text: request line, headers, body, evaluated bindings. */
export function formatExplain(exchanges: readonly Exchange[]): string {
  return exchanges
    .map((e) => {
      const lines = [`${e.seq}. ${e.label}: ${e.request.method} ${e.request.url}`];
      for (const [k, v] of Object.entries(e.request.headers)) lines.push(`     ${k}: ${v}`);
      if (e.request.body) lines.push(`     body: ${e.request.body}`);
      for (const [k, v] of Object.entries(e.bindings ?? {})) lines.push(`     ${k} = ${v}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** Renders the token request previews as text (values already redacted). */
export function formatTokenPreviews(previews: readonly TokenPreview[]): string {
  const lines: string[] = [];
  for (const p of previews) {
    if ('error' in p) {
      lines.push(
        `Connection ${p.connection}: the token request cannot be rendered:`,
        `   ${formatDiagnostic(p.error)}`,
      );
      continue;
    }
    if (p.requests.length === 0) {
      lines.push(`Connection ${p.connection} (${p.authType}): no token request: ${p.note}`);
      continue;
    }
    lines.push(`Connection ${p.connection} (${p.authType}): token request, ${p.note}:`);
    for (const r of p.requests) {
      lines.push(`   ${r.label}: ${r.request.method} ${r.request.url}`);
      for (const [k, v] of Object.entries(r.request.headers)) lines.push(`     ${k}: ${v}`);
      if (r.request.body)
        lines.push(`     body: ${r.request.body.replaceAll('\r', '').replaceAll('\n', '\n           ').trimEnd()}`);
    }
  }
  return lines.join('\n');
}

const header = (h: Record<string, string>, name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];

/** Line and column (1-based) of an offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where JSON.parse stopped in `text` (its message names the position in V8), and why. */
function jsonError(text: string): { offset: number; reason: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const m = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '');
    return { offset: m ? Number(m[1]) : text.length, reason };
  }
}

/** The text around an offset with a marker: `…"VIEWER" }⟨here⟩","user"…`. */
function excerpt(text: string, offset: number): string {
  const from = Math.max(0, offset - 30);
  const to = Math.min(text.length, offset + 30);
  return `${from > 0 ? '…' : ''}${text.slice(from, offset)}⟨here⟩${text.slice(offset, to)}${to < text.length ? '…' : ''}`;
}

/** JSON paths of string values that are exactly `null` (a binding without a value). */
function nullStrings(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === 'null') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullStrings(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => nullStrings(v, [...path, k]));
  return [];
}

const NULL_HINT =
  'a binding had no value (Groovy renders null as "null"): give the attribute a value, e.g. the entitlement\'s customproperty5 (harness explain --ent-attr customproperty5=<id>, or given.eic.entitlements in a scenario)';

/** Checks rendered requests: invalid bodies (errors) and values rendered as "null" (warnings); see the module comment. */
export function checkRenderedRequests(
  exchanges: readonly Exchange[],
  pkg: ConnectionPackage,
  type: TaskInput['type'],
): Diagnostic[] {
  const attribute = TASK_ATTRIBUTE[type];
  const calls = callsOf(pkg.attributes[attribute as keyof typeof pkg.attributes]?.json);
  const out: Diagnostic[] = [];
  for (const e of exchanges) {
    const callPath = calls.find((c) => c.name === e.label)?.httpPath ?? [];
    const where = (field: string) => ({ attribute, path: [...callPath, field] });
    const body = e.request.body ?? '';
    const ct = (header(e.request.headers, 'content-type') ?? '').toLowerCase();
    const json = /[/+]json\b/.test(ct) || (ct === '' && /^\s*[[{]/.test(body));
    const form = ct.includes('x-www-form-urlencoded');
    const call = `the request body of call "${e.label}" (${e.request.method} ${e.request.url})`;
    if (body !== '' && json) {
      const bad = jsonError(body);
      if (bad) {
        const { line, column } = lineColumn(body, bad.offset);
        out.push({
          code: 'explain.body-invalid',
          severity: 'error',
          message: `${call} is not valid JSON (Content-Type ${ct || 'none, JSON assumed'}): ${bad.reason} at line ${line}, column ${column} of the rendered body (offset ${bad.offset}): ${excerpt(body, bad.offset)}`,
          location: where('httpParams'),
          hint: 'EIC sends the rendered text as it is and the target rejects it (LeanIX: 400). Check the template (a quote or brace too many?) and the values bound into it (a quote in a name must be escaped).',
        });
      } else
        for (const p of nullStrings(JSON.parse(body)))
          out.push({
            code: 'explain.null-string',
            severity: 'warning',
            message: `${call}: ${['$', ...p].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')} is the string "null"`,
            location: where('httpParams'),
            hint: NULL_HINT,
          });
    }
    if (body !== '' && form) {
      const bad = /%(?![0-9A-Fa-f]{2})/.exec(body);
      if (bad) {
        const { line, column } = lineColumn(body, bad.index);
        out.push({
          code: 'explain.body-invalid',
          severity: 'error',
          message: `${call} is not a valid form (${ct}): "%" without two hex digits at line ${line}, column ${column} of the rendered body (offset ${bad.index}): ${excerpt(body, bad.index)}`,
          location: where('httpParams'),
          hint: 'encode the value (a literal % is %25)',
        });
      } else
        for (const [k, v] of new URLSearchParams(body))
          if (v === 'null')
            out.push({
              code: 'explain.null-string',
              severity: 'warning',
              message: `${call}: form field ${k} is the string "null"`,
              location: where('httpParams'),
              hint: NULL_HINT,
            });
    }
    let url: URL | undefined;
    try {
      url = new URL(e.request.url);
    } catch {
      // an invalid URL fails the call itself
    }
    if (url && (url.pathname.split('/').includes('null') || [...url.searchParams.values()].includes('null')))
      out.push({
        code: 'explain.null-string',
        severity: 'warning',
        message: `the URL of call "${e.label}" has the text "null" in it: ${e.request.url}`,
        location: where('url'),
        hint: NULL_HINT,
      });
  }
  return out;
}

/** Parses `type:id` of `--entitlement`; throws HarnessError on bad input. */
export function parseEntitlement(text: string): { type: string; entitlementID: string } {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1)
    throw new HarnessError('explain.usage', `--entitlement: expected type:id, e.g. Permission:ADMIN, got ${text}`);
  return { type: text.slice(0, i), entitlementID: text.slice(i + 1) };
}
