/** Public API of package validation. */
export { sortDiagnostics, summarize } from '../../lib/diagnostic.ts';
export { validatePackage } from './validate.ts';
