import { describe, expect, it } from 'vitest';
import { isoMillis } from './wire-date.ts';

describe('isoMillis', () => {
  it('is Date.parse, on the stored shape and around it', () => {
    const samples = [
      '2024-10-30T18:18:58.000Z',
      '1999-12-31T23:59:59.999Z',
      '0001-01-01T00:00:00.000Z',
      '2024-02-28T12:00:00.123Z',
      '2024-02-29T12:00:00.000Z',
      '2024-02-31T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-00-10T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T23:60:00.000Z',
      '2024-01-01T23:00:60.000Z',
      '2024-01-01T23:00:00.00xZ',
      '2024-01-01 23:00:00.000Z',
      '2024-01-01T23:00:00.000+',
      '2024-01-01T23:00:00Z',
      '2024-01-01T23:00:00.000+01:00',
      '2024-01-01',
      'yesterday',
      '',
    ];
    for (const s of samples) expect(isoMillis(s), s).toEqual(Date.parse(s));
    for (let t = -5e12; t < 5e12; t += 7_777_777_777) {
      const s = new Date(t).toISOString();
      expect(isoMillis(s), s).toBe(t);
    }
  });
});
