/**
 * Contracts of the import job: what it needs from the emulator (a template renderer, a call runner, the EIC state)
 * and the options a caller may pass. The job reaches the target only through `CallRunner`.
 */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import type { RenderResult } from '../../groovy/types.ts';
import type { CallFailure } from '../../http/call.ts';
import type { UrlWhitespaceMode } from '../../http/url.ts';
import type { CallOrdering } from './config.ts';

/** Evaluates a `${...}` template with plain-data bindings (the binding engine's `renderTemplate`). */
export type TemplateRenderer = (template: string, bindings: Record<string, unknown>) => RenderResult;

/** One HTTP call of an import, after pagination decided its URL. */
export interface ImportCallRequest {
  /** What it is for the journal: `account call1`, `Permission call1 page 3`, ... */
  label: string;
  /** The auth block named by the call (or inherited from its params object). */
  connection: string;
  /** The call's `http` object as written (url, httpMethod, httpHeaders, httpParams, httpContentType). */
  http: Record<string, unknown>;
  /** When set, the URL to request instead of rendering `http.url` (a next-page URL or one with paging params). */
  url?: string;
  /** Extra bindings for the templates (`accountName`, `id`, `entitlementID`, ...). */
  bindings: Record<string, unknown>;
  /** `successResponses` of the call (or inherited from its params object), if any. */
  successResponses?: unknown;
  /** `unsuccessResponses` of the call (or inherited), if any. */
  unsuccessResponses?: unknown;
  /** Where the call is written, for diagnostics: `accountParams.call.call1`. */
  where: (string | number)[];
}

/** What a call returned: a success with the parsed body and headers, or a failure already explained. */
export type ImportCallResult = (
  | { ok: true; status: number; headers: Record<string, string>; body: unknown }
  | {
      ok: false;
      diagnostic: Diagnostic;
      status?: number;
      /** `render`: the call could not be built (configuration), so nothing was read; else a failed read. */
      failure?: CallFailure;
    }
) & {
  /** Retries the call runtime made (ConfigJSON connectionTimeoutConfig). */
  retries?: number;
};

/** Executes one call (auth, token refresh, success classification, exchange recording are the runner's job). */
export type CallRunner = (req: ImportCallRequest) => Promise<ImportCallResult>;

/** Optional behaviour of an import run. */
export interface ImportOptions {
  /** Pages per call before the import stops with an error (default 10,000). */
  maxPages?: number;
  /** Called after each page: pages fetched and records read so far in this run. */
  onProgress?: (pagesDone: number, recordsDone: number) => void;
  /**
   * User account correlation rule (default: identity `username` = account `name`).
   * E.g. `{ identityColumn: 'email', accountColumn: 'customproperty1' }`.
   */
  correlation?: { identityColumn: string; accountColumn: string };
  /**
   * Which account column `${accountName}` is bound to in dependent account calls (default: the call's
   * `nextApiKeyField` if set, else `name`). `${id}` is bound to `nextApiKeyField` or `accountID`.
   */
  dependentAccountNameColumn?: string;
  /** Retries of a failed page (429, 5xx, transport error) before the import fails (default 0: EIC's behaviour). */
  retries?: number;
  /** Waits between retries when the answer has no Retry-After (ms, default 1000). */
  retryWaitMs?: number;
  /** Used for retries' waits; default: a no-op (tests and scenarios run on fake time). */
  sleep?: (ms: number) => Promise<void>;
  /** Emulator time (epoch ms) stamped on the report. */
  now?: () => number;
  /** Call order: `stage-then-order` (default: stageNumber, then callOrder) or `order` (callOrder only). */
  callOrdering?: CallOrdering;
  /** Leading/trailing whitespace of call URLs: `trim` (default) or `reject` (harness/http/url.ts). */
  urlWhitespace?: UrlWhitespaceMode;
  /**
   * A read that fails with `doNotChangeIfFailed: true`: `change-nothing` (default: EIC keeps its data as it was) or
   * `apply-read` (the records read are created/updated, nothing is deleted or inactivated). DOC S4 only says the
   * connector "does not delete or inactivate existing data" [INF].
   */
  onFailedReadKeeping?: 'change-nothing' | 'apply-read';
}
