/**
 * Switchable behaviours for everything the reference marks [INF] (no source states how real LeanIX behaves).
 * Defaults are the most likely real behaviour; tests flip them to see how a connector copes with the alternative.
 */
import { HarnessError } from '../../lib/diagnostic.ts';

/** Default page sizes per list endpoint (the `size` used when the query has none). */
export interface PageSizes {
  workspaces: number;
  workspaceUsers: number;
  workspacePermissions: number;
  accountUsers: number;
  users: number;
  permissions: number;
}

export interface Quirks {
  /** Send an RFC 8288 `Link` header (first, prev, next, last) on paged list responses. No evidence MTM does: off. */
  linkHeaders: boolean;
  /** Unknown fields in JSON bodies (e.g. Saviynt's `lastname`): ignored (Jackson ignore-unknown, default) or 400. */
  unknownFields: 'ignore' | 'reject';
  /** DELETE /users/{id}: not in the 1.6.348 spec, so 405 by default; `allow` really deletes the user and its rows. */
  deleteUsers: 'allow' | '405';
  /** Default `size` per list endpoint when the query has none (max is always 100). */
  pageSizes: PageSizes;
  /** Largest accepted `size`; bigger values are clamped to it (not refused). */
  maxPageSize: number;
  /** Date-time fields (`lastLogin`, `createdAt`, ...): epoch milliseconds (Jackson's default, and Saviynt maps
   * `lastLogin~#~epochdate`) or ISO-8601 strings as the swagger's `date-time` suggests. */
  dateFormat: 'epochMillis' | 'iso';
  /** GET /workspaces/{id}/permissions without `includeTechnicalUsers`: include technical users' permissions? */
  includeTechnicalUsersByDefault: boolean;
  /** Permission status on create when POST /permissions has none (Saviynt sends none): ACTIVE or INVITED. */
  defaultPermissionStatus: 'ACTIVE' | 'INVITED';
  /** Status for an expired (or revoked) bearer token: 401 (the CSE scripts re-authenticate on it) or 403 (some
   * clients also refresh on 403; a connector whose retry list holds only 401 would then fail). */
  expiredTokenStatus: 401 | 403;
  /** POST /permissions ARCHIVED -> ACTIVE: allowed (API docs) or refused with 400 (older UI docs: re-invite only). */
  archivedToActive: 'allow' | 'refuse';
}

/** The defaults (documented in mocks/leanix/README.md). */
export const DEFAULT_QUIRKS: Quirks = Object.freeze({
  linkHeaders: false,
  unknownFields: 'ignore',
  deleteUsers: '405',
  pageSizes: Object.freeze({
    workspaces: 30,
    workspaceUsers: 30,
    workspacePermissions: 30,
    accountUsers: 30,
    users: 30,
    permissions: 50,
  }),
  maxPageSize: 100,
  dateFormat: 'epochMillis',
  includeTechnicalUsersByDefault: true,
  defaultPermissionStatus: 'ACTIVE',
  expiredTokenStatus: 401,
  archivedToActive: 'allow',
}) as Quirks;

/** The allowed values of each enum-valued quirk (for validators such as the control API). */
export const QUIRK_CHOICES: Readonly<Record<string, readonly unknown[]>> = Object.freeze({
  linkHeaders: [true, false],
  unknownFields: ['ignore', 'reject'],
  deleteUsers: ['allow', '405'],
  dateFormat: ['epochMillis', 'iso'],
  includeTechnicalUsersByDefault: [true, false],
  defaultPermissionStatus: ['ACTIVE', 'INVITED'],
  expiredTokenStatus: [401, 403],
  archivedToActive: ['allow', 'refuse'],
});

/** What callers may pass: any subset, page sizes included key by key. */
export type QuirksInput = Partial<Omit<Quirks, 'pageSizes'>> & { pageSizes?: Partial<PageSizes> };

/**
 * Fills a partial quirk set with the defaults (page sizes merge key by key); returns a fresh mutable object.
 * Throws HarnessError `quirks.invalid` naming the quirk for an unknown name or a value outside its choices.
 */
export function resolveQuirks(partial: QuirksInput = {}): Quirks {
  for (const [k, v] of Object.entries(partial)) {
    if (v === undefined) continue;
    if (!Object.hasOwn(DEFAULT_QUIRKS, k)) {
      throw new HarnessError(
        'quirks.invalid',
        `unknown quirk "${k}"`,
        { path: [k] },
        `known: ${Object.keys(DEFAULT_QUIRKS).join(', ')}`,
      );
    }
    const choices = Object.hasOwn(QUIRK_CHOICES, k) ? QUIRK_CHOICES[k] : undefined;
    if (choices && !choices.includes(v)) {
      throw new HarnessError(
        'quirks.invalid',
        `bad value ${JSON.stringify(v)} for quirk "${k}"`,
        { path: [k] },
        `one of ${choices.join(', ')}`,
      );
    }
    if (k === 'pageSizes' && (typeof v !== 'object' || v === null || Array.isArray(v)))
      throw new HarnessError('quirks.invalid', 'pageSizes is an object of page sizes', { path: [k] });
    if (k === 'pageSizes' || k === 'maxPageSize') {
      const sizes = k === 'maxPageSize' ? { maxPageSize: v } : (v as Record<string, unknown>);
      for (const [sk, sv] of Object.entries(sizes)) {
        if (k === 'pageSizes' && !Object.hasOwn(DEFAULT_QUIRKS.pageSizes, sk)) {
          throw new HarnessError('quirks.invalid', `unknown page size "${sk}"`, { path: ['pageSizes', sk] });
        }
        if (!Number.isInteger(sv) || (sv as number) < 1) {
          throw new HarnessError('quirks.invalid', `a page size is a positive integer, got ${JSON.stringify(sv)}`, {
            path: k === 'pageSizes' ? ['pageSizes', sk] : [k],
          });
        }
      }
    }
  }
  return {
    ...DEFAULT_QUIRKS,
    ...partial,
    pageSizes: { ...DEFAULT_QUIRKS.pageSizes, ...(partial.pageSizes ?? {}) },
  };
}
