/** Aggregates per-record mapping warnings into one diagnostic per (code, column), with a count and a first example. */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import type { MappingWarning } from './mapping.ts';

/** Collects mapping warnings without keeping one per record (100,000 bad dates make one line, not 100,000). */
export class WarningTally {
  private readonly byKey = new Map<string, { w: MappingWarning; count: number; where: (string | number)[] }>();

  /** Adds warnings met while mapping the call at `where`. */
  add(warnings: readonly MappingWarning[], where: (string | number)[]): void {
    for (const w of warnings) {
      const key = `${w.code}\u0000${w.column}\u0000${where.join('.')}`;
      const hit = this.byKey.get(key);
      if (hit) hit.count++;
      else this.byKey.set(key, { w, count: 1, where });
    }
  }

  /** One diagnostic per distinct warning. */
  toDiagnostics(): Diagnostic[] {
    return [...this.byKey.values()].map(({ w, count, where }) => ({
      code: w.code,
      severity: 'warning',
      message: `${w.column} ("${w.spec}"): ${w.message}${count > 1 ? ` (and ${count - 1} more record${count > 2 ? 's' : ''})` : ''}`,
      location: { attribute: 'ImportAccountEntJSON', path: [...where, 'colsToPropsMap', w.column] },
    }));
  }
}
