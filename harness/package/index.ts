/** Public API of package loading: loadPackage, patches and the package contract. */
export { type LoadOptions, loadPackage, packageFromJsonFile, packageFromZip } from './load.ts';
export {
  applyPatches,
  type Patch,
  parsePatchDocument,
  type ReplacePatch,
  readPatchFile,
  type SetPatch,
} from './patch.ts';
export type { AttributeName, ConnectionPackage, PackageAttribute } from './types.ts';
export { ATTRIBUTE_NAMES } from './types.ts';
