import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { createEmulator } from '../harness/emulator.ts';
import { runAccessImport } from '../harness/jobs/import/index.ts';
import { loadPackage } from '../harness/package/index.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
globalThis.gc!();
const m = process.memoryUsage();
console.log('modules loaded: rss', m.rss >> 20, 'heapTotal', m.heapTotal >> 20, 'heapUsed', m.heapUsed >> 20, 'ab', m.arrayBuffers >> 20, [LEANIX_PACKAGE_DIR, generateTenant, createEmulator, runAccessImport, loadPackage, createFakeLeanIX].length);
