/**
 * The emulator renders templates on its transport's clock (fake time in scenarios) with a seeded UUID source, so
 * date and id templates repeat exactly from run to run (issue 13, item 7).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy templates are the test data
import { describe, expect, it } from 'vitest';
import { createEmulator } from './emulator.ts';
import { json, stubTransport } from './http/testing.ts';
import type { ConnectionPackage } from './package/types.ts';

const BODY =
  '{"day":"${new Date().format(\'yyyy-MM-dd HH:mm\')}","cal":"${Calendar.getInstance().getTime().format(\'yyyyMMdd\')}",' +
  '"ms":"${System.currentTimeMillis()}","id":"${UUID.randomUUID()}","id2":"${UUID.randomUUID()}"}';

function pkg(): ConnectionPackage {
  const attrs: Record<string, unknown> = {
    ConnectionJSON: {
      authentications: { a: { authType: 'oauth2', url: 'https://t.example/token', accessToken: 'Bearer x' } },
    },
    CreateAccountJSON: {
      call: [
        {
          name: 'call1',
          connection: 'a',
          url: 'https://api.example/users',
          httpMethod: 'POST',
          httpParams: BODY,
          httpHeaders: {},
          httpContentType: 'application/json',
          successResponses: { statusCode: [200] },
        },
      ],
    },
  };
  const attributes: ConnectionPackage['attributes'] = {};
  for (const [name, value] of Object.entries(attrs))
    attributes[name] = { name, text: JSON.stringify(value), json: value, source: `${name}.json` };
  return { name: 'Clock', origin: 'memory', kind: 'folder', attributes, connectionEncrypted: false, diagnostics: [] };
}

async function sentBody(idSeed?: number): Promise<Record<string, string>> {
  const transport = stubTransport(() => json(200, {}));
  transport.clock.ms = Date.UTC(2030, 5, 15, 8, 30);
  const emu = createEmulator({ package: pkg(), transport, idSeed, identities: [{ username: 'jdoe' }] });
  await emu.runTask({ type: 'NEWACCOUNT', identity: 'jdoe', accountName: 'jdoe' });
  return JSON.parse(await transport.requests[0]!.text()) as Record<string, string>;
}

describe('emulator templates read the transport clock and a seeded id source', () => {
  it('dates come from the transport clock (UTC), not the wall clock', async () => {
    const b = await sentBody();
    expect(b.day).toBe('2030-06-15 08:30');
    expect(b.cal).toBe('20300615');
    expect(b.ms).toBe(String(Date.UTC(2030, 5, 15, 8, 30)));
  });
  it('UUIDs repeat from run to run, differ within a run and per seed, and are version 4', async () => {
    const [a, b, c] = [await sentBody(), await sentBody(), await sentBody(7)];
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(a.id2);
    expect(c.id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the emulator keeps what its transport says of itself', () => {
  it('an in-process transport stays in-process (its requests carry no AbortSignal); the default one does not', () => {
    const transport = stubTransport(() => json(200, {}));
    expect(
      createEmulator({ package: pkg(), transport: { ...transport, inProcess: true } }).runtime.transport.inProcess,
    ).toBe(true);
    expect(createEmulator({ package: pkg(), transport }).runtime.transport.inProcess).toBeFalsy();
  });
});
