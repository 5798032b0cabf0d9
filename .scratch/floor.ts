import v8mod from 'node:v8'; const require_v8 = () => v8mod;
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
const users = Number(process.argv[2] ?? 100000);
let tenant: any = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 10, users });
const fake = await createFakeLeanIX({ tenant, journalSize: Number(process.env.JS ?? 100), journalBodyBytes: 1024 });
const ws = tenant.workspaces[0];
const apiToken = tenant.apiTokens.find((t: any) => t.workspaceId === ws.id)!.token;
tenant = undefined;
const token = async () => {
  const res = await fake.fetch(new Request('https://bench.leanix.net/services/mtm/v1/oauth2/token', { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }));
  return `Bearer ${((await res.json()) as any).access_token}`;
};
const pass = async (label: string) => {
  const bearer = await token();
  const t0 = performance.now();
  const chunks: number[] = [];
  let c = performance.now();
  let n = 0;
  for (const what of ['users', 'permissions'])
    for (let page = 1; ; page++) {
      const res = await fake.fetch(new Request(`https://bench.leanix.net/services/mtm/v1/workspaces/${ws.id}/${what}?page=${page}&size=100`, { headers: { Authorization: bearer } }));
      const body = await res.text();
      n++;
      if (n % 200 === 0) { chunks.push(Math.round(performance.now() - c)); c = performance.now(); }
      if (page * 100 >= users + 1) break;
    }
  console.log(require_v8().getHeapSpaceStatistics().map((s:any)=>s.space_name.replace('_space','')+':'+Math.round(s.space_used_size/1048576)).join(' '));
  console.log(label, Math.round(performance.now() - t0), 'ms', n, 'chunks/200', chunks.join(' '), 'rss', Math.round(process.memoryUsage().rss / 1048576), 'heap', Math.round(process.memoryUsage().heapUsed / 1048576));
};
await pass('warm');
await pass('p1');
await pass('p2');
