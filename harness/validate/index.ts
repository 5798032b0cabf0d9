/** Public API of package validation. */
export { sortDiagnostics, summarize, validatePackage } from './validate.ts';
