/** Finds `${...}` spans in a template (balanced braces, Groovy string literals skipped) and their JSON context. */

/** One `${...}` span: [start, end) in the template. */
export interface Span {
  start: number;
  end: number;
}

/** The `${...}` spans of a template; an unterminated one runs to the end. */
export function placeholderSpans(t: string): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < t.length) {
    const start = t.indexOf('${', i);
    if (start < 0) break;
    let j = start + 2;
    let depth = 1;
    while (j < t.length && depth > 0) {
      const c = t[j];
      if (c === "'" || c === '"') {
        j++;
        while (j < t.length && t[j] !== c) j += t[j] === '\\' ? 2 : 1;
      } else if (c === '{') depth++;
      else if (c === '}') depth--;
      j++;
    }
    out.push({ start, end: Math.min(j, t.length) });
    i = Math.min(j, t.length);
  }
  return out;
}

/** For each span, whether it sits inside a JSON string literal of the surrounding template text. */
export function spansInJsonStrings(t: string, spans: readonly Span[]): boolean[] {
  const inside: boolean[] = [];
  let inString = false;
  let pos = 0;
  const scan = (to: number) => {
    for (let k = pos; k < to; k++) {
      if (t[k] === '\\' && inString) k++;
      else if (t[k] === '"') inString = !inString;
    }
  };
  for (const s of spans) {
    scan(s.start);
    inside.push(inString);
    pos = s.end;
  }
  return inside;
}
