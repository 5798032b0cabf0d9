/**
 * The documented input limits of the harness in one place (README "Limits"), and the checks that enforce the ones
 * about text structure. Every limit fails with a HarnessError whose code starts with `limit.`; the HTTP APIs answer
 * it with 400 (413 for a body over its size limit), the CLI with exit 2.
 */
import { HarnessError, type Location } from './diagnostic.ts';

const MiB = 1024 * 1024;

/** The limits (bytes, counts, milliseconds). */
export const LIMITS = Object.freeze({
  /** A scenario file, read from disk or uploaded (`limit.size`). */
  scenarioBytes: 1 * MiB,
  /** Any other file the CLI or a scenario reads: package export, attribute, zip, ConnectionJSON, patch, bindings. */
  fileBytes: 64 * MiB,
  /** A tenant file (`harness serve --tenant`): a 100,000-user export is ~60 MiB. */
  tenantFileBytes: 512 * MiB,
  /** Request body of the `/__harness/` control and inspector API (seed, uploads) (413 `control.body-limit`). */
  uploadBytes: 64 * MiB,
  /** Request body of the fake MTM API (413, as LeanIX's envelope). */
  mtmBodyBytes: 1 * MiB,
  /** Users of a generated tenant (`--users`, `POST /__harness/seed {"spec"}`, a scenario's `tenant.users`). */
  generatedUsers: 200_000,
  /** Workspaces of a generated tenant (accounts x workspaces per account). */
  generatedWorkspaces: 1_000,
  /** Files read from a folder of saved MTM responses (`harness tenant from-har <folder>`). */
  responseFiles: 10_000,
  /** Bytes read from such a folder in total (each file also within `fileBytes`). */
  responseFolderBytes: 512 * MiB,
  /** Nesting depth of JSON: package attributes and exports, control and inspector bodies, tenant and bindings files. */
  jsonDepth: 200,
  /** Nesting depth of a YAML document (scenario, patch file). */
  yamlDepth: 64,
  /** Keys of one YAML mapping. */
  yamlKeys: 10_000,
  /** Alias expansions in one YAML document (a "billion laughs" file needs far more). */
  yamlAliases: 100,
  /** JSON a zip may expand to, in total. */
  zipTotalBytes: 64 * MiB,
  /** A zip may expand to at most this many times its own size (beyond `zipRatioFloor`). */
  zipRatio: 100,
  /** Expansion up to this size is always allowed, whatever the ratio (small zips of small files). */
  zipRatioFloor: 1 * MiB,
  /** Entries in a zip's central directory. */
  zipEntries: 10_000,
  /** `harness serve`: a request's headers must arrive within this time (408). */
  headersTimeoutMs: 10_000,
  /** `harness serve`: a whole request (headers and body) must arrive within this time (408). */
  requestTimeoutMs: 120_000,
  /** `harness serve`: open connections at most; more are closed at once. */
  maxConnections: 1_000,
  /** Fault `delayMs` (and clock steps of a fault): the largest timer Node can set, ~24.8 days. */
  faultDelayMs: 2_147_483_647,
  /** The fake clock never passes 9999-12-31T23:59:59.999Z (ISO dates and JWT expiries stay valid). */
  clockMaxEpochMs: 253_402_300_799_999,
});

/** A limit was exceeded (code `limit.<what>`). */
export function limitError(what: string, message: string, location: Location = {}, hint?: string): HarnessError {
  return new HarnessError(`limit.${what}`, message, location, hint);
}

/** Human size: `1 MiB`, `64 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${n} bytes`;
}

/**
 * The offset where JSON text nests deeper than `max` arrays/objects, or -1 when it never does. Scans the text once
 * (strings skipped), so it is safe on any input; run it before a recursive parser or walker sees the text.
 */
export function jsonTooDeepAt(text: string, max: number = LIMITS.jsonDepth): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Throws `limit.depth` (with line and column) when JSON text nests deeper than LIMITS.jsonDepth. */
export function checkJsonDepth(text: string, location: Location = {}, max: number = LIMITS.jsonDepth): void {
  const at = jsonTooDeepAt(text, max);
  if (at < 0) return;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  throw limitError(
    'depth',
    `JSON nested deeper than ${max} levels`,
    { ...location, line, column },
    'no connection package, tenant or control call needs this depth: check that the file is what you meant',
  );
}

/** Throws `limit.size` when `bytes` is over `max` (what: e.g. `scenario file`). */
export function checkSize(bytes: number, max: number, what: string, location: Location = {}): void {
  if (bytes > max)
    throw limitError(
      'size',
      `${what} is ${formatBytes(bytes)}, over the limit of ${formatBytes(max)}`,
      location,
      'see "Limits" in the README',
    );
}
