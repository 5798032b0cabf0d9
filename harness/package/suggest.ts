/** "Did you mean" suggestions: case-insensitive match first, then the nearest by Levenshtein distance. */

/** Levenshtein edit distance between two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate the word most likely meant (same letters in another case, or a close spelling), or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.trim().toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === w);
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 4)));
  return bestD <= limit ? best : undefined;
}
