import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { LEANIX_PACKAGE_DIR, leanixPatches } from '../fixtures/packages/leanix/index.ts';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { createEmulator } from '../harness/emulator.ts';
import { runAccessImport, runAccountImport, runtimeCallRunner } from '../harness/jobs/import/index.ts';
import { loadPackage } from '../harness/package/index.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
const users = Number(process.argv[2] ?? 100000);
const paging = (path: string) => ({ attribute: 'ImportAccountEntJSON', path, value: { page: { pageNumberParam: 'page', pageSizeParam: 'size', pageSize: 100, totalCountPath: 'completeResponseMap.total' } } });
let tenant: any = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 10, users });
const fake = await createFakeLeanIX({ tenant, journalSize: 100, journalBodyBytes: 1024 });
const ws = tenant.workspaces[0];
const apiToken = tenant.apiTokens.find((t: any) => t.workspaceId === ws.id)!.token;
tenant = undefined;
const pkg = await loadPackage(LEANIX_PACKAGE_DIR, { patches: [...leanixPatches({ host: 'bench', workspaceId: ws.id, accountId: ws.accountId, apiToken }), paging('accountParams.call.call1.pagination'), paging('entitlementParams.entTypes.Permission.call.call1.pagination'), paging('acctEntParams.entTypes.Permission.call.call1.pagination')] as any });
const transport = { fetch: (r: Request) => fake.fetch(r), now: fake.clock.now, sleep: async () => {} };
const once = async () => {
  const emu = createEmulator({ package: pkg, transport });
  const runner = runtimeCallRunner(emu.runtime, { kind: 'job', id: 'bench' });
  const ctx = { state: emu.state, runner };
  const t0 = performance.now();
  const a = await runAccountImport(ctx, pkg);
  const t1 = performance.now();
  const b = await runAccessImport(ctx, pkg);
  const t2 = performance.now();
  console.log(users, 'account', Math.round(t1 - t0), 'access', Math.round(t2 - t1), a.outcome, b.outcome, 'rss', process.memoryUsage().rss >> 20, 'heap', Math.round(process.memoryUsage().heapUsed / 1048576), 'ab', process.memoryUsage().arrayBuffers >> 20);
  return emu;
};
{
  const res = await fake.fetch(new Request('https://bench.leanix.net/services/mtm/v1/oauth2/token', { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }));
  const bearer = `Bearer ${((await res.json()) as any).access_token}`;
  if (!process.env.COLD) for (const what of ['users', 'permissions'])
    for (let page = 1; ; page++) {
      const r = await fake.fetch(new Request(`https://bench.leanix.net/services/mtm/v1/workspaces/${ws.id}/${what}?page=${page}&size=100`, { headers: { Authorization: bearer } }));
      await r.text();
      if (page * 100 >= users + 1) break;
    }
}
globalThis.gc?.();
console.log('heapTotal', process.memoryUsage().heapTotal >> 20); console.log('baseline rss', process.memoryUsage().rss >> 20, 'heap', Math.round(process.memoryUsage().heapUsed / 1048576), 'ab', process.memoryUsage().arrayBuffers >> 20);
const s = new Session(); s.connect();
if (process.env.PROF) { await s.post('Profiler.enable'); await s.post('Profiler.start'); }
let keep: any = await once();
if (process.env.PROF) { const { profile } = await s.post('Profiler.stop'); writeFileSync(process.env.PROF, JSON.stringify(profile)); }
if (process.env.SNAP) { const v8 = await import('node:v8'); globalThis.gc?.(); console.log('after import gc heap', Math.round(process.memoryUsage().heapUsed / 1048576)); v8.writeHeapSnapshot(process.env.SNAP); }
if (process.env.GCAFTER) { globalThis.gc!(); console.log('after import gc heap', Math.round(process.memoryUsage().heapUsed / 1048576), 'ab', process.memoryUsage().arrayBuffers >> 20, 'rss', process.memoryUsage().rss >> 20); }
console.log('peak', process.resourceUsage().maxRSS >> 10);
