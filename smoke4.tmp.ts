import { readdirSync } from 'node:fs';
import { loadPackage } from './harness/package/index.ts';
import { validatePackage } from './harness/validate/index.ts';
const want = process.argv[2];
for (const f of readdirSync('/work/shared/reference/corpus').filter(f=>f.endsWith('.json'))) {
  const d = validatePackage(await loadPackage('/work/shared/reference/corpus/'+f));
  for (const x of d.filter(x=>x.code===want)) console.log(f, JSON.stringify(x.location?.path), x.message.slice(0,200));
}
