/**
 * Fetches every page of one import call: plans URLs with the call's pagination, runs each request through the
 * CallRunner (retrying 429/5xx/transport failures when asked), extracts the records at `listField`, and reports
 * progress. Nothing here touches EIC state: a failure throws a HarnessError, and the caller decides what happens to
 * what was read (doNotChangeIfFailed, see index.ts).
 */

import type { Diagnostic } from '../../../lib/diagnostic.ts';
import { HarnessError } from '../../../lib/diagnostic.ts';
import { getPath } from '../../http/paths.ts';
import { applyUrlWhitespace } from '../../http/url.ts';
import type { CallDef } from './config.ts';
import { Pager } from './pagination.ts';
import type { CallRunner, ImportOptions, TemplateRenderer } from './types.ts';

/** Shared state of one import run. */
export interface RunContext {
  runner: CallRunner;
  render: TemplateRenderer;
  options: ImportOptions;
  stats: { pages: number; records: number; calls: number; retries: number };
  warnings: Diagnostic[];
}

/**
 * A call that could not be built (no usable ConnectionJSON, a template or URL error, an unknown method): a
 * configuration problem, not a failure of the target's API, so the import fails before reconciling anything, with or
 * without doNotChangeIfFailed [INF: the job stops on the configuration exception].
 */
export class CallNotMadeError extends HarnessError {}

/**
 * Runs `read` and turns a HarnessError (a failed page after its retries, a body that is not JSON, a paging loop) into
 * the diagnostic of a read that stopped early; whatever `read` collected before stays with the caller. A
 * CallNotMadeError and other errors (bugs) propagate.
 */
export async function readUntilFailure(read: () => Promise<void>): Promise<Diagnostic | undefined> {
  try {
    await read();
    return undefined;
  } catch (e) {
    if (e instanceof HarnessError && !(e instanceof CallNotMadeError)) return e.toDiagnostic();
    throw e;
  }
}

/** Creates the run context of one import. */
export function createRunContext(
  runner: CallRunner,
  render: TemplateRenderer,
  options: ImportOptions = {},
): RunContext {
  return { runner, render, options, stats: { pages: 0, records: 0, calls: 0, retries: 0 }, warnings: [] };
}

/** The records of a page: the array at `listField` ("" = the body); a single object counts as one record. */
export function extractRecords(body: unknown, listField: string): { records: unknown[]; missing: boolean } {
  const v = listField === '' ? body : getPath(body, listField);
  if (Array.isArray(v)) return { records: v, missing: false };
  if (v && typeof v === 'object') return { records: [v], missing: false };
  return { records: [], missing: v === undefined || v === null };
}

const RETRYABLE = (status: number | undefined) => status === undefined || status === 429 || status >= 500;

/**
 * Renders the call's URL template with the given bindings (the base URL that pagination adds parameters to), with the
 * URL whitespace rule the provisioning calls use (harness/http/url.ts).
 */
export function renderUrl(ctx: RunContext, call: CallDef, bindings: Record<string, unknown>): string {
  const tpl = String(call.http.url);
  if (!tpl.includes('${')) return applyUrlWhitespace(tpl, ctx.options.urlWhitespace);
  const r = ctx.render(tpl, bindings);
  if (!r.ok)
    throw new CallNotMadeError('import.url', `url of ${call.name} failed: ${r.error.type}: ${r.error.message}`, {
      attribute: 'ImportAccountEntJSON',
      path: [...call.where, 'http', 'url'],
      offset: r.error.offset,
    });
  return applyUrlWhitespace(r.value, ctx.options.urlWhitespace);
}

/**
 * Fetches all pages of a call; calls `onPage` with each page's records (in order) and returns the totals.
 * Throws a HarnessError (with the failing page number) when a page fails after its retries.
 */
export async function fetchAllPages(
  ctx: RunContext,
  call: CallDef,
  label: string,
  bindings: Record<string, unknown>,
  onPage: (records: unknown[], body: unknown) => void,
): Promise<{ pages: number; records: number }> {
  const pager = new Pager(call.pagination, renderUrl(ctx, call, bindings), ctx.render, bindings, {
    maxPages: ctx.options.maxPages,
    where: call.where,
  });
  let url: string | null = pager.first();
  let pages = 0;
  let records = 0;
  const retries = ctx.options.retries ?? 0;
  while (url !== null) {
    const pageNo = pages + 1;
    const pageLabel = call.pagination.kind === 'none' && pageNo === 1 ? label : `${label} page ${pageNo}`;
    let attempt = 0;
    for (;;) {
      ctx.stats.calls++;
      const res = await ctx.runner({
        label: pageLabel,
        connection: call.connection,
        http: call.http,
        url,
        bindings,
        successResponses: call.successResponses,
        unsuccessResponses: call.unsuccessResponses,
        where: call.where,
      });
      ctx.stats.retries += res.retries ?? 0;
      if (res.ok) {
        if (typeof res.body === 'string' && res.body.trim() !== '' && call.listField !== undefined) {
          throw new HarnessError(
            'import.body.invalid',
            `${pageLabel}: the response is not valid JSON (${res.body.length} characters, starting ${JSON.stringify(res.body.slice(0, 40))}); the read stops here`,
            { attribute: 'ImportAccountEntJSON', path: call.where },
            'a truncated or non-JSON page cannot be imported; run the import again',
          );
        }
        const { records: recs, missing } = extractRecords(res.body, call.listField);
        if (missing && res.body !== null)
          ctx.warnings.push({
            code: 'import.listField.missing',
            severity: 'warning',
            message: `${pageLabel}: listField "${call.listField}" is not in the response; read as an empty list`,
            location: { attribute: 'ImportAccountEntJSON', path: [...call.where, 'listField'] },
          });
        pages++;
        records += recs.length;
        ctx.stats.pages++;
        ctx.stats.records += recs.length;
        onPage(recs, res.body);
        ctx.options.onProgress?.(ctx.stats.pages, ctx.stats.records);
        url = pager.next({ url, body: res.body, headers: res.headers, records: recs });
        break;
      }
      if (attempt < retries && res.failure !== 'render' && RETRYABLE(res.status)) {
        attempt++;
        ctx.stats.retries++;
        await (ctx.options.sleep ?? (async () => {}))(ctx.options.retryWaitMs ?? 1000);
        continue;
      }
      const Failure = res.failure === 'render' ? CallNotMadeError : HarnessError;
      throw new Failure(
        res.diagnostic.code,
        `${pageLabel} failed${attempt ? ` after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}` : ''}: ${res.diagnostic.message}`,
        res.diagnostic.location ?? { attribute: 'ImportAccountEntJSON', path: call.where },
        res.diagnostic.hint ?? 'the read stopped here; doNotChangeIfFailed decides what EIC does with what was read',
      );
    }
  }
  return { pages, records };
}
