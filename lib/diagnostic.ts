/**
 * The one diagnostic shape every layer uses (validator findings, Groovy errors, call failures, assertion failures),
 * modelled on zod's issues: a stable `code`, a `path`, a message, and where it came from.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic points: a file, an attribute inside a package, a JSON path, a line/column. */
export interface Location {
  file?: string;
  attribute?: string;
  /** JSON path segments, e.g. ['call', 0, 'httpParams']. */
  path?: (string | number)[];
  line?: number;
  column?: number;
  /** Offset into an expression or template (0-based). */
  offset?: number;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  location?: Location;
  hint?: string;
}

/** The single error type of the project: carries a code and a location, never a stack trace for the user. */
export class HarnessError extends Error {
  readonly code: string;
  readonly location: Location;
  readonly hint?: string;

  constructor(code: string, message: string, location: Location = {}, hint?: string) {
    super(message);
    this.name = 'HarnessError';
    this.code = code;
    this.location = location;
    this.hint = hint;
  }

  /** This error as a Diagnostic of severity error. */
  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: 'error', message: this.message, location: this.location, hint: this.hint };
  }
}

/** Renders a JSON path as `$.call[0].httpParams`. */
export function formatPath(path: readonly (string | number)[] | undefined): string {
  if (!path || path.length === 0) return '$';
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Renders a location as `file:line:col attribute $.path`, omitting what is unknown. */
export function formatLocation(loc: Location | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.file) {
    let f = loc.file;
    if (loc.line !== undefined) f += `:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
    parts.push(f);
  } else if (loc.line !== undefined) {
    parts.push(`line ${loc.line}${loc.column !== undefined ? `, column ${loc.column}` : ''}`);
  }
  if (loc.attribute) parts.push(loc.attribute);
  if (loc.path && loc.path.length > 0) parts.push(formatPath(loc.path));
  if (loc.offset !== undefined) parts.push(`at position ${loc.offset}`);
  return parts.join(' ');
}

/** One-line human rendering of a diagnostic, e.g. `error [json.syntax] file.json:3:5: Expected ','`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  const head = `${d.severity} [${d.code}]${where ? ` ${where}` : ''}: ${d.message}`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}

/** True when the value is a HarnessError (also across module copies). */
export function isHarnessError(e: unknown): e is HarnessError {
  return e instanceof HarnessError || (e instanceof Error && e.name === 'HarnessError' && 'code' in e);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Counts of diagnostics by severity. */
export function summarize(diags: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diags) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** Sorts diagnostics for display: by attribute, then line, then severity (errors first). */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.location?.attribute ?? '').localeCompare(b.location?.attribute ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
}
