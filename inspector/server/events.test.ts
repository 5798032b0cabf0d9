import { describe, expect, it } from 'vitest';
import { TINY, TINY_TOKEN } from '../../mocks/leanix/contract/tiny-tenant.ts';
import { createFakeLeanIX } from '../../mocks/leanix/fake.ts';
import { EventHub, formatEvent } from './events.ts';

const basic = `Basic ${Buffer.from(`apitoken:${TINY_TOKEN}`).toString('base64')}`;

async function setup() {
  const fake = await createFakeLeanIX({ tenant: TINY });
  // A poll interval no test waits for: the tests call check() themselves.
  const hub = new EventHub({ worlds: () => [{ id: 'live', fake }], pollMs: 3_600_000 });
  const res = hub.connect();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const read = async () => {
    const r = await reader.read();
    return r.done ? null : decoder.decode(r.value);
  };
  const token = () =>
    fake.handle(
      new Request('https://demo.leanix.net/services/mtm/v1/oauth2/token', {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      }),
    );
  return { fake, hub, res, reader, read, token };
}

describe('EventHub', () => {
  it('greets a client with hello and the worlds, as an event stream', async () => {
    const { hub, res, read } = await setup();
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await read()).toBe(formatEvent('hello', { worlds: ['live'] }));
    expect(hub.size).toBe(1);
    expect(hub.polling).toBe(true);
    hub.close();
  });

  it('reports what moved since the last look, once, in one change event per world', async () => {
    const { fake, hub, read, token } = await setup();
    await read(); // hello
    await token();
    await token();
    fake.clock.advance(1000);
    hub.check();
    // (a token request also moves the store: tokens live there)
    expect(await read()).toBe(formatEvent('change', { world: 'live', topics: ['tenant', 'journal', 'clock'] }));
    fake.faults.add({ path: '/users', status: 503 });
    hub.check();
    hub.check(); // nothing new: no event
    hub.notify('live', ['eic']); // explicit topics plus whatever moved, in one event
    expect(await read()).toBe(formatEvent('change', { world: 'live', topics: ['faults'] }));
    expect(await read()).toBe(formatEvent('change', { world: 'live', topics: ['eic'] }));
    fake.store.reset();
    hub.notify('live', ['eic']);
    expect(await read()).toBe(formatEvent('change', { world: 'live', topics: ['tenant', 'eic'] }));
    hub.close();
  });

  it('close() ends every stream and stops the timers; a later client gets an ended stream', async () => {
    const { hub, read } = await setup();
    await read();
    hub.send('run', { id: 'run-1' });
    expect(await read()).toBe(formatEvent('run', { id: 'run-1' }));
    hub.close();
    expect(await read()).toBeNull();
    expect(hub.size).toBe(0);
    expect(hub.polling).toBe(false);
    const late = await hub.connect().body!.getReader().read();
    expect(late.done).toBe(true);
    expect(hub.polling).toBe(false);
  });

  it('stops polling when the last client goes away', async () => {
    const { hub, reader } = await setup();
    expect(hub.polling).toBe(true);
    await reader.cancel();
    expect(hub.size).toBe(0);
    expect(hub.polling).toBe(false);
  });

  it('drops a client that stops reading once its unread backlog passes the limit', async () => {
    const fake = await createFakeLeanIX({ tenant: TINY });
    const hub = new EventHub({ worlds: () => [{ id: 'live', fake }], pollMs: 3_600_000, maxBacklog: 5 });
    const stalled = hub.connect(); // never read
    for (let i = 0; i < 10; i++) hub.send('run', { i });
    expect(hub.size).toBe(0);
    expect(hub.polling).toBe(false);
    // what was queued before the drop can still be read, then the stream ends
    const reader = stalled.body!.getReader();
    let chunks = 0;
    while (!(await reader.read()).done) chunks++;
    expect(chunks).toBeGreaterThan(1);
    expect(chunks).toBeLessThan(10);
    hub.close();
  });
});
