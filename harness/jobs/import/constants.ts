/** Markers and defaults of the import job. */

/** Right-hand side that stores the account's captured entitlement ids (CP31). */
export const STORE_ACC_ENT_MAPPINGINFO = 'STORE#ACC#ENT#MAPPINGINFO';

/** Default cap on pages fetched for one call before the import stops with an error. */
export const DEFAULT_MAX_PAGES = 10_000;
