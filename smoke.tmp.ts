import { formatDiagnostic } from './lib/diagnostic.ts';
import { loadPackage } from './harness/package/index.ts';
import { validatePackage } from './harness/validate/index.ts';
const R='/work/shared/reference/';
for (const p of process.argv.slice(2)) {
  const pkg = await loadPackage(p);
  for (const d of validatePackage(pkg)) console.log(formatDiagnostic(d));
}
