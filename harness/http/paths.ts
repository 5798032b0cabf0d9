/**
 * Dotted body paths as EIC writes them: `error.code`, `data[0].id`, `call1.message.agentResults[0].agentId`,
 * with `~dot#` standing for a literal dot inside a key (`odata~dot#error.code`).
 */

/** Splits an EIC dotted path into segments (`a.b[0].c` → ['a','b',0,'c']); `~dot#` becomes a literal '.'. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    if (part === '') continue;
    const key = part.replaceAll('~dot#', '.');
    const m = /^([^[]*)((?:\[\d+\])+)$/.exec(key);
    if (!m) {
      out.push(key);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The value at an EIC dotted path, or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const seg of splitPath(path)) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else if (typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Renders a looked-up value as the string EIC compares and stores (objects as JSON, null/undefined as null). */
export function pathValueToString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
