import v8 from 'node:v8';
import { generateTenant } from '../fixtures/tenant/generate.ts';
import { createFakeLeanIX } from '../mocks/leanix/fake.ts';
const users = Number(process.argv[2] ?? 20000);
let tenant: any = generateTenant({ seed: 1, accounts: 1, workspacesPerAccount: 10, users });
const fake = await createFakeLeanIX({ tenant, journalSize: 100, journalBodyBytes: 1024 });
const ws = tenant.workspaces[0];
const apiToken = tenant.apiTokens.find((t: any) => t.workspaceId === ws.id)!.token;
console.log('perms total', tenant.permissions?.length, 'users', tenant.users?.length, Object.keys(tenant));
tenant = undefined;
const res = await fake.fetch(new Request('https://bench.leanix.net/services/mtm/v1/oauth2/token', { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }));
const bearer = `Bearer ${((await res.json()) as any).access_token}`;
for (const what of ['users', 'permissions'])
  for (let page = 1; ; page++) {
    const r = await fake.fetch(new Request(`https://bench.leanix.net/services/mtm/v1/workspaces/${ws.id}/${what}?page=${page}&size=100`, { headers: { Authorization: bearer } }));
    await r.text();
    if (page * 100 >= users + 1) break;
  }
globalThis.gc?.();
const m = process.memoryUsage();
console.log('rss', m.rss >> 20, 'heap', m.heapUsed >> 20, 'ext', m.external >> 20, 'ab', m.arrayBuffers >> 20);
if (process.argv[3]) v8.writeHeapSnapshot(process.argv[3]);
(globalThis as any).keep = fake;
