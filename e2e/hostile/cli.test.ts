/**
 * The CLI on the hostile files of the hardening review (issue 11): each stops with a typed error (exit 2, the code
 * and the file named), never "internal error", an out-of-memory crash or a hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../../fixtures/packages/leanix/index.ts';
import { runCaptured as cli } from '../../harness/cli/testing.ts';
import {
  billionLaughsScenario,
  deepArraysScenario,
  deepJson,
  hugeScenario,
  lyingZip,
  manyKeysScenario,
  zipBomb,
} from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-hostile-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** A FIFO nobody writes to: opening it for reading the ordinary way would block forever. */
function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** Runs the CLI and expects exit 2 with a typed error naming `code` (never an internal error). */
async function expectTypedError(args: string[], code: string): Promise<string> {
  const r = await cli(args);
  expect(r.code, r.out + r.err).toBe(2);
  expect(r.err).not.toContain('internal error');
  expect(r.out + r.err).toContain(`[${code}]`);
  return r.out + r.err;
}

describe('harness run on hostile scenarios', () => {
  it('a 54 MB scenario with 1.2 million steps: limit.size, before parsing (was: V8 out of memory after 100 s)', async () => {
    const file = write('huge.scenario.yaml', hugeScenario(1_200_000));
    const out = await expectTypedError(['run', file], 'limit.size');
    expect(out).toContain('over the limit of 1 MiB');
  });

  it('a billion-laughs scenario: limit.aliases (was: "internal error")', async () => {
    const out = await expectTypedError(
      ['run', write('laughs.scenario.yaml', billionLaughsScenario())],
      'limit.aliases',
    );
    expect(out).toContain('laughs.scenario.yaml');
  });

  it('nested arrays 5000 deep and a map of 50,000 keys: limit.depth and limit.keys with file:line', async () => {
    const deep = await expectTypedError(['run', write('deep.scenario.yaml', deepArraysScenario(5000))], 'limit.depth');
    expect(deep).toMatch(/deep\.scenario\.yaml:2:\d+/);
    const keys = await expectTypedError(['run', write('keys.scenario.yaml', manyKeysScenario(50_000))], 'limit.keys');
    expect(keys).toMatch(/keys\.scenario\.yaml:5:7/);
  });

  it('a scenario naming /dev/zero, /dev/urandom or a FIFO: file.not-regular (was: memory grew without bound)', async () => {
    const pipe = fifo('package.fifo');
    for (const [key, path] of [
      ['package', '/dev/zero'],
      ['package', '/dev/urandom'],
      ['package', pipe],
      ['patches', '/dev/zero'],
      ['connectionJson', pipe],
    ]) {
      const pkg = key === 'package' ? path : LEANIX_PACKAGE_DIR;
      const extra = key === 'package' ? '' : `    ${key}: ${path}\n`;
      const file = write(
        `dev-${key}.scenario.yaml`,
        `name: reads ${path}\ngiven:\n  eic:\n    package: ${pkg}\n${extra}steps: [{ name: s, validate: null }]\n`,
      );
      const out = await expectTypedError(['run', file], 'file.not-regular');
      expect(out).toContain(path);
    }
  });

  it('a scenario path that is a FIFO or a device is no scenario file (typed, no hang)', async () => {
    await expectTypedError(['run', fifo('s.scenario.yaml')], 'run.not-found');
    await expectTypedError(['run', '/dev/zero'], 'run.not-found');
  });
});

describe('other commands on hostile files', () => {
  it('validate: /dev/zero, /dev/urandom and a FIFO as the package', async () => {
    for (const path of ['/dev/zero', '/dev/urandom', fifo('p.json')])
      await expectTypedError(['validate', path], 'file.not-regular');
  });

  it('validate: a zip bomb (limit.zip), a zip that lies about its sizes (package.bad-zip)', async () => {
    const bomb = await expectTypedError(['validate', write('bomb.zip', zipBomb(60))], 'limit.zip');
    expect(bomb).toContain('expands past its limit');
    await expectTypedError(['validate', write('lie.zip', lyingZip(5))], 'package.bad-zip');
  });

  it('validate: JSON nested 100,000 deep as an export and as an attribute file: limit.depth', async () => {
    await expectTypedError(['validate', write('Connection_deep.json', deepJson())], 'limit.depth');
    await expectTypedError(['validate', write('deep_CreateAccountJSON.json', deepJson())], 'limit.depth');
  });

  it('serve --tenant and eval --bindings on devices: typed errors before anything starts', async () => {
    await expectTypedError(['serve', '--port', '0', '--tenant', '/dev/urandom'], 'file.not-regular');
    await expectTypedError(['serve', '--port', '0', '--tenant', write('deep-tenant.json', deepJson())], 'limit.depth');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an EIC template, not a JS one
    await expectTypedError(['eval', '${1}', '--bindings', '/dev/zero'], 'file.not-regular');
    await expectTypedError(['import', LEANIX_PACKAGE_DIR, '--patch', '/dev/zero'], 'file.not-regular');
  });
});
