// `harness validate` when loading fails in a way that is not a HarnessError: a stack overflow on deeply nested JSON
// (the loader's parser recursing) and any other internal error. The loader is replaced by a stub that throws.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCaptured as run } from '../testing.ts';

const failure = vi.hoisted(() => ({ error: new Error('x') as Error }));
vi.mock('../../package/index.ts', () => ({
  loadPackage: async () => {
    throw failure.error;
  },
}));

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness validate, loading failures', () => {
  it('turns a stack overflow into json.too-deep, with and without --json', async () => {
    failure.error = new RangeError('Maximum call stack size exceeded');
    const json = await run(['validate', 'deep.json', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error).toMatchObject({ code: 'json.too-deep', location: { file: 'deep.json' } });
    const text = await run(['validate', 'deep.json']);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(/^error \[json\.too-deep\] deep\.json: deep\.json is nested too deeply/);
    expect(text.err).not.toMatch(/Maximum call stack/);
  });

  it('prints any other failure as validate.internal on stdout with --json', async () => {
    failure.error = new TypeError('boom');
    const r = await run(['validate', 'x.json', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ error: { code: 'validate.internal', message: 'boom' } });
  });
});
