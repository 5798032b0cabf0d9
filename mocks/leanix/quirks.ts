/**
 * Switchable behaviours for everything the reference marks [INF] (no source states how real LeanIX behaves).
 * Defaults are the most likely real behaviour; tests flip them to see how a connector copes with the alternative.
 */

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
}) as Quirks;

/** What callers may pass: any subset, page sizes included key by key. */
export type QuirksInput = Partial<Omit<Quirks, 'pageSizes'>> & { pageSizes?: Partial<PageSizes> };

/** Fills a partial quirk set with the defaults (page sizes merge key by key); returns a fresh mutable object. */
export function resolveQuirks(partial: QuirksInput = {}): Quirks {
  return {
    ...DEFAULT_QUIRKS,
    ...partial,
    pageSizes: { ...DEFAULT_QUIRKS.pageSizes, ...(partial.pageSizes ?? {}) },
  };
}
