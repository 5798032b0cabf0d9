// Robustness: every real file of reference/corpus (some broken, as real files are) and truncated/mutated versions
// of the real LeanIX export must give diagnostics or a clean bill, never an exception.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../../lib/reference.ts';
import { loadPackage, packageFromJsonFile } from '../package/load.ts';
import { validatePackage } from './validate.ts';

describe.skipIf(!hasReference)(`corpus ${hasReference ? '' : NO_REFERENCE}`, () => {
  it('validates every corpus file without throwing; prints counts per code', async () => {
    const files = readdirSync(referencePath('corpus')).sort();
    const counts = new Map<string, number>();
    let validated = 0;
    for (const f of files) {
      let diags: Diagnostic[];
      try {
        diags = validatePackage(await loadPackage(referencePath('corpus', f)));
        validated++;
      } catch (e) {
        // Only non-JSON files (SOURCES.md) may be refused, and only with a HarnessError (exit 2), never a crash.
        expect(isHarnessError(e), `${f}: ${String(e)}`).toBe(true);
        expect(f.endsWith('.json')).toBe(false);
        diags = [(e as { toDiagnostic(): Diagnostic }).toDiagnostic()];
      }
      expect(Array.isArray(diags)).toBe(true);
      for (const d of diags) {
        expect(d.code, f).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
        expect(d.location?.attribute ?? d.location?.file, `${f} ${d.code}`).toBeTruthy();
        if (d.severity !== 'info') expect(d.hint, `${f} ${d.code} has no hint`).toBeTruthy();
        counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      }
    }
    expect(validated).toBe(files.filter((f) => f.endsWith('.json')).length);
    const summary = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${String(n).padStart(4)} ${c}`);
    console.log(`corpus: ${files.length} files, ${validated} validated\n${summary.join('\n')}`);
  });
});

describe.skipIf(!hasReference)(`fuzzed LeanIX export ${hasReference ? '' : NO_REFERENCE}`, () => {
  // Read inside the tests: a describe body runs even when the describe is skipped.
  const exportText = () =>
    readFileSync(referencePath('packages', 'LeanIX', 'Connection_2023-08-03_07-10-36(UTC).json'), 'utf8');
  const run = (t: string) => validatePackage(packageFromJsonFile(t, 'Connection_fuzz.json'));

  it('never throws on truncated exports', () => {
    const text = exportText();
    for (let n = 0; n <= text.length; n += 61) expect(Array.isArray(run(text.slice(0, n)))).toBe(true);
  });

  it('never throws on mutated exports (seeded)', () => {
    const text = exportText();
    const chars = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '$', '~', '#', 'a', '0', '\n'];
    const edit = fc.record({
      at: fc.nat({ max: text.length }),
      del: fc.nat({ max: 5 }),
      ins: fc.array(fc.constantFrom(...chars), { maxLength: 4 }).map((a) => a.join('')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let t = text;
        for (const e of edits) t = t.slice(0, e.at) + e.ins + t.slice(e.at + e.del);
        return Array.isArray(run(t));
      }),
      { seed: 4242, numRuns: 150 },
    );
  });
});
