/** Failures of the inspector API: HttpErrors (lib/http-json.ts) built from named parts. */
import type { Location } from '../../lib/diagnostic.ts';
import { HttpError } from '../../lib/http-json.ts';

/** What an inspector failure says besides its status, code and message. */
export interface ApiErrorParts {
  path?: (string | number)[];
  hint?: string;
  location?: Location;
  /** Top-level fields beside `error` (e.g. `diagnostics`). */
  body?: Record<string, unknown>;
}

/** An inspector API failure: HTTP status, stable code, message, and where the problem is. */
export function apiError(status: number, code: string, message: string, parts: ApiErrorParts = {}): HttpError {
  const location = { ...parts.location, ...(parts.path ? { path: parts.path } : {}) };
  return new HttpError(status, code, message, location, parts.hint, parts.body);
}
