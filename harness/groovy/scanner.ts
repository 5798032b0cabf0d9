/** Finds the `${...}` placeholders of a template: nested braces, quotes and `}` inside string literals are handled. */

export interface Placeholder {
  /** Offset of the `$`. */
  start: number;
  /** Offset just past the closing `}` (end of text when unterminated). */
  end: number;
  /** The whole `${...}` text. */
  source: string;
  /** False when the closing `}` is missing. */
  closed: boolean;
}

/** Skips a quoted string starting at `i` (the opening quote); returns the index past it, or -1 when unterminated. */
function skipString(s: string, i: number): number {
  const q = s[i]!;
  const triple = s.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (!triple && c === '\n' && q === "'") return -1;
    if (s.startsWith(close, j)) return j + close.length;
    if (q === '"' && c === '$' && s[j + 1] === '{') {
      const k = skipCode(s, j + 2);
      if (k < 0) return -1;
      j = k + 1;
      continue;
    }
    j++;
  }
  return -1;
}

/** Scans Groovy code from `i` to its unmatched `}`; returns the index of that `}` or -1. */
export function skipCode(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === "'" || c === '"') {
      const k = skipString(s, j);
      if (k < 0) return -1;
      j = k;
      continue;
    }
    if (c === '/' && s[j + 1] === '/') {
      const nl = s.indexOf('\n', j);
      if (nl < 0) return -1;
      j = nl;
      continue;
    }
    if (c === '/' && s[j + 1] === '*') {
      const k = s.indexOf('*/', j + 2);
      if (k < 0) return -1;
      j = k + 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
    j++;
  }
  return -1;
}

/** Every `${...}` of a template in order; an unterminated one ends the list with `closed: false`. */
export function scanPlaceholders(template: string): Placeholder[] {
  const out: Placeholder[] = [];
  let i = template.indexOf('${');
  while (i >= 0) {
    const close = skipCode(template, i + 2);
    if (close < 0) {
      out.push({ start: i, end: template.length, source: template.slice(i), closed: false });
      break;
    }
    out.push({ start: i, end: close + 1, source: template.slice(i, close + 1), closed: true });
    i = template.indexOf('${', close + 1);
  }
  return out;
}
