/**
 * Turns an EIC template into Groovy source for a triple-quoted GString literal, so real Groovy evaluates it exactly as a
 * GString: text outside `${...}` is escaped (`\`, `"`, `$`), each `${...}` is copied verbatim. Only `${` starts a
 * placeholder (a bare `$name` stays text), matching how EIC templates are written. This scanner is independent of the
 * engine's own placeholder finder on purpose: the differential test must not inherit the engine's mistakes.
 */

/** Index just past the end of a quoted literal starting at `i` (which holds the opening quote). */
function skipString(s: string, i: number): number {
  const q = s[i];
  const triple = s.startsWith(q.repeat(3), i);
  let j = i + (triple ? 3 : 1);
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (q === '"' && c === '$' && s[j + 1] === '{') {
      j = skipCode(s, j + 2);
      continue;
    }
    if (triple ? s.startsWith(q.repeat(3), j) : c === q) return j + (triple ? 3 : 1);
    if (!triple && c === '\n') return j;
    j++;
  }
  return j;
}

/** Given `i` just after a `${` (or `{`), the index just past the matching `}`; `s.length` when unterminated. */
export function skipCode(s: string, i: number): number {
  let depth = 1;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === "'" || c === '"') {
      j = skipString(s, j);
      continue;
    }
    if (c === '/' && s[j + 1] === '/') {
      const nl = s.indexOf('\n', j);
      j = nl < 0 ? s.length : nl;
      continue;
    }
    if (c === '/' && s[j + 1] === '*') {
      const end = s.indexOf('*/', j + 2);
      j = end < 0 ? s.length : end + 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return s.length;
}

/** Splits a template into text and `${...}` parts (the expression part includes `${` and `}`). */
export function splitTemplate(template: string): { kind: 'text' | 'expr'; text: string }[] {
  const parts: { kind: 'text' | 'expr'; text: string }[] = [];
  let textStart = 0;
  let i = 0;
  while (i < template.length) {
    if (template[i] === '$' && template[i + 1] === '{') {
      if (i > textStart) parts.push({ kind: 'text', text: template.slice(textStart, i) });
      const end = skipCode(template, i + 2);
      parts.push({ kind: 'expr', text: template.slice(i, end) });
      i = end;
      textStart = end;
    } else i++;
  }
  if (textStart < template.length) parts.push({ kind: 'text', text: template.slice(textStart) });
  return parts;
}

/** The template as the source of a Groovy triple-quoted GString literal. */
export function toGStringSource(template: string): string {
  let body = '';
  for (const part of splitTemplate(template)) {
    body += part.kind === 'expr' ? part.text : part.text.replace(/[\\"$]/g, (c) => `\\${c}`);
  }
  return `"""${body}"""`;
}
