import { describe, expect, it } from 'vitest';
import { TOKEN_SERVER_DEFAULTS } from '../../fixtures/token-server/defaults.ts';
import { createTokenServer } from '../../fixtures/token-server/index.ts';
import { SecretSet } from '../../lib/redact.ts';
import { TINY } from '../../mocks/leanix/contract/tiny-tenant.ts';
import { createFakeLeanIX } from '../../mocks/leanix/fake.ts';
import { journalTokenTraffic, scenarioHar } from './token-traffic.ts';
import { fakeTransport } from './world.ts';

const { id, secret } = TOKEN_SERVER_DEFAULTS.clients[0];

async function world() {
  const fake = await createFakeLeanIX({ tenant: TINY, baseUrl: 'https://tiny.leanix.net' });
  const server = createTokenServer({ now: () => fake.clock.now() });
  const traffic = journalTokenTraffic(fake, server, new SecretSet());
  const transport = fakeTransport(fake, [traffic]);
  const lx = () => transport.fetch(new Request('https://tiny.leanix.net/services/mtm/v1/workspaces'));
  const token = async () => {
    const res = await transport.fetch(
      new Request(`${server.origin}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
      }),
    );
    return ((await res.json()) as { access_token: string }).access_token;
  };
  return { fake, traffic, lx, token };
}

describe('token-server traffic in the scenario HAR', () => {
  it('interleaves the token server with the fake in the order the requests were sent', async () => {
    const { fake, traffic, lx, token } = await world();
    await token(); // before any fake request
    await lx();
    await lx();
    const issued = await token(); // between the second and the third fake request
    await lx();
    const har = scenarioHar(fake, traffic, 'test');
    expect(
      har.log.entries.map((e) => `${e._source ?? 'fake'} ${e.request.method} ${new URL(e.request.url).pathname}`),
    ).toEqual([
      'token server POST /oauth/token',
      'fake GET /services/mtm/v1/workspaces',
      'fake GET /services/mtm/v1/workspaces',
      'token server POST /oauth/token',
      'fake GET /services/mtm/v1/workspaces',
    ]);
    expect(har.log.entries[3].response.status).toBe(200);
    const text = JSON.stringify(har);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(issued);
    expect(text).toContain('client_id=harness-client');
  });

  it('is the fake journal alone without a token server', async () => {
    const { fake, lx } = await world();
    await lx();
    const har = scenarioHar(fake, undefined, 'test');
    expect(har.log.entries.map((e) => e._source ?? 'fake')).toEqual(['fake']);
    expect(har.log.comment).toBe('test');
  });
});
