import { describe, expect, it } from 'vitest';
import { parseEventBlock } from './api.ts';

describe('parseEventBlock', () => {
  it('reads the event name and joins data lines', () => {
    expect(parseEventBlock('event: change\ndata: {"world":"live",\ndata: "topics":["journal"]}')).toEqual({
      name: 'change',
      data: '{"world":"live",\n"topics":["journal"]}',
    });
  });

  it('ignores comments (heartbeats) and keeps an event without data', () => {
    expect(parseEventBlock(': heartbeat')).toBeNull();
    expect(parseEventBlock('event: worlds')).toEqual({ name: 'worlds', data: '' });
    expect(parseEventBlock('data:x\r\n: c')).toEqual({ name: 'message', data: 'x' });
  });
});
