/**
 * `harness eval`: rendering, Java-style failures with exit 1, bad bindings files with exit 2, and the JSONL mode.
 * Expected values are Groovy 2.4's answers for the same templates (see /work/shared/reference/groovy-oracle.md calibration).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Groovy/EIC templates are written with ${...} on purpose
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../lib/reference.ts';
import { runCaptured } from '../testing.ts';
import { applySet, boundedLines, evalJsonlLine, formatEvalError, runJsonl } from './eval.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `harness eval <args>` in-process and captures stdout, stderr and the exit code. */
const cli = (...args: string[]) => runCaptured(['eval', ...args]);

afterEach(() => {
  process.exitCode = undefined;
});

describe('harness eval <template>', () => {
  it('prints the rendered string', async () => {
    const r = await cli("${user.firstname == null ? '' : user.firstname.toLowerCase()}", '--set', 'user.firstname=Ada');
    expect(r).toEqual({ code: 0, out: 'ada\n', err: '' });
  });

  it('keeps text outside ${...} verbatim and renders Groovy values', async () => {
    const r = await cli('half=${1/2} list=${[1, 2]} map=${[a: null]}');
    expect(r.out).toBe('half=0.5 list=[1, 2] map=[a:null]\n');
  });

  it('prints the Java-style failure with its position and exits 1', async () => {
    const r = await cli('${user.middlename.toLowerCase()}', '--set', 'user.middlename:=null');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe(
      'java.lang.NullPointerException: Cannot invoke method toLowerCase() on null object',
    );
    expect(r.err).toMatch(/at line 1, column \d+ \(offset \d+\)/);
    expect(r.err).toContain('^');
  });

  it('reads variables from --bindings and lets --set override them', async () => {
    const f = join(dir, 'b.json');
    writeFileSync(f, JSON.stringify({ user: { email: 'a@b.c', firstname: 'Ada' } }));
    const r = await cli('${user.email}/${user.firstname}', '--bindings', f, '--set', 'user.firstname=Grace');
    expect(r).toEqual({ code: 0, out: 'a@b.c/Grace\n', err: '' });
  });

  it('a malformed bindings file is exit 2 with the file, line and JSON problem', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{\n  "user": {"email": "a@b.c",}\n}');
    const r = await cli('${user.email}', '--bindings', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(f);
    expect(r.err).toMatch(/:2:\d+/);
    expect(r.err).toContain('malformed JSON');
    expect(r.err).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace
  });

  it('a bindings file that is not an object, or is missing, is exit 2', async () => {
    const f = join(dir, 'arr.json');
    writeFileSync(f, '[1, 2]');
    const arr = await cli('${x}', '--bindings', f);
    expect(arr.code).toBe(2);
    expect(arr.err).toContain('expected a JSON object');
    const missing = await cli('${x}', '--bindings', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.json');
    expect(missing.err).toContain('file not found');
  });

  it('a malformed --set is exit 2', async () => {
    const r = await cli('${x}', '--set', 'novalue');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--set expects path=value');
  });
});

describe('applySet', () => {
  it('creates intermediate maps; = sets strings and := sets JSON values', () => {
    const b: Record<string, unknown> = { user: 'not a map' };
    applySet(b, 'user.email=a=b@c');
    applySet(b, 'user.age:=42');
    applySet(b, 'user.middlename:=null');
    expect(b).toEqual({ user: { email: 'a=b@c', age: 42, middlename: null } });
  });

  it('refuses prototype paths and bad JSON', () => {
    expect(() => applySet({}, '__proto__.x=1')).toThrow(/invalid variable path/);
    expect(() => applySet({}, 'a.constructor.b=1')).toThrow(/invalid variable path/);
    expect(() => applySet({}, 'a:=nope')).toThrow(/expects a JSON value/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('formatEvalError', () => {
  it('puts the caret under the failing column of the right line', () => {
    const text = formatEvalError('a\nb ${x.y}', { type: 'T', message: 'm', offset: 4 });
    expect(text).toBe('T: m\n    at line 2, column 3 (offset 4)\n    b ${x.y}\n      ^');
  });

  it('omits the position when the engine gives none', () => {
    expect(formatEvalError('${x}', { type: 'T', message: 'm' })).toBe('T: m');
  });
});

describe('harness eval --jsonl', () => {
  it('answers each line; bad lines become harness.InputError lines', () => {
    expect(JSON.parse(evalJsonlLine('{"template": "${a.b}", "bindings": {"a": {"b": "x"}}}'))).toEqual({
      ok: true,
      value: 'x',
    });
    const npe = JSON.parse(evalJsonlLine('{"template": "${a.toLowerCase()}", "bindings": {"a": null}}'));
    expect(npe.ok).toBe(false);
    expect(npe.error.type).toBe('java.lang.NullPointerException');
    expect(npe.error.message).toBe('Cannot invoke method toLowerCase() on null object');
    for (const [line, why] of [
      ['{not json', 'not valid JSON'],
      ['[1]', 'expected an object'],
      ['{"bindings": {}}', '$.template'],
      ['{"template": "x", "bindings": [1]}', '$.bindings'],
    ]) {
      const r = JSON.parse(evalJsonlLine(line, 7));
      expect(r.ok).toBe(false);
      expect(r.error.type).toBe('harness.InputError');
      expect(r.error.message).toContain('line 7');
      expect(r.error.message).toContain(why);
    }
  });

  it('streams one answer per non-empty input line, in order', async () => {
    const input = Readable.from(['{"template": "${1+1}"}\n\n', 'garbage\n{"template": "${x}"}\n']);
    let out = '';
    const output = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    await runJsonl(input, output);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => (l.ok ? l.value : l.error.type))).toEqual([
      '2',
      'harness.InputError',
      'groovy.lang.MissingPropertyException',
    ]);
  });

  it('works end to end through bin/harness.js with stdin', () => {
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.js'), 'eval', '--jsonl'], {
      input: '{"template": "${1/2}"}\n{"template": "${\'abc\'.substring(5)}"}\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ ok: true, value: '0.5' });
    expect(lines[1].error.type).toBe('java.lang.StringIndexOutOfBoundsException');
  });
});

describe('harness eval --jsonl: line length', () => {
  const collect = async (chunks: string[], max: number) => {
    const out: (string | { tooLong: number })[] = [];
    for await (const l of boundedLines(Readable.from(chunks), max)) out.push(l);
    return out;
  };

  it('splits lines across chunks and strips CRLF, the last line without a newline included', async () => {
    expect(await collect(['ab', 'c\r\nde\n', '\nfg'], 10)).toEqual(['abc', 'de', '', 'fg']);
  });

  it('gives a line over the limit as its length, split across chunks, and goes on with the next line', async () => {
    expect(await collect(['12345', '67890', 'x\nok\n', 'yyyyyyyyyyyy'], 8)).toEqual([
      { tooLong: 11 },
      'ok',
      { tooLong: 12 },
    ]);
  });

  it('answers an over-long line with a harness.InputError naming the line and the limit', async () => {
    let out = '';
    const output = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    await runJsonl(Readable.from([`{"template": "${'x'.repeat(100)}"}\n{"template": "\${1+1}"}\n`]), output, 50);
    const [first, second] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first).toEqual({
      ok: false,
      error: {
        type: 'harness.InputError',
        message: 'line 1: 116 characters, over the limit of 50 a line (limit.size)',
      },
    });
    expect(second).toEqual({ ok: true, value: '2' });
  });
});
