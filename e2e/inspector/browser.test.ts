/** The Chromium probe behind the skip/fail decision of the inspector's browser tests. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeChromium } from './browser.ts';

describe('probeChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-chromium-probe-'));

  it('accepts an executable file', () => {
    const exe = join(dir, 'chromium');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    expect(probeChromium(exe)).toEqual({ ok: true });
  });

  it('rejects a missing or non-executable binary, naming the path and how to install it', () => {
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    for (const path of [join(dir, 'missing'), plain]) {
      const probe = probeChromium(path);
      expect(probe.ok).toBe(false);
      if (!probe.ok) expect(probe.reason).toMatch(new RegExp(`${path}.*apt-get install -y chromium`));
    }
  });
});
