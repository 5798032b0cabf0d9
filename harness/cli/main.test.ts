import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../lib/package-root.ts';
import { runCaptured } from './testing.ts';

describe('harness --version', () => {
  it("prints the package's version and exits 0 (also as -V)", async () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V'])
      expect(await runCaptured([flag])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });
});
