import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UploadStore } from './uploads.ts';

describe('UploadStore', () => {
  it('keeps files by bare name, resolves only those, ignores names that could leave its folder', () => {
    const store = new UploadStore();
    store.save('customer.zip', new TextEncoder().encode('v1'));
    store.save('customer.zip', new TextEncoder().encode('v2'));
    const path = store.resolve('customer.zip');
    expect(path && readFileSync(path, 'utf8')).toBe('v2');
    expect(store.resolve('other.zip')).toBeUndefined();
    for (const bad of ['..', '.', '../customer.zip', 'a/b.json', 'a\\b.json']) {
      store.save(bad, new Uint8Array([1]));
      expect(store.resolve(bad)).toBeUndefined();
    }
    store.close();
    expect(existsSync(store.dir)).toBe(false);
  });
});
